// requirements.lock: the complete, hashed list of distributions one interpreter installs.
//
//   # pyhermetic-lock version=1
//   # pyhermetic-lock fingerprint=<64 hex: the interpreter the lock was resolved for>
//   # pyhermetic-lock python=3.11.2
//   # pyhermetic-lock index-url=<first index>          (one line per index, in order)
//   # pyhermetic-lock allow-source=<name>              (one line per name allowed to build from sdist)
//   markupsafe==2.1.2 --hash=sha256:<64 hex> [--hash=sha256:<64 hex>…]
//
// Entries are sorted by PEP 503 normalised name. pip reads the same file with --require-hashes (the
// header is comments to it). The fingerprint line lets later stages refuse a lock that was made for
// another interpreter. Only sha256 hashes and exact `==` pins are accepted: anything looser would let
// the installed set float again. A trailing backslash continues an entry on the next line, as
// pip-compile writes it.
import { UsageError } from '../../shared/errors.js';

export const LOCK_MARKER = '# pyhermetic-lock ';

export interface LockEntry {
  /** The name as written (normalise with normalizeName to compare). */
  name: string;
  version: string;
  /** sha256 hex digests (lower case), at least one. */
  hashes: string[];
  /** 1-based line number in the source (0 for entries not read from a file). */
  line: number;
}

export interface LockHeader {
  fingerprint?: string;
  python?: string;
  indexUrls: string[];
  allowSource: string[];
}

export interface Lock {
  header: LockHeader;
  entries: LockEntry[];
}

import { normalizeName } from './dist-metadata.js';
import { exactPin } from './requirements-file.js';

const NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const VERSION = /^[A-Za-z0-9][A-Za-z0-9.+!_-]*$/;

function fail(source: string, line: number, text: string, why: string): never {
  throw new UsageError(
    `${source}:${line}: ${why}: '${text.trim()}'`,
    'every lock line must be `name==version --hash=sha256:<64 hex>`; regenerate the file with `pyhermetic lock`',
  );
}

function parseHeaderLine(header: LockHeader, body: string): void {
  const eq = body.indexOf('=');
  if (eq <= 0) return;
  const key = body.slice(0, eq).trim();
  const value = body.slice(eq + 1).trim();
  if (key === 'fingerprint') header.fingerprint = value;
  else if (key === 'python') header.python = value;
  else if (key === 'index-url') header.indexUrls.push(value);
  else if (key === 'allow-source') header.allowSource.push(value);
}

/** Parses a lock; any line that is not a comment, blank or a hashed exact pin is a UsageError naming its line. */
export function parseLock(text: string, source = 'requirements.lock'): Lock {
  const header: LockHeader = { indexUrls: [], allowSource: [] };
  const entries: LockEntry[] = [];
  const lines = text.split('\n');
  const seen = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let logical = lines[i].replace(/\r$/, '');
    if (logical.startsWith(LOCK_MARKER)) {
      parseHeaderLine(header, logical.slice(LOCK_MARKER.length));
      continue;
    }
    while (/\\\s*$/.test(logical) && i + 1 < lines.length) {
      logical = logical.replace(/\\\s*$/, ' ') + lines[++i].replace(/\r$/, '');
    }
    const hashAt = logical.search(/(^|\s)#/);
    const content = (hashAt === -1 ? logical : logical.slice(0, hashAt)).trim();
    if (content === '') continue;
    const words = content.split(/\s+/);
    const pin = exactPin(words[0]);
    if (!pin) fail(source, lineNo, content, 'not an exact pin (name==version)');
    const { name, version } = pin;
    if (!NAME.test(name) || !VERSION.test(version)) fail(source, lineNo, content, 'not a valid name==version');
    const hashes: string[] = [];
    for (const w of words.slice(1)) {
      const m = /^--hash[=:]sha256:([0-9a-fA-F]{64})$/.exec(w);
      if (!m) fail(source, lineNo, content, `unexpected '${w}' (only --hash=sha256:<64 hex> may follow the pin)`);
      hashes.push(m[1].toLowerCase());
    }
    if (hashes.length === 0) fail(source, lineNo, content, `no --hash for ${name}==${version}`);
    const key = normalizeName(name);
    const earlier = seen.get(key);
    if (earlier !== undefined) fail(source, lineNo, content, `${name} is pinned twice (also on line ${earlier})`);
    seen.set(key, lineNo);
    entries.push({ name, version, hashes: [...new Set(hashes)], line: lineNo });
  }
  return { header, entries };
}

/** Formats a lock: the header, then one line per entry sorted by normalised name. Same input → same bytes. */
export function formatLock(lock: Lock): string {
  const h = lock.header;
  const head = [`${LOCK_MARKER}version=1`];
  if (h.fingerprint) head.push(`${LOCK_MARKER}fingerprint=${h.fingerprint}`);
  if (h.python) head.push(`${LOCK_MARKER}python=${h.python}`);
  for (const url of h.indexUrls) head.push(`${LOCK_MARKER}index-url=${url}`);
  for (const name of [...new Set(h.allowSource.map(normalizeName))].sort())
    head.push(`${LOCK_MARKER}allow-source=${name}`);
  head.push('# Generated by `pyhermetic lock`; install with `pyhermetic env create --lock`. Do not edit by hand.');
  const body = [...lock.entries]
    .sort((a, b) =>
      normalizeName(a.name) < normalizeName(b.name) ? -1 : normalizeName(a.name) > normalizeName(b.name) ? 1 : 0,
    )
    .map(
      (e) =>
        `${normalizeName(e.name)}==${e.version} ${[...e.hashes]
          .sort()
          .map((x) => `--hash=sha256:${x}`)
          .join(' ')}`,
    );
  return `${[...head, ...body].join('\n')}\n`;
}

/** The pip-readable body only (no header): what env create hands to pip, rebuilt from the parsed entries. */
export function pipRequirements(entries: LockEntry[]): string {
  return formatLock({ header: { indexUrls: [], allowSource: [] }, entries });
}
