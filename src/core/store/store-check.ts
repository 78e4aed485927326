// What a store holds, checked (store.ts): the root's ownership and modes before it is used, and every
// blob and entry against the hashes that name them (`store verify`). Also the names of the layout that
// both use: the entry manifest, the temp prefix.
import { lstat, mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import { sha256OfFile } from '../../shared/canonical.js';
import { fsError, isErrnoError } from '../../shared/fs-errors.js';
import { checkTreeSafe } from '../../shared/safe-dirs.js';

export const ENTRY_MANIFEST = 'entry.json';
export const TEMP_PREFIX = '.tmp-';
export const SHA256_RE = /^[0-9a-f]{64}$/;

export interface EntryFile {
  sha256: string;
  size: number;
}

export interface EntryManifest {
  schema: 1;
  kind: 'pyhermetic-store-entry';
  type: string;
  key: string;
  files: Record<string, EntryFile>;
}

export interface StoredEntry {
  dir: string;
  manifest: EntryManifest;
  /** True when the entry was already there (another writer published it first). */
  existed: boolean;
}

export interface StoreProblem {
  /** Relative to the store root. */
  path: string;
  message: string;
  fix: string;
}

/** Checks every blob and entry of the store at root; returns one problem per bad item. */
export async function verifyStoreTree(
  root: string,
  blobDir: string,
  opts: { checkEntry?: (type: string, key: string, entry: StoredEntry) => Promise<string[]> } = {},
): Promise<{ checked: number; problems: StoreProblem[] }> {
  const problems: StoreProblem[] = [];
  let checked = 0;
  const fix = 'run `pyhermetic store verify --repair` to move it to quarantine/, then rebuild or re-import it';
  for (const name of (await readdir(blobDir).catch(() => [] as string[])).sort()) {
    if (name.startsWith(TEMP_PREFIX)) continue;
    const path = join(blobDir, name);
    checked++;
    const rel = relative(root, path);
    if (!SHA256_RE.test(name)) {
      problems.push({ path: rel, message: 'not named by a sha256', fix });
      continue;
    }
    const st = await lstat(path);
    if (!st.isFile()) {
      problems.push({ path: rel, message: 'not a regular file', fix });
      continue;
    }
    const got = await sha256OfFile(path);
    if (got.sha256 !== name) problems.push({ path: rel, message: `bytes hash to ${got.sha256}`, fix });
  }
  const entriesRoot = join(root, 'entries');
  for (const type of (await readdir(entriesRoot).catch(() => [] as string[])).sort()) {
    for (const key of (await readdir(join(entriesRoot, type)).catch(() => [] as string[])).sort()) {
      if (key.startsWith(TEMP_PREFIX)) continue;
      checked++;
      const dir = join(entriesRoot, type, key);
      const found = await checkEntry(dir, type, key);
      if (found.length === 0 && opts.checkEntry) {
        const manifest = JSON.parse(await readFile(join(dir, ENTRY_MANIFEST), 'utf8')) as EntryManifest;
        found.push(...(await opts.checkEntry(type, key, { dir, manifest, existed: true })));
      }
      if (found.length > 0) problems.push({ path: relative(root, dir), message: found.join('; '), fix });
    }
  }
  return { checked, problems };
}

/** What is wrong with an entry directory (empty when it is complete and every file verifies). */
export async function checkEntry(dir: string, type: string, key: string): Promise<string[]> {
  let manifest: EntryManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, ENTRY_MANIFEST), 'utf8')) as EntryManifest;
  } catch (err) {
    return [
      `${ENTRY_MANIFEST} is missing or unreadable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    ];
  }
  if (
    manifest?.kind !== 'pyhermetic-store-entry' ||
    manifest.type !== type ||
    manifest.key !== key ||
    typeof manifest.files !== 'object'
  ) {
    return [`${ENTRY_MANIFEST} does not describe ${type}/${key}`];
  }
  const problems: string[] = [];
  const names = new Set(await readdir(dir));
  for (const [name, want] of Object.entries(manifest.files)) {
    if (!names.has(name)) {
      problems.push(`${name} is missing`);
      continue;
    }
    const got = await sha256OfFile(join(dir, name));
    if (got.sha256 !== want.sha256 || got.size !== want.size) {
      problems.push(
        `${name} has sha256 ${got.sha256} (${got.size} bytes), ${ENTRY_MANIFEST} says ${want.sha256} (${want.size} bytes)`,
      );
    }
  }
  for (const name of names) {
    if (name !== ENTRY_MANIFEST && !(name in manifest.files))
      problems.push(`${name} is not listed in ${ENTRY_MANIFEST}`);
  }
  return problems;
}

/** Refuses a store root anyone else could write into: they could swap an interpreter under everyone. */
export async function checkRoot(root: string): Promise<void> {
  let st = await stat(root).catch(() => undefined);
  if (!st) {
    await mkdir(root, { recursive: true, mode: 0o700 }).catch((err) => {
      throw isErrnoError(err) ? fsError(err, root, 'creating the store root') : err;
    });
    st = await stat(root);
  }
  if (!st.isDirectory())
    throw new UsageError(
      `the store root ${root} is not a directory`,
      'pass --store with a directory (it is created if missing)',
    );
  if (st.mode & 0o022) {
    const who = st.mode & 0o002 ? 'world-writable' : `writable by group ${st.gid}`;
    throw new UsageError(
      `the store root ${root} is ${who} (mode ${(st.mode & 0o7777).toString(8)}): anyone on this machine could replace what it holds`,
      `run chmod go-w ${root}, or pass --store with a directory of your own`,
    );
  }
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) {
    throw new UsageError(
      `the store root ${root} is owned by uid ${st.uid}, not by you (uid ${uid})`,
      'use a store of your own (--store DIR or PYHERMETIC_HOME), or have its owner run the command',
    );
  }
  // Below the root too, without following symlinks: a symlinked blobs/ or entries/ would send writes
  // (and --repair's moves) elsewhere. blobs/ and entries/ are checked all the way down; other
  // top-level directories (locks/, extracted build roots, which hold a root file system's own
  // symlinks) down to their direct children; quarantined entries are kept as they were found.
  checkTreeSafe(root, 'store', {
    opaque: (rel) => rel === 'quarantine' || (rel.includes('/') && !/^(blobs|entries)\//.test(rel)),
  });
}
