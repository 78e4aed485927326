// Deterministic tar.gz writer: same tree → same bytes, whoever owns the files and whenever they were
// touched. The archive appears at outFile complete or not at all (temp file + fsync + rename).
import { createHash } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { dirname, posix, resolve } from 'node:path';
import type { FileHandle } from 'node:fs/promises';
import { UsageError } from '../../shared/errors.js';
import { fsyncPath, sweepTempsBeside, tempPathBeside } from '../../shared/atomic-file.js';
import { fsError, isErrnoError } from '../../shared/fs-errors.js';
import type { FileRecord } from '../model/manifests.js';
import { BLOCK, RECORD, encodeHeader, padLength } from './tar-format.js';
import { ParallelGzip } from './tar-gzip.js';
import { loadEntries, streamFile, symlinkRecord, walkTree, type TreeEntry, type TreeOptions } from './tar-tree.js';

export interface TarWriteOptions extends TreeOptions {
  /** Extra root files appended AFTER the sorted tree (manifests that list every file), mode 0644. */
  trailer?: (files: FileRecord[]) => Record<string, Buffer>;
  /** gzip level, default 6 (what `gzip` uses, and what the benchmark compares against). */
  level?: number;
}

export interface TarWriteResult {
  /** sha256 and size of the .tar.gz file written. */
  sha256: string;
  size: number;
  /** The tree's regular files and symlinks as written (not directories, not the trailer), sorted by byte order of path. */
  files: FileRecord[];
}

/** Small pieces (headers, small files) are gathered to this size before they go to the gzip writer: fewer, larger copies. */
const BATCH_BYTES = 1024 * 1024;

class Batcher {
  private parts: Buffer[] = [];
  private length = 0;
  add(b: Buffer): boolean {
    this.parts.push(b);
    this.length += b.length;
    return this.length >= BATCH_BYTES;
  }
  take(): Buffer | undefined {
    if (this.length === 0) return undefined;
    const out = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.length);
    this.parts = [];
    this.length = 0;
    return out;
  }
}

function checkTrailerName(name: string, outFile: string): void {
  const norm = posix.normalize(name);
  if (
    name === '' ||
    posix.isAbsolute(name) ||
    norm !== name ||
    name.startsWith('../') ||
    name === '..' ||
    name.endsWith('/')
  ) {
    throw new UsageError(
      `trailer file name "${name}" for ${outFile} is not a plain relative path`,
      'name trailer files like "interpreter.json" or "meta/x.json" (no leading /, no ..)',
    );
  }
}

/** The tar bytes as they are produced: batched for the gzip writer, with the running total for the final padding. */
class TarStream {
  readonly batch = new Batcher();
  total = 0;
  add(b: Buffer): boolean {
    this.total += b.length;
    return this.batch.add(b);
  }
  pad(size: number): boolean {
    return this.add(Buffer.alloc(padLength(size)));
  }
}

/** A file read whole: header, content, padding. Returns whether the batch is full. */
async function* fileChunks(
  t: TarStream,
  entry: TreeEntry,
  content: Buffer,
  files: FileRecord[],
): AsyncGenerator<Buffer, boolean> {
  files.push({
    path: entry.rel,
    sha256: createHash('sha256').update(content).digest('hex'),
    size: content.length,
    mode: entry.mode,
  });
  t.add(encodeHeader({ path: entry.rel, type: '0', mode: entry.mode, size: content.length }));
  if (content.length >= BATCH_BYTES / 4) {
    // Big enough to go to the gzip writer on its own: no copy into the batch.
    const head = t.batch.take();
    if (head) yield head;
    t.total += content.length;
    yield content;
    return t.pad(content.length);
  }
  t.add(content);
  return t.pad(content.length);
}

/** A big file streams; its header states the size seen by lstat, so the file must not change meanwhile. */
async function* streamedFileChunks(
  t: TarStream,
  entry: TreeEntry,
  files: FileRecord[],
): AsyncGenerator<Buffer, boolean> {
  t.add(encodeHeader({ path: entry.rel, type: '0', mode: entry.mode, size: entry.size }));
  const head = t.batch.take();
  if (head) yield head;
  const h = createHash('sha256');
  let seen = 0;
  for await (const chunk of streamFile(entry)) {
    seen += chunk.length;
    if (seen > entry.size) break;
    h.update(chunk);
    t.total += chunk.length;
    yield chunk;
  }
  if (seen !== entry.size) {
    throw new UsageError(
      `${entry.abs} changed size while being packed (${entry.size} bytes when listed, ${seen > entry.size ? 'more' : seen} when read)`,
      'make sure nothing writes into the tree while it is packed, then pack again',
    );
  }
  files.push({ path: entry.rel, sha256: h.digest('hex'), size: seen, mode: entry.mode });
  return t.pad(seen);
}

