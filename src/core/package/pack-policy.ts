// What `pack` changes on purpose between the tested env and the package, in one place, because
// `verify` and `diff` must apply exactly the same rules when they hash a tested tree: a clean package
// then verifies with zero findings and any other difference is a finding.
//
// 1. The pyc policy: no `__pycache__` directory and no `*.pyc`/`*.pyo` file goes into a package. The
//    pycs pip wrote while installing the tested env are timestamp-based (they embed the source mtime),
//    so they would make two packs of one env differ and could go stale; Python writes fresh ones on
//    first import where it may, or compiles in memory where it may not (see the README for the cost
//    and for `compileall --invalidation-mode unchecked-hash` at image build time).
// 2. Console scripts in bin/ get the relative launcher of launcher.ts (env create already did this, so
//    for an env made by pyhermetic it changes nothing; it keeps a hand-modified env movable too).
import { launcherFor } from '../interpreter/launcher.js';
import type { TreeOptions } from '../archive/tar-tree.js';

export const PYC_POLICY = 'no-pyc: __pycache__ directories and *.pyc/*.pyo files are left out of the package';

/** Where `pack --app` puts the application inside the package. */
export const APP_DIR = 'app';

/** Directories of an app tree that are never packed: VCS data, tool caches, virtualenvs, pyhermetic's own output. */
export const APP_SKIPPED_DIRS = new Set([
  '.git',
  '.hg',
  '.svn',
  '.pytest_cache',
  '.mypy_cache',
  '.ruff_cache',
  '.tox',
  '.nox',
  '.venv',
  '.pyhermetic-out',
]);

function base(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? rel : rel.slice(i + 1);
}

export function isPycPath(rel: string, isDir: boolean): boolean {
  const name = base(rel);
  if (isDir) return name === '__pycache__';
  return name.endsWith('.pyc') || name.endsWith('.pyo');
}

/** The include filter of an env tree (paths relative to the env root). */
export function includeEnvPath(rel: string, isDir: boolean): boolean {
  return !isPycPath(rel, isDir);
}

/** The include filter of an app tree (paths relative to the app root). */
export function includeAppPath(rel: string, isDir: boolean): boolean {
  if (isPycPath(rel, isDir)) return false;
  return !(isDir && APP_SKIPPED_DIRS.has(base(rel)));
}

/** Only bin/ holds console scripts; everything else is packed byte for byte. */
export function transformEnvFile(rel: string, content: Buffer): Buffer | undefined {
  if (!rel.startsWith('bin/') || rel.indexOf('/', 4) >= 0) return undefined;
  return launcherFor(content);
}

/** The options pack uses for an env tree and verify/diff use to hash a tested env. */
export const ENV_TREE_OPTIONS: TreeOptions = { include: includeEnvPath, transform: transformEnvFile };
export const APP_TREE_OPTIONS: TreeOptions = { include: includeAppPath };
