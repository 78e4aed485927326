// The pipeline's guard between the interpreter and the env: the committed lock must exist, pin every
// line with a sha256 hash, and carry the fingerprint of the interpreter that was just built. A lock
// resolved for another interpreter (another version, or shared instead of static) may name wheels
// that do not fit this one, which is how the poison-wheel outage began — so it is refused, with the
// exact command that makes the right lock.
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import { shellQuote } from '../../shared/shell-quote.js';
import { parseLock, type Lock } from '../../core/deps/lockfile.js';
import type { Stage } from './stage.js';
import { pythonLabel } from '../../core/interpreter/fingerprint.js';

export async function checkLockForInterpreter(
  lockPath: string,
  fingerprint: string,
  relockCommand: string,
  /** The interpreter's version as lock headers write it (3.11.2, 3.14.7t), so the refusal names both. */
  python?: string,
): Promise<Lock> {
  const remake = `run \`pyhermetic lock\` for this interpreter and commit the result:\n  ${relockCommand}`;
  let text: string;
  try {
    text = await readFile(lockPath, 'utf8');
  } catch (err) {
    throw new UsageError(
      `the lock ${lockPath} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      remake,
    );
  }
  let lock: Lock;
  try {
    lock = parseLock(text, lockPath);
  } catch (err) {
    throw new UsageError((err as Error).message, remake);
  }
  if (lock.entries.length === 0) throw new UsageError(`the lock ${lockPath} pins nothing`, remake);
  if (!lock.header.fingerprint) {
    throw new UsageError(
      `the lock ${lockPath} has no '# pyhermetic-lock fingerprint=' header, so nothing says which interpreter it was made for`,
      remake,
    );
  }
  if (lock.header.fingerprint !== fingerprint) {
    throw new UsageError(
      `the lock ${lockPath} was made for CPython ${lock.header.python ?? '(version not recorded)'} (interpreter ${lock.header.fingerprint.slice(0, 16)}…), not for this pipeline's CPython ${python ?? '(unknown version)'} (${fingerprint.slice(0, 16)}…)`,
      remake,
    );
  }
  return lock;
}

export const lockCheckStage: Stage = {
  name: 'lock-check',
  title: ({ cwd, config }) => `lock ${relative(cwd, config.lock) || config.lock} made for this interpreter`,
  async run({ config, layout, runner, found }) {
    const relock = shellQuote([
      runner.node,
      runner.script,
      'lock',
      '-r',
      config.requirements,
      '--interpreter',
      layout.interpreter,
      ...config.indexUrls.flatMap((u) => ['--index-url', u]),
      ...config.allowSource.flatMap((n) => ['--allow-source', n]),
      '-o',
      config.lock,
    ]);
    const lock = await checkLockForInterpreter(
      config.lock,
      found.interpreter!.fingerprint,
      relock,
      pythonLabel(found.interpreter!.fields),
    );
    return { summary: `${lock.entries.length} pinned and hashed distributions, fingerprint matches` };
  },
};
