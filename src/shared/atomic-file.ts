// The one way pyhermetic replaces a file: write a temp file created exclusively in the destination's
// directory, fsync it, rename it over the destination, fsync the directory. A reader (Jenkins
// archiving, a second build, a person) sees the old complete file or the new one, never half of one,
// and a crash leaves at most a temp file that is named after its owner process, which the next write
// of the same file removes once that process is gone (sweepTempsBeside).
import { createHash, randomBytes } from 'node:crypto';
import { copyFile, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ownerTokenSync, sweepDeadTemps } from './dead-temps.js';
import { fsError, isErrnoError } from './fs-errors.js';

/** Longest file name stem kept whole in a temp name: the temp must stay under the 255-byte name limit. */
const STEM_MAX = 100;

/** A name usable inside a temp name: itself when short, else its start and a hash of the whole. */
export function tempStem(name: string): string {
  if (Buffer.byteLength(name) <= STEM_MAX) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 12);
  return `${Buffer.from(name)
    .subarray(0, 60)
    .toString('utf8')
    .replace(/\uFFFD+$/, '')}~${hash}`;
}

/** The prefix of every temp beside `path`: `.<stem>.pyhermetic-tmp-` (the owner token and a random part follow). */
export function tempPrefixBeside(path: string): string {
  return `.${tempStem(basename(path))}.pyhermetic-tmp-`;
}

/** A temp path beside `path` that names the writing process (pid and start time), so sweeps can tell whose it is. */
export function tempPathBeside(path: string): string {
  return join(dirname(path), `${tempPrefixBeside(path)}${ownerTokenSync()}-${randomBytes(4).toString('hex')}`);
}

/** Removes temps beside `path` left by processes that are gone (a SIGKILLed pack, build or write). */
export async function sweepTempsBeside(path: string): Promise<string[]> {
  return sweepDeadTemps(dirname(path), tempPrefixBeside(path));
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
  await sweepTempsBeside(path);
  const temp = tempPathBeside(path);
  const handle = await open(temp, 'wx', mode).catch((err) => {
    throw isErrnoError(err) ? fsError(err, path, `creating a temp file beside ${path}`) : err;
  });
  try {
    await handle.writeFile(content);
    await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    await rename(temp, path);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw isErrnoError(err) ? fsError(err, path, `writing ${path}`) : err;
  }
  await fsyncPath(dirname(path));
}

/** Copies `src` over `dest` atomically (temp beside, fsync, rename, fsync dir); returns `dest`. */
export async function copyFileAtomic(src: string, dest: string, mode = 0o644): Promise<string> {
  // Named after this process: the next copy to `dest` removes it if this one is killed.
  await sweepTempsBeside(dest);
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
    throw isErrnoError(err) ? fsError(err, dirname(dest), `copying ${basename(dest)} there`) : err;
  }
  await fsyncPath(dirname(dest));
  return dest;
}
