// The fleet-wide wheel cache that cannot poison (docs/remote-store.md "Shared wheels"). A wheel built
// here from an allowed sdist is published under the interpreter's fingerprint scope and the sdist's
// sha256:
//   wheels/<fingerprint>/<sdist sha256>/<wheel file>
//   wheels/<fingerprint>/<sdist sha256>/wheel.json      (written last: names the file, its sha256, size)
// Another agent with the same fingerprint and the same locked sdist fetches it (sha256 checked while it
// streams), runs the cache audit's rules on it (tags, libpython under a static interpreter, RUNPATH,
// glibc), and only then installs it instead of building the sdist. A wheel that fails the audit is a
// finding (exit 1), never installed. An interpreter with another fingerprint never even looks at it.
// pip itself cannot take a cached wheel under --require-hashes (pip 22.3 rebuilds), so env create
// hands pip the audited file as a direct reference with the wheel's own sha256.
import { readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FindingsError, type Finding } from '../../shared/errors.js';
import * as log from '../../shared/log.js';
import { sha256OfFile } from '../../shared/canonical.js';
import { readWheel } from '../abi/wheel.js';
import { parseWheelFileName } from '../abi/wheel-tags.js';
import type { FingerprintFields } from '../model/fingerprint-fields.js';
import { RemoteError, shown } from '../store/remote-http.js';
import { MAX_FILE_BYTES } from '../store/remote-read.js';
import { wheelRecordProblems } from './wheel-record.js';
import { downloadTemp, type RemoteStore } from '../store/remote.js';
import { findWheels, wheelFindings } from './audit.js';
import { normalizeName } from './dist-metadata.js';
import { pipRequirements, type LockEntry } from './lockfile.js';
import { hostKey } from '../interpreter/hostkey.js';
import type { InterpreterRef } from '../interpreter/interpreter-ref.js';
import { pathToFileURL } from 'node:url';

export interface SharedWheelManifest {
  schema: 1;
  kind: 'pyhermetic-shared-wheel';
  fingerprint: string;
  sdistSha256: string;
  name: string;
  version: string;
  wheel: { file: string; sha256: string; size: number };
}

export interface SharedWheel {
  path: string;
  sha256: string;
  /** The wheel's URL on the remote (never with credentials: the base URL has none). */
  url: string;
  sdistSha256: string;
}

export interface SharedWheelScope {
  remote: RemoteStore;
  fingerprint: string;
  fields: FingerprintFields;
  glibcMax: string;
  /** The lock's entries that may come from an sdist. */
  allowed: LockEntry[];
}

/** The scope of an env create: this interpreter, the lock's allowed entries. */
export async function sharedWheelScope(
  remote: RemoteStore,
  ref: InterpreterRef,
  entries: LockEntry[],
  allowSource: Set<string>,
): Promise<SharedWheelScope> {
  return {
    remote,
    fingerprint: ref.fingerprint,
    fields: ref.fields,
    // The wheel must at least run here; the deploy host's floor is verify's business (--glibc-max).
    glibcMax: ref.manifest?.hostKey.glibc ?? (await hostKey()).glibc,
    allowed: entries.filter((e) => allowSource.has(normalizeName(e.name))),
  };
}

/** The requirements pip gets: the lock's lines, an entry with a shared wheel as a direct reference to it. */
export function requirementsWithSharedWheels(entries: LockEntry[], shared: Map<string, SharedWheel>): string {
  const direct = entries.flatMap((e) => {
    const w = shared.get(normalizeName(e.name));
    return w ? [`${normalizeName(e.name)} @ ${pathToFileURL(w.path).href} --hash=sha256:${w.sha256}\n`] : [];
  });
  return pipRequirements(entries.filter((e) => !shared.has(normalizeName(e.name)))) + direct.join('');
}

/** What pyhermetic-env.json records of the shared wheels an env was installed from. */
export function sharedWheelRecords(
  shared: Map<string, SharedWheel> | undefined,
): { name: string; url: string; sha256: string; sdistSha256: string }[] {
  return [...(shared ?? [])].map(([name, w]) => ({ name, url: w.url, sha256: w.sha256, sdistSha256: w.sdistSha256 }));
}

const scopeOf = (fingerprint: string, sdist: string): string => `wheels/${fingerprint}/${sdist}`;

/** A wheel file name the remote may name: a plain `*.whl` name (no `/`, no `..`, nothing hidden). */
const WHEEL_FILE_RE = /^[0-9A-Za-z][0-9A-Za-z._+-]*\.whl$/;

function matches(doc: SharedWheelManifest, scope: SharedWheelScope, entry: LockEntry, sdist: string): boolean {
  const file = typeof doc?.wheel?.file === 'string' ? doc.wheel.file : '';
  const parsed = WHEEL_FILE_RE.test(file) ? parseWheelFileName(file) : undefined;
  return (
    doc?.kind === 'pyhermetic-shared-wheel' &&
    doc.fingerprint === scope.fingerprint &&
    doc.sdistSha256 === sdist &&
    /^[0-9a-f]{64}$/.test(doc.wheel.sha256) &&
    Number.isSafeInteger(doc.wheel.size) &&
    doc.wheel.size > 0 &&
    doc.wheel.size <= MAX_FILE_BYTES &&
    parsed !== undefined &&
    normalizeName(parsed.distribution) === normalizeName(entry.name) &&
    parsed.version === entry.version
  );
}

