// The Debian 11 build root of the tests, made by the real `pyhermetic buildroot create --suite
// bullseye` once and cached under PYHERMETIC_TEST_CACHE (with debootstrap's .deb cache and the
// debootstrapped tree, kept for the "same tree, same tarball" test). Every caller gets the tarball
// imported into the run's shared store. Concurrent mocha processes wait on one flock.
import { execa } from 'execa';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testCacheDir } from './debian-root.js';
import { ROOT, runPyhermetic, sharedStore } from './runner.js';
import { mayBuild } from './slow.js';

export interface TestBuildRoot {
  sha256: string;
  /** buildroot.tar.gz and buildroot.lock (in the cache: do not modify). */
  artifact: string;
  lock: string;
  /** The debootstrapped tree the tarball was packed from. */
  tree: string;
  /** debootstrap's .deb cache of that run. */
  debs: string;
}

let made: Promise<TestBuildRoot> | undefined;

/**
 * Where the root and its .debs live between runs. The directory is named after the way `buildroot
 * create` packs (lockin: the lock inside the tarball), so a cache of an older packing is not taken for
 * this one.
 */
export function buildRootCacheDir(): { dir: string; debs: string } {
  const cache = testCacheDir();
  return { dir: join(cache, 'buildroot-bullseye-lockin'), debs: join(cache, 'buildroot-debs') };
}

async function make(): Promise<TestBuildRoot> {
  const { dir, debs } = buildRootCacheDir();
  const resultFile = join(dir, 'result.json');
  if (!existsSync(resultFile)) {
    // The first caller creates it; the others wait for the lock, then find result.json.
    const lockFile = `${dir}.lock`;
    const script = 'd=$1; shift; [ -f "$d/result.json" ] && exit 0; exec "$@"';
    const tmp = `${dir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    const r = await execa(
      'flock',
      [
        lockFile,
        'sh',
        '-c',
        script,
        dir,
        process.execPath,
        join(ROOT, 'resources', 'pyhermetic', 'runner.mjs'),
        'buildroot',
        'create',
        '--suite',
        'bullseye',
        '--out',
        tmp,
        '--cache-dir',
        debs,
        '--keep-tree',
        '--store',
        sharedStore(),
        '--json',
      ],
      { reject: false, timeout: 30 * 60 * 1000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, extendEnv: false },
    );
    if (r.exitCode !== 0) throw new Error(`buildroot create failed (${r.exitCode}):\n${String(r.stderr).slice(-4000)}`);
    if (!existsSync(resultFile)) {
      const doc = JSON.parse(String(r.stdout)) as { sha256: string };
      writeFileSync(join(tmp, 'result.json'), `${JSON.stringify({ sha256: doc.sha256 })}\n`);
      renameSync(tmp, dir);
    }
  }
  const { sha256 } = JSON.parse(readFileSync(resultFile, 'utf8')) as { sha256: string };
  const artifact = join(dir, 'buildroot.tar.gz');
  // The root belongs in the shared store as `buildroot create` leaves it; a root cached by an earlier
  // run is packed into this run's store again.
  if (!existsSync(join(sharedStore(), 'entries', 'buildroot-locks', sha256))) {
    const again = await runPyhermetic([
      'buildroot',
      'create',
      '--suite',
      'bullseye',
      '--from-tree',
      join(dir, 'rootfs'),
      '--cache-dir',
      debs,
      '--out',
      join(dir, 'again'),
      '--store',
      sharedStore(),
      '--json',
    ]);
    if (again.exitCode !== 0) throw new Error(`storing the build root failed (${again.exitCode}):\n${again.stderr}`);
  }
  return { sha256, artifact, lock: join(dir, 'buildroot.lock'), tree: join(dir, 'rootfs'), debs };
}

/** The cached bullseye build root (created by the real command on first use), in the shared store. */
export function testBuildRoot(): Promise<TestBuildRoot> {
  mayBuild('the bullseye build root (debootstrap)');
  made ??= make();
  return made;
}
