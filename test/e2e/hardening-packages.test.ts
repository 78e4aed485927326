// Hostile trial, packages and `env create --force` (issue 15, items 1-3 and the NFC/case part of 10):
// a repacked world-writable or setuid package, setuid bits in the tested env, colliding names, and
// --force pointed at directories env create did not make.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  envCreateArgs,
  findingKeys,
  linkedCopy,
  makeEnv,
  pack,
  SITE,
  verify,
  type TestEnv,
} from '../helpers/package-env.js';
import { runPyhermetic, tempDir } from '../helpers/runner.js';

const PY = 'bin/python3.11';

/** Extracts a package with tar -p (as root: modes as stored), lets `change` alter it, packs it again with tar. */
async function repack(pkg: string, name: string, change: (dir: string) => void): Promise<string> {
  const work = tempDir(`hp-${name}-`);
  const dir = join(work, 'x');
  mkdirSync(dir);
  await execa('tar', ['-xpzf', pkg, '-C', dir]);
  change(dir);
  const out = join(work, `${name}.tar.gz`);
  await execa('tar', ['-czf', out, '-C', dir, '--owner=0', '--group=0', '.']);
  return out;
}

/** `tar -tvzf` lines by path (without a leading ./). */
async function tarModes(pkg: string): Promise<Map<string, string>> {
  const { stdout } = await execa('tar', ['-tvzf', pkg]);
  const out = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const parts = line.split(/\s+/);
    out.set(parts.slice(5).join(' ').replace(/^\.\//, '').split(' -> ')[0], parts[0]);
  }
  return out;
}

describe('hardening: package modes, setuid, name collisions, env create --force @slow', () => {
  let t: TestEnv;
  let clean: string;

  before(async () => {
    t = await makeEnv('static', ['markupsafe']);
    clean = (await pack(t.env, join(tempDir('hp-'), 'clean.tar.gz'))).artifact;
  });

  it('1. a repacked package with a 0777 interpreter, a 0666 app file and a 0646 stdlib file → exit 1 naming each', async () => {
    const hostile = await repack(clean, 'ww', (dir) => {
      chmodSync(join(dir, PY), 0o777);
      chmodSync(join(dir, 'lib/python3.11/os.py'), 0o646);
      chmodSync(join(dir, SITE, 'markupsafe/__init__.py'), 0o666);
    });
    const r = await verify(hostile, t.env, ['--no-smoke']);
    assert.equal(r.exitCode, 1, r.stderr);
    const keys = findingKeys(r);
    for (const p of [PY, 'lib/python3.11/os.py', `${SITE}/markupsafe/__init__.py`])
      assert.ok(keys.includes(`files: ${p}`), `no finding for ${p}:\n${keys.join('\n')}`);
    const messages = r.report.checks.flatMap((c) => c.findings.map((f) => `${f.path}: ${f.message}`)).join('\n');
    assert.match(messages, /bin\/python3\.11: .*writable by (group|others)/);
  });

  it('2. pack drops setuid/setgid/sticky and group/other write: the package holds -rwxr-xr-x; a setuid package is a verify finding', async () => {
    const env = await linkedCopy(t.env, join(tempDir('hp-suid-'), 'env'));
    const py = join(env, PY);
    rmSync(py);
    copyFileSync(join(t.env, PY), py);
    chmodSync(py, 0o4755);
    const script = join(env, SITE, 'markupsafe', 'tool.py');
    writeFileSync(script, 'print(1)\n');
    chmodSync(script, 0o6777);
    const pkg = (await pack(env, join(tempDir('hp-suid-pkg-'), 'suid.tar.gz'))).artifact;
    const modes = await tarModes(pkg);
    assert.equal(modes.get(PY), '-rwxr-xr-x');
    assert.equal(modes.get(`${SITE}/markupsafe/tool.py`), '-rwxr-xr-x');
    for (const [path, mode] of modes) {
      if (mode.startsWith('l')) continue; // a symlink's own mode is always rwxrwxrwx and means nothing
      assert.doesNotMatch(mode, /[sStT]|^.{5}w|^.{8}w/, `${path} packed as ${mode}`);
    }
    const ok = await verify(pkg, env, ['--no-smoke']);
    assert.deepEqual(findingKeys(ok), [], ok.stderr);

    const hostile = await repack(clean, 'suid', (dir) => chmodSync(join(dir, PY), 0o4755));
    const r = await verify(hostile, t.env, ['--no-smoke']);
    assert.equal(r.exitCode, 1, r.stderr);
    const msgs = r.report.checks.flatMap((c) => c.findings.filter((f) => f.path === PY).map((f) => f.message));
    assert.ok(
      msgs.some((m) => /setuid/.test(m)),
      `no setuid finding for ${PY}: ${msgs.join(' | ')}`,
    );
  });

  it('10. NFC/NFD and case-colliding names in a package → verify findings naming both', async () => {
    const env = await linkedCopy(t.env, join(tempDir('hp-nfc-'), 'env'));
    const pkgDir = join(env, SITE, 'markupsafe');
    writeFileSync(join(pkgDir, 'caf\u00e9.py'), 'A = 1\n');
    writeFileSync(join(pkgDir, 'cafe\u0301.py'), 'A = 2\n');
    writeFileSync(join(pkgDir, 'Readme.txt'), 'a\n');
    writeFileSync(join(pkgDir, 'README.txt'), 'b\n');
    const pkg = (await pack(env, join(tempDir('hp-nfc-pkg-'), 'nfc.tar.gz'))).artifact;
    const r = await verify(pkg, env, ['--no-smoke']);
    assert.equal(r.exitCode, 1, r.stderr);
    const text = r.report.checks.flatMap((c) => c.findings.map((f) => `${f.path}: ${f.message}`)).join('\n');
    assert.match(text, /caf/);
    assert.match(text, /Unicode normali[sz]ation/i);
    assert.match(text, /README\.txt|Readme\.txt/);
    assert.match(text, /case/i);
  });

  describe('3. env create --force', () => {
    const create = (dest: string, opts: { cwd?: string; home?: string } = {}) =>
      runPyhermetic(envCreateArgs(t, dest, join(t.work, 'cache'), ['--force']), opts);

    it('a project directory (--dest . --force) → exit 2 naming it, every file kept', async () => {
      const project = tempDir('hp-project-');
      writeFileSync(join(project, 'setup.py'), 'print(1)\n');
      mkdirSync(join(project, 'src'));
      writeFileSync(join(project, 'src', 'main.py'), 'x = 1\n');
      const r = await create('.', { cwd: project });
      assert.equal(r.exitCode, 2, r.stderr);
      assert.ok(r.stderr.includes(project), r.stderr);
      assert.deepEqual(readdirSync(project).sort(), ['setup.py', 'src']);
      assert.ok(existsSync(join(project, 'src', 'main.py')));
    });

    it('$HOME, a parent of the current directory and / → exit 2, nothing removed', async () => {
      const home = tempDir('hp-home-');
      writeFileSync(join(home, '.profile'), '# keep\n');
      const h = await create(home, { home });
      assert.equal(h.exitCode, 2, h.stderr);
      assert.ok(existsSync(join(home, '.profile')));
      const parent = tempDir('hp-parent-');
      mkdirSync(join(parent, 'sub'));
      const p = await create(parent, { cwd: join(parent, 'sub') });
      assert.equal(p.exitCode, 2, p.stderr);
      assert.ok(existsSync(join(parent, 'sub')));
      const root = await create('/');
      assert.equal(root.exitCode, 2, root.stderr);
      assert.deepEqual(
        readdirSync('/').filter((n) => n.includes('pyhermetic')),
        [],
      );
    });

    it('an empty directory and an earlier env are replaced (exit 0)', async () => {
      const empty = join(tempDir('hp-empty-'), 'env');
      mkdirSync(empty);
      const r = await create(empty);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.ok(existsSync(join(empty, 'pyhermetic-env.json')));
      const again = await create(empty);
      assert.equal(again.exitCode, 0, again.stderr);
    });
  });
});
