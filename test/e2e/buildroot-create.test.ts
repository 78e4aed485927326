// `buildroot create`, black-box with real debootstrap (made once and cached: test/helpers/build-root.ts).
import assert from 'node:assert/strict';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { testBuildRoot } from '../helpers/build-root.js';
import { parseJson, RUNNER, runPyhermetic, sharedStore, tempDir } from '../helpers/runner.js';

const BUILD_ESSENTIAL = ['build-essential', 'gcc-10', 'g++-10', 'make', 'libc6-dev', 'dpkg-dev', 'binutils'];

describe('buildroot create', function () {
  this.timeout(40 * 60 * 1000);

  it('makes a bullseye root whose lock lists libc6 2.31 and build-essential with sha256 of every .deb', async () => {
    const root = await testBuildRoot();
    const lock = JSON.parse(readFileSync(root.lock, 'utf8'));
    assert.equal(lock.suite, 'bullseye');
    assert.equal(lock.sha256, root.sha256);
    const byName = new Map<string, { version: string; arch: string; sha256: string }>(
      lock.packages.map((p: { name: string }) => [p.name, p]),
    );
    assert.match(byName.get('libc6')?.version ?? '', /^2\.31-/);
    for (const name of BUILD_ESSENTIAL) assert.ok(byName.has(name), `${name} is in the lock`);
    for (const p of lock.packages) assert.match(p.sha256, /^[0-9a-f]{64}$/, `${p.name} has a sha256`);
    assert.ok(lock.packages.length > 100);
    // The tarball is in the store under its sha256.
    assert.ok(existsSync(join(sharedStore(), 'blobs', 'sha256', root.sha256)));
  });

  it('packs the same debootstrapped tree into the same bytes twice', async () => {
    const root = await testBuildRoot();
    const out = tempDir('broot-again-');
    const store = tempDir('broot-store-');
    const r = await runPyhermetic([
      'buildroot',
      'create',
      '--suite',
      'bullseye',
      '--from-tree',
      root.tree,
      '--cache-dir',
      root.debs,
      '--out',
      out,
      '--store',
      store,
      '--json',
    ]);
    assert.equal(r.exitCode, 0, r.stderr);
    const doc = parseJson<{ sha256: string; artifact: string; lock: string }>(r);
    assert.equal(doc.sha256, root.sha256);
    assert.equal(readFileSync(doc.lock, 'utf8'), readFileSync(root.lock, 'utf8'));
    // The store keeps the lock with the root, for builds that need to name the .debs they linked.
    const stored = join(store, 'entries', 'buildroot-locks', root.sha256, 'buildroot.lock');
    assert.equal(readFileSync(stored, 'utf8'), readFileSync(root.lock, 'utf8'));
    for (const dir of [out, store]) rmSync(dir, { recursive: true, force: true }); // 150 MiB each
  });

  it('leaves out what depends on the day or the host', async () => {
    const root = await testBuildRoot();
    const list = String((await execa('tar', ['-tzf', root.artifact])).stdout).split('\n');
    for (const absent of ['etc/hostname', 'etc/resolv.conf', 'var/lib/dpkg/status-old'])
      assert.ok(!list.includes(absent), `${absent} is left out`);
    assert.ok(!list.some((p) => /^(dev|proc|var\/log|var\/lib\/apt\/lists|var\/cache\/apt)\/./.test(p)));
    assert.ok(list.includes('usr/bin/gcc-10') && list.includes('dev/'));
    // Absolute symlinks are stored relative to the root, so extraction cannot leave it.
    const verbose = String((await execa('tar', ['-tvzf', root.artifact])).stdout);
    assert.ok(!/ -> \//.test(verbose), 'no absolute symlink targets');
  });

  it('refuses an unknown suite with exit 2', async () => {
    const r = await runPyhermetic(['buildroot', 'create', '--suite', 'nosuchsuite', '--out', tempDir('broot-x-')]);
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, /unknown suite 'nosuchsuite'/);
  });

  it('refuses to run unprivileged with exit 3 and says what to do', async function () {
    if (process.getuid?.() !== 0) this.skip(); // needs root to become another user
    // In /tmp itself: the run's TMPDIR is private to root, so nobody could not reach a home below it.
    const home = mkdtempSync('/tmp/pyh-nobody-');
    chownSync(home, 65534, 65534);
    try {
      const r = await execa(
        'setpriv',
        ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, RUNNER, 'buildroot', 'create'].concat([
          '--suite',
          'bullseye',
          '--out',
          join(home, 'out'),
          '--store',
          join(home, 'store'),
        ]),
        { reject: false, extendEnv: false, env: { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin' }, cwd: home },
      );
      assert.equal(r.exitCode, 3, String(r.stderr));
      assert.match(String(r.stderr), /must run as root[\s\S]*sudo pyhermetic buildroot create/);
      // Refused before anything is made: no empty --out, no empty store.
      assert.deepEqual(readdirSync(home), []);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('says which Debian package to install when debootstrap is missing (exit 3)', async () => {
    const r = await runPyhermetic(['buildroot', 'create', '--suite', 'bullseye', '--out', tempDir('broot-y-')], {
      env: { PATH: '/usr/local/bin:/usr/bin:/bin' },
    });
    assert.equal(r.exitCode, 3, r.stderr);
    assert.match(r.stderr, /debootstrap is not installed[\s\S]*apt-get install debootstrap/);
  });
});
