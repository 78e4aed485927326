// `verify --root` with hostile roots must not write on the host. The run prepares the root from the host
// side (the deploy path, /dev nodes, /tmp, /proc); before, it did so with `mkdir -p "$r$deploy"` and
// `touch "$r/dev/$d"` through whatever links the root held, as root: `opt -> /` made /good on the host,
// `dev -> /a/host/dir` filled that directory, a /proc-style link (`dev/null -> /proc/1/root/…`) reached the
// host's root through pid 1. Each hostile root, as a directory and as a tarball, now leaves the host as it
// was. A root tarball gets the package limits (a 5 GiB entry is refused at its header, on a 256 MiB
// TMPDIR), and its work directory is an owner-tokened temp that the next run sweeps after a SIGKILL,
// with no extraction process left behind.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { debianRoot, debianRootTarball } from '../helpers/debian-root.js';
import { makeEnv, pack, type TestEnv } from '../helpers/package-env.js';
import { RUNNER, runPyhermetic } from '../helpers/runner.js';
import { scratch } from '../helpers/scratch.js';

const scratchDirs = scratch();

/** What the host must still look like: a directory's names, and /etc's own entry list and mtime. */
function hostState(dirs: string[]): string {
  const etc = statSync('/etc');
  return JSON.stringify([
    ...dirs.map((d) => [d, existsSync(d) ? readdirSync(d).sort() : null]),
    ['/etc', readdirSync('/etc').sort().join(','), etc.mtimeMs],
  ]);
}

