// What `env create --force` may replace: only a directory an earlier `env create` made (it holds
// pyhermetic-env.json) or an empty one. Never `/`, $HOME, the current directory or one of its
// parents — a `--dest . --force` typed in a project directory must not delete the project.
import { lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import { fsError, isErrnoError } from '../../shared/fs-errors.js';
import { ENV_MANIFEST } from '../model/manifests.js';

function real(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return resolve(p);
  }
}

/** True when `inner` is `outer` or lies below it. */
function within(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function isEnvDir(dir: string): boolean {
  try {
    const st = lstatSync(join(dir, ENV_MANIFEST));
    if (!st.isFile()) return false;
    const doc = JSON.parse(readFileSync(join(dir, ENV_MANIFEST), 'utf8')) as { kind?: unknown };
    return doc?.kind === 'pyhermetic-env';
  } catch {
    return false;
  }
}

/**
 * Throws exit 2 unless `dest` (which exists) may be replaced by `env create --force`. Checked before
 * any work and again right before the swap.
 */
export function checkReplaceable(dest: string): void {
  const abs = resolve(dest);
  let st: import('node:fs').Stats;
  try {
    st = lstatSync(abs);
  } catch (err) {
    if (isErrnoError(err) && err.code === 'ENOENT') return;
    throw isErrnoError(err) ? fsError(err, abs, 'checking --dest') : err;
  }
  const keep = 'choose a new --dest (env create makes it), or remove the directory yourself if it really is to go';
  if (st.isSymbolicLink()) throw new UsageError(`--dest ${abs} is a symlink; --force never replaces one`, keep);
  if (!st.isDirectory())
    throw new UsageError(`--dest ${abs} exists and is not a directory; --force only replaces an env`, keep);
  const target = real(abs);
  const protectedDirs: [string, string][] = [
    ['/', 'the root directory'],
    [real(homedir()), 'your home directory'],
    ...(process.env.HOME ? [[real(process.env.HOME), 'your home directory'] as [string, string]] : []),
  ];
  for (const [dir, name] of protectedDirs)
    if (target === dir) throw new UsageError(`--dest ${abs} is ${name}; --force never replaces it`, keep);
  const cwd = real(process.cwd());
  if (within(cwd, target))
    throw new UsageError(`--dest ${abs} is the current directory or a parent of it; --force never replaces it`, keep);
  if (target === real(dirname(target)))
    throw new UsageError(`--dest ${abs} is a file system root; --force never replaces it`, keep);
  if (isEnvDir(abs)) return;
  let names: string[];
  try {
    names = readdirSync(abs);
  } catch (err) {
    throw isErrnoError(err) ? fsError(err, abs, 'reading --dest') : err;
  }
  if (names.length === 0) return;
  throw new UsageError(
    `--dest ${abs} is not an env made by \`pyhermetic env create\` (no ${ENV_MANIFEST}) and not empty (${names.length} entr${
      names.length === 1 ? 'y' : 'ies'
    }); --force replaces only those, so nothing was removed`,
    keep,
  );
}
