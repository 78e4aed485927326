// Hostile trial, the file system (issue 15, items 4, 7, 8): symlinks and loose modes below the store,
// the cache root, --out and --report; every errno a one-line message naming the path (ENOSPC on a real
// tmpfs, EACCES as the user nobody); temps of SIGKILLed runs swept by the next run.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { envCreateArgs, makeEnv, pack, type TestEnv } from '../helpers/package-env.js';
import {
  CPYTHON_TARBALL,
  LOCAL_INDEX,
  RUNNER,
  runPyhermetic,
  sharedStore,
  tempDir,
  type RunnerResult,
} from '../helpers/runner.js';
import { SPEC } from '../helpers/interpreters.js';

const NOBODY = 65534;

/** A clean refusal: exit 2 or 3, the path named on the first line, no stack trace, no internal error. */
function assertClean(r: RunnerResult, path: string, code?: number): void {
  assert.notEqual(r.exitCode, 0, r.stderr);
  if (code !== undefined) assert.equal(r.exitCode, code, r.stderr);
  else assert.ok([2, 3].includes(r.exitCode), `exit ${r.exitCode}\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /, r.stderr);
  const first = r.stderr.split('\n').find((l) => l.includes('error')) ?? '';
  assert.ok(first.includes(path), `the error line does not name ${path}:\n${r.stderr}`);
  assert.ok(r.stderr.length < 4000, `error output of ${r.stderr.length} chars`);
}

async function withTmpfs<T>(sizeMiB: number, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = tempDir('tmpfs-');
  await execa('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m,mode=0700`, 'tmpfs', dir]);
  try {
    return await fn(dir);
  } finally {
    await execa('umount', [dir]);
  }
}

