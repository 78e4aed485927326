// Extracted interpreter artifacts, kept under <cache-root>/interpreters/<artifact sha256>/ so that
// `lock` and `env create` extract each artifact once. Written like a store entry: extracted into a
// temp sibling, then renamed (readers never see a partial tree; of concurrent writers the first rename
// wins and the others discard theirs). Users of a copy verify it against interpreter.json's file list.
import { createHash } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readFile, readlink, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { FindingsError, UsageError, type Finding } from '../../shared/errors.js';
import { ownedTempPrefix, sweepDeadTempsMatching } from '../../shared/dead-temps.js';
import { checkDirSafe, checkTreeSafe, ensureOwnDir } from '../../shared/safe-dirs.js';
import { UnsafeArchiveError } from '../archive/tar-format.js';
import type { TarReadLimits } from '../archive/tar-read.js';
import { extractTarGz } from '../archive/archive.js';
import type { InterpreterRef } from './interpreter-ref.js';

export function interpreterCacheDir(cacheRoot: string, artifactSha256: string): string {
  return join(cacheRoot, 'interpreters', artifactSha256);
}

/**
 * Checks the cache root (created 0700 when missing) and the directories below it that pyhermetic and
 * pip write into, without following symlinks: a symlinked `interpreters` would receive every
 * extraction wherever it points. The extracted trees themselves are not descended into (they hold
 * the interpreter's own symlinks and are verified against interpreter.json on use).
 */
export function prepareCacheRoot(cacheRoot: string): void {
  ensureOwnDir(cacheRoot, 'cache root');
  checkTreeSafe(cacheRoot, 'cache root', { maxDepth: 3, opaque: (rel) => rel.startsWith('interpreters/') });
}

/**
 * The most an honest extraction of this artifact writes: what interpreter.json lists, plus tar's
 * headers and padding and a margin for directories. Extraction stops as soon as an archive goes past
 * it, so a bomb (or a swapped tarball) cannot fill the disk.
 */
export function extractionLimits(ref: InterpreterRef): TarReadLimits | undefined {
  const files = ref.manifest?.files;
  return Array.isArray(files) ? extractionLimitsOf(files) : undefined;
}

/** extractionLimits for the file list of an interpreter.json. */
export function extractionLimitsOf(files: { size?: unknown }[]): TarReadLimits | undefined {
  if (files.length === 0) return undefined;
  let total = 0;
  let largest = 0;
  for (const f of files) {
    const size = typeof f.size === 'number' && f.size >= 0 ? f.size : 0;
    total += Math.ceil(size / 512) * 512 + 3 * 512;
    largest = Math.max(largest, size);
  }
  // Margins for what the archive holds beside the listed files (interpreter.json itself, directories).
  return { maxTotalBytes: total + 64 * 1024 * 1024, maxEntryBytes: largest + 64 * 1024 * 1024 };
}

/** Temps of extractions: `.<first 16 hex of the artifact sha>.tmp-<owner token>-<random>`. */
const TEMP_NAME = /^(\.[0-9a-f]{16}\.tmp-)/;

/** The extracted prefix of an artifact ref, extracting it on first use. */
export async function extractedInterpreter(ref: InterpreterRef, cacheRoot: string): Promise<string> {
  prepareCacheRoot(cacheRoot);
  const dir = interpreterCacheDir(cacheRoot, ref.artifactSha256!);
  if (
    await lstat(dir).then(
      (s) => s.isDirectory(),
      () => false,
    )
  )
    return dir;
  const parent = join(cacheRoot, 'interpreters');
  await mkdir(parent, { recursive: true, mode: 0o700 });
  checkDirSafe(parent, 'interpreter cache directory');
  // Extractions of SIGKILLed runs (100+ MB each) are removed once their owner process is gone.
  await sweepDeadTempsMatching(parent, TEMP_NAME);
  const tmp = await mkdtemp(join(parent, await ownedTempPrefix(`.${ref.artifactSha256!.slice(0, 16)}.tmp-`)));
  try {
    await extractTarGz(ref.artifactPath!, tmp, extractionLimits(ref));
    await rename(tmp, dir);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    // Another process renamed its complete copy first: use that one.
    if (
      await lstat(dir).then(
        (s) => s.isDirectory(),
        () => false,
      )
    )
      return dir;
    if (err instanceof UnsafeArchiveError && /max(Total|Entry)Bytes/.test(err.message))
      throw new UsageError(
        `${err.message} (the limits come from the interpreter.json beside it: ${ref.manifest?.files.length ?? 0} files)`,
        'the artifact does not match its interpreter.json: use the --out directory of `pyhermetic interpreter build` as it was written',
      );
    throw err;
  }
  return dir;
}

/**
 * Checks a copy of an artifact's prefix against interpreter.json: every listed file with its sha256
 * (symlinks by target). A difference means the cached extraction was modified: exit 1 naming it.
 */
export async function verifyInterpreterCopy(ref: InterpreterRef, root: string, cacheDir: string): Promise<void> {
  const limit = pLimit(8);
  const problems = (
    await Promise.all(
      ref.manifest!.files.map((f) =>
        limit(async (): Promise<Finding | undefined> => {
          const p = join(root, f.path);
          const st = await lstat(p).catch(() => undefined);
          if (!st)
            return {
              path: f.path,
              message: 'missing from the extracted interpreter',
              fix: `remove ${cacheDir} and run again`,
            };
          if (f.link !== undefined) {
            const target = st.isSymbolicLink() ? await readlink(p) : undefined;
            return target === f.link
              ? undefined
              : {
                  path: f.path,
                  message: `symlink target ${target ?? '(not a symlink)'} ≠ ${f.link}`,
                  fix: `remove ${cacheDir} and run again`,
                };
          }
          const sha = createHash('sha256')
            .update(await readFile(p))
            .digest('hex');
          return sha === f.sha256
            ? undefined
            : {
                path: f.path,
                message: `sha256 ${sha} ≠ interpreter.json ${f.sha256}`,
                fix: `remove ${cacheDir} and run again`,
              };
        }),
      ),
    )
  ).filter((x): x is Finding => x !== undefined);
  if (problems.length > 0) {
    throw new FindingsError(
      `the extracted interpreter in ${cacheDir} differs from its interpreter.json in ${problems.length} file(s)`,
      problems,
    );
  }
}
