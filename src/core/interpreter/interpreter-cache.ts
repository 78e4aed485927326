// Extracted interpreter artifacts, kept under <cache-root>/interpreters/<artifact sha256>/ so that
// `lock` and `env create` extract each artifact once. Written like a store entry: extracted into a
// temp sibling, then renamed (readers never see a partial tree; of concurrent writers the first rename
// wins and the others discard theirs). Users of a copy verify it against interpreter.json's file list.
import { createHash } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readFile, readlink, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { FindingsError, type Finding } from '../../shared/errors.js';
import { extractTarGz } from '../archive/archive.js';
import type { InterpreterRef } from './interpreter-ref.js';

export function interpreterCacheDir(cacheRoot: string, artifactSha256: string): string {
  return join(cacheRoot, 'interpreters', artifactSha256);
}

/** The extracted prefix of an artifact ref, extracting it on first use. */
export async function extractedInterpreter(ref: InterpreterRef, cacheRoot: string): Promise<string> {
  const dir = interpreterCacheDir(cacheRoot, ref.artifactSha256!);
  if (
    await lstat(dir).then(
      (s) => s.isDirectory(),
      () => false,
    )
  )
    return dir;
  await mkdir(join(cacheRoot, 'interpreters'), { recursive: true, mode: 0o700 });
  const tmp = await mkdtemp(join(cacheRoot, 'interpreters', `.${ref.artifactSha256!.slice(0, 16)}.tmp-`));
  try {
    await extractTarGz(ref.artifactPath!, tmp);
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
