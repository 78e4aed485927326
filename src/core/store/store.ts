// The content-addressed store (docs/interpreter-and-store.md).
//
// Layout under the root (--store DIR, else $PYHERMETIC_HOME, else ~/.cache/pyhermetic):
//   blobs/sha256/<sha256>            a file whose name is the sha256 of its bytes (source tarballs)
//   entries/<type>/<key>/            a named set of files (an interpreter: interpreter.tar.gz +
//                                    interpreter.json) and entry.json, the entry's manifest, naming
//                                    every file's sha256 and size
//   locks/<type>-<key>.lock          flock files that only save duplicate work (store-lock.ts)
//   quarantine/                      bad entries moved aside by `store verify --repair`
//
// Every write goes to a temp created exclusively in the destination directory, named after its
// owner process (.tmp-<pid>.<starttime>-<random>), is fsync'd and checked, then published in one
// step: link(2) for a blob (never replaces an existing file), rename(2) of a whole directory for an
// entry (fails when the key already exists). entry.json is written last inside that directory, so an
// entry is either complete or invisible; when two writers race, the first publish wins and the other
// verifies the winner and discards its own copy. Reads verify every hash: a mismatch is an error
// naming the entry, never silently used and never silently rebuilt over.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, lstat, mkdir, readFile, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EnvironmentError, UsageError } from '../../shared/errors.js';
import { fsyncPath } from '../../shared/atomic-file.js';
import { sha256OfFile } from '../../shared/canonical.js';
import { ownerAlive, ownerToken } from '../../shared/dead-temps.js';
import { acquireFileLock, type FileLock } from './store-lock.js';
import { fsError, isErrnoError } from '../../shared/fs-errors.js';
import {
  checkEntry,
  checkRoot,
  ENTRY_MANIFEST,
  type EntryFile,
  type EntryManifest,
  type StoredEntry,
  type StoreProblem,
  SHA256_RE,
  TEMP_PREFIX,
  verifyStoreTree,
} from './store-check.js';

export { ENTRY_MANIFEST, type EntryFile, type EntryManifest, type StoredEntry, type StoreProblem };

const KEY_RE = /^[0-9A-Za-z][0-9A-Za-z._-]*$/;

/** A store entry or blob whose bytes are not what its name or manifest says. */
export class CorruptEntryError extends EnvironmentError {
  constructor(
    readonly entry: string,
    detail: string,
  ) {
    super(
      `corrupt store entry ${entry}: ${detail}`,
      'it is never used or silently rebuilt over: run `pyhermetic store verify --repair` (moves it to quarantine/), then run the command again',
    );
  }
}

/** Bytes offered for a blob did not have the expected sha256 (nothing was stored). */
export class HashMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
    readonly size: number,
  ) {
    super(`expected sha256 ${expected}, got ${actual} (${size} bytes)`);
  }
}

/** The store root: --store, else $PYHERMETIC_HOME, else ~/.cache/pyhermetic. */
export function defaultStoreRoot(explicit?: string): string {
  if (explicit) return resolve(explicit);
  if (process.env.PYHERMETIC_HOME) return resolve(process.env.PYHERMETIC_HOME);
  return join(homedir(), '.cache', 'pyhermetic');
}

const randomSuffix = (): string => randomBytes(6).toString('hex');

/** Streams `source` into a new exclusive temp file in `dir`, hashing on the way; fsyncs it. */
async function writeTemp(dir: string, source: Readable | Buffer, mode: number): Promise<{ tmp: string } & EntryFile> {
  const tmp = join(dir, `${TEMP_PREFIX}${await ownerToken()}-${randomSuffix()}`);
  const h = createHash('sha256');
  let size = 0;
  const input: AsyncIterable<Buffer> = Buffer.isBuffer(source)
    ? (async function* one() {
        yield source;
      })()
    : source;
  try {
    await pipeline(
      input,
      async function* hashing(chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          h.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      },
      createWriteStream(tmp, { flags: 'wx', mode }),
    );
    await fsyncPath(tmp);
  } catch (err) {
    await rm(tmp, { force: true });
    throw isErrnoError(err) && !err.path ? fsError(err, dir, 'writing into the store') : err;
  }
  return { tmp, sha256: h.digest('hex'), size };
}

