// Walking a directory tree the way the tar writer packs it: which entries, in which order, with which
// normalised mode and which bytes. hashTree() and writeDeterministicTarGz() both go through here, so
// `verify` hashes a tested tree exactly as `pack` packs it.
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants as fsConstants,
  createReadStream,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
} from 'node:fs';
import { stat } from 'node:fs/promises';
import { posix, join, sep } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import type { FileRecord } from '../model/manifests.js';
import { rootRelativeTarget, symlinkEscapes } from './tar-paths.js';

export interface TreeOptions {
  /** false leaves the path (and a directory's whole subtree) out. */
  include?: (relPath: string, isDir: boolean) => boolean;
  /** Rewrites a regular file's bytes (undefined keeps them). */
  transform?: (relPath: string, content: Buffer) => Buffer | undefined;
  /**
   * The tree is a root filesystem (a build root): its absolute symlinks mean "from this tree's root",
   * so they are packed as the equivalent relative link (rootRelativeTarget) instead of being refused,
   * and every link is judged by resolving it inside the tree (symlinkEscapes), never on the host,
   * where /usr/bin/awk -> /etc/alternatives/awk would lead into the host's own /etc.
   */
  rootfs?: boolean;
}

export interface TreeEntry {
  rel: string;
  /** UTF-8 bytes of rel: the sort key (byte order, as the brief and `LC_ALL=C sort` define it). */
  key: Buffer;
  abs: string;
  kind: 'file' | 'dir' | 'symlink';
  mode: number;
  /** lstat size of a file (before any transform); length of the target for a symlink. */
  size: number;
  linkTarget?: string;
}

/**
 * Permission bits kept in archives and records: 0755/0644-style, i.e. & 0o755 — no setuid, setgid or
 * sticky bit, no group/other write. The write bits come from the umask of whoever built the tree,
 * not from the content, so keeping them would make the same build pack differently on two hosts; a
 * world-writable or setuid file in a production package unpacked as root (`tar -p`) would let any
 * local user replace the interpreter or run it as its owner.
 */
export function normaliseMode(mode: number): number {
  return mode & 0o755;
}

/** What is unsafe about a mode read from an archive (setuid, setgid, sticky, group/other write), or []. */
export function unsafeModeBits(mode: number): string[] {
  const out: string[] = [];
  if (mode & 0o4000) out.push('setuid');
  if (mode & 0o2000) out.push('setgid');
  if (mode & 0o1000) out.push('sticky');
  if (mode & 0o020) out.push('writable by group');
  if (mode & 0o002) out.push('writable by others');
  return out;
}

/** Symlinks carry no permissions of their own on Linux; tar and the records use 0o777 for all of them. */
export const SYMLINK_MODE = 0o777;

/** Files up to this size are read whole (and may be prefetched); larger ones stream unless a transform needs them whole. */
export const WHOLE_FILE_LIMIT = 4 * 1024 * 1024;
/** How many files ahead of the writer/hasher are read concurrently. */
const PREFETCH = 24;

/**
 * Files are opened without following symlinks: a file swapped for a link to /etc/shadow between the
 * walk and the read fails (ELOOP) instead of packing what the link points to.
 */
const NO_FOLLOW = fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function compareKeys(a: TreeEntry, b: TreeEntry): number {
  return Buffer.compare(a.key, b.key);
}

function checkSymlink(rootReal: string, rel: string, abs: string, target: string): void {
  if (posix.isAbsolute(target)) {
    throw new UsageError(
      `symlink ${abs} -> ${target} points outside the tree (absolute target)`,
      'make the link relative to a file inside the tree, or copy the file it points to into the tree',
    );
  }
  const lexical = posix.normalize(posix.join(posix.dirname(rel), target));
  if (lexical === '..' || lexical.startsWith('../')) {
    throw new UsageError(
      `symlink ${abs} -> ${target} points outside the tree`,
      'make the link point to a file inside the tree, or copy the file it points to into the tree',
    );
  }
  // The lexical check cannot see a chain like `s -> .` plus `e -> s/../x`: resolve on disk as well,
  // with the kernel's realpath (.native): the JS realpathSync folds `s/..` before following `s`.
  let real: string;
  try {
    real = realpathSync.native(abs);
  } catch {
    return; // dangling or looping: its lexical target stays inside, and nothing can be reached through it
  }
  if (real !== rootReal && !real.startsWith(rootReal + sep)) {
    throw new UsageError(
      `symlink ${abs} -> ${target} resolves to ${real}, outside the tree`,
      'make the link (and every link it goes through) point inside the tree',
    );
  }
}

