// `pyhermetic pack`: the production package made from the tested env itself (plus the app), as one
// deterministic tar.gz. Layout of the package (its root is an installation prefix, like the env):
//   bin/ lib/ include/ share/ …      the env: interpreter + installed distributions (pack-policy.ts)
//   pyhermetic-env.json              the env's manifest, as tested
//   pyhermetic/requirements.lock     the lock the env was installed from (env create put it there)
//   app/                             the application tree given with --app (only with --app)
//   pyhermetic-package.json          last entry: PackageManifest listing every other file's sha256/size/mode
import { link, lstat, mkdir, readdir, readFile, readlink, rm, copyFile, symlink, chmod } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import { sha256Hex } from '../../shared/canonical.js';
import { checkDirSafe } from '../../shared/safe-dirs.js';
import { ownedTempDir } from '../../shared/dead-temps.js';
import { specialFileKind, writeDeterministicTarGz, type TarWriteResult } from '../archive/archive.js';
import {
  ENV_MANIFEST,
  LOCK_FILE,
  PACKAGE_MANIFEST,
  type EnvManifest,
  type PackageManifest,
} from '../model/manifests.js';
import { APP_DIR, PYC_POLICY, includeAppPath, includeEnvPath, transformEnvFile } from './pack-policy.js';

export interface PackOptions {
  env: string;
  app?: string;
  out: string;
  /** gzip level (default 6). */
  level?: number;
}

export interface PackResult {
  artifact: string;
  sha256: string;
  size: number;
  /** Number of files (and symlinks) in the package, the manifest included. */
  files: number;
  manifest: PackageManifest;
}

const STAGE_PREFIX = '.pyhermetic-pack-';

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Reads and checks DIR/pyhermetic-env.json: pack, verify and diff only accept envs made by `env create`. */
export async function readEnvManifest(dir: string): Promise<EnvManifest> {
  const st = await lstat(dir).catch(() => undefined);
  if (!st?.isDirectory()) {
    throw new UsageError(
      `env ${dir} is not a directory`,
      'pass the directory that `pyhermetic env create --dest` made',
    );
  }
  const file = join(dir, ENV_MANIFEST);
  let doc: EnvManifest;
  try {
    doc = JSON.parse(await readFile(file, 'utf8')) as EnvManifest;
  } catch (err) {
    throw new UsageError(
      `${file}: cannot read the env manifest (${(err as Error).message})`,
      'pack and verify work on envs made by `pyhermetic env create`, which writes this file',
    );
  }
  if (
    doc?.kind !== 'pyhermetic-env' ||
    typeof doc.interpreter?.fingerprint !== 'string' ||
    !Array.isArray(doc.distributions)
  ) {
    throw new UsageError(`${file} is not a pyhermetic env manifest`, 'recreate the env with `pyhermetic env create`');
  }
  return doc;
}

/**
 * The env's lock (pyhermetic/requirements.lock) must be there and be the one its manifest records:
 * the package ships it as its own description. An env made before envs kept their lock has none.
 */
async function checkEnvLock(envDir: string, env: EnvManifest): Promise<void> {
  const file = join(envDir, LOCK_FILE);
  const st = await lstat(file).catch(() => undefined);
  if (!st?.isFile())
    throw new UsageError(
      `the env ${envDir} holds no ${LOCK_FILE} (the lock it was installed from): it was made by an older pyhermetic, or the file was removed`,
      'recreate the env with `pyhermetic env create` (it keeps its lock there), test it, and pack that',
    );
  const sha256 = sha256Hex(await readFile(file));
  if (sha256 !== env.lock.sha256)
    throw new UsageError(
      `${file} has sha256 ${sha256}, but the env was installed from the lock with sha256 ${env.lock.sha256} (${ENV_MANIFEST})`,
      'the lock in the env was changed after env create: recreate the env from the lock you mean, test it, and pack that',
    );
}

function refuseSpecial(abs: string, st: import('node:fs').Stats): never {
  throw new UsageError(
    `${abs} is ${specialFileKind(st)}; it cannot be packed`,
    'remove it from the tree, then pack again',
  );
}

/**
 * Mirrors `src` into `dest`: directories made, regular files hard-linked (copied when a link is not
 * possible, e.g. across file systems), symlinks re-created with the same target. Only what `include`
 * keeps is mirrored. The writer then checks symlink targets against the staged root.
 */
