// `buildroot create`: a Debian build root made with debootstrap (minbase + the build packages),
// packed as a deterministic tarball, with buildroot.lock naming every installed .deb by version and
// sha256, and imported into the store by its sha256. What debootstrap writes that depends on the day
// or the host (logs, apt's lists and caches, the host's hostname and resolv.conf, backup files, the
// shadow file's password dates) is left out or fixed, so the tarball is a function of the packages.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { writeFileAtomic } from '../../shared/atomic-file.js';
import { EnvironmentError, UsageError } from '../../shared/errors.js';
import { run, scrubbedEnv, tail } from '../../shared/exec.js';
import * as log from '../../shared/log.js';
import { writeDeterministicTarGz } from '../archive/archive.js';
import type { Store } from '../store/store.js';
import { SOURCE_DATE_EPOCH } from './build.js';
import { BUILD_PACKAGES } from './build-packages.js';

export { BUILD_PACKAGES };

export const ROOT_TARBALL = 'buildroot.tar.gz';
export const ROOT_LOCK = 'buildroot.lock';
/**
 * Where the root carries its own lock (without the tarball's sha256, which it cannot know): inside the
 * tarball, so the root's sha256 covers it and a root reached as a bare blob (source import, a remote
 * store) gives a build the same .deb hashes as one made here. docs/build-root.md.
 */
export const LOCK_IN_ROOT = 'etc/pyhermetic/buildroot.lock';
/** Store entries holding buildroot.lock under the root's sha256, so a build can name the .debs it used. */
export const LOCK_ENTRY_TYPE = 'buildroot-locks';
const SCRIPTS = '/usr/share/debootstrap/scripts';

export interface LockedDeb {
  name: string;
  version: string;
  arch: string;
  sha256: string;
}

export interface BuildRootLock {
  schema: 1;
  kind: 'pyhermetic-buildroot-lock';
  suite: string;
  variant: 'minbase';
  include: string[];
  /** sha256 of buildroot.tar.gz (absent in the copy inside the tarball: LOCK_IN_ROOT). */
  sha256?: string;
  packages: LockedDeb[];
}

/** Directories kept empty in the tarball: the sandbox mounts its own, or they only hold logs and caches. */
const EMPTIED = ['dev', 'proc', 'sys', 'run', 'tmp', 'var/tmp', 'var/log', 'var/cache/apt', 'var/lib/apt/lists'];
/** Files copied from the host or written with the time of the run, of no use to a build. */
const DROPPED = new Set([
  'etc/hostname',
  'etc/resolv.conf',
  'etc/apt/apt.conf.d/01autoremove-kernels',
  'var/cache/ldconfig/aux-cache',
  'etc/passwd-',
  'etc/group-',
  'etc/shadow-',
  'etc/gshadow-',
]);

export function includeInRoot(rel: string): boolean {
  // The lock inside is written by this create (a tree packed again may hold an older one).
  if (rel === 'debootstrap' || DROPPED.has(rel) || rel === LOCK_IN_ROOT) return false;
  if (EMPTIED.some((d) => rel.startsWith(`${d}/`))) return false;
  if (/^var\/(cache\/debconf|lib\/dpkg)\/[^/]+-old$/.test(rel)) return false;
  return true;
}

/** /etc/shadow's third field is the day the password was last changed (the day debootstrap ran): fixed. */
export function fixShadowDates(content: Buffer): Buffer {
  const day = String(Math.floor(Number(SOURCE_DATE_EPOCH) / 86400));
  const lines = content.toString('utf8').split('\n');
  return Buffer.from(
    lines
      .map((line) => {
        const f = line.split(':');
        if (f.length >= 3 && f[2] !== '') f[2] = day;
        return f.join(':');
      })
      .join('\n'),
  );
}

/** The installed packages of a root, from dpkg's status file. */
export function installedPackages(status: string): { name: string; version: string; arch: string }[] {
  const out: { name: string; version: string; arch: string }[] = [];
  for (const para of status.split(/\n\s*\n/)) {
    const field = (n: string): string | undefined => new RegExp(`^${n}:\\s*(.*)$`, 'm').exec(para)?.[1].trim();
    const name = field('Package');
    if (!name || field('Status') !== 'install ok installed') continue;
    out.push({ name, version: field('Version') ?? '', arch: field('Architecture') ?? '' });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** debootstrap's (and apt's) file name of a .deb: name_version_arch.deb with the epoch's ':' as %3a. */
export const debFileName = (p: { name: string; version: string; arch: string }): string =>
  `${p.name}_${p.version.replace(/:/g, '%3a')}_${p.arch}.deb`;

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** The first Debian archive apt on this machine is configured with (deb822 sources, then sources.list). */
export function aptMirror(): string {
  const sources = '/etc/apt/sources.list.d/debian.sources';
  if (existsSync(sources)) {
    for (const stanza of readFileSync(sources, 'utf8').split(/\n\s*\n/)) {
      const uri = /^URIs:\s*(\S+)/m.exec(stanza)?.[1];
      const suites = /^Suites:\s*(.*)$/m.exec(stanza)?.[1] ?? '';
      if (uri && /^Types:.*\bdeb\b/m.test(stanza) && !/-security\b/.test(suites)) return uri;
    }
  }
  const list = existsSync('/etc/apt/sources.list') ? readFileSync('/etc/apt/sources.list', 'utf8') : '';
  const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)/m.exec(list);
  if (m) return m[1];
  throw new UsageError(
    'no Debian archive found in apt sources (/etc/apt/sources.list.d/debian.sources, /etc/apt/sources.list)',
    'pass the archive with --mirror URL',
  );
}