/**
 * Lists the tree under rootDir (not rootDir itself), filtered by include, sorted by byte order of the
 * path. Synchronous calls on purpose, like the reads below: one lstat per entry through the thread
 * pool costs more than the syscall (measured 2x slower on a CPython install of ~9k entries).
 */
export async function walkTree(
  rootDir: string,
  include?: TreeOptions['include'],
  rootfs = false,
): Promise<TreeEntry[]> {
  const rootStat = await stat(rootDir).catch(() => undefined);
  if (!rootStat?.isDirectory()) {
    throw new UsageError(`${rootDir} is not a directory`, 'pass the directory whose contents are to be packed');
  }
  const rootReal = realpathSync.native(rootDir);
  const out: TreeEntry[] = [];
  const walkDir = (absDir: string, relDir: string): void => {
    for (const raw of readdirSync(absDir, { encoding: 'buffer' })) {
      let name: string;
      try {
        name = strictUtf8.decode(raw);
      } catch {
        throw new UsageError(
          `${join(absDir, raw.toString('latin1'))}: file name is not valid UTF-8`,
          'rename the file: archive paths and manifests are UTF-8',
        );
      }
      const rel = relDir === '' ? name : `${relDir}/${name}`;
      const abs = join(absDir, name);
      const st = lstatSync(abs);
      if (st.isDirectory()) {
        if (include && !include(rel, true)) continue;
        out.push({ rel, key: Buffer.from(rel), abs, kind: 'dir', mode: normaliseMode(st.mode), size: 0 });
        walkDir(abs, rel);
      } else if (st.isFile()) {
        if (include && !include(rel, false)) continue;
        // Hardlinks are packed as regular files: the archive then does not depend on link order.
        out.push({ rel, key: Buffer.from(rel), abs, kind: 'file', mode: normaliseMode(st.mode), size: st.size });
      } else if (st.isSymbolicLink()) {
        if (include && !include(rel, false)) continue;
        const onDisk = readlinkSync(abs);
        const target = rootfs ? rootRelativeTarget(rel, onDisk) : onDisk;
        if (!rootfs) checkSymlink(rootReal, rel, abs, target);
        out.push({
          rel,
          key: Buffer.from(rel),
          abs,
          kind: 'symlink',
          mode: SYMLINK_MODE,
          size: Buffer.byteLength(target),
          linkTarget: target,
        });
      } else {
        if (include && !include(rel, false)) continue;
        throw new UsageError(
          `${abs} is ${specialFileKind(st)}; it cannot be packed`,
          'remove it from the tree or leave it out with an include filter',
        );
      }
    }
  };
  walkDir(rootDir, '');
  if (rootfs) {
    const links = new Map(out.filter((e) => e.kind === 'symlink').map((e) => [e.rel, e.linkTarget!]));
    for (const [rel, target] of links) {
      if (symlinkEscapes(rel, target, links)) {
        throw new UsageError(
          `symlink ${join(rootDir, rel)} -> ${target} resolves outside the root filesystem`,
          'make the link (and every link it goes through) point inside the root',
        );
      }
    }
  }
  return out.sort(compareKeys);
}

function openNoFollow(e: TreeEntry): number {
  try {
    return openSync(e.abs, NO_FOLLOW);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'ENOENT') {
      throw new UsageError(
        `${e.abs} was ${code === 'ELOOP' ? 'replaced by a symlink' : 'removed'} while the tree was being read`,
        'make sure nothing changes the tree while it is packed or hashed, then run again',
      );
    }
    throw err;
  }
}

