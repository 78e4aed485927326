// Safe extraction on top of the refusing stream parser. The parser refuses every entry that could
// land outside destDir (absolute, `..`, through a symlink, escaping links); on top of that every file
// is created with O_EXCL (which never follows a symlink), so even a parser bug could not write
// through a link. On refusal the caller can delete destDir: nothing was written anywhere else.
import { link, mkdir, open, readdir, symlink, chmod } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { EnvironmentError, PyhermeticError, UsageError } from '../errors.js';
import type { FileRecord } from './manifests.js';
import { parseTarGz, type EntrySink, type TarReadLimits } from './tar-read.js';

/** Files up to this size are gathered in memory and written with one call; bigger ones are written as they stream. */
const BUFFERED_FILE_LIMIT = 8 * 1024 * 1024;

async function writeAll(fh: FileHandle, chunk: Buffer): Promise<void> {
  let off = 0;
  while (off < chunk.length) {
    const { bytesWritten } = await fh.write(chunk, off, chunk.length - off);
    off += bytesWritten;
  }
}

async function prepareDest(destDir: string): Promise<void> {
  try {
    await mkdir(destDir, { recursive: true, mode: 0o755 });
  } catch (err) {
    throw new UsageError(`cannot create the extraction directory ${destDir}: ${(err as Error).message}`,
      'pass a destination whose parent exists and is writable');
  }
  const present = await readdir(destDir);
  if (present.length > 0) {
    throw new UsageError(`extraction directory ${destDir} is not empty`,
      'extract into a new or empty directory, so no old file can mix with the archive\'s');
  }
}

/**
 * Extracts into destDir (created if missing; must be empty or absent). Returns the records of the
 * regular files, hardlinks (as files) and symlinks extracted, sorted by byte order of path — every
 * file of the archive, trailer files included. Modes are applied normalised (no group/other write);
 * directory modes last, so a read-only directory still receives its files.
 */
export async function extractTarGz(file: string, destDir: string, limits?: TarReadLimits): Promise<FileRecord[]> {
  await prepareDest(destDir);
  const records: FileRecord[] = [];
  const dirModes: [string, number][] = [];
  const made = new Set<string>(['']);
  const openFiles = new Set<FileHandle>();
  const ensureParent = async (rel: string): Promise<void> => {
    const slash = rel.lastIndexOf('/');
    const parent = slash === -1 ? '' : rel.slice(0, slash);
    if (made.has(parent)) return;
    // The parser has checked that no ancestor is a symlink or a file, so a recursive mkdir stays inside.
    await mkdir(join(destDir, parent), { recursive: true, mode: 0o755 });
    for (let p = parent; p !== '' && !made.has(p); p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '') made.add(p);
  };
  try {
    await parseTarGz(file, limits, async (info): Promise<EntrySink | null> => {
      const abs = join(destDir, info.path);
      await ensureParent(info.path);
      if (info.type === 'dir') {
        if (!made.has(info.path)) {
          await mkdir(abs, { mode: 0o755 }).catch((err: NodeJS.ErrnoException) => { if (err.code !== 'EEXIST') throw err; });
          made.add(info.path);
        }
        dirModes.push([abs, info.mode]);
        return null;
      }
      if (info.type === 'symlink') {
        await symlink(info.linkTarget!, abs);
        records.push({ path: info.path, sha256: info.sha256!, size: info.size, mode: info.mode, link: info.linkTarget });
        return null;
      }
      if (info.type === 'hardlink') {
        await link(join(destDir, info.linkTarget!), abs);
        records.push({ path: info.path, sha256: info.sha256!, size: info.size, mode: info.mode });
        return null;
      }
      // 'wx' = O_CREAT|O_EXCL: fails on anything already there, a symlink included, instead of following it.
      const fh = await open(abs, 'wx', 0o600);
      openFiles.add(fh);
      const buffered = info.size <= BUFFERED_FILE_LIMIT;
      const parts: Buffer[] = [];
      return {
        async write(chunk) {
          if (buffered) parts.push(chunk);
          else await writeAll(fh, chunk);
        },
        async end(sha256) {
          try {
            if (buffered && parts.length > 0) await writeAll(fh, parts.length === 1 ? parts[0] : Buffer.concat(parts));
            await fh.chmod(info.mode);
          } finally {
            openFiles.delete(fh);
            await fh.close();
          }
          records.push({ path: info.path, sha256, size: info.size, mode: info.mode });
        },
      };
    });
    // Deepest first, so taking the write bit off a parent never blocks a child's chmod.
    for (const [abs, mode] of dirModes.reverse()) await chmod(abs, mode);
  } catch (err) {
    // A refusal mid-file leaves that file's handle open: close it so the caller can delete destDir.
    for (const fh of openFiles) await fh.close().catch(() => undefined);
    if (err instanceof PyhermeticError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new EnvironmentError(`extracting ${file} into ${destDir} failed: ${e.message}`,
      e.code === 'ENOSPC' ? 'free disk space and extract again' : 'check the destination\'s file system and permissions, then extract again');
  }
  return records.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}
