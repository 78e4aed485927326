// A wheel against its own RECORD: every member but RECORD (and its signatures) is listed with the
// sha256 of its bytes, and every listed file is in the wheel. A shared wheel (shared-wheels.ts) must
// pass this before it is installed: its wheel.json ties it to the fingerprint and the sdist, its RECORD
// ties its members to one another, so a member swapped after the wheel was built is caught. Run after
// the cache audit, which has already refused hostile names and decompression bombs.
import { createHash } from 'node:crypto';
import yauzl from 'yauzl';
import { parseCsv } from './dist-record.js';

const RECORD_RE = /^[^/]+\.dist-info\/RECORD$/;
/** RECORD's own signature files are not listed with a hash (PEP 376/427). */
const UNHASHED_RE = /^[^/]+\.dist-info\/RECORD(\.jws|\.p7s)?$/;
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true, autoClose: true }, (e, z) =>
      e ? reject(e) : resolve(z),
    ),
  );
}

/** sha256 of every file member, and RECORD's text. */
async function hashMembers(path: string): Promise<{ hashes: Map<string, string>; record?: string }> {
  const zip = await openZip(path);
  const hashes = new Map<string, string>();
  let record: string | undefined;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) return void zip.readEntry();
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const h = createHash('sha256');
        const keep = RECORD_RE.test(entry.fileName) && entry.uncompressedSize <= MAX_RECORD_BYTES;
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => {
          h.update(c);
          if (keep) chunks.push(c);
        });
        stream.on('error', reject);
        stream.on('end', () => {
          hashes.set(entry.fileName, h.digest('hex'));
          if (keep) record = Buffer.concat(chunks).toString('utf8');
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return { hashes, record };
}

/** What is wrong between a wheel and its RECORD (empty when every member is listed with its hash). */
export async function wheelRecordProblems(path: string): Promise<string[]> {
  let read: { hashes: Map<string, string>; record?: string };
  try {
    read = await hashMembers(path);
  } catch (err) {
    return [`not a readable wheel: ${(err as Error).message}`];
  }
  if (read.record === undefined) return ['it has no *.dist-info/RECORD'];
  const problems: string[] = [];
  const listed = new Set<string>();
  for (const [name, hash] of parseCsv(read.record)) {
    if (!name) continue;
    listed.add(name);
    const got = read.hashes.get(name);
    if (got === undefined) {
      problems.push(`RECORD lists ${JSON.stringify(name)}, which the wheel does not hold`);
      continue;
    }
    if (UNHASHED_RE.test(name)) continue;
    const m = /^sha256=([A-Za-z0-9_-]+=*)$/.exec(hash ?? '');
    if (!m) problems.push(`RECORD gives ${JSON.stringify(name)} no sha256`);
    else if (Buffer.from(m[1].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('hex') !== got)
      problems.push(`${JSON.stringify(name)} does not have the sha256 RECORD gives it`);
  }
  for (const name of read.hashes.keys())
    if (!listed.has(name) && !UNHASHED_RE.test(name))
      problems.push(`${JSON.stringify(name)} is in the wheel but not in RECORD`);
  return problems.slice(0, 20);
}
