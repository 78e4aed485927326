// A file system error as a person should see it: one line saying which path, what went wrong in
// words, and what to do — never `ENOSPC: no space left on device, write` with a stack under it.
// Commands may map errors where they know more; cli.ts maps whatever reaches it through here.
import { EnvironmentError, UsageError, type PyhermeticError } from './errors.js';

export interface ErrnoLike {
  code: string;
  path?: string;
  dest?: string;
  syscall?: string;
}

const MEANING: Record<string, { what: string; fix: string; usage: boolean }> = {
  ENOSPC: {
    what: 'no space left on the device',
    fix: 'free disk space there (or choose another location) and run again',
    usage: false,
  },
  EDQUOT: {
    what: 'disk quota exceeded',
    fix: 'free space within your quota (or choose another location) and run again',
    usage: false,
  },
  EROFS: { what: 'the file system is read-only', fix: 'choose a location on a writable file system', usage: true },
  EIO: { what: 'an I/O error of the device', fix: 'check the disk (dmesg) and run again', usage: false },
  EMFILE: { what: 'too many open files', fix: 'raise the open file limit (ulimit -n) and run again', usage: false },
  ENAMETOOLONG: {
    what: 'the name is too long for the file system (at most 255 bytes per name, 4096 per path)',
    fix: 'choose a shorter name or a shorter path',
    usage: true,
  },
  EISDIR: {
    what: 'it is a directory where a file is needed',
    fix: 'name a file (e.g. a file inside that directory)',
    usage: true,
  },
  EEXIST: { what: 'it already exists and is not a directory', fix: 'remove it or choose another path', usage: true },
  ENOTDIR: {
    what: 'a part of the path is a file, not a directory',
    fix: 'fix the path (a component of it is a regular file)',
    usage: true,
  },
  ELOOP: {
    what: 'it goes through a symlink loop (or a symlink where none is allowed)',
    fix: 'remove the looping symlink or choose another path',
    usage: true,
  },
  EACCES: {
    what: 'permission denied',
    fix: 'choose a path you can write (and read), or fix its permissions',
    usage: true,
  },
  EPERM: { what: 'operation not permitted', fix: 'choose a path you own, or fix its permissions', usage: true },
  ENOENT: { what: 'no such file or directory', fix: 'check the path (its directory must exist)', usage: true },
  ENOTEMPTY: { what: 'the directory is not empty', fix: 'choose an empty or new directory', usage: true },
  EBUSY: { what: 'it is busy (a mount point or in use)', fix: 'choose another path', usage: true },
  EXDEV: { what: 'it is on another file system', fix: 'keep both paths on one file system', usage: true },
};

export function isErrnoError(err: unknown): err is NodeJS.ErrnoException & ErrnoLike {
  return (
    err instanceof Error &&
    typeof (err as NodeJS.ErrnoException).code === 'string' &&
    /^E[A-Z]+$/.test((err as NodeJS.ErrnoException).code!)
  );
}

/** Cuts a value to at most `max` characters for messages, saying how much was left out. */
export function cutLong(text: string, max = 300): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/**
 * The PyhermeticError for an errno error: exit 3 when the machine failed (disk full, I/O), exit 2 when
 * the path asked for cannot work (too long, a directory, read-only, no permission). `path` names the
 * path the person gave when the error's own path is a temp beside it.
 */
export function fsError(err: NodeJS.ErrnoException, path?: string, doing?: string): PyhermeticError {
  const code = err.code ?? 'EUNKNOWN';
  const where = cutLong(path ?? err.path ?? 'a file being written (the system did not say which)');
  const m = MEANING[code];
  const action = doing ?? err.syscall ?? 'file operation';
  const detail = err.path && path && err.path !== path ? ` (at ${cutLong(err.path)})` : '';
  const message = `${where}: ${m?.what ?? err.message} [${code} in ${action}]${detail}`;
  const fix = m?.fix ?? 'check the path and the file system, then run again';
  return m?.usage ? new UsageError(message, fix) : new EnvironmentError(message, fix);
}
