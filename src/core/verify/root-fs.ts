// The root filesystems `verify --root` runs a package in: a directory (used read-only, never changed:
// the run happens in an overlay or a copy of it) or a .tar / .tar.gz of one, e.g. `docker export` of the
// production base image (extracted into a temporary directory of ours, with the package limits).
// Anything that is not a root filesystem, and any tarball with absolute or `..` member names, links out
// of it or past the limits, is refused with exit 2.
import { lstat, open, readFile, readlink, stat } from 'node:fs/promises';
import { posix, resolve } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import { DEFAULT_READ_LIMITS, type TarReadLimits } from '../archive/tar-read.js';
import { extractTarGz } from '../archive/archive.js';
import { sha256OfFile } from '../../shared/canonical.js';

export interface OpenedRoot {
  /** The root as given on the command line. */
  given: string;
  kind: 'directory' | 'tarball';
  sha256: string | null;
  /** A directory holding the root: the given one (read-only use) or our extraction of the tarball. */
  dir: string;
  /** True when `dir` is ours (a tarball's extraction) and may be changed. */
  owned: boolean;
  /** glibc of the root's libc.so.6 (`2.31`), or null when it cannot be read. */
  glibc: string | null;
}

const LIBC_DIRS = [
  'lib/x86_64-linux-gnu',
  'usr/lib/x86_64-linux-gnu',
  'lib64',
  'usr/lib64',
  'lib',
  'usr/lib',
  'lib/aarch64-linux-gnu',
  'usr/lib/aarch64-linux-gnu',
];

/**
 * Resolves `rel` inside `root` the way a chroot would: symlinks (absolute ones too) are followed
 * relative to the root, never out of it. Returns the host path, or undefined when it does not exist.
 */
export async function resolveInRoot(root: string, rel: string): Promise<string | undefined> {
  let parts = posix.normalize(`/${rel}`).split('/').filter(Boolean);
  const done: string[] = [];
  for (let hops = 0; parts.length > 0; ) {
    const name = parts.shift()!;
    if (name === '..') {
      done.pop();
      continue;
    }
    const host = resolve(root, ...done, name);
    const st = await lstat(host).catch(() => undefined);
    if (!st) return undefined;
    if (st.isSymbolicLink()) {
      if (++hops > 40) return undefined;
      const target = await readlink(host);
      if (target.startsWith('/')) done.length = 0;
      parts = [...target.split('/').filter(Boolean), ...parts];
      continue;
    }
    done.push(name);
  }
  return resolve(root, ...done);
}

/** The glibc version compiled into a libc.so.6 ("… release version 2.31"). */
async function glibcOfRoot(root: string): Promise<{ found: boolean; version: string | null }> {
  for (const d of LIBC_DIRS) {
    const libc = await resolveInRoot(root, `${d}/libc.so.6`);
    if (!libc || !(await stat(libc).catch(() => undefined))?.isFile()) continue;
    const text = (await readFile(libc)).toString('latin1');
    const m = /release version (\d+\.\d+)/.exec(text);
    return { found: true, version: m ? m[1]! : null };
  }
  return { found: false, version: null };
}

async function isTarball(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(265);
    const { bytesRead } = await fh.read(buf, 0, 265, 0);
    if (bytesRead >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) return true; // gzip
    return bytesRead >= 262 && buf.toString('latin1', 257, 262) === 'ustar';
  } finally {
    await fh.close();
  }
}

/**
 * The limits a root tarball is read with: the package limits (size, entry size, entry count, ratio),
 * refused at the header that would pass them. One place, so the package limits' rule is the root's.
 */
export const ROOT_TARBALL_LIMITS: TarReadLimits = DEFAULT_READ_LIMITS;

/**
 * Extracts a root tarball (.tar or .tar.gz) with pyhermetic's own reader, in this process: member names
 * and links are confined to the root (absolute symlinks made root-relative, nothing written through a
 * link), device nodes skipped (the run binds the host's), the package limits applied at each header. In
 * process, the extraction stops when the runner does: no orphaned `tar -x` goes on after a SIGKILL.
 */
async function extractRootTarball(file: string, dest: string): Promise<void> {
  try {
    await extractTarGz(file, dest, ROOT_TARBALL_LIMITS, { rootfs: true, uncompressedOk: true });
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    // The reader's message starts with the archive's path, which this one names already.
    const why = err.message.startsWith(`${file}: `) ? err.message.slice(file.length + 2) : err.message;
    throw new UsageError(
      `--root ${file} is refused: ${why}`,
      'make the tarball from inside the root (`tar -C ROOT -cf root.tar .`, or `docker export`) of the production image; a bigger root than the limits allow is not a base image',
    );
  }
}

/**
 * Where `rel` is inside `root` for a write: every existing component resolved the way a chroot would
 * (symlinks followed relative to the root, never out of it), the missing rest appended. The result has
 * no symlink among its existing components, so creating it (mkdir -p, touch, a mount point) from the
 * host side stays in the root. Undefined for a symlink loop.
 */
export async function resolveForCreate(root: string, rel: string): Promise<string | undefined> {
  let parts = posix.normalize(`/${rel}`).split('/').filter(Boolean);
  const done: string[] = [];
  for (let hops = 0, missing = false; parts.length > 0; ) {
    const name = parts.shift()!;
    if (name === '..') {
      done.pop();
      continue;
    }
    const st = missing ? undefined : await lstat(resolve(root, ...done, name)).catch(() => undefined);
    if (st?.isSymbolicLink()) {
      if (++hops > 40) return undefined;
      const target = await readlink(resolve(root, ...done, name));
      if (target.startsWith('/')) done.length = 0;
      parts = [...target.split('/').filter(Boolean), ...parts];
      continue;
    }
    if (!st) missing = true;
    done.push(name);
  }
  return done.join('/');
}

const hint =
  'pass the production base image as a root filesystem: a directory, or a .tar/.tar.gz (`docker export CONTAINER > root.tar`)';

/** The cheap part of openRoot, done before the package is read: the root exists and can be read. */
export async function statRoot(given: string): Promise<Awaited<ReturnType<typeof stat>>> {
  try {
    return await stat(resolve(given));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`--root ${given} does not exist`, hint);
    throw new UsageError(`--root ${given} cannot be read (${code ?? (err as Error).message})`, hint);
  }
}

/** Validates and opens one --root; `work` is a private temporary directory for the extraction. */
export async function openRoot(given: string, work: string): Promise<OpenedRoot> {
  const path = resolve(given);
  const st = await statRoot(given);
  let opened: Omit<OpenedRoot, 'glibc'>;
  if (st.isDirectory()) {
    opened = { given, kind: 'directory', sha256: null, dir: path, owned: false };
  } else if (st.isFile()) {
    if (!(await isTarball(path)))
      throw new UsageError(`--root ${given} is neither a directory nor a tar archive`, hint);
    const { sha256 } = await sha256OfFile(path);
    const dir = resolve(work, 'rootfs');
    await extractRootTarball(path, dir);
    opened = { given, kind: 'tarball', sha256, dir, owned: true };
  } else {
    throw new UsageError(`--root ${given} is neither a directory nor a file`, hint);
  }
  const etc = await resolveInRoot(opened.dir, 'etc');
  const libc = await glibcOfRoot(opened.dir);
  if (!etc || !(await stat(etc)).isDirectory() || !libc.found) {
    throw new UsageError(
      `--root ${given} is not a root filesystem: ${!etc ? 'it has no etc/' : `no libc.so.6 in ${LIBC_DIRS.join(', ')}`}`,
      hint,
    );
  }
  return { ...opened, glibc: libc.version };
}
