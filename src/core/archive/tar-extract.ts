// Safe extraction on top of the refusing stream parser. The parser refuses every entry that could
// land outside destDir (absolute, `..`, through a symlink, escaping links); on top of that every file
// is created with O_EXCL (which never follows a symlink), so even a parser bug could not write
// through a link. On refusal the caller can delete destDir: nothing was written anywhere else.
import { chmodSync, closeSync, fchmodSync, linkSync, mkdirSync, openSync, symlinkSync, writeSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { EnvironmentError, PyhermeticError, UsageError } from '../../shared/errors.js';
import type { FileRecord } from '../model/manifests.js';
import type { TarEntryInfo as EntryInfo } from './tar-parse.js';
import { parseTarGz, type EntrySink, type TarReadLimits, type TarReadOptions } from './tar-read.js';

/**
 * Modes applied on disk: 0755/0644-style whatever a package says (no setuid/setgid/sticky, no group/other
 * write). A root filesystem (opts.rootfs: a pinned, sha256-checked build root) keeps its own modes.
 */
const safeMode = (mode: number): number => mode & 0o755;

/** Files up to this size are gathered in memory and written with one call; bigger ones are written as they stream. */
const BUFFERED_FILE_LIMIT = 8 * 1024 * 1024;

function writeAllSync(fd: number, chunk: Buffer): void {
  let off = 0;
  while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
}

async function prepareDest(destDir: string): Promise<void> {
  try {
    await mkdir(destDir, { recursive: true, mode: 0o755 });
  } catch (err) {
    throw new UsageError(
      `cannot create the extraction directory ${destDir}: ${(err as Error).message}`,
      'pass a destination whose parent exists and is writable',
    );
  }
  const present = await readdir(destDir);
  if (present.length > 0) {
    throw new UsageError(
      `extraction directory ${destDir} is not empty`,
      "extract into a new or empty directory, so no old file can mix with the archive's",
    );
  }
}

/** The state of one extraction: what was made, what is still open, the records and the directory modes. */
class Extraction {
  readonly records: FileRecord[] = [];
  private readonly dirModes: [string, number][] = [];
  private readonly made = new Set<string>(['']);
  private readonly openFds = new Set<number>();

  constructor(
    private readonly destDir: string,
    private readonly opts: TarReadOptions,
  ) {}

  private diskMode(mode: number): number {
    return this.opts.rootfs ? mode : safeMode(mode);
  }

  // Synchronous calls on purpose: a package is thousands of small files, and four thread-pool round
  // trips per file (open, write, chmod, close) cost more than the syscalls themselves; gunzip keeps
  // running on the pool meanwhile.
  private ensureParent(rel: string): void {
    const slash = rel.lastIndexOf('/');
    const parent = slash === -1 ? '' : rel.slice(0, slash);
    if (this.made.has(parent)) return;
    // The parser has checked that no ancestor is a symlink or a file, so a recursive mkdir stays inside.
    mkdirSync(join(this.destDir, parent), { recursive: true, mode: 0o755 });
    for (let p = parent; p !== '' && !this.made.has(p); p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '')
      this.made.add(p);
  }

  // 'wx' = O_CREAT|O_EXCL: fails on anything already there, a symlink included, instead of following it.
  private create(abs: string): number {
    const fd = openSync(abs, 'wx', 0o600);
    this.openFds.add(fd);
    return fd;
  }

  private finish(fd: number, mode: number): void {
    fchmodSync(fd, mode);
    this.openFds.delete(fd);
    closeSync(fd);
  }

  /** The parser's callback: makes the entry, or returns the sink its file's bytes are written to. */
  onEntry(info: EntryInfo): EntrySink | null {
    if ((info.type === 'file' || info.type === 'hardlink') && this.opts.write?.(info.path) === false)
      return this.recordOnly(info);
    const abs = join(this.destDir, info.path);
    this.ensureParent(info.path);
    if (info.type === 'dir') {
      if (!this.made.has(info.path)) {
        try {
          mkdirSync(abs, { mode: 0o755 });
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        }
        this.made.add(info.path);
      }
      this.dirModes.push([abs, this.diskMode(info.mode)]);
      return null;
    }
    if (info.type === 'symlink') {
      symlinkSync(info.linkTarget!, abs);
      this.records.push({
        path: info.path,
        sha256: info.sha256!,
        size: info.size,
        mode: info.mode,
        link: info.linkTarget,
      });
      return null;
    }
    if (info.type === 'hardlink') {
      linkSync(join(this.destDir, info.linkTarget!), abs);
      this.records.push({ path: info.path, sha256: info.sha256!, size: info.size, mode: info.mode });
      return null;
    }
    return this.fileSink(info, abs);
  }

  /** A file the caller does not want written: hashed and recorded all the same. */
  private recordOnly(info: EntryInfo): EntrySink | null {
    const record = (sha256: string): void => {
      this.records.push({ path: info.path, sha256, size: info.size, mode: info.mode });
    };
    if (info.type === 'hardlink') {
      record(info.sha256!);
      return null;
    }
    return { write() {}, end: record };
  }

  private fileSink(info: EntryInfo, abs: string): EntrySink {
    const record = (sha256: string): void => {
      this.records.push({ path: info.path, sha256, size: info.size, mode: info.mode });
    };
    if (info.size <= BUFFERED_FILE_LIMIT) {
      // Gathered, then created and written in one go.
      const parts: Buffer[] = [];
      return {
        write(chunk) {
          parts.push(chunk);
        },
        end: (sha256) => {
          const fd = this.create(abs);
          writeAllSync(fd, parts.length === 1 ? parts[0] : Buffer.concat(parts));
          this.finish(fd, this.diskMode(info.mode));
          record(sha256);
        },
      };
    }
    const fd = this.create(abs);
    return {
      write(chunk) {
        writeAllSync(fd, chunk);
      },
      end: (sha256) => {
        this.finish(fd, this.diskMode(info.mode));
        record(sha256);
      },
    };
  }

  /** Deepest first (whatever the archive's order), so taking the write or search bit off a parent never blocks a child's chmod. */
  applyDirModes(): void {
    const depth = (p: string): number => p.split('/').length;
    for (const [abs, mode] of this.dirModes.sort((a, b) => depth(b[0]) - depth(a[0]))) chmodSync(abs, mode);
  }

  /** A refusal mid-file leaves that file's handle open: close it so the caller can delete destDir. */
  closeOpenFiles(): void {
    for (const fd of this.openFds) {
      try {
        closeSync(fd);
      } catch {
        // already closed or invalid: nothing left to release
      }
    }
  }
}

/**
 * Extracts into destDir (created if missing; must be empty or absent). Returns the records of the
 * regular files, hardlinks (as files) and symlinks extracted, sorted by byte order of path — every
 * file of the archive, trailer files included. Modes are applied normalised (no group/other write);
 * directory modes last, so a read-only directory still receives its files.
 */
export async function extractTarGz(
  file: string,
  destDir: string,
  limits?: TarReadLimits,
  opts: TarReadOptions = {},
): Promise<FileRecord[]> {
  await prepareDest(destDir);
  const x = new Extraction(destDir, opts);
  try {
    await parseTarGz(file, limits, (info) => x.onEntry(info), opts);
    x.applyDirModes();
  } catch (err) {
    x.closeOpenFiles();
    if (err instanceof PyhermeticError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new EnvironmentError(
      `extracting ${file} into ${destDir} failed: ${e.message}`,
      e.code === 'ENOSPC'
        ? 'free disk space and extract again'
        : "check the destination's file system and permissions, then extract again",
    );
  }
  return x.records.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}
