// `pyhermetic lock` against the real local mirror with the suite's static interpreter.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInterpreter, type BuiltInterpreter } from '../helpers/interpreters.js';
import { sha256File } from '../helpers/local-index.js';
import { LOCAL_INDEX, parseJson, runPyhermetic, tempDir } from '../helpers/runner.js';

/** The sha256 the mirror's project page lists for a file name. */
function mirrorHash(project: string, filePrefix: string): string {
  const page = readFileSync(`/opt/pypi/simple/${project}/index.html`, 'utf8');
  const m = new RegExp(`${filePrefix}[^"#]*#sha256=([0-9a-f]{64})`).exec(page);
  if (!m) throw new Error(`${filePrefix} not on the mirror page of ${project}`);
  return m[1];
}

describe('pyhermetic lock @slow', () => {
  let py: BuiltInterpreter;
  // One cache root for the file: the artifact is extracted once, not once per lock.
  let cacheRoot: string;
  before(async () => {
    py = await builtInterpreter('static');
    cacheRoot = tempDir('lock-cache-');
  });

  it('resolves transitive dependencies to hashed wheels, sorted, with the fingerprint and index header', async () => {
    const dir = tempDir('lock-');
    writeFileSync(join(dir, 'requirements.in'), 'cryptography\nMarkupSafe\n');
    const out = join(dir, 'requirements.lock');
    const r = await runPyhermetic([
      'lock',
      '-r',
      join(dir, 'requirements.in'),
      '--interpreter',
      py.artifact,
      '--index-url',
      LOCAL_INDEX,
      '--cache-root',
      cacheRoot,
      '-o',
      out,
      '--json',
    ]);
    assert.equal(r.exitCode, 0, r.stderr);
    const doc = parseJson(r);
    assert.equal(doc.fingerprint, py.fingerprint);
    // No --glibc-max: the wheels are held to the interpreter's own floor (its files need GLIBC_2.35 here).
    assert.equal(doc.glibcMax, '2.35');
    const names = doc.distributions.map((d: { name: string }) => d.name).sort();
    assert.deepEqual(names, ['cffi', 'cryptography', 'markupsafe', 'pycparser']);
    const text = readFileSync(out, 'utf8');
    const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
    assert.deepEqual(
      lines.map((l) => l.split('==')[0]),
      ['cffi', 'cryptography', 'markupsafe', 'pycparser'],
    );
    assert.match(text, new RegExp(`^# pyhermetic-lock fingerprint=${py.fingerprint}$`, 'm'));
    assert.match(text, /^# pyhermetic-lock index-url=file:\/\/\/opt\/pypi\/simple$/m);
    const crypto = doc.distributions.find((d: { name: string }) => d.name === 'cryptography');
    assert.equal(crypto.sha256, mirrorHash('cryptography', `cryptography-${crypto.version}-`));
    assert.ok(
      lines.every((l) => /^[a-z0-9-]+==\S+ --hash=sha256:[0-9a-f]{64}$/.test(l)),
      text,
    );
  });

  it('is byte-identical when run twice on the same inputs', async () => {
    const dir = tempDir('lock-');
    writeFileSync(join(dir, 'requirements.in'), 'orjson\n');
    for (const name of ['a.lock', 'b.lock']) {
      const r = await runPyhermetic([
        'lock',
        '-r',
        join(dir, 'requirements.in'),
        '--interpreter',
        py.artifact,
        '--index-url',
        LOCAL_INDEX,
        '--cache-root',
        cacheRoot,
        '-o',
        join(dir, name),
      ]);
      assert.equal(r.exitCode, 0, r.stderr);
    }
    assert.equal(sha256File(join(dir, 'a.lock')), sha256File(join(dir, 'b.lock')));
  });

  it('--glibc-max: a wheel that needs a newer glibc than the floor stops the lock (exit 1, nothing written); an older pin passes', async () => {
    const dir = tempDir('lock-glibc-');
    const out = join(dir, 'requirements.lock');
    // The mirror's numpy 2.4.6 wheel is manylinux_2_27/2_28 (glibc 2.27): fine on this host, not on a 2.17 one.
    writeFileSync(join(dir, 'requirements.in'), 'numpy==2.4.6\n');
    const plain = await runPyhermetic([
      'lock',
      '-r',
      join(dir, 'requirements.in'),
      '--interpreter',
      py.artifact,
      '--index-url',
      LOCAL_INDEX,
      '--cache-root',
      cacheRoot,
      '-o',
      out,
    ]);
    assert.equal(plain.exitCode, 0, plain.stderr);
    const r = await runPyhermetic([
      'lock',
      '-r',
      join(dir, 'requirements.in'),
      '--interpreter',
      py.artifact,
      '--index-url',
      LOCAL_INDEX,
      '--cache-root',
      cacheRoot,
      '--glibc-max',
      '2.17',
      '-o',
      join(dir, 'floor.lock'),
    ]);
    assert.equal(r.exitCode, 1, r.stderr);
    assert.match(
      r.stderr,
      /numpy==2\.4\.6: the wheel numpy-2\.4\.6-cp311-cp311-manylinux_2_27[^ ]*\.whl needs glibc 2\.27, above the floor 2\.17/,
    );
    assert.match(r.stderr, /fix: pin an older numpy that has a manylinux2014/);
    assert.equal(existsSync(join(dir, 'floor.lock')), false);
    writeFileSync(join(dir, 'requirements.in'), 'numpy==1.26.4\n');
    const ok = await runPyhermetic([
      'lock',
      '-r',
      join(dir, 'requirements.in'),
      '--interpreter',
      py.artifact,
      '--index-url',
      LOCAL_INDEX,
      '--cache-root',
      cacheRoot,
      '--glibc-max',
      '2.17',
      '-o',
      join(dir, 'floor.lock'),
    ]);
    assert.equal(ok.exitCode, 0, ok.stderr);
    assert.match(readFileSync(join(dir, 'floor.lock'), 'utf8'), /^numpy==1\.26\.4 --hash=sha256:[0-9a-f]{64}/m);
    const bad = await runPyhermetic([
      'lock',
      '-r',
      join(dir, 'requirements.in'),
      '--interpreter',
      py.artifact,
      '--index-url',
      LOCAL_INDEX,
      '--glibc-max',
      'new',
      '-o',
      join(dir, 'x.lock'),
    ]);
    assert.equal(bad.exitCode, 2);
    assert.match(bad.stderr, /--glibc-max must be a glibc version like 2\.17, got 'new'/);
  });

  it('unreachable index → exit 3 naming it; no lock written', async () => {
    const dir = tempDir('lock-');
    writeFileSync(join(dir, 'requirements.in'), 'orjson\n');
    const r = await runPyhermetic([
      'lock',
      '-r',
      join(dir, 'requirements.in'),
      '--interpreter',
      py.artifact,
      '--index-url',
      'file:///nonexistent/simple',
      '-o',
      join(dir, 'x.lock'),
    ]);
    assert.equal(r.exitCode, 3, r.stderr);
    assert.match(r.stderr, /file:\/\/\/nonexistent\/simple is unreachable/);
    assert.ok(!existsSync(join(dir, 'x.lock')));
  });

  it('a name that is on no index → exit 2; missing options → exit 2', async () => {
    const dir = tempDir('lock-');
    writeFileSync(join(dir, 'requirements.in'), 'no-such-project-pyhermetic==1.0\n');
    const r = await runPyhermetic([
      'lock',
      '-r',
      join(dir, 'requirements.in'),
      '--interpreter',
      py.artifact,
      '--index-url',
      LOCAL_INDEX,
      '--cache-root',
      cacheRoot,
      '-o',
      join(dir, 'x.lock'),
    ]);
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, /no-such-project-pyhermetic/);
    const u = await runPyhermetic(['lock', '-r', join(dir, 'requirements.in')]);
    assert.equal(u.exitCode, 2);
    assert.match(u.stderr, /lock needs --interpreter, -o/);
  });

  it('an interpreter whose pip is too old for --report resolves with the pinned pip run from its verified wheel; the interpreter is not changed', async () => {
    // A real old pip: 18.1 from CPython 3.6's ensurepip, installed into a copy of a pyenv 3.10 (where it
    // cannot even start). pyhermetic must neither run it nor install anything into the interpreter.
    const prefix = join(tempDir('oldpip-'), 'py310');
    await execa('cp', ['-a', '/root/.pyenv/versions/3.10.13', prefix]);
    await execa(
      join(prefix, 'bin', 'python3'),
      [
        '-m',
        'pip',
        'install',
        '-q',
        '--no-deps',
        '--force-reinstall',
        '/root/.pyenv/versions/3.6.15/lib/python3.6/ensurepip/_bundled/pip-18.1-py2.py3-none-any.whl',
      ],
      { env: { PATH: process.env.PATH, PIP_CONFIG_FILE: '/dev/null' }, extendEnv: false },
    );
    const dir = tempDir('lock-');
    writeFileSync(join(dir, 'requirements.in'), 'pycparser\n');
    const r = await runPyhermetic([
      'lock',
      '-r',
      join(dir, 'requirements.in'),
      '--interpreter',
      prefix,
      '--index-url',
      LOCAL_INDEX,
      '--cache-root',
      cacheRoot,
      '-o',
      join(dir, 'r.lock'),
      '--json',
    ]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(parseJson(r).pip, '26.2.1');
    assert.match(readFileSync(join(dir, 'r.lock'), 'utf8'), /^pycparser==\S+ --hash=sha256:[0-9a-f]{64}$/m);
    const still = await execa(join(prefix, 'bin', 'python3'), ['-c', 'import pip; print(pip.__version__)']);
    assert.equal(still.stdout.trim(), '18.1');
  });
});