export interface CreateOptions {
  suite: string;
  outDir: string;
  mirror?: string;
  /** debootstrap's --cache-dir: .debs downloaded once, reused by the next create. */
  cacheDir?: string;
  /** Keep the debootstrapped tree in OUT/rootfs. */
  keepTree?: boolean;
  /** Pack this already debootstrapped tree instead of running debootstrap. */
  fromTree?: string;
  include?: string[];
}

export interface CreateResult {
  sha256: string;
  artifact: string;
  lock: string;
  tree?: string;
  packages: number;
}

export async function checkSuite(suite: string): Promise<void> {
  if (!/^[a-z][a-z0-9.-]*$/.test(suite) || !existsSync(join(SCRIPTS, suite))) {
    const known = existsSync(SCRIPTS) ? (await readdir(SCRIPTS)).filter((s) => /^[a-z]+$/.test(s)) : [];
    throw new UsageError(
      `unknown suite '${suite}': debootstrap has no script for it`,
      `name a Debian suite the archive serves, e.g. bullseye (Debian 11, glibc 2.31) or bookworm${known.length ? ` (debootstrap knows: ${known.slice(0, 12).join(', ')}, …)` : ''}`,
    );
  }
}

/**
 * debootstrap's absolute path, after checking that it can run here: installed, and as root. Called before
 * anything is created (the --out directory, the store), so a refused run leaves nothing behind.
 */
export async function debootstrapProgram(): Promise<string> {
  // Looked up on the caller's PATH (root's PATH has /usr/sbin), then run by its absolute path.
  const which = await run('sh', ['-c', 'command -v debootstrap'], { env: scrubbedEnv() });
  const program = which.stdout.trim();
  if (which.exitCode !== 0 || !program.startsWith('/')) {
    throw new EnvironmentError(
      'debootstrap is not installed',
      'install the Debian package: apt-get install debootstrap',
    );
  }
  if (process.getuid?.() !== 0) {
    // Tried: debootstrap in a bubblewrap user namespace (uid 0 inside, container=lxc so that it binds
    // device nodes instead of mknod) fails when tar and dpkg give files to other ids (var/local is
    // root:staff): a namespace made by an unprivileged bwrap maps one id only.
    throw new EnvironmentError(
      'buildroot create must run as root: debootstrap gives files to several users and groups, which an unprivileged user namespace (bubblewrap) cannot map',
      'run it once as root (sudo pyhermetic buildroot create …) and share the tarball by its sha256 (buildRoot.urls, the store); unprivileged builds then enter that root with bubblewrap',
    );
  }
  return program;
}

async function debootstrap(opts: CreateOptions, tree: string, cacheDir: string): Promise<void> {
  const program = await debootstrapProgram();
  const argv = [
    program,
    '--variant=minbase',
    `--include=${(opts.include ?? BUILD_PACKAGES).join(',')}`,
    `--cache-dir=${cacheDir}`,
    opts.suite,
    tree,
    opts.mirror ?? aptMirror(),
  ];
  const cmd = argv;
  const started = Date.now();
  const beat = setInterval(
    () => log.info(`   debootstrap: still running, ${log.seconds(Date.now() - started)}`),
    60_000,
  );
  let r: Awaited<ReturnType<typeof run>>;
  try {
    r = await run(cmd[0], cmd.slice(1), {
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C', LANG: 'C' },
      timeoutMs: 60 * 60 * 1000,
    });
  } finally {
    clearInterval(beat);
  }
  if (r.exitCode !== 0) {
    const out = `${r.stdout}\n${r.stderr}`;
    const detail = existsSync(join(tree, 'debootstrap', 'debootstrap.log'))
      ? tail(await readFile(join(tree, 'debootstrap', 'debootstrap.log'), 'utf8'), 15)
      : '';
    throw new EnvironmentError(
      `debootstrap ${opts.suite} failed (exit ${r.exitCode ?? r.signal}):\n${tail(out, 20)}${detail ? `\n${detail}` : ''}`,
      /Failed getting release file|Couldn't download/i.test(out)
        ? `check that the archive serves ${opts.suite} and is reachable (--mirror URL), then run again`
        : 'read the lines above; a package missing from the suite is named there',
    );
  }
}

