// Copies the cached extraction of an interpreter artifact into a new env and checks the copy against
// interpreter.json in the same pass: each file is read once, hashed from the buffer it is written
// from, so the bytes checked are the bytes the env gets (before: `cp -a`, then every file of the copy
// read and hashed again). Files, directories and symlinks are copied with their modes; anything else
// in the cache (a FIFO, a device) means it was tampered with and is a finding, not copied.
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants as fsConstants,
  fchmodSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  symlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { FindingsError, type Finding } from '../../shared/errors.js';
import type { InterpreterManifest } from '../model/manifests.js';

const NO_FOLLOW = fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW;
/** The event loop gets a turn after this many entries, so a SIGTERM (a Jenkins abort) is handled promptly. */
const ENTRIES_PER_TURN = 256;

/** What the copy saw of one path: the sha256 of a file's bytes, or a symlink's target. */
export type Seen = { sha256: string } | { link: string } | { other: string };

function writeAll(fd: number, buf: Buffer, length: number): void {
  let off = 0;
  while (off < length) off += writeSync(fd, buf, off, length - off);
}

/** Copies one regular file through `buf`, returns the sha256 of the bytes written. */
function copyFile(from: string, to: string, buf: Buffer): string {
  const src = openSync(from, NO_FOLLOW);
  try {
    const mode = fstatSync(src).mode & 0o7777;
    // 'wx': O_CREAT|O_EXCL, never through a symlink; the mode is set once the bytes are in.
    const dst = openSync(to, 'wx', 0o600);
    try {
      const h = createHash('sha256');
      for (;;) {
        const n = readSync(src, buf, 0, buf.length, null);
        if (n === 0) break;
        h.update(n === buf.length ? buf : buf.subarray(0, n));
        writeAll(dst, buf, n);
      }
      fchmodSync(dst, mode);
      return h.digest('hex');
    } finally {
      closeSync(dst);
    }
  } finally {
    closeSync(src);
  }
}

/** Copies the tree under `from` into the existing empty directory `to`; returns what it saw by relative path. */
async function copyTree(from: string, to: string): Promise<Map<string, Seen>> {
  const seen = new Map<string, Seen>();
  const buf = Buffer.allocUnsafe(1024 * 1024);
  const dirModes: [string, number][] = [];
  let sinceTurn = 0;
  const walk = async (rel: string): Promise<void> => {
    for (const d of readdirSync(join(from, rel), { withFileTypes: true })) {
      const r = rel === '' ? d.name : `${rel}/${d.name}`;
      const src = join(from, r);
      const dst = join(to, r);
      if (++sinceTurn >= ENTRIES_PER_TURN) {
        sinceTurn = 0;
        await yieldToLoop();
      }
      if (d.isDirectory()) {
        mkdirSync(dst, { mode: 0o700 });
        dirModes.push([dst, lstatSync(src).mode & 0o7777]);
        await walk(r);
      } else if (d.isSymbolicLink()) {
        const target = readlinkSync(src);
        symlinkSync(target, dst);
        seen.set(r, { link: target });
      } else if (d.isFile()) {
        seen.set(r, { sha256: copyFile(src, dst, buf) });
      } else {
        seen.set(r, { other: 'not a regular file, directory or symlink' });
      }
    }
  };
  await walk('');
  // Directory modes last (deepest first), so a read-only directory still received its entries.
  for (const [dir, mode] of dirModes.reverse()) {
    const fd = openSync(dir, fsConstants.O_RDONLY | fsConstants.O_DIRECTORY | fsConstants.O_NOFOLLOW);
    try {
      fchmodSync(fd, mode);
    } finally {
      closeSync(fd);
    }
  }
  return seen;
}

/** Compares what the copy saw with interpreter.json's file list: one finding per difference. */
export function compareWithManifest(
  files: InterpreterManifest['files'],
  seen: Map<string, Seen>,
  cacheDir: string,
): Finding[] {
  const fix = `remove ${cacheDir} and run again`;
  const problems: Finding[] = [];
  for (const f of files) {
    const s = seen.get(f.path);
    if (!s) problems.push({ path: f.path, message: 'missing from the extracted interpreter', fix });
    else if ('other' in s) problems.push({ path: f.path, message: s.other, fix });
    else if (f.link !== undefined) {
      const target = 'link' in s ? s.link : undefined;
      if (target !== f.link)
        problems.push({ path: f.path, message: `symlink target ${target ?? '(not a symlink)'} ≠ ${f.link}`, fix });
    } else if (!('sha256' in s)) {
      problems.push({ path: f.path, message: `a symlink to ${s.link}, not the file interpreter.json lists`, fix });
    } else if (s.sha256 !== f.sha256) {
      problems.push({ path: f.path, message: `sha256 ${s.sha256} ≠ interpreter.json ${f.sha256}`, fix });
    }
  }
  for (const [path, s] of seen)
    if ('other' in s && !files.some((f) => f.path === path))
      problems.push({ path, message: `${s.other} (not copied)`, fix });
  return problems;
}

/**
 * Fills `dest` (an existing empty directory) with the cached extraction `cacheDir` of an artifact whose
 * interpreter.json lists `files`, checking every listed file's bytes as they are copied. A difference
 * means the cached extraction was modified: exit 1 naming each file.
 */
export async function copyVerifiedPrefix(
  files: InterpreterManifest['files'],
  cacheDir: string,
  dest: string,
): Promise<void> {
  const seen = await copyTree(cacheDir, dest);
  const problems = compareWithManifest(files, seen, cacheDir);
  if (problems.length > 0) {
    throw new FindingsError(
      `the extracted interpreter in ${cacheDir} differs from its interpreter.json in ${problems.length} file(s)`,
      problems,
    );
  }
}