async function mirrorTree(
  src: string,
  dest: string,
  include: (rel: string, isDir: boolean) => boolean,
  copyAlways: boolean,
  rel = '',
): Promise<void> {
  await mkdir(dest, { recursive: true });
  const names = await readdir(src);
  await Promise.all(
    names.map(async (name) => {
      const r = rel === '' ? name : `${rel}/${name}`;
      const from = join(src, name);
      const to = join(dest, name);
      const st = await lstat(from);
      if (st.isDirectory()) {
        if (include(r, true)) await mirrorTree(from, to, include, copyAlways, r);
      } else if (st.isFile()) {
        if (!include(r, false)) return;
        if (!copyAlways) {
          try {
            await link(from, to);
            return;
          } catch (err) {
            if (!['EXDEV', 'EPERM', 'EMLINK', 'EACCES'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
          }
        }
        await copyFile(from, to);
        await chmod(to, st.mode & 0o7777);
      } else if (st.isSymbolicLink()) {
        if (include(r, false)) await symlink(await readlink(from), to);
      } else {
        refuseSpecial(from, st);
      }
    }),
  );
}

function manifestBytes(env: EnvManifest, app: string | null, files: TarWriteResult['files']): Buffer {
  const manifest: PackageManifest = { schema: 1, kind: 'pyhermetic-package', env, app, pycPolicy: PYC_POLICY, files };
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
}

/** Rewrites a writer error that names a staged path so that it names the path the person gave. */
function unstage(err: unknown, stage: string, envDir: string, appDir: string | undefined): unknown {
  if (!(err instanceof UsageError)) return err;
  let message = err.message.split(join(stage, APP_DIR) + sep).join((appDir ?? '') + sep);
  message = message.split(stage + sep).join(envDir + sep);
  return message === err.message ? err : new UsageError(message, err.hint);
}

/** --env, --app and --out, checked before anything is written: no overlap, nothing packed into itself. */
async function checkPaths(envDir: string, appDir: string | undefined, out: string): Promise<void> {
  // lstat, not stat: a symlinked output directory would be written through to wherever it points.
  if (!checkDirSafe(dirname(out), 'the directory of --out', { allowSticky: true }))
    throw new UsageError(`the directory of --out ${out} does not exist`, 'create it first, or choose another --out');
  if ((await lstat(out).catch(() => undefined))?.isDirectory())
    throw new UsageError(`--out ${out} is a directory`, 'name the package file, e.g. dist/app.tar.gz');
  if (isInside(out, envDir))
    throw new UsageError(
      `--out ${out} lies inside the env ${envDir}`,
      'write the package outside the env, or it would pack itself',
    );
  if (appDir !== undefined) {
    const st = await lstat(appDir).catch(() => undefined);
    if (!st?.isDirectory())
      throw new UsageError(`--app ${appDir} is not a directory`, 'pass the application source tree');
    if (isInside(envDir, appDir) || isInside(appDir, envDir)) {
      throw new UsageError(
        `--app ${appDir} and --env ${envDir} overlap`,
        'keep the env outside the app tree (e.g. make the env in a sibling directory)',
      );
    }
    if (isInside(out, appDir))
      throw new UsageError(`--out ${out} lies inside the app ${appDir}`, 'write the package outside the app tree');
    if (
      await lstat(join(envDir, APP_DIR)).then(
        () => true,
        () => false,
      )
    ) {
      throw new UsageError(
        `the env ${envDir} already has an entry named '${APP_DIR}' at its root`,
        `remove ${join(envDir, APP_DIR)} from the env, or pack without --app`,
      );
    }
  }
}

export async function packEnv(opts: PackOptions): Promise<PackResult> {
  const envDir = resolve(opts.env);
  const out = resolve(opts.out);
  const appDir = opts.app === undefined ? undefined : resolve(opts.app);
  const env = await readEnvManifest(envDir);
  await checkEnvLock(envDir, env);
  await checkPaths(envDir, appDir, out);

  let root = envDir;
  let stage: string | undefined;
  const trailer = (files: TarWriteResult['files']): Record<string, Buffer> => ({
    [PACKAGE_MANIFEST]: manifestBytes(env, appDir === undefined ? null : APP_DIR, files),
  });
  try {
    if (appDir !== undefined) {
      // The writer packs one root, so the env (hard links: no copy of its bytes) and the app (copied:
      // small, and often on another file system) are staged side by side next to the env.
      // Named after this process; stages of killed packs are removed first.
      stage = await ownedTempDir(dirname(envDir), STAGE_PREFIX);
      await mirrorTree(envDir, stage, includeEnvPath, false);
      await mirrorTree(appDir, join(stage, APP_DIR), includeAppPath, true);
      root = stage;
    }
    const appPrefix = `${APP_DIR}/`;
    const result = await writeDeterministicTarGz(root, out, {
      level: opts.level,
      include:
        appDir === undefined
          ? includeEnvPath
          : (rel, isDir) =>
              rel === APP_DIR
                ? true
                : rel.startsWith(appPrefix)
                  ? includeAppPath(rel.slice(appPrefix.length), isDir)
                  : includeEnvPath(rel, isDir),
      transform: (rel, content) =>
        appDir !== undefined && (rel === APP_DIR || rel.startsWith(appPrefix))
          ? undefined
          : transformEnvFile(rel, content),
      trailer,
    });
    const manifest = JSON.parse(trailer(result.files)[PACKAGE_MANIFEST].toString('utf8')) as PackageManifest;
    return { artifact: out, sha256: result.sha256, size: result.size, files: result.files.length + 1, manifest };
  } catch (err) {
    throw stage ? unstage(err, stage, envDir, appDir) : err;
  } finally {
    if (stage) await rm(stage, { recursive: true, force: true });
  }
}
