// Directories pyhermetic writes into must be what they look like: a real directory (not a symlink
// that sends writes elsewhere), owned by the user running pyhermetic, writable by nobody else (unless
// sticky, like /tmp). The store and the cache root are checked all the way down, because one
// symlinked or world-writable subdirectory is enough to swap an interpreter under everyone.
import { lstatSync, mkdirSync, readdirSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { join, relative } from 'node:path';
import { UsageError } from './errors.js';
import { fsError, isErrnoError } from './fs-errors.js';

const STICKY = 0o1000;

function owner(): number | undefined {
  return process.getuid?.();
}

/** Why `st` (the lstat of `path`) is not a safe directory to write into, or undefined. */
function unsafeReason(path: string, st: Stats, allowSticky: boolean): string | undefined {
  if (st.isSymbolicLink()) {
    let target = '?';
    try {
      target = readlinkSync(path);
    } catch {
      // reported without its target
    }
    return `is a symlink (-> ${target}); pyhermetic does not write through symlinks`;
  }
  if (!st.isDirectory()) return 'is not a directory';
  const uid = owner();
  if (uid !== undefined && st.uid !== uid) return `is owned by uid ${st.uid}, not by you (uid ${uid})`;
  if (st.mode & 0o022 && !(allowSticky && st.mode & STICKY)) {
    const who = st.mode & 0o002 ? 'everyone' : `group ${st.gid}`;
    return `is writable by ${who} (mode ${(st.mode & 0o7777).toString(8)}): they could replace what it holds`;
  }
  return undefined;
}

function refuse(path: string, reason: string, what: string): never {
  throw new UsageError(
    `${what} ${path} ${reason}`,
    `make ${path} a real directory of your own that only you can write (e.g. chmod go-w, or remove the symlink), or choose another location`,
  );
}

function lstatOrThrow(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (err) {
    if (isErrnoError(err) && err.code === 'ENOENT') return undefined;
    throw isErrnoError(err) ? fsError(err, path, 'lstat') : err;
  }
}

/** Checks one directory with lstat (no symlink followed); undefined when it does not exist. */
export function checkDirSafe(path: string, what = 'directory', opts: { allowSticky?: boolean } = {}): boolean {
  const st = lstatOrThrow(path);
  if (!st) return false;
  const reason = unsafeReason(path, st, opts.allowSticky ?? false);
  if (reason) refuse(path, reason, what);
  return true;
}

/**
 * The output directory of --out / --report: created when missing (mode 0755), then checked like
 * checkDirSafe. Sticky world-writable directories (/tmp) are accepted: nobody else can replace
 * what is written there.
 */
export function ensureOutputDir(path: string, what: string): void {
  try {
    mkdirSync(path, { recursive: true, mode: 0o755 });
  } catch (err) {
    if (!isErrnoError(err)) throw err;
    if (err.code !== 'EEXIST') throw fsError(err, path, `creating the ${what}`);
  }
  const st = lstatOrThrow(path);
  if (!st) throw new UsageError(`${what} ${path} vanished while it was being created`, 'run again');
  if (!st.isDirectory() && !st.isSymbolicLink())
    throw new UsageError(`${what} ${path} exists and is not a directory`, 'remove it or choose another path');
  const reason = unsafeReason(path, st, true);
  if (reason) refuse(path, reason, what);
}

/**
 * A root the person named (--store, --cache-root, $PYHERMETIC_HOME): created 0700 when missing. The
 * root itself may be reached through a symlink the person chose; it must be a directory of theirs
 * that nobody else can write. What is below it is checked with checkTreeSafe.
 */
export function ensureOwnDir(path: string, what: string): void {
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
  } catch (err) {
    if (!isErrnoError(err)) throw err;
    if (err.code !== 'EEXIST') throw fsError(err, path, `creating the ${what}`);
  }
  let st: Stats;
  try {
    st = statSync(path);
  } catch (err) {
    throw isErrnoError(err) ? fsError(err, path, `opening the ${what}`) : err;
  }
  const reason = unsafeReason(path, st, false);
  if (reason) refuse(path, reason, `the ${what}`);
}

export interface TreeCheckOptions {
  /** How many levels below the root are checked (1 = the root's own subdirectories). Default: all. */
  maxDepth?: number;
  /** Relative paths of directories that are checked themselves but not descended into. */
  opaque?: (rel: string) => boolean;
}

/**
 * Checks `root` and every directory below it without following symlinks: a symlink anywhere, a
 * directory of another owner or one writable by group/others is exit 2 naming it.
 */
export function checkTreeSafe(root: string, what: string, opts: TreeCheckOptions = {}): void {
  const maxDepth = opts.maxDepth ?? Number.POSITIVE_INFINITY;
  const walk = (dir: string, depth: number): void => {
    let names: import('node:fs').Dirent[];
    try {
      names = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      if (isErrnoError(err) && err.code === 'ENOENT') return;
      throw isErrnoError(err) ? fsError(err, dir, `reading the ${what}`) : err;
    }
    for (const d of names) {
      const abs = join(dir, d.name);
      if (d.isSymbolicLink()) refuse(abs, unsafeReason(abs, lstatSync(abs), false)!, `in the ${what} ${root},`);
      if (!d.isDirectory()) continue;
      const st = lstatSync(abs);
      const reason = unsafeReason(abs, st, false);
      if (reason) refuse(abs, reason, `in the ${what} ${root},`);
      const rel = relative(root, abs);
      if (depth + 1 < maxDepth && !opts.opaque?.(rel)) walk(abs, depth + 1);
    }
  };
  walk(root, 0);
}
