import assert from 'node:assert/strict';
import { execa } from 'execa';
import { chmodSync, copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUNNER, parseJson, runPyhermetic, tempDir } from '../helpers/runner.js';

const PYENV = '/root/.pyenv/versions';
const DEBIAN = '/usr/bin/python3';

async function fp(python: string) {
  const r = await runPyhermetic(['fingerprint', '--python', python, '--json']);
  assert.equal(r.exitCode, 0, r.stderr);
  return parseJson(r);
}

describe('pyhermetic fingerprint (the built bundle, real interpreters)', () => {
  it('prints a 64-hex fingerprint, the fields and the resolved path; no path in the fields', async () => {
    const doc = await fp(DEBIAN);
    assert.match(doc.fingerprint, /^[0-9a-f]{64}$/);
    assert.equal(doc.fields.implementation, 'cpython');
    assert.equal(doc.fields.Py_ENABLE_SHARED, 1);
    assert.equal(doc.python, '/usr/bin/python3.11');
    assert.ok(!JSON.stringify(doc.fields).includes('/'), JSON.stringify(doc.fields));
  });

  it('prints a short human block without --json', async () => {
    const r = await runPyhermetic(['fingerprint', '--python', DEBIAN]);
    assert.equal(r.exitCode, 0);
    assert.match(r.stdout, /^fingerprint [0-9a-f]{64}$/m);
    assert.match(r.stdout, /version\s+cpython 3\.11\.2/);
    assert.match(r.stdout, /linkage\s+shared \(libpython3\.11\.so\.1\.0\)/);
    assert.match(r.stdout, /libc\s+glibc 2\.\d+/);
  });

  it('is the same through a symlink and for a copy of the installation elsewhere', async () => {
    const dir = tempDir('fp-');
    symlinkSync(DEBIAN, join(dir, 'py'));
    assert.equal((await fp(join(dir, 'py'))).fingerprint, (await fp(DEBIAN)).fingerprint);
    const copy = join(dir, 'copy');
    await execa('cp', ['-a', `${PYENV}/3.12.1`, copy]);
    const a = await fp(`${PYENV}/3.12.1/bin/python3`);
    const b = await fp(join(copy, 'bin', 'python3'));
    assert.equal(b.fingerprint, a.fingerprint);
    assert.notEqual(b.python, a.python);
  });

  it('differs between patch versions and between 3.11 and 3.12, naming the fields (--compare exits 1)', async () => {
    const r = await runPyhermetic(['fingerprint', '--python', DEBIAN, '--compare', `${PYENV}/3.11.7/bin/python3`]);
    assert.equal(r.exitCode, 1, r.stderr);
    assert.match(r.stdout, /version_info: \[3,11,2,"final",0\] ≠ \[3,11,7,"final",0\]/);
    const j = parseJson(
      await runPyhermetic([
        'fingerprint',
        '--python',
        `${PYENV}/3.11.7/bin/python3`,
        '--compare',
        `${PYENV}/3.12.1/bin/python3`,
        '--json',
      ]),
    );
    assert.equal(j.equal, false);
    const fields = j.differences.map((d: { field: string }) => d.field);
    for (const f of ['version_info', 'cache_tag', 'SOABI', 'EXT_SUFFIX', 'LDLIBRARY', 'INSTSONAME'])
      assert.ok(fields.includes(f), f);
  });

  it('--compare exits 0 for the same interpreter', async () => {
    const r = await runPyhermetic(['fingerprint', '--python', DEBIAN, '--compare', '/usr/bin/python3.11']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /^equal/m);
  });

  it('works for every CPython 3.6+ under pyenv, with distinct fingerprints', async () => {
    const seen = new Set<string>();
    for (const v of ['3.6.15', '3.7.16', '3.8.18', '3.9.18', '3.10.13', '3.11.7', '3.12.1', '3.13.0']) {
      const doc = await fp(`${PYENV}/${v}/bin/python3`);
      assert.equal(doc.fields.version_info.slice(0, 3).join('.'), v);
      seen.add(doc.fingerprint);
    }
    assert.equal(seen.size, 8);
  });

  it('refuses Python 2.7 as unsupported (exit 2, no stack trace)', async () => {
    const r = await runPyhermetic(['fingerprint', '--python', `${PYENV}/2.7.18/bin/python`]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /CPython 2\.7\.18: unsupported/);
    assert.doesNotMatch(r.stderr, /at .*\.mjs:\d+/);
  });

  describe('bad input', () => {
    it('a path that does not exist → exit 2 naming it', async () => {
      const r = await runPyhermetic(['fingerprint', '--python', '/nonexistent/python3']);
      assert.equal(r.exitCode, 2);
      assert.match(r.stderr, /no such file: \/nonexistent\/python3/);
    });
    it('a directory → exit 3 naming it and suggesting bin/python3', async () => {
      const r = await runPyhermetic(['fingerprint', '--python', `${PYENV}/3.11.7`]);
      assert.equal(r.exitCode, 3);
      assert.match(r.stderr, /is a directory/);
      assert.match(r.stderr, /3\.11\.7\/bin\/python3/);
    });
    it('a file that is not executable → exit 3', async () => {
      const dir = tempDir('fp-');
      const f = join(dir, 'python3');
      copyFileSync(DEBIAN, f);
      chmodSync(f, 0o644);
      const r = await runPyhermetic(['fingerprint', '--python', f]);
      assert.equal(r.exitCode, 3);
      assert.match(r.stderr, /is not executable/);
    });
    it('/bin/true → exit 3 saying nothing came back', async () => {
      const r = await runPyhermetic(['fingerprint', '--python', '/bin/true']);
      assert.equal(r.exitCode, 3);
      assert.match(r.stderr, /\/bin\/true is not a python.*\n.*\(no output\)/);
    });
    it('a script printing garbage → exit 3 quoting it', async () => {
      const dir = tempDir('fp-');
      const f = join(dir, 'python3');
      writeFileSync(f, '#!/bin/sh\necho "hello I am not python"\n', { mode: 0o755 });
      const r = await runPyhermetic(['fingerprint', '--python', f]);
      assert.equal(r.exitCode, 3);
      assert.match(r.stderr, /hello I am not python/);
    });
    it('a python that hangs is killed after the timeout → exit 3', async () => {
      const dir = tempDir('fp-');
      const f = join(dir, 'python3');
      writeFileSync(f, '#!/bin/sh\nexec sleep 600\n', { mode: 0o755 });
      const started = Date.now();
      const r = await runPyhermetic(['fingerprint', '--python', f, '--timeout', '1']);
      assert.equal(r.exitCode, 3);
      assert.match(r.stderr, /did not answer the probe within 1 s and was killed/);
      assert.ok(Date.now() - started < 20_000);
    });
  });
});

