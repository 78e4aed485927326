// Reading a key file (attest's signing key, the store's signing key, a trusted public key): only a
// regular file of at most 64 KiB is read. `--key /dev/zero` (or a FIFO, or a directory) is refused
// before a byte is read: read without a limit it grew the process to gigabytes. A private key that
// group or others can read is a warning, an error with --strict-keys (ssh refuses such keys outright;
// on a shared agent a key other users can read is a key they may have copied).
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { UsageError } from './errors.js';
import * as log from './log.js';

export const MAX_KEY_BYTES = 64 * 1024;

export interface KeyFileOptions {
  /** What names the file in messages (`--key`, `PYHERMETIC_SIGNING_KEY`): never its content. */
  source: string;
  /** A private key: its permissions are checked. */
  secret?: boolean;
  /** --strict-keys: a private key readable by group or others is an error, not a warning. */
  strict?: boolean;
  /** What to do, for the hint of a file that cannot be read. */
  hint: string;
}

/** The bytes of a key file, read with the limits above; a UsageError (exit 2) naming `source` otherwise. */
export async function readKeyFile(path: string, opts: KeyFileOptions): Promise<Buffer> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat below refuses it anyway.
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (err) {
    throw new UsageError(
      `cannot read the key named by ${opts.source}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      opts.hint,
    );
  }
  try {
    const st = await fh.stat();
    if (!st.isFile())
      throw new UsageError(
        `the key named by ${opts.source} is not a regular file (${st.isDirectory() ? 'a directory' : st.isCharacterDevice() ? 'a character device' : st.isFIFO() ? 'a FIFO' : 'a special file'})`,
        opts.hint,
      );
    if (st.size > MAX_KEY_BYTES)
      throw new UsageError(
        `the key named by ${opts.source} is ${st.size} bytes; a PEM key is at most ${MAX_KEY_BYTES} bytes`,
        opts.hint,
      );
    if (opts.secret && st.mode & 0o044) {
      const who = st.mode & 0o004 ? 'everyone' : `group ${st.gid}`;
      const text = `the private key named by ${opts.source} is readable by ${who} (mode ${(st.mode & 0o777).toString(8)})`;
      const fix = 'chmod 600 it (Jenkins secret files are private to the build); anyone who read it can sign as you';
      if (opts.strict) throw new UsageError(`${text} (--strict-keys)`, fix);
      log.warn(`${text}: ${fix}`);
    }
    // Read one byte past the limit: a file that grew since fstat is still caught.
    const buf = Buffer.alloc(MAX_KEY_BYTES + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, filled, buf.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled > MAX_KEY_BYTES)
        throw new UsageError(
          `the key named by ${opts.source} is more than ${MAX_KEY_BYTES} bytes; a PEM key is smaller`,
          opts.hint,
        );
    }
    return buf.subarray(0, filled);
  } finally {
    await fh.close();
  }
}
