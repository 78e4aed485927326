// The pipeline copies the app once into OUT/app and uses that copy for both the test run (its cwd)
// and the package (pack --app), so the tree that was tested is byte for byte the tree that ships.
// The copy also keeps the pipeline's own output out of the package when OUT lies inside the app
// (the default OUT is <config dir>/.pyhermetic-out and the demo's app is "."). node's fs.cp refuses
// to copy a directory into its own subdirectory, hence the small walker here.
import { chmod, copyFile, lstat, mkdir, readdir, readlink, rm, symlink } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import type { Stage } from './stage.js';

/** Directory names never copied: VCS data, caches, virtualenvs, pyhermetic's default output and the Jenkins steps' work directory (.pyhermetic: args files, rerun.sh). */
export const APP_EXCLUDED_DIRS = [
  '.git',
  '.hg',
  '.svn',
  '__pycache__',
  '.pytest_cache',
  '.mypy_cache',
  '.tox',
  '.venv',
  '.pyhermetic-out',
  '.pyhermetic',
];

async function copyTree(src: string, dest: string, skip: Set<string>): Promise<void> {
  const st = await lstat(src);
  await mkdir(dest, { mode: 0o755 });
  await chmod(dest, st.mode & 0o7777);
  const entries = await readdir(src, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const from = join(src, e.name);
    const to = join(dest, e.name);
    if (skip.has(from)) continue;
    if (e.isDirectory()) {
      if (!APP_EXCLUDED_DIRS.includes(e.name)) await copyTree(from, to, skip);
    } else if (e.isSymbolicLink()) {
      // Copied as a link; pack refuses one that points outside the tree, naming it.
      await symlink(await readlink(from), to);
    } else if (e.isFile()) {
      if (e.name.endsWith('.pyc')) continue;
      await copyFile(from, to);
      await chmod(to, (await lstat(from)).mode & 0o7777);
    } else {
      throw new UsageError(
        `the app holds ${from}, which is neither a file, a directory nor a symlink`,
        'remove it from the app directory (devices, sockets and FIFOs cannot be packaged)',
      );
    }
  }
}

/**
 * Replaces `dest` with a copy of `appDir`, leaving out APP_EXCLUDED_DIRS, *.pyc, `dest` itself and
 * every path in `skip` (absolute).
 */
export async function snapshotApp(appDir: string, dest: string, skip: string[] = []): Promise<void> {
  const src = resolve(appDir);
  await rm(dest, { recursive: true, force: true });
  await copyTree(src, resolve(dest), new Set([...skip, dest].map((p) => resolve(p))));
}

/** Stage `app`: the app snapshot OUT/app that is tested and packed. */
export const appStage: Stage = {
  name: 'app',
  title: ({ cwd, config, layout }) =>
    `snapshot of the app ${relative(cwd, config.app) || '.'} into ${relative(cwd, layout.app)}`,
  async run({ config, layout, out }) {
    await snapshotApp(config.app, layout.app, [out]);
    return { summary: `copied to ${layout.app} (tested and packed from there)` };
  },
};