describe('the runner', () => {
  it('runs alone from an empty directory (no node_modules): --version and fingerprint', async () => {
    const dir = tempDir('alone-');
    const copy = join(dir, 'runner.mjs');
    copyFileSync(RUNNER, copy);
    const v = await runPyhermetic(['--version'], { runner: copy, cwd: dir });
    assert.equal(v.exitCode, 0);
    assert.match(v.stdout.trim(), /^\d+\.\d+\.\d+$/);
    const f = await runPyhermetic(['fingerprint', '--python', DEBIAN, '--json'], { runner: copy, cwd: dir });
    assert.equal(f.exitCode, 0, f.stderr);
    assert.match(parseJson(f).fingerprint, /^[0-9a-f]{64}$/);
  });

  it('builds byte-identical bundles twice', async () => {
    const { readFileSync } = await import('node:fs');
    const { ROOT } = await import('../helpers/runner.js');
    const before = readFileSync(RUNNER);
    await execa(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs')], { cwd: ROOT });
    const first = readFileSync(RUNNER);
    await execa(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs')], { cwd: ROOT });
    assert.ok(first.equals(readFileSync(RUNNER)));
    assert.ok(first.toString('utf8').split('\n')[1].startsWith('// GENERATED FILE'));
    assert.ok(before.length > 0);
  });

  it('help, --help, unknown command and unknown option', async () => {
    const h = await runPyhermetic(['help']);
    assert.equal(h.exitCode, 0);
    assert.match(h.stdout, /fingerprint/);
    const hf = await runPyhermetic(['fingerprint', '--help']);
    assert.equal(hf.exitCode, 0);
    assert.match(hf.stdout, /usage: pyhermetic fingerprint --python PATH/);
    const hc = await runPyhermetic(['help', 'fingerprint']);
    assert.equal(hc.stdout, hf.stdout);
    const u = await runPyhermetic(['frobnicate']);
    assert.equal(u.exitCode, 2);
    assert.match(u.stderr, /unknown command 'frobnicate'/);
    const o = await runPyhermetic(['fingerprint', '--pyton', DEBIAN]);
    assert.equal(o.exitCode, 2);
    assert.match(o.stderr, /Unknown option '--pyton'[\s\S]*usage: pyhermetic fingerprint/);
    const none = await runPyhermetic([]);
    assert.equal(none.exitCode, 2);
    assert.match(none.stderr, /usage: pyhermetic <command>/);
  });

  it('--args FILE runs a command line stored as JSON, byte for byte', async () => {
    const dir = tempDir('args-');
    const weird = join(dir, "it's $(id) `x`\nnew line ü");
    mkdirSync(weird);
    symlinkSync(DEBIAN, join(weird, 'python3'));
    const file = join(dir, 'args.json');
    writeFileSync(file, JSON.stringify(['fingerprint', '--python', join(weird, 'python3'), '--json']));
    const r = await runPyhermetic(['--args', file]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(parseJson(r).python, '/usr/bin/python3.11');
  });
});