export class Store {
  private constructor(readonly root: string) {}

  /** Opens (creating if needed) the store at `root`: refuses unsafe roots, sweeps orphan temps. */
  static async open(root?: string, opts: { onSweep?: (paths: string[]) => void } = {}): Promise<Store> {
    const dir = defaultStoreRoot(root);
    await checkRoot(dir);
    const store = new Store(dir);
    const swept = await store.sweep();
    if (swept.length > 0) opts.onSweep?.(swept);
    return store;
  }

  get blobDir(): string {
    return join(this.root, 'blobs', 'sha256');
  }

  blobPath(sha256: string): string {
    if (!SHA256_RE.test(sha256)) throw new UsageError(`not a sha256: ${sha256}`, 'a sha256 is 64 lowercase hex digits');
    return join(this.blobDir, sha256);
  }

  async hasBlob(sha256: string): Promise<boolean> {
    return lstat(this.blobPath(sha256)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  /** The path of a blob after checking its bytes; undefined when absent; CorruptEntryError when bad. */
  async blob(sha256: string): Promise<string | undefined> {
    const path = this.blobPath(sha256);
    if (!(await this.hasBlob(sha256))) return undefined;
    const got = await sha256OfFile(path);
    if (got.sha256 !== sha256)
      throw new CorruptEntryError(relative(this.root, path), `its bytes hash to ${got.sha256}`);
    return path;
  }

  /**
   * Stores bytes as a blob. With `expected`, bytes that hash otherwise throw HashMismatchError and
   * nothing is stored. An existing blob of that hash is verified and kept (never replaced).
   */
  async putBlob(
    source: Readable | Buffer | string,
    expected?: string,
  ): Promise<{ path: string; existed: boolean } & EntryFile> {
    await mkdir(this.blobDir, { recursive: true, mode: 0o755 });
    const input = typeof source === 'string' ? createReadStream(source) : source;
    const { tmp, sha256, size } = await writeTemp(this.blobDir, input, 0o444);
    try {
      if (expected !== undefined && sha256 !== expected) throw new HashMismatchError(expected, sha256, size);
      const final = this.blobPath(sha256);
      let existed = false;
      try {
        await link(tmp, final);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        await this.blob(sha256); // throws when the one already there is bad
        existed = true;
      }
      await fsyncPath(this.blobDir);
      return { path: final, existed, sha256, size };
    } finally {
      await rm(tmp, { force: true });
    }
  }

  entryDir(type: string, key: string): string {
    if (!KEY_RE.test(type) || !KEY_RE.test(key)) throw new UsageError(`bad store entry name ${type}/${key}`);
    return join(this.root, 'entries', type, key);
  }

  /** A complete, verified entry, or undefined when there is none. Never returns a bad one. */
  async entry(type: string, key: string): Promise<StoredEntry | undefined> {
    const dir = this.entryDir(type, key);
    if (
      !(await stat(dir).then(
        (s) => s.isDirectory(),
        () => false,
      ))
    )
      return undefined;
    const problems = await checkEntry(dir, type, key);
    if (problems.length > 0) throw new CorruptEntryError(relative(this.root, dir), problems.join('; '));
    const manifest = JSON.parse(await readFile(join(dir, ENTRY_MANIFEST), 'utf8')) as EntryManifest;
    return { dir, manifest, existed: true };
  }

  /**
   * Publishes an entry made of `files` (name → a path to copy or the bytes). `expected` hashes, when
   * given, are checked against what was written. The first writer of a key wins.
   */
  async putEntry(
    type: string,
    key: string,
    files: Record<string, string | Buffer>,
    expected: Record<string, string> = {},
  ): Promise<StoredEntry> {
    const final = this.entryDir(type, key);
    const parent = join(this.root, 'entries', type);
    await mkdir(parent, { recursive: true, mode: 0o755 });
    const tmpDir = join(parent, `${TEMP_PREFIX}${await ownerToken()}-${randomSuffix()}`);
    await mkdir(tmpDir, { mode: 0o755 });
    try {
      const manifest: EntryManifest = { schema: 1, kind: 'pyhermetic-store-entry', type, key, files: {} };
      for (const name of Object.keys(files).sort()) {
        if (name === ENTRY_MANIFEST || name.includes('/') || name.startsWith('.'))
          throw new Error(`bad entry file name ${name}`);
        const src = files[name];
        const written = await writeTemp(tmpDir, typeof src === 'string' ? createReadStream(src) : src, 0o444);
        if (expected[name] !== undefined && expected[name] !== written.sha256) {
          throw new EnvironmentError(
            `${name} changed while being stored (sha256 ${written.sha256}, expected ${expected[name]})`,
            'check the disk and run the command again',
          );
        }
        await rename(written.tmp, join(tmpDir, name));
        manifest.files[name] = { sha256: written.sha256, size: written.size };
      }
      const doc = await writeTemp(tmpDir, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 0o444);
      await rename(doc.tmp, join(tmpDir, ENTRY_MANIFEST));
      await fsyncPath(tmpDir);
      try {
        await rename(tmpDir, final);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
        const winner = await this.entry(type, key); // throws when what is there is bad
        if (!winner) throw err;
        return winner;
      }
      await fsyncPath(parent);
      return { dir: final, manifest, existed: false };
    } finally {
      await rm(tmpDir, { recursive: true, force: true });
    }
  }

  /** The per-key lock: only saves duplicate work (two builders of one key), never guards correctness. */
  async lock(type: string, key: string, onWait?: () => void): Promise<FileLock> {
    const dir = join(this.root, 'locks');
    await mkdir(dir, { recursive: true, mode: 0o755 });
    this.entryDir(type, key); // validates the names
    return acquireFileLock(join(dir, `${type}-${key}.lock`), onWait);
  }

  /** Removes temps whose owner process is gone. Returns what was removed (relative paths). */
  async sweep(): Promise<string[]> {
    const removed: string[] = [];
    for (const dir of await this.tempDirs()) {
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        if (!name.startsWith(TEMP_PREFIX)) continue;
        const token = name.slice(TEMP_PREFIX.length).split('-')[0];
        if (await ownerAlive(token)) continue;
        await rm(join(dir, name), { recursive: true, force: true });
        removed.push(relative(this.root, join(dir, name)));
      }
    }
    return removed;
  }

  private async tempDirs(): Promise<string[]> {
    const entries = join(this.root, 'entries');
    const types = await readdir(entries).catch(() => [] as string[]);
    return [this.blobDir, ...types.filter((t) => !t.startsWith('.')).map((t) => join(entries, t))];
  }

  /**
   * Checks every blob and entry; returns one problem per bad item. `checkEntry` adds what an entry of
   * its type must be beyond its hashes (an interpreter: interpreter-trust.ts), run on entries that verify.
   */
  async verify(
    opts: { checkEntry?: (type: string, key: string, entry: StoredEntry) => Promise<string[]> } = {},
  ): Promise<{ checked: number; problems: StoreProblem[] }> {
    return verifyStoreTree(this.root, this.blobDir, opts);
  }

  /** Moves a bad blob or entry (path relative to the root) into quarantine/. Returns the new relative path. */
  async quarantine(rel: string): Promise<string> {
    const dir = join(this.root, 'quarantine');
    await mkdir(dir, { recursive: true, mode: 0o755 });
    const dest = join(dir, `${rel.split('/').join('__')}.${Date.now()}-${randomSuffix()}`);
    const src = join(this.root, rel);
    // Never moves anything from outside the store, whatever a path (or a symlink planted since open) says.
    const realRoot = await realpath(this.root);
    const realParent = await realpath(dirname(src));
    if (rel.split('/').includes('..') || (realParent !== realRoot && !realParent.startsWith(`${realRoot}/`)))
      throw new UsageError(`refusing to quarantine ${src}: it is not inside the store ${this.root}`);
    await rename(src, dest);
    await fsyncPath(dir);
    return relative(this.root, dest);
  }
}