/** buildroot.lock's packages: every installed package with the sha256 of its .deb. */
async function lockPackages(tree: string, debDirs: string[]): Promise<LockedDeb[]> {
  const status = await readFile(join(tree, 'var', 'lib', 'dpkg', 'status'), 'utf8').catch(() => {
    throw new UsageError(`${tree} has no var/lib/dpkg/status`, 'pass a Debian root made by debootstrap');
  });
  const out: LockedDeb[] = [];
  const missing: string[] = [];
  for (const p of installedPackages(status)) {
    const name = debFileName(p);
    const file = debDirs.map((d) => join(d, name)).find((f) => existsSync(f));
    if (!file) {
      missing.push(name);
      continue;
    }
    out.push({ ...p, sha256: await sha256File(file) });
  }
  if (missing.length > 0) {
    throw new EnvironmentError(
      `no .deb for ${missing.length} installed package(s) (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}) in ${debDirs.join(', ')}`,
      "pass debootstrap's --cache-dir of the run that made the tree",
    );
  }
  return out;
}

export async function createBuildRoot(store: Store, opts: CreateOptions): Promise<CreateResult> {
  await checkSuite(opts.suite);
  if (!opts.fromTree) await debootstrapProgram();
  const outDir = resolve(opts.outDir);
  await mkdir(outDir, { recursive: true }).catch((err: Error) => {
    throw new UsageError(`cannot create --out ${outDir}: ${err.message}`, 'pass a writable directory');
  });
  let tree: string;
  let scratch: string | undefined;
  let cacheDir = opts.cacheDir ? resolve(opts.cacheDir) : undefined;
  if (opts.fromTree) {
    tree = resolve(opts.fromTree);
    if (!(await stat(tree).catch(() => undefined))?.isDirectory())
      throw new UsageError(`--from-tree ${tree} is not a directory`, 'pass the directory debootstrap made');
  } else {
    scratch = await mkdtemp(join(outDir, '.create-'));
    tree = opts.keepTree ? join(outDir, 'rootfs') : join(scratch, 'rootfs');
    if (opts.keepTree) await rm(tree, { recursive: true, force: true });
    cacheDir ??= join(scratch, 'debs');
    await mkdir(cacheDir, { recursive: true });
  }
  try {
    if (!opts.fromTree) {
      await log.stage(`debootstrap ${opts.suite}`, () => debootstrap(opts, tree, cacheDir!));
    }
    const debDirs = [join(tree, 'var', 'cache', 'apt', 'archives'), ...(cacheDir ? [cacheDir] : [])];
    if (cacheDir && !isAbsolute(cacheDir)) throw new UsageError('--cache-dir must be absolute');
    const packages = await log.stage('lock', () => lockPackages(tree, debDirs));
    const inner: BuildRootLock = {
      schema: 1,
      kind: 'pyhermetic-buildroot-lock',
      suite: opts.suite,
      variant: 'minbase',
      include: [...(opts.include ?? BUILD_PACKAGES)].sort(),
      packages,
    };
    const artifact = join(outDir, ROOT_TARBALL);
    const written = await log.stage('pack', () =>
      writeDeterministicTarGz(tree, artifact, {
        rootfs: true,
        include: (rel) => includeInRoot(rel),
        transform: (rel, content) => (rel === 'etc/shadow' ? fixShadowDates(content) : undefined),
        trailer: () => ({ [LOCK_IN_ROOT]: Buffer.from(`${JSON.stringify(inner, null, 2)}\n`) }),
      }),
    );
    log.info(
      `build root sha256 ${written.sha256} (${(written.size / 1024 / 1024).toFixed(1)} MiB, ${packages.length} packages)`,
    );
    const lockDoc: BuildRootLock = { ...inner, sha256: written.sha256 };
    const lock = join(outDir, ROOT_LOCK);
    await writeFileAtomic(lock, `${JSON.stringify(lockDoc, null, 2)}\n`);
    await store.putBlob(artifact, written.sha256);
    await store.putEntry(LOCK_ENTRY_TYPE, written.sha256, { [ROOT_LOCK]: lock });
    return {
      sha256: written.sha256,
      artifact,
      lock,
      packages: packages.length,
      ...(opts.keepTree || opts.fromTree ? { tree } : {}),
    };
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}