describe('hardening: symlinks, modes and errnos of the file system; temps of killed runs @slow', () => {
  let t: TestEnv;
  let clean: string;
  before(async () => {
    t = await makeEnv('static', ['markupsafe']);
    clean = (await pack(t.env, join(tempDir('hf-'), 'clean.tar.gz'))).artifact;
  });

  describe('4. symlinks and loose modes below the store, the cache root, --out and --report', () => {
    it('a blobs symlink in the store: source import → exit 2 naming it; nothing written to its target', async () => {
      const store = tempDir('hf-store-');
      const elsewhere = tempDir('hf-elsewhere-');
      symlinkSync(elsewhere, join(store, 'blobs'));
      const r = await runPyhermetic(['source', 'import', CPYTHON_TARBALL, '--store', store]);
      assertClean(r, join(store, 'blobs'), 2);
      assert.deepEqual(readdirSync(elsewhere), []);
    });

    it('an entries symlink: store verify --repair → exit 2; nothing moved out of its target', async () => {
      const store = tempDir('hf-store-');
      const elsewhere = tempDir('hf-elsewhere-');
      mkdirSync(join(elsewhere, 'interpreters', 'k1'), { recursive: true });
      writeFileSync(join(elsewhere, 'interpreters', 'k1', 'precious'), 'keep me\n');
      symlinkSync(elsewhere, join(store, 'entries'));
      const r = await runPyhermetic(['store', 'verify', '--store', store, '--repair']);
      assertClean(r, join(store, 'entries'), 2);
      assert.ok(existsSync(join(elsewhere, 'interpreters', 'k1', 'precious')));
    });

    it('a 0777 directory, a foreign-owned entry and a group-writable root of a foreign group → exit 2 naming each', async () => {
      const store = tempDir('hf-store-');
      mkdirSync(join(store, 'entries', 'interpreters'), { recursive: true });
      chmodSync(join(store, 'entries'), 0o777);
      assertClean(await runPyhermetic(['store', 'verify', '--store', store]), join(store, 'entries'), 2);
      chmodSync(join(store, 'entries'), 0o755);
      chownSync(join(store, 'entries', 'interpreters'), NOBODY, NOBODY);
      assertClean(
        await runPyhermetic(['store', 'verify', '--store', store]),
        join(store, 'entries', 'interpreters'),
        2,
      );
      chownSync(join(store, 'entries', 'interpreters'), 0, 0);
      chownSync(store, 0, NOBODY);
      chmodSync(store, 0o770);
      assertClean(await runPyhermetic(['store', 'verify', '--store', store]), store, 2);
    });

    it('cache-root/interpreters → elsewhere: env create → exit 2; no extraction lands in the target', async () => {
      const cache = tempDir('hf-cache-');
      const elsewhere = tempDir('hf-elsewhere-');
      symlinkSync(elsewhere, join(cache, 'interpreters'));
      const r = await runPyhermetic(envCreateArgs(t, join(tempDir('hf-dest-'), 'env'), cache));
      assertClean(r, join(cache, 'interpreters'), 2);
      assert.deepEqual(readdirSync(elsewhere), []);
    });

    it('an agent with umask 002: what pyhermetic and pip create is not group-writable, so the next run is not refused', async () => {
      const dir = tempDir('hf-umask-');
      writeFileSync(join(dir, 'requirements.in'), 'markupsafe\n');
      const cache = join(dir, 'cache');
      const lock = () =>
        execa(
          'sh',
          ['-c', 'umask 002; exec "$0" "$@"', process.execPath, RUNNER, 'lock', '-r', join(dir, 'requirements.in')]
            .concat(['--interpreter', t.interp.artifact, '--index-url', LOCAL_INDEX, '--cache-root', cache])
            .concat(['-o', join(dir, 'requirements.lock')]),
          { reject: false, env: { PATH: process.env.PATH ?? '', HOME: dir }, extendEnv: false },
        );
      const first = await lock();
      assert.equal(first.exitCode, 0, first.stderr);
      const second = await lock();
      assert.equal(second.exitCode, 0, second.stderr);
      const { stdout } = await execa('find', [cache, '-maxdepth', '4', '-type', 'd', '-perm', '/022']);
      assert.equal(stdout, '');
    });

    it('a symlinked --out directory of pack and interpreter build, a symlinked --report → exit 2 naming it', async () => {
      const elsewhere = tempDir('hf-elsewhere-');
      const link = join(tempDir('hf-link-'), 'dist');
      symlinkSync(elsewhere, link);
      assertClean(await runPyhermetic(['pack', '--env', t.env, '--out', join(link, 'app.tar.gz')]), link, 2);
      assertClean(
        await runPyhermetic(['interpreter', 'build', '--spec', SPEC.static, '--store', sharedStore(), '--out', link]),
        link,
        2,
      );
      assertClean(
        await runPyhermetic(['verify', '--artifact', clean, '--tested', t.env, '--no-smoke', '--report', link]),
        link,
        2,
      );
      assert.deepEqual(readdirSync(elsewhere), []);
    });
  });

  describe('7. every file system error is one line naming the path', () => {
    it('ENAMETOOLONG: a legal 240-character -o works; a 300-character --out is a clean exit 2', async () => {
      const dir = tempDir('hf-long-');
      writeFileSync(join(dir, 'requirements.in'), 'markupsafe\n');
      const out = join(dir, `${'l'.repeat(236)}.txt`);
      const r = await runPyhermetic([
        'lock',
        '-r',
        join(dir, 'requirements.in'),
        '--interpreter',
        t.interp.artifact,
        '--index-url',
        LOCAL_INDEX,
        '--cache-root',
        join(t.work, 'cache'),
        '-o',
        out,
      ]);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.ok(existsSync(out));
      const tooLong = join(dir, `${'p'.repeat(300)}.tar.gz`);
      assertClean(await runPyhermetic(['pack', '--env', t.env, '--out', tooLong]), 'ppppp', 2);
    });

    it('EISDIR: lock -o <a directory> → names it', async () => {
      const dir = tempDir('hf-eisdir-');
      writeFileSync(join(dir, 'requirements.in'), 'markupsafe\n');
      mkdirSync(join(dir, 'out.lock'));
      const r = await runPyhermetic([
        'lock',
        '-r',
        join(dir, 'requirements.in'),
        '--interpreter',
        t.interp.artifact,
        '--index-url',
        LOCAL_INDEX,
        '--cache-root',
        join(t.work, 'cache'),
        '-o',
        join(dir, 'out.lock'),
      ]);
      assertClean(r, join(dir, 'out.lock'), 2);
    });

    it('EEXIST: verify --report <a file> → names it', async () => {
      const file = join(tempDir('hf-eexist-'), 'report');
      writeFileSync(file, 'not a directory\n');
      const r = await runPyhermetic(['verify', '--artifact', clean, '--tested', t.env, '--no-smoke', '--report', file]);
      assertClean(r, file, 2);
    });

    it('ENOTDIR and ELOOP: a store below a file, a store below a symlink loop → names it', async () => {
      const dir = tempDir('hf-enotdir-');
      writeFileSync(join(dir, 'file'), 'x');
      assertClean(
        await runPyhermetic(['source', 'import', CPYTHON_TARBALL, '--store', join(dir, 'file', 'store')]),
        join(dir, 'file'),
      );
      symlinkSync('loop', join(dir, 'loop'));
      assertClean(
        await runPyhermetic(['source', 'import', CPYTHON_TARBALL, '--store', join(dir, 'loop', 'store')]),
        join(dir, 'loop'),
      );
    });

    it('ENOSPC on a 5 MiB tmpfs: pack, source import, interpreter build --out → exit 3 naming the path, no temp left', async () => {
      await withTmpfs(5, async (fs) => {
        const out = join(fs, 'app.tar.gz');
        assertClean(await runPyhermetic(['pack', '--env', t.env, '--out', out]), out, 3);
        assert.deepEqual(readdirSync(fs), []);
        const store = join(fs, 'store');
        const s = await runPyhermetic(['source', 'import', CPYTHON_TARBALL, '--store', store]);
        assertClean(s, store, 3);
        assert.match(s.stderr, /no space/i);
        const outDir = join(fs, 'interp');
        const b = await runPyhermetic([
          'interpreter',
          'build',
          '--spec',
          SPEC.static,
          '--store',
          sharedStore(),
          '--out',
          outDir,
        ]);
        assertClean(b, outDir, 3);
        assert.deepEqual(readdirSync(outDir), []);
      });
    });

    it('EACCES: source import as the user nobody into a directory of root → names it', async () => {
      const shared = mkdtempSync('/tmp/pyh-eacces-');
      chmodSync(shared, 0o755);
      const src = join(shared, 'src.tar.gz');
      writeFileSync(src, 'some bytes\n');
      const rootOnly = join(shared, 'root-only');
      mkdirSync(rootOnly, { mode: 0o755 });
      const home = join(shared, 'home');
      mkdirSync(home, { mode: 0o755 });
      chownSync(home, NOBODY, NOBODY);
      const r = await execa(
        'setpriv',
        [
          '--reuid=nobody',
          '--regid=nogroup',
          '--clear-groups',
          process.execPath,
          RUNNER,
          'source',
          'import',
          src,
          '--store',
          join(rootOnly, 'store'),
        ],
        { reject: false, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home }, extendEnv: false, cwd: home },
      );
      assertClean({ exitCode: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr }, join(rootOnly, 'store'));
      assert.match(r.stderr, /permission/i);
    });
  });

  describe('8. temps of a SIGKILLed run are swept by the next run', () => {
    /** Starts the runner, SIGKILLs it as soon as `dir` holds a name matching `temp`; retries when it finished first. */
    async function killWhileTemp(args: string[], dir: string, temp: RegExp, attempts = 15): Promise<string[]> {
      for (let i = 0; i < attempts; i++) {
        const home = tempDir('home-kill-');
        const child = execa(process.execPath, [RUNNER, ...args], {
          reject: false,
          env: { PATH: process.env.PATH ?? '', HOME: home, PYHERMETIC_HOME: join(home, 'store') },
          extendEnv: false,
        });
        let seen: string[] = [];
        let done = false;
        child.then(() => {
          done = true;
        });
        while (!done) {
          seen = existsSync(dir) ? readdirSync(dir).filter((n) => temp.test(n)) : [];
          if (seen.length > 0) {
            child.kill('SIGKILL');
            break;
          }
          await new Promise((r) => setTimeout(r, 2));
        }
        await child;
        const left = existsSync(dir) ? readdirSync(dir).filter((n) => temp.test(n)) : [];
        if (left.length > 0) return left;
      }
      throw new Error(`never caught a temp matching ${temp} in ${dir}`);
    }

    it('beside pack --out', async () => {
      const dir = tempDir('hf-kill-pack-');
      const out = join(dir, 'app.tar.gz');
      const left = await killWhileTemp(['pack', '--env', t.env, '--out', out], dir, /^\./);
      assert.ok(left.length > 0);
      const r = await runPyhermetic(['pack', '--env', t.env, '--out', out]);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.deepEqual(readdirSync(dir), ['app.tar.gz']);
    });

    it('beside interpreter build --out', async () => {
      const dir = tempDir('hf-kill-interp-');
      const args = ['interpreter', 'build', '--spec', SPEC.static, '--store', sharedStore(), '--out', dir];
      await killWhileTemp(args, dir, /^\./, 40);
      const r = await runPyhermetic(args);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.deepEqual(readdirSync(dir).sort(), ['interpreter.json', 'interpreter.tar.gz']);
    });

    it('in <cache-root>/interpreters (an extraction of 100+ MB)', async () => {
      const cache = tempDir('hf-kill-cache-');
      const args = (dest: string) => envCreateArgs(t, dest, cache);
      const left = await killWhileTemp(args(join(tempDir('hf-d1-'), 'env')), join(cache, 'interpreters'), /tmp/);
      assert.ok(left.length > 0);
      const r = await runPyhermetic(args(join(tempDir('hf-d2-'), 'env')));
      assert.equal(r.exitCode, 0, r.stderr);
      assert.deepEqual(
        readdirSync(join(cache, 'interpreters')).filter((n) => n.startsWith('.')),
        [],
      );
    });
  });
});
