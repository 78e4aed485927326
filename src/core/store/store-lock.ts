// Locks for the store and the build directory (the liveness of temp owners is in shared/dead-temps.ts).
//
// Why flock(2) through util-linux `flock` and not a pid file: a flock belongs to an open file
// description, so the kernel drops it the moment the last process holding that description dies —
// SIGKILL, OOM, power loss of a container. Nothing ever has to decide that a lock is "stale", no
// mtime expiry, no pid reuse, and no race between two waiters that both think a dead owner's lock
// may be stolen. Node has no flock binding, so we open the lock file here and let `flock -x 3`
// lock that very descriptor (inherited as fd 3): the lock then stays held by this process's
// descriptor after the helper exits, until release() closes it or the process dies.
import { spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import { EnvironmentError } from '../../shared/errors.js';

export interface FileLock {
  path: string;
  release(): Promise<void>;
}

function flockFd(fd: number, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('flock', [...args, '3'], { stdio: ['ignore', 'ignore', 'pipe', fd] });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(
        new EnvironmentError(
          `cannot run flock to take the lock (${e.code ?? e.message})`,
          'install util-linux (it provides flock): apt-get install util-linux',
        ),
      );
    });
    child.on('close', (code) => {
      if (code === 0 || code === 1) resolve(code);
      else
        reject(
          new EnvironmentError(
            `flock failed (exit ${code}): ${err.trim()}`,
            'check that the lock file is on a local file system',
          ),
        );
    });
  });
}

/**
 * Takes an exclusive lock on `path` (created if missing), waiting as long as another live process
 * holds it; `onWait` is called once if it has to wait.
 */
export async function acquireFileLock(path: string, onWait?: () => void): Promise<FileLock> {
  const handle = await open(path, 'a', 0o600);
  try {
    if ((await flockFd(handle.fd, ['-n', '-x'])) !== 0) {
      onWait?.();
      if ((await flockFd(handle.fd, ['-x'])) !== 0) throw new EnvironmentError(`could not lock ${path}`);
    }
  } catch (err) {
    await handle.close();
    throw err;
  }
  let released = false;
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      await handle.close();
    },
  };
}
