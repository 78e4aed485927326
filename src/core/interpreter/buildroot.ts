// The build root of a spec: a root filesystem tarball pinned by sha256, found in the store (or
// fetched from buildRoot.urls like the source), extracted once under <store>/buildroots/<sha256>/ and
// entered read-only by every build (build-sandbox.ts). Any rootfs tarball works: one made by
// `pyhermetic buildroot create` (Debian, debootstrap), a `docker export` of a manylinux image.
import { lstat, mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import * as log from '../../shared/log.js';
import { extractTarGz } from '../archive/archive.js';
import type { Store } from '../store/store.js';
import { chooseSandboxKind, rootSandbox, type BuildSandbox } from './build-sandbox.js';
import { type BuildRootLock, LOCK_IN_ROOT } from './buildroot-create.js';
import type { RemoteStore } from '../store/remote.js';
import { ensurePinned } from './source.js';

export interface BuildRootInfo {
  sha256: string;
  /** The extracted tree. */
  dir: string;
  /** VERSION_CODENAME (or ID-VERSION_ID) of the root's os-release; null when it has none. */
  suite: string | null;
  /** `getconf GNU_LIBC_VERSION` inside the root: the glibc floor of whatever is built in it. */
  glibc: string;
}

const isDir = (p: string): Promise<boolean> =>
  lstat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );

/** The extraction of a verified build-root tarball; written to a temp sibling, then renamed (first wins). */
async function extractedRoot(store: Store, sha256: string, tarball: string): Promise<string> {
  const parent = join(store.root, 'buildroots');
  const dir = join(parent, sha256);
  if (await isDir(dir)) return dir;
  await mkdir(parent, { recursive: true, mode: 0o755 });
  const tmp = await mkdtemp(join(parent, `.${sha256.slice(0, 16)}.tmp-`));
  try {
    await log.stage('extract build root', () => extractTarGz(tarball, join(tmp, 'root'), undefined, { rootfs: true }));
    await rename(join(tmp, 'root'), dir);
  } catch (err) {
    if (!(await isDir(dir))) {
      await rm(tmp, { recursive: true, force: true });
      throw err;
    }
  }
  await rm(tmp, { recursive: true, force: true });
  return dir;
}

/** The suite a root says it is: os-release's VERSION_CODENAME, else ID-VERSION_ID. */
export function suiteOfOsRelease(text: string): string | null {
  const field = (name: string): string | undefined => {
    const m = new RegExp(`^${name}=(.*)$`, 'm').exec(text);
    return m?.[1].trim().replace(/^(["'])(.*)\1$/, '$2') || undefined;
  };
  const codename = field('VERSION_CODENAME');
  if (codename) return codename;
  const id = field('ID');
  const version = field('VERSION_ID');
  return id ? (version ? `${id}-${version}` : id) : null;
}

async function probeGlibc(sandbox: BuildSandbox, sha256: string): Promise<string> {
  const r = await sandbox.run('getconf', ['GNU_LIBC_VERSION'], { timeoutMs: 60_000 });
  const m = /glibc\s+(\d+\.\d+)/.exec(r.stdout);
  if (r.exitCode !== 0 || !m) {
    throw new UsageError(
      `the build root ${sha256} does not run getconf GNU_LIBC_VERSION (exit ${r.exitCode ?? r.signal}: ${(r.stderr || r.stdout).trim().slice(0, 300)})`,
      'a build root must be a glibc Linux root filesystem with a shell, getconf, gcc and make (pyhermetic buildroot create makes one)',
    );
  }
  return m[1];
}

export interface PreparedBuildRoot {
  info: BuildRootInfo;
  /** A sandbox in the root with these host directories (the build directory) bound inside. */
  enter: (binds: string[]) => BuildSandbox;
}

/**
 * The spec's build root, ready to enter: located (or fetched) by sha256, extracted once, probed.
 * `enter(binds)` gives a sandbox with those host directories (the build directory) inside.
 */
export async function prepareBuildRoot(
  store: Store,
  pinned: { sha256: string; urls: string[] },
  remote?: RemoteStore,
): Promise<PreparedBuildRoot> {
  const blob = await ensurePinned(
    store,
    pinned,
    {
      what: 'the build root',
      field: 'buildRoot',
      offline:
        'make it with `pyhermetic buildroot create --store <the same store>`, or import a rootfs tarball with `pyhermetic source import ROOTFS.tar.gz --store <the same store>`',
      onTry: (url) => log.info(`fetching the build root from ${url}`),
    },
    remote,
  );
  const dir = await extractedRoot(store, pinned.sha256, blob.path);
  for (const need of ['bin', 'usr', 'proc', 'dev', 'tmp']) {
    if (!(await lstat(join(dir, need)).catch(() => undefined))) {
      throw new UsageError(
        `the build root ${pinned.sha256} has no /${need}: it is not a root filesystem`,
        'give a rootfs tarball (its top level holds bin, etc, usr, …), e.g. from pyhermetic buildroot create',
      );
    }
  }
  const kind = await chooseSandboxKind();
  const sandbox = rootSandbox(kind, dir, []);
  const glibc = await probeGlibc(sandbox, pinned.sha256);
  const osRelease = await readFile(join(dir, 'etc', 'os-release'), 'utf8').catch(() =>
    readFile(join(dir, 'usr', 'lib', 'os-release'), 'utf8').catch(() => ''),
  );
  const info: BuildRootInfo = { sha256: pinned.sha256, dir, suite: suiteOfOsRelease(osRelease), glibc };
  log.info(`build root ${pinned.sha256} (${info.suite ?? 'unknown suite'}, glibc ${glibc}), entered with ${kind}`);
  return { info, enter: (binds) => rootSandbox(kind, dir, binds) };
}

/**
 * The lock a root made by `buildroot create` carries inside (every .deb with its sha256: the pinned
 * inputs of libraries linked from the root's -dev packages); undefined for a root made elsewhere.
 * Read from the extracted root, never from the store: the root's sha256 alone decides what it says.
 */
export async function lockInRoot(info: BuildRootInfo): Promise<BuildRootLock | undefined> {
  const text = await readFile(join(info.dir, LOCK_IN_ROOT), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as BuildRootLock;
  } catch (err) {
    throw new UsageError(
      `the build root ${info.sha256} has a damaged /${LOCK_IN_ROOT}: ${(err as Error).message}`,
      'make the root again with pyhermetic buildroot create',
    );
  }
}