describe('verify --root with hostile roots: nothing changes on the host @slow', function () {
  this.timeout(30 * 60 * 1000);
  let t: TestEnv;
  let pkg: string;
  let bullseye: string;
  /** A host directory the hostile roots point into; it must stay empty. */
  let hostDir: string;
  /** The name `opt -> /` would make at the host's root (unique to this run). */
  let mark: string;

  before(async () => {
    [t, bullseye] = await Promise.all([makeEnv('static'), debianRoot('bullseye')]);
    pkg = (await pack(t.env, join(scratchDirs.dir('vrh-'), 'demo.tar.gz'))).artifact;
    hostDir = scratchDirs.dir('vrh-hostdir-');
    mark = `pyhermetic-hostile-${process.pid}-${Date.now()}`;
  });
  after(() => {
    rmSync(join('/', mark), { recursive: true, force: true });
    scratchDirs.cleanup();
  });

  /** A copy of the Debian 11 root (hard links: cheap) with `plant` applied to it. */
  async function hostileRoot(name: string, plant: (root: string) => void): Promise<{ dir: string; tar: string }> {
    const dir = join(scratchDirs.dir(`vrh-${name}-`), 'root');
    await execa('cp', ['-al', bullseye, dir]);
    plant(dir);
    const tar = `${dir}.tar`;
    await execa('tar', ['--numeric-owner', '-C', dir, '-cf', tar, '.']);
    return { dir, tar };
  }

  const relink = (root: string, name: string, target: string): void => {
    rmSync(join(root, name), { recursive: true, force: true });
    symlinkSync(target, join(root, name));
  };

  /** Each hostile root: what it plants, the deploy path's directory, and whether verify refuses it (exit 2). */
  const HOSTILE: [string, (root: string) => void, string, RegExp | undefined][] = [
    [
      'opt -> /, dev -> a host directory, tmp -> /etc',
      (r) => {
        relink(r, 'opt', '/');
        relink(r, 'dev', hostDir);
        relink(r, 'tmp', '/etc');
      },
      '/opt',
      undefined,
    ],
    [
      '/proc-style links in /dev: null -> /proc/1/root/<host dir>/…, zero -> /proc/self/cwd/…, tty -> /proc/self/fd/1',
      (r) => {
        relink(r, 'dev/null', `/proc/1/root${hostDir}/via-proc-1-root`);
        relink(r, 'dev/zero', '/proc/self/cwd/via-proc-self-cwd');
        relink(r, 'dev/tty', '/proc/self/fd/1');
      },
      '/opt',
      undefined,
    ],
    [
      'srv -> /proc/1/root/ (the host root through pid 1) as the deploy path',
      (r) => relink(r, 'srv', '/proc/1/root/'),
      '/srv',
      /the deploy path \/srv\/pyhermetic-hostile-[^ ]+ resolves to \/proc\/1\/root\/pyhermetic-hostile-[^ ]+ in the root, which overlaps \/proc/,
    ],
  ];

  for (const [i, form] of [0, 1, 2].flatMap((n) => [
    [n, 'directory'],
    [n, 'tarball'],
  ]) as [number, 'directory' | 'tarball'][]) {
    it(`hostile root ${i + 1} as a ${form}: the host is unchanged`, async () => {
      const [name, plant, parent, refused] = HOSTILE[i]!;
      const root = await hostileRoot(`${i}`, plant);
      const watched = [hostDir, join('/', mark)];
      const before = hostState(watched);
      const r = await runPyhermetic([
        'verify',
        '--artifact',
        pkg,
        '--tested',
        t.env,
        '--root',
        form === 'directory' ? root.dir : root.tar,
        '--deploy-path',
        `${parent}/${mark}`,
        '--no-smoke',
        '--json',
      ]);
      if (refused) {
        assert.equal(r.exitCode, 2, `${name}: ${r.stderr}`);
        assert.match(r.stderr, refused);
      } else {
        assert.ok([0, 1].includes(r.exitCode), `${name}: exit ${r.exitCode}\n${r.stderr}`);
        const check = JSON.parse(r.stdout).checks.find((c: { name: string }) => c.name.startsWith('root: '));
        assert.match(check?.summary ?? '', /ELF files listed by the root's loader/, r.stdout.slice(0, 2000));
      }
      assert.deepEqual(readdirSync(hostDir), [], `${name}: nothing was created in the host directory`);
      assert.equal(existsSync(join('/', mark)), false, `${name}: /${mark} was not created on the host`);
      assert.equal(hostState(watched), before, `${name}: the host is as it was`);
    });
  }

  it('a root tarball bomb (one 5 GiB entry of zeros in a few MB) is refused at its header on a 256 MiB TMPDIR', async () => {
    const dir = scratchDirs.dir('vrh-bomb-');
    const bomb = join(dir, 'bomb.tar.gz');
    await execa('python3', [
      '-c',
      `import tarfile, io
class Zeros(io.RawIOBase):
    def __init__(self, n): self.n = n
    def readable(self): return True
    def readinto(self, b):
        k = min(len(b), self.n); b[:k] = bytes(k); self.n -= k; return k
n = 5 * 1024 ** 3
with tarfile.open(${JSON.stringify(bomb)}, 'w:gz', compresslevel=1) as t:
    for d in ['etc', 'lib']:
        i = tarfile.TarInfo(d); i.type = tarfile.DIRTYPE; t.addfile(i)
    i = tarfile.TarInfo('var/big'); i.size = n; t.addfile(i, io.BufferedReader(Zeros(n), 1 << 20))`,
    ]);
    assert.ok(statSync(bomb).size < 64 * 1024 * 1024);
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    await execa('mount', ['-t', 'tmpfs', '-o', 'size=256m,mode=1777', 'pyhermetic-bomb', tmp]);
    try {
      const r = await runPyhermetic(
        ['verify', '--artifact', pkg, '--tested', t.env, '--root', bomb, '--no-smoke', '--json'],
        { env: { TMPDIR: tmp } },
      );
      assert.equal(r.exitCode, 2, r.stderr);
      assert.match(r.stderr, /--root .*bomb\.tar\.gz is refused: .*var\/big/);
      assert.match(r.stderr, /5368709120/);
      assert.doesNotMatch(r.stderr, /No space left|ENOSPC/);
      assert.deepEqual(readdirSync(tmp), [], 'the work directory is gone');
    } finally {
      await execa('umount', [tmp]);
    }
  });

  it('SIGKILL during the extraction of a root tarball: no extraction goes on, and the next run sweeps the work dir', async () => {
    const tar = await debianRootTarball('bullseye');
    const tmp = scratchDirs.dir('vrh-kill-tmp-');
    const args = ['verify', '--artifact', pkg, '--tested', t.env, '--root', tar, '--no-smoke', '--json'];
    const child = execa(process.execPath, [RUNNER, ...args], {
      env: { PATH: process.env.PATH, HOME: scratchDirs.dir('vrh-kill-home-'), TMPDIR: tmp },
      extendEnv: false,
      reject: false,
    });
    // Killed once the extraction has written something.
    let work: string | undefined;
    for (let i = 0; i < 600 && !work; i++) {
      await new Promise((res) => setTimeout(res, 100));
      const dirs = readdirSync(tmp).filter((n) => n.startsWith('pyhermetic-root-'));
      if (dirs[0] && existsSync(join(tmp, dirs[0], 'rootfs', 'etc'))) work = join(tmp, dirs[0]);
    }
    assert.ok(work, `no root work directory appeared in ${tmp}`);
    child.kill('SIGKILL');
    await child;
    const ps = (await execa('ps', ['-eo', 'pid,args'])).stdout;
    assert.doesNotMatch(ps, new RegExp(`tar .*${tar.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), 'no orphaned tar -x');
    const size = (await execa('du', ['-sk', work])).stdout.split('\t')[0];
    await new Promise((res) => setTimeout(res, 2000));
    assert.equal((await execa('du', ['-sk', work])).stdout.split('\t')[0], size, 'nothing writes into it any more');
    const again = await runPyhermetic(
      ['verify', '--artifact', pkg, '--tested', t.env, '--root', bullseye, '--no-smoke', '--json'],
      { env: { TMPDIR: tmp } },
    );
    assert.ok([0, 1].includes(again.exitCode), again.stderr);
    assert.equal(existsSync(work), false, "the next run swept the dead run's work directory");
    assert.deepEqual(readdirSync(tmp), []);
  });
});
