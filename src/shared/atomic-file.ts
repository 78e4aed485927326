// The one way pyhermetic replaces a file: write a temp file created exclusively in the destination's
// directory, fsync it, rename it over the destination, fsync the directory. A reader (Jenkins
// archiving, a second build, a person) sees the old complete file or the new one, never half of one,
// and a crash leaves at most a temp file that is named as ours.
import { randomBytes } from 'node:crypto';
import { copyFile, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A temp path beside `path` that names the writing process, so sweeps can tell whose it is. */
export function tempPathBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.pyhermetic-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** fsync a file or a directory by path (a directory's fsync makes a rename in it durable). */
export async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces `path` with `content` atomically; `mode` is applied whatever the umask is. */
export async function writeFileAtomic(path: string, content: string | Uint8Array, mode = 0o644): Promise<void> {
  const temp = tempPathBeside(path);
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(content);
    await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    await rename(temp, path);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw err;
  }
  await fsyncPath(dirname(path));
}

/** Copies `src` over `dest` atomically (temp beside, fsync, rename, fsync dir); returns `dest`. */
export async function copyFileAtomic(src: string, dest: string, mode = 0o644): Promise<string> {
  const temp = tempPathBeside(dest);
  try {
    await copyFile(src, temp);
    const handle = await open(temp, 'r+');
    try {
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, dest);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await fsyncPath(dirname(dest));
  return dest;
}
