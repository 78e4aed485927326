import assert from 'node:assert/strict';
import { execa } from 'execa';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
  statSync,
  openSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  appendToFile,
  linkedCopy,
  makeEnv,
  pack,
  removeFile,
  replaceFile,
  SITE,
  type TestEnv,
} from '../helpers/package-env.js';
import { RUNNER, parseJson, runPyhermetic, tempDir } from '../helpers/runner.js';

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('pyhermetic pack (a real env from the built static interpreter)', () => {
  let t: TestEnv;
  let out: string;
  let first: { artifact: string; sha256: string; files: number; size: number };

  before(async () => {
    t = await makeEnv('static');
    out = tempDir('pack-out-');
    first = await pack(t.env, join(out, 'a.tar.gz'));
  });

  it('--json prints {artifact, sha256, files, size} describing the file it wrote', () => {
    assert.deepEqual(Object.keys(first).sort(), ['artifact', 'files', 'sha256', 'size']);
    assert.equal(first.artifact, join(out, 'a.tar.gz'));
    assert.equal(first.sha256, sha256(first.artifact));
    assert.equal(first.size, statSync(first.artifact).size);
  });

  it('the package holds the env without any pyc, pyhermetic-env.json, and pyhermetic-package.json last listing every file', async () => {
    const listing = (await execa('tar', ['-tzf', first.artifact])).stdout.split('\n');
    assert.equal(listing[listing.length - 1], 'pyhermetic-package.json');
    assert.ok(listing.includes('pyhermetic-env.json'));
    assert.ok(listing.includes('pyhermetic/requirements.lock'), 'the package carries its lock');
    assert.ok(listing.includes(`${SITE}/markupsafe/__init__.py`));
    assert.ok(
      listing.some((p) => p.startsWith(`${SITE}/orjson/orjson.`)),
      'the orjson extension is packed',
    );
    // The tested env does have pycs (pip compiled them); none of them ships.
    assert.ok(
      (await execa('find', [t.env, '-name', '*.pyc'])).stdout.trim().length > 0,
      'the env has pycs to leave out',
    );
    assert.deepEqual(
      listing.filter((p) => p.includes('__pycache__') || p.endsWith('.pyc')),
      [],
    );
    const dir = tempDir('pack-x-');
    await execa('tar', ['-xzf', first.artifact, '-C', dir]);
    const manifest = JSON.parse(readFileSync(join(dir, 'pyhermetic-package.json'), 'utf8'));
    assert.equal(manifest.kind, 'pyhermetic-package');
    assert.equal(manifest.app, null);
    assert.match(manifest.pycPolicy, /no-pyc/);
    assert.deepEqual(manifest.env, JSON.parse(readFileSync(join(t.env, 'pyhermetic-env.json'), 'utf8')));
    const files = listing.filter((p) => !p.endsWith('/') && p !== 'pyhermetic-package.json');
    assert.equal(manifest.files.length, files.length);
    assert.equal(first.files, files.length + 1);
    const rec = manifest.files.find((f: { path: string }) => f.path === `${SITE}/markupsafe/__init__.py`);
    assert.equal(rec.sha256, sha256(join(t.env, SITE, 'markupsafe', '__init__.py')));
    const python = manifest.files.find((f: { path: string }) => f.path === 'bin/python3.11');
    assert.equal(python.mode, 0o755);
  });

  it('two packs are byte-identical, also from a copy at another path with fresh mtimes', async () => {
    const again = await pack(t.env, join(out, 'b.tar.gz'));
    assert.equal(again.sha256, first.sha256);
    assert.equal(Buffer.compare(readFileSync(again.artifact), readFileSync(first.artifact)), 0);
    const copy = join(tempDir('pack-copy-'), 'moved-env');
    await execa('cp', ['-r', t.env, copy]); // new path, new mtimes, no preserved owner
    const moved = await pack(copy, join(out, 'c.tar.gz'));
    assert.equal(moved.sha256, first.sha256);
  });

  it('--app puts the app under app/, leaving out VCS data and pycs; the app changes the package bytes', async () => {
    const app = join(tempDir('pack-app-'), 'app');
    mkdirSync(join(app, 'demo', '__pycache__'), { recursive: true });
    mkdirSync(join(app, '.git'));
    writeFileSync(join(app, 'demo', '__init__.py'), 'VALUE = 1\n');
    writeFileSync(join(app, 'demo', '__pycache__', '__init__.cpython-311.pyc'), 'x');
    writeFileSync(join(app, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const withApp = await pack(t.env, join(out, 'app.tar.gz'), ['--app', app]);
    const listing = (await execa('tar', ['-tzf', withApp.artifact])).stdout.split('\n');
    assert.deepEqual(
      listing.filter((p) => p.startsWith('app/')),
      ['app/', 'app/demo/', 'app/demo/__init__.py'],
    );
    assert.notEqual(withApp.sha256, first.sha256);
    assert.equal((await pack(t.env, join(out, 'app2.tar.gz'), ['--app', app])).sha256, withApp.sha256);
    // No staging directory is left beside the env.
    assert.deepEqual(
      readdirSync(t.work).filter((n) => n.startsWith('.pyhermetic-pack-')),
      [],
    );
  });

  describe('refusals (exit 2 naming the path; nothing at --out)', () => {
    let bad: string;
    beforeEach(async () => {
      bad = await linkedCopy(t.env, join(tempDir('pack-bad-'), 'env'));
    });

    async function refused(pattern: RegExp): Promise<void> {
      const target = join(out, `refused-${Date.now()}.tar.gz`);
      const r = await runPyhermetic(['pack', '--env', bad, '--out', target]);
      assert.equal(r.exitCode, 2, r.stderr);
      assert.match(r.stderr, pattern);
      assert.equal(existsSync(target), false);
      assert.deepEqual(
        readdirSync(out).filter((n) => n.includes('refused')),
        [],
      );
    }

    it('an env without its lock (made by an older pyhermetic), and one whose lock was changed after env create', async () => {
      const lock = join(bad, 'pyhermetic', 'requirements.lock');
      const recorded = JSON.parse(readFileSync(join(bad, 'pyhermetic-env.json'), 'utf8')).lock.sha256;
      assert.equal(sha256(lock), recorded, 'env create kept the exact lock');
      replaceFile(lock, `${readFileSync(lock, 'utf8')}# edited\n`);
      await refused(
        new RegExp(`has sha256 ${sha256(lock)}, but the env was installed from the lock with sha256 ${recorded}`),
      );
      removeFile(lock);
      await refused(/holds no pyhermetic\/requirements\.lock .*made by an older pyhermetic/);
    });

    it('a symlink pointing out of the env', async () => {
      symlinkSync('/etc/passwd', join(bad, SITE, 'leak'));
      await refused(/site-packages\/leak -> \/etc\/passwd points outside the tree/);
    });

    it('a relative symlink climbing out of the env', async () => {
      symlinkSync('../../../../outside', join(bad, SITE, 'climb'));
      await refused(/site-packages\/climb -> \.\.\/\.\.\/\.\.\/\.\.\/outside points outside/);
    });

    it('a FIFO', async () => {
      await execa('mkfifo', [join(bad, SITE, 'a-fifo')]);
      await refused(/a-fifo is a FIFO/);
    });

    it('a socket', async () => {
      const server = createServer();
      await new Promise<void>((res) => server.listen(join(bad, 'a.sock'), () => res()));
      try {
        await refused(/a\.sock is a socket/);
      } finally {
        server.close();
      }
    });

    it('a device node', async function () {
      const r = await execa('mknod', [join(bad, 'null-dev'), 'c', '1', '3'], { reject: false });
      if (r.exitCode !== 0) this.skip(); // needs root / CAP_MKNOD
      await refused(/null-dev is a character device/);
    });

    it('a symlink out of the env also when --app stages the trees (the message names the env path, not the stage)', async () => {
      symlinkSync('/etc', join(bad, 'etc-link'));
      const app = tempDir('pack-app-');
      writeFileSync(join(app, 'x.py'), '');
      const target = join(out, 'refused-app.tar.gz');
      const r = await runPyhermetic(['pack', '--env', bad, '--app', app, '--out', target]);
      assert.equal(r.exitCode, 2, r.stderr);
      assert.ok(r.stderr.includes(`${join(bad, 'etc-link')} -> /etc`), r.stderr);
      assert.equal(existsSync(target), false);
    });
  });

  it('bad input: not an env, --out inside the env, missing options → exit 2 with a hint', async () => {
    const notEnv = tempDir('not-env-');
    let r = await runPyhermetic(['pack', '--env', notEnv, '--out', join(out, 'x.tar.gz')]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /pyhermetic-env\.json/);
    r = await runPyhermetic(['pack', '--env', t.env, '--out', join(t.env, 'self.tar.gz')]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /inside the env/);
    r = await runPyhermetic(['pack', '--env', t.env]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /--out/);
  });

  it('an interrupted pack (kill -9 mid-way on a big env) leaves no file at --out', async () => {
    const big = await linkedCopy(t.env, join(tempDir('pack-big-'), 'env'));
    // ~160 MB of random bytes gzip cannot shrink: the pack takes seconds, long enough to be killed mid-way.
    const fd = openSync(join(big, SITE, 'big.bin'), 'w');
    for (let i = 0; i < 40; i++) writeSync(fd, randomBytes(4 * 1024 * 1024));
    closeSync(fd);
    const outDir = tempDir('pack-kill-');
    const target = join(outDir, 'big.tar.gz');
    const child = spawn(process.execPath, [RUNNER, 'pack', '--env', big, '--out', target], {
      stdio: 'ignore',
      env: { ...process.env, NO_COLOR: '1' },
    });
    // Wait until the writer's temp file exists and has grown, then kill -9.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const temps = readdirSync(outDir);
      if (temps.length > 0 && statSync(join(outDir, temps[0])).size > 1024 * 1024) break;
      if (Date.now() > deadline) throw new Error('the pack never started writing');
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    assert.equal(existsSync(target), false, 'no package at --out after kill -9');
    // The next pack of the same env works and lands at --out.
    const r = await runPyhermetic(['pack', '--env', t.env, '--out', target, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(parseJson(r).sha256, first.sha256);
  });

  describe('pyhermetic diff', () => {
    it('a package and the env it was packed from are identical (exit 0)', async () => {
      const r = await runPyhermetic(['diff', first.artifact, t.env, '--json']);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.equal(parseJson(r).identical, true);
    });

    it("names added, removed and changed files in the report's terms (exit 1)", async () => {
      const other = await linkedCopy(t.env, join(tempDir('diff-'), 'env'));
      appendToFile(join(other, SITE, 'markupsafe', '__init__.py'), '\n# changed\n');
      writeFileSync(join(other, SITE, 'added.py'), '');
      removeFile(join(other, SITE, 'orjson', 'py.typed'));
      const r = await runPyhermetic(['diff', first.artifact, other, '--json']);
      assert.equal(r.exitCode, 1, r.stderr);
      const d = parseJson(r);
      assert.equal(d.identical, false);
      assert.deepEqual(d.interpreter, []);
      assert.deepEqual(d.files.added, [`${SITE}/added.py`]);
      assert.deepEqual(d.files.removed, [`${SITE}/orjson/py.typed`]);
      assert.deepEqual(
        d.files.changed.map((c: { path: string }) => c.path),
        [`${SITE}/markupsafe/__init__.py`],
      );
      const human = await runPyhermetic(['diff', first.artifact, other]);
      assert.match(human.stdout, /files: 1 added, 1 removed, 1 changed/);
    });

    it('names a distribution whose version changed and the interpreter fields that differ', async () => {
      const other = await linkedCopy(t.env, join(tempDir('diff-'), 'env'));
      const manifestPath = join(other, 'pyhermetic-env.json');
      const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
      m.distributions = m.distributions.map((d: { name: string; version: string }) =>
        d.name.toLowerCase() === 'orjson' ? { ...d, version: '0.0.1' } : d,
      );
      m.interpreter.fingerprint = 'f'.repeat(64);
      replaceFile(manifestPath, JSON.stringify(m));
      const d = parseJson(await runPyhermetic(['diff', first.artifact, other, '--json']));
      assert.deepEqual(
        d.distributions.changed.map((c: { a: string; b: string }) => c.b),
        ['0.0.1'],
      );
      assert.deepEqual(
        d.interpreter.map((i: { field: string }) => i.field),
        ['fingerprint'],
      );
    });

    it('a path that does not exist → exit 2', async () => {
      const r = await runPyhermetic(['diff', first.artifact, '/nonexistent/x']);
      assert.equal(r.exitCode, 2);
      assert.match(r.stderr, /does not exist/);
    });
  });
});
