// The two ways into a build root (unshare + chroot, bubblewrap) give a build the same view: the
// root read-only, the same /dev, /tmp and environment, the build directory writable at its host path.
// Uses the cached bullseye build root (test/helpers/build-root.ts) extracted by the core itself.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { rootSandbox } from '../../src/core/interpreter/build-sandbox.js';
import { prepareBuildRoot } from '../../src/core/interpreter/buildroot.js';
import { Store } from '../../src/core/store/store.js';
import { testBuildRoot } from '../helpers/build-root.js';
import { sharedStore } from '../helpers/runner.js';

const VIEW = [
  'id -u',
  'pwd',
  'env | LC_ALL=C sort',
  'stat -c "%n %a %F" / /tmp /dev/shm /dev/null /dev/ptmx /proc/self',
  'ls /dev | LC_ALL=C sort | tr "\\n" " "; echo',
  'touch /etc/pyh-probe 2>/dev/null && echo root-writable || echo root-read-only',
  'echo made > made.txt && echo build-dir-writable',
  'getconf GNU_LIBC_VERSION',
].join('; ');

describe('build sandbox: chroot and bwrap give the same view @slow', function () {
  this.timeout(20 * 60 * 1000);

  it('same uid, paths, environment, devices, modes; the root read-only; the build directory writable', async () => {
    const root = await testBuildRoot();
    const store = await Store.open(sharedStore());
    const prepared = await prepareBuildRoot(store, { sha256: root.sha256, urls: [] });
    assert.equal(prepared.info.glibc, '2.31');
    assert.equal(prepared.info.suite, 'bullseye');
    const work = `/tmp/pyhermetic-build/sandbox-test-${process.pid}`;
    const views: Record<string, string> = {};
    try {
      for (const kind of ['chroot', 'bwrap'] as const) {
        rmSync(work, { recursive: true, force: true });
        mkdirSync(work, { recursive: true });
        const sb = rootSandbox(kind, prepared.info.dir, [work]);
        const r = await sb.run('sh', ['-c', VIEW], { cwd: work, env: { HOME: work, LC_ALL: 'C', TZ: 'UTC' } });
        assert.equal(r.exitCode, 0, `${kind}: ${r.stderr}`);
        assert.equal(readFileSync(join(work, 'made.txt'), 'utf8'), 'made\n');
        views[kind] = r.stdout.replace(/^OLDPWD=.*\n/m, '');
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    assert.equal(views.bwrap, views.chroot);
    assert.match(views.chroot, /^0\n/);
    assert.match(views.chroot, /root-read-only/);
    assert.match(views.chroot, /^\/tmp 1777 /m);
    assert.match(views.chroot, /^PATH=\/usr\/local\/sbin:\/usr\/local\/bin:\/usr\/sbin:\/usr\/bin:\/sbin:\/bin$/m);
    assert.match(views.chroot, /^glibc 2\.31$/m);
  });
});