async function audited(path: string, url: string, scope: SharedWheelScope, ownRecord = false): Promise<void> {
  const findings: Finding[] = wheelFindings(await readWheel(path), scope.fields, scope.glibcMax).map((f) => ({
    path: url,
    message: f.message,
    fix: `it was not installed. Remove ${dirname(url)}/ from the remote store (a publisher built it wrongly, or someone placed it there); the next build from the sdist publishes a good one`,
  }));
  if (findings.length > 0)
    throw new FindingsError(
      `the shared wheel ${url} fails the cache audit for this interpreter (${findings.length} finding(s)); it was not used`,
      findings,
    );
  const record = ownRecord ? await wheelRecordProblems(path) : [];
  if (record.length > 0)
    throw new RemoteError(
      `the shared wheel ${url} does not match its own RECORD: ${record.join('; ')}; it was not used`,
      `the wheel was changed after it was built: have ${dirname(url)}/ removed from the remote store; the next build from the sdist publishes a good one`,
    );
}

/**
 * The audited shared wheels for the allowed entries of a lock, by normalised name, downloaded into
 * a temp directory the caller removes with `done()`. Entries without a shared wheel are absent (pip
 * builds them from the sdist as before).
 */
export async function fetchSharedWheels(
  scope: SharedWheelScope,
): Promise<{ wheels: Map<string, SharedWheel>; done(): Promise<void> }> {
  const dir = await downloadTemp('pyhermetic-wheels-');
  const wheels = new Map<string, SharedWheel>();
  try {
    for (const entry of scope.allowed) {
      for (const sdist of entry.hashes) {
        const at = scopeOf(scope.fingerprint, sdist);
        const url = shown(scope.remote.url(`${at}/wheel.json`));
        // Checked for shape (and signature, with trusted keys) before anything it names is fetched.
        const doc = (await scope.remote.getDocument(
          `${at}/wheel.json`,
          `a shared wheel manifest of ${entry.name}==${entry.version} built from sdist ${sdist} by interpreter ${scope.fingerprint}`,
          (d) => matches(d as SharedWheelManifest, scope, entry, sdist),
        )) as SharedWheelManifest | undefined;
        if (doc === undefined) continue;
        log.info(`${entry.name}: the remote has a shared wheel (${url})`);
        const dest = join(dir, doc.wheel.file);
        if (!(await scope.remote.downloadTo(`${at}/${doc.wheel.file}`, doc.wheel, dest)))
          throw new RemoteError(
            `${url} names ${doc.wheel.file}, which the remote does not have`,
            'the shared wheel is incomplete: have its directory removed from the remote store; nothing was installed',
          );
        await audited(dest, shown(scope.remote.url(`${at}/${doc.wheel.file}`)), scope, true);
        log.info(
          `${entry.name}: using the shared wheel ${doc.wheel.file} (audited) instead of building sdist ${sdist}`,
        );
        wheels.set(normalizeName(entry.name), {
          path: dest,
          sha256: doc.wheel.sha256,
          url: scope.remote.url(`${at}/${doc.wheel.file}`).href,
          sdistSha256: sdist,
        });
        break;
      }
    }
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return { wheels, done: () => rm(dir, { recursive: true, force: true }) };
}

/** The sdist sha256 pip recorded for a wheel it built (origin.json beside it), if any. */
async function sdistOf(wheel: string): Promise<string | undefined> {
  try {
    const origin = JSON.parse(await readFile(join(dirname(wheel), 'origin.json'), 'utf8'));
    const hash = String(origin?.archive_info?.hash ?? '');
    return hash.startsWith('sha256=') ? hash.slice(7) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Publishes the wheels pip built in this fingerprint's cache from the lock's allowed sdists (each
 * audited first: a poisoned wheel is never shared). Returns the remote paths written.
 */
export async function publishBuiltWheels(scope: SharedWheelScope, cacheDir: string): Promise<string[]> {
  const bySdist = new Map(scope.allowed.flatMap((e) => e.hashes.map((h) => [h, e] as const)));
  const written: string[] = [];
  for (const wheel of await findWheels(join(cacheDir, 'wheels'))) {
    const sdist = await sdistOf(wheel);
    const entry = sdist ? bySdist.get(sdist) : undefined;
    if (!sdist || !entry) continue;
    const file = basename(wheel);
    const at = scopeOf(scope.fingerprint, sdist);
    if (await scope.remote.getJson(`${at}/wheel.json`, 'the shared wheel manifest')) continue;
    if (!WHEEL_FILE_RE.test(file)) continue;
    await audited(wheel, wheel, scope);
    const { sha256, size } = await sha256OfFile(wheel);
    const doc: SharedWheelManifest = {
      schema: 1,
      kind: 'pyhermetic-shared-wheel',
      fingerprint: scope.fingerprint,
      sdistSha256: sdist,
      name: normalizeName(entry.name),
      version: entry.version,
      wheel: { file, sha256, size },
    };
    await scope.remote.putFile(`${at}/${file}`, { path: wheel, sha256, size: doc.wheel.size });
    const r = await scope.remote.putDocument(`${at}/wheel.json`, doc);
    log.info(`${r === 'created' ? 'published' : 'already shared:'} ${at}/${file}`);
    written.push(`${at}/${file}`);
  }
  return written;
}
