// Streaming, refusing tar.gz reader: one pass over zlib's output, no temp files, every entry checked
// (tar-parse.ts) before anything is handed on. Hostile or broken archives end in UnsafeArchiveError
// naming the archive and the entry, never in a crash or a write outside the destination.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { type Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { EnvironmentError, PyhermeticError, UsageError } from '../../shared/errors.js';
import { UnsafeArchiveError } from './tar-format.js';
import {
  TarStreamParser,
  type OnHeader,
  type TarEntryInfo,
  type TarParseOptions,
  type TarReadLimits,
} from './tar-parse.js';

export {
  DEFAULT_READ_LIMITS,
  type EntrySink,
  type OnHeader,
  type TarEntryInfo,
  type TarReadLimits,
} from './tar-parse.js';

export interface TarReadOptions extends TarParseOptions {
  /** A plain .tar is read too (`docker export` writes one): the first two bytes say which it is. */
  uncompressedOk?: boolean;
  /** Also hash the archive file itself from the same read (verify reports it): one read instead of two. */
  fileSha256?: boolean;
  /**
   * Extraction only: which regular files (and hardlinks) are written. The others are still read, checked
   * and hashed (they are in the records), just not put on disk. Absent: every file is written.
   */
  write?: (path: string) => boolean;
}

async function hashStream(input: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of input) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function startsWithGzipMagic(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** xz's magic bytes: CPython's release tarballs (and Debian's orig tarballs of them) are .tar.xz. */
const XZ_MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);

async function isXz(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(XZ_MAGIC.length);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    return bytesRead === head.length && head.equals(XZ_MAGIC);
  } finally {
    await fh.close();
  }
}

/**
 * `xz -dc FILE` (Debian's xz-utils: Node has no xz decoder): its output stream, and a promise that
 * rejects with a clear error when xz is missing or says the stream is bad.
 */
function xzDecompress(file: string): { stream: Readable; done: Promise<void> } {
  const child = spawn('xz', ['-dc', '--', file], { stdio: ['ignore', 'pipe', 'pipe'], env: { LC_ALL: 'C' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString('utf8').slice(0, 2000);
  });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (err) =>
      reject(
        new EnvironmentError(
          `cannot run xz to read ${file}: ${(err as NodeJS.ErrnoException).code ?? err.message}`,
          'install xz-utils (apt-get install xz-utils)',
        ),
      ),
    );
    child.on('close', (code, signal) => {
      // Closed early by a refusal of the parser: that refusal is the answer, not xz's broken pipe.
      if (code === 0 || signal === 'SIGPIPE' || /broken pipe/i.test(stderr)) resolve();
      else
        reject(
          new UnsafeArchiveError(
            file,
            undefined,
            `not a valid xz stream, or truncated (xz exit ${code ?? signal}: ${stderr.trim()})`,
            'the file is damaged or not a .tar.xz: fetch it again',
          ),
        );
    });
  });
  return { stream: child.stdout, done };
}

/**
 * Feeds file → gunzip (or xz) → parser; turns zlib and I/O failures into clear errors naming the archive.
 * Returns the sha256 of the archive file when opts.fileSha256 asks for it.
 */
export async function parseTarGz(
  file: string,
  limits: TarReadLimits | undefined,
  onHeader: OnHeader,
  opts: TarReadOptions = {},
): Promise<{ fileSha256?: string }> {
  const st = await stat(file).catch(() => undefined);
  if (!st) throw new UsageError(`archive not found: ${file}`, 'check the path of the .tar.gz');
  if (!st.isFile()) throw new UsageError(`${file} is not a regular file`, 'pass the path of a .tar.gz file');
  const parser = new TarStreamParser(file, st.size, limits, onHeader, opts);
  // A zlib error rejects the pipeline without waiting for the chunk being parsed; the caller must not
  // clean up (close files, delete the destination) while that chunk's callbacks still run.
  let inflight: Promise<void> = Promise.resolve();
  const sink = new Writable({
    highWaterMark: 1024 * 1024,
    write(chunk: Buffer, _enc, cb) {
      inflight = parser.push(chunk);
      inflight.then(() => cb(), cb);
    },
    final(cb) {
      try {
        parser.finish();
        cb();
      } catch (err) {
        cb(err as Error);
      }
    },
  });
  if (await isXz(file)) {
    const xz = xzDecompress(file);
    try {
      // xz reads the file itself; its own sha256 (rarely asked: verify reads .tar.gz) takes a read of its own.
      const [, , fileSha256] = await Promise.all([
        pipeline(xz.stream, sink),
        xz.done,
        opts.fileSha256 ? hashStream(createReadStream(file)) : undefined,
      ]);
      return { fileSha256 };
    } catch (err) {
      await inflight.catch(() => undefined);
      // A bad xz stream also ends the tar early ("truncated"): xz's own verdict names the cause.
      const xzError = await xz.done.then(
        () => undefined,
        (e: unknown) => e,
      );
      throw xzError ?? err;
    }
  }
  const input = createReadStream(file, { highWaterMark: 1024 * 1024 });
  let readError: unknown;
  input.on('error', (err) => {
    readError = err;
  });
  const gzip = !opts.uncompressedOk || (await startsWithGzipMagic(file));
  const fileHash = opts.fileSha256 ? createHash('sha256') : undefined;
  // A second 'data' listener only watches: pipeline's own keeps the flow control. It is added in the same
  // tick as pipeline's, after the last await, so no chunk flows before both listen.
  if (fileHash) input.on('data', (chunk) => fileHash.update(chunk as Buffer));
  try {
    if (gzip) await pipeline(input, createGunzip({ chunkSize: 1024 * 1024 }), sink);
    else await pipeline(input, sink);
    return { fileSha256: fileHash?.digest('hex') };
  } catch (err) {
    await inflight.catch(() => undefined);
    if (err instanceof PyhermeticError) throw err;
    if (err === readError) {
      throw new EnvironmentError(
        `cannot read ${file}: ${(err as Error).message}`,
        "check the file's permissions and the disk it is on",
      );
    }
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_') || code === 'ERR_STREAM_PREMATURE_CLOSE') {
      throw new UnsafeArchiveError(
        file,
        undefined,
        `not a valid gzip stream, or truncated (${(err as Error).message})`,
        'the file is damaged or not a .tar.gz: fetch or build it again',
      );
    }
    throw err;
  }
}

/**
 * Streams the archive once; calls onEntry for every entry in order with the full content of regular
 * files (a Buffer of its own) or null. Refuses with UnsafeArchiveError: absolute names, `..`,
 * symlinks or hardlinks leading outside the root, entries through symlinks, devices and FIFOs,
 * duplicates, limits (decompression bombs), truncated or corrupt archives.
 */
export async function readTarGz(
  file: string,
  onEntry: (e: TarEntryInfo, content: Buffer | null) => void | Promise<void>,
  limits?: TarReadLimits,
): Promise<void> {
  await parseTarGz(file, limits, (info) => {
    if (info.type !== 'file') return { write() {}, end: () => onEntry(info, null) };
    // Allocated once at the size the header states; limits were checked before this point.
    const content = Buffer.allocUnsafe(info.size);
    let fill = 0;
    return {
      write(chunk) {
        chunk.copy(content, fill);
        fill += chunk.length;
      },
      end: () => onEntry(info, content),
    };
  });
}