/**
 * The bytes of a file as they are packed (after transform), read in one go. readFileSync on purpose:
 * for the thousands of small files of a Python tree, open/fstat/read/close as four thread-pool round
 * trips cost more than the reads (measured: hashTree of a CPython install ~1.5x slower async).
 */
export async function readPackedContent(e: TreeEntry, transform?: TreeOptions['transform']): Promise<Buffer> {
  const fd = openNoFollow(e);
  let content: Buffer;
  try {
    content = readFileSync(fd);
  } finally {
    closeSync(fd);
  }
  if (!transform) return content;
  return transform(e.rel, content) ?? content;
}

/** Whether a file is streamed in chunks instead of read whole: only big files, and only when nothing rewrites them. */
export function streamsContent(e: TreeEntry, transform?: TreeOptions['transform']): boolean {
  return e.kind === 'file' && !transform && e.size > WHOLE_FILE_LIMIT;
}

export function streamFile(e: TreeEntry): AsyncIterable<Buffer> {
  return createReadStream(e.abs, { fd: openNoFollow(e), autoClose: true, highWaterMark: 1024 * 1024 });
}

/**
 * Yields fn(item) in order while up to `window` later items are already being computed, so file
 * reads overlap with hashing and compression without reordering anything.
 */
export async function* orderedPrefetch<T, R>(
  items: T[],
  window: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const pending: Promise<R>[] = [];
  let next = 0;
  const fill = (): void => {
    while (next < items.length && pending.length < window) {
      const p = fn(items[next++]);
      p.catch(() => undefined); // surfaced when awaited in order; avoids an unhandled rejection meanwhile
      pending.push(p);
    }
  };
  fill();
  while (pending.length > 0) {
    const r = await pending.shift()!;
    fill();
    yield r;
  }
}

export interface LoadedEntry {
  entry: TreeEntry;
  /** Whole packed content of a regular file, unless it streams. */
  content?: Buffer;
}

/** Loads entries in order with prefetching; big files without transform are left to stream. */
export function loadEntries(entries: TreeEntry[], transform?: TreeOptions['transform']): AsyncGenerator<LoadedEntry> {
  return orderedPrefetch(entries, PREFETCH, async (entry) => {
    if (entry.kind !== 'file' || streamsContent(entry, transform)) return { entry };
    return { entry, content: await readPackedContent(entry, transform) };
  });
}

export function symlinkRecord(rel: string, target: string): FileRecord {
  return {
    path: rel,
    sha256: createHash('sha256').update(target).digest('hex'),
    size: Buffer.byteLength(target),
    mode: SYMLINK_MODE,
    link: target,
  };
}

/**
 * Hashes a tree exactly as writeDeterministicTarGz records it: regular files and symlinks (directories
 * are not records), same include/transform, same normalised modes, sorted by byte order of the path.
 */
export async function hashTree(rootDir: string, opts: TreeOptions = {}): Promise<FileRecord[]> {
  const entries = await walkTree(rootDir, opts.include, opts.rootfs);
  const records: FileRecord[] = [];
  for await (const { entry, content } of loadEntries(entries, opts.transform)) {
    if (entry.kind === 'dir') continue;
    if (entry.kind === 'symlink') {
      records.push(symlinkRecord(entry.rel, entry.linkTarget!));
      continue;
    }
    const h = createHash('sha256');
    let size = 0;
    if (content) {
      h.update(content);
      size = content.length;
    } else {
      for await (const chunk of streamFile(entry)) {
        h.update(chunk);
        size += chunk.length;
      }
    }
    records.push({ path: entry.rel, sha256: h.digest('hex'), size, mode: entry.mode });
  }
  return records;
}

/** What a file that is neither regular, a directory nor a symlink is, in words (for a refusal). */
export function specialFileKind(st: import('node:fs').Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file, directory or symlink';
}