/** The trailer files (made from the records of the tree's files), in byte order, after the tree. */
async function* trailerChunks(
  t: TarStream,
  entries: TreeEntry[],
  opts: TarWriteOptions,
  files: FileRecord[],
  outFile: string,
): AsyncGenerator<Buffer> {
  if (!opts.trailer) return;
  const extra = opts.trailer(files);
  const taken = new Set(entries.map((e) => e.rel));
  const names = Object.keys(extra).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const name of names) {
    checkTrailerName(name, outFile);
    if (taken.has(name)) {
      throw new UsageError(
        `trailer file "${name}" for ${outFile} is also in the tree`,
        "leave the tree's copy out with an include filter, or name the trailer file differently",
      );
    }
    const body = extra[name];
    t.add(encodeHeader({ path: name, type: '0', mode: 0o644, size: body.length }));
    t.add(body);
    if (t.pad(body.length)) yield t.batch.take()!;
  }
}

async function* tarChunks(
  entries: TreeEntry[],
  opts: TarWriteOptions,
  files: FileRecord[],
  outFile: string,
): AsyncGenerator<Buffer> {
  const t = new TarStream();
  for await (const { entry, content } of loadEntries(entries, opts.transform)) {
    let full = false;
    if (entry.kind === 'dir') {
      full = t.add(encodeHeader({ path: entry.rel, type: '5', mode: entry.mode, size: 0 }));
    } else if (entry.kind === 'symlink') {
      files.push(symlinkRecord(entry.rel, entry.linkTarget!));
      full = t.add(
        encodeHeader({ path: entry.rel, type: '2', mode: entry.mode, size: 0, linkTarget: entry.linkTarget }),
      );
    } else if (content) {
      full = yield* fileChunks(t, entry, content, files);
    } else {
      full = yield* streamedFileChunks(t, entry, files);
    }
    if (full) yield t.batch.take()!;
  }
  yield* trailerChunks(t, entries, opts, files, outFile);

  // End of archive: two zero blocks, then zeros up to a whole record as GNU tar writes it.
  t.add(Buffer.alloc(2 * BLOCK));
  const rem = t.total % RECORD;
  if (rem !== 0) t.add(Buffer.alloc(RECORD - rem));
  const last = t.batch.take();
  if (last) yield last;
}

async function writeAll(fh: FileHandle, chunk: Buffer): Promise<void> {
  let off = 0;
  while (off < chunk.length) {
    const { bytesWritten } = await fh.write(chunk, off, chunk.length - off);
    off += bytesWritten;
  }
}

/**
 * Packs the contents of rootDir (not rootDir itself) into outFile as a deterministic tar.gz:
 * entries sorted by byte order of path, directories included, mtime FIXED_MTIME, uid/gid 0, empty
 * owner names, modes normalised (normaliseMode), gzip header without name or time, compressed in
 * fixed blocks on worker threads with a pinned deflate (tar-gzip.ts) into one ordinary gzip member.
 */
export async function writeDeterministicTarGz(
  rootDir: string,
  outFile: string,
  opts: TarWriteOptions = {},
): Promise<TarWriteResult> {
  const level = opts.level ?? 6;
  if (!Number.isInteger(level) || level < 0 || level > 9) {
    throw new UsageError(`gzip level ${level} is out of range`, 'use a level from 0 to 9 (6 is the default)');
  }
  // Every refusal in the walk (devices, FIFOs, escaping symlinks) happens before a byte is written.
  const entries = await walkTree(rootDir, opts.include, opts.rootfs);
  const outPath = resolve(outFile);
  const dir = dirname(outPath);
  // Named after this process, so the next write of the same file removes it if this one is killed.
  await sweepTempsBeside(outPath);
  const tmp = tempPathBeside(outPath);
  let fh: FileHandle;
  try {
    fh = await open(tmp, 'wx', 0o644);
  } catch (err) {
    throw isErrnoError(err) ? fsError(err, outPath, `creating a temp file beside ${outPath}`) : err;
  }
  const files: FileRecord[] = [];
  const hash = createHash('sha256');
  let size = 0;
  const gz = new ParallelGzip(level, async (chunk) => {
    hash.update(chunk);
    size += chunk.length;
    await writeAll(fh, chunk);
  });
  try {
    for await (const chunk of tarChunks(entries, opts, files, outFile)) await gz.write(chunk);
    await gz.end();
    await fh.sync();
    await fh.close();
  } catch (err) {
    // The deflate workers would keep the process alive.
    await gz.close().catch(() => undefined);
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw isErrnoError(err) ? fsError(err, outPath, `writing ${outPath}`) : err;
  }
  try {
    await rename(tmp, outPath);
  } catch (err) {
    await rm(tmp, { force: true });
    throw isErrnoError(err) ? fsError(err, outPath, `renaming the temp file to ${outPath}`) : err;
  }
  await fsyncPath(dir);
  return { sha256: hash.digest('hex'), size, files };
}
