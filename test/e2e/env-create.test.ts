// `pyhermetic env create` with the suite's static interpreter artifact and the real local mirror.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { closedPort } from '../helpers/ports.js';
import { builtInterpreter, type BuiltInterpreter } from '../helpers/interpreters.js';
import { addFile, createIndex, makePureWheel } from '../helpers/local-index.js';
import { LOCAL_INDEX, RUNNER, parseJson, runPyhermetic, tempDir } from '../helpers/runner.js';

const sha256 = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('pyhermetic env create @slow', () => {
  let py: BuiltInterpreter;
  let lock: string;
  let cacheRoot: string;

  before(async () => {
    py = await builtInterpreter('static');
    const dir = tempDir('envlock-');
    writeFileSync(join(dir, 'requirements.in'), 'numpy<2\nlxml\ncryptography\norjson\n');
    lock = join(dir, 'requirements.lock');
    const r = await runPyhermetic([
      'lock',
      '-r',
      join(dir, 'requirements.in'),
      '--interpreter',
      py.artifact,
      '--index-url',
      LOCAL_INDEX,
      '-o',
      lock,
    ]);
    assert.equal(r.exitCode, 0, r.stderr);
    cacheRoot = tempDir('cache-root-');
  });

  const create = (dest: string, extra: string[] = [], lockFile = lock) =>
    runPyhermetic([
      'env',
      'create',
      '--interpreter',
      py.artifact,
      '--lock',
      lockFile,
      '--dest',
      dest,
      '--index-url',
      LOCAL_INDEX,
      '--cache-root',
      cacheRoot,
      ...extra,
    ]);

  it('installs a real set of mirror wheels (numpy, lxml, cryptography, orjson + deps); the manifest lists each with its verified files', async () => {
    const dest = join(tempDir('env-'), 'env');
    const r = await create(dest, ['--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const doc = parseJson(r);
    assert.equal(doc.dest, dest);
    assert.equal(doc.cacheDir, join(cacheRoot, 'pip', py.fingerprint));
    const locked = readFileSync(lock, 'utf8')
      .split('\n')
      .filter((l) => /^[a-z]/.test(l))
      .map((l) => l.split(' ')[0]);
    const manifest = JSON.parse(readFileSync(join(dest, 'pyhermetic-env.json'), 'utf8'));
    assert.equal(manifest.kind, 'pyhermetic-env');
    assert.equal(manifest.interpreter.fingerprint, py.fingerprint);
    assert.equal(manifest.lock.sha256, sha256(lock));
    assert.deepEqual(manifest.indexUrls, [LOCAL_INDEX]);
    const have = new Set(
      manifest.distributions.map(
        (d: { name: string; version: string }) => `${d.name.toLowerCase().replace(/[-_.]+/g, '-')}==${d.version}`,
      ),
    );
    for (const pin of locked) assert.ok(have.has(pin), `${pin} missing from the manifest`);
    let checked = 0;
    for (const d of manifest.distributions) {
      for (const f of d.files) {
        assert.equal(sha256(join(dest, f.path)), f.sha256, f.path);
        checked++;
      }
    }
    assert.ok(checked > 500, `only ${checked} files listed`);
    const imp = await execa('env', [
      '-i',
      join(dest, manifest.interpreter.python),
      '-c',
      'import numpy, lxml.etree, cryptography.fernet, orjson; print(orjson.dumps({"n": int(numpy.arange(4).sum())}).decode())',
    ]);
    assert.equal(imp.stdout.trim(), '{"n":6}');
    assert.ok(!readdirSync(join(dest, '..')).some((n) => n.includes('pyhermetic-tmp')), 'no temp sibling left behind');
  });

  it('console scripts get the relative launcher: the env moves and its scripts still run', async () => {
    const dest = join(tempDir('env-'), 'env');
    assert.equal((await create(dest)).exitCode, 0);
    const manifest = JSON.parse(readFileSync(join(dest, 'pyhermetic-env.json'), 'utf8'));
    assert.ok(manifest.launchersRewritten.includes('bin/f2py'), manifest.launchersRewritten.join(' '));
    assert.ok(manifest.launchersRewritten.includes('bin/pip3'));
    assert.doesNotMatch(readFileSync(join(dest, 'bin', 'f2py'), 'utf8'), /pyhermetic-tmp/);
    const moved = join(tempDir('moved-'), 'elsewhere');
    renameSync(dest, moved);
    const r = await execa('env', ['-i', join(moved, 'bin', 'pip3'), '--version']);
    assert.match(r.stdout, new RegExp(`from ${moved}/lib/python3\\.11/site-packages/pip`));
    // pip's RECORD describes the rewritten launcher, so pip itself sees an intact installation.
    const check = await execa('env', [
      '-i',
      join(moved, 'bin', 'python3'),
      '-I',
      '-c',
      'import importlib.metadata as m, hashlib, base64, os, sys; d = m.distribution("numpy"); f = [x for x in d.files if x.name == "f2py" and x.hash][0]; b = open(f.locate(), "rb").read(); print(base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b"=").decode() == f.hash.value)',
    ]);
    assert.equal(check.stdout.trim(), 'True');
  });

  it('two creates into one cache root at the same time both succeed', async () => {
    const base = tempDir('env-par-');
    const [a, b] = await Promise.all([create(join(base, 'a')), create(join(base, 'b'))]);
    assert.equal(a.exitCode, 0, a.stderr);
    assert.equal(b.exitCode, 0, b.stderr);
    assert.equal(
      readFileSync(join(base, 'a', 'pyhermetic-env.json'), 'utf8'),
      readFileSync(join(base, 'b', 'pyhermetic-env.json'), 'utf8'),
    );
  });

  it('a lock line without a hash → exit 2 naming the line; nothing is created', async () => {
    const bad = join(tempDir('bad-'), 'requirements.lock');
    writeFileSync(bad, '# a comment\norjson==3.12.0\n');
    const dest = join(tempDir('env-'), 'env');
    const r = await create(dest, [], bad);
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, /requirements\.lock:2: no --hash for orjson==3\.12\.0/);
    assert.ok(!existsSync(dest));
  });

  it('a tampered hash → exit 1 naming the package (pip: THESE PACKAGES DO NOT MATCH THE HASHES); no half env', async () => {
    const text = readFileSync(lock, 'utf8').replace(/^(orjson==\S+ --hash=sha256:)[0-9a-f]{4}/m, '$1' + '0000');
    const bad = join(tempDir('bad-'), 'requirements.lock');
    writeFileSync(bad, text);
    const dest = join(tempDir('env-'), 'env');
    const r = await create(dest, ['--json'], bad);
    assert.equal(r.exitCode, 1, r.stderr);
    assert.match(r.stderr, /hash mismatch: orjson==/);
    assert.match(r.stderr, /THESE PACKAGES DO NOT MATCH THE HASHES/);
    assert.equal(parseJson(r).findings[0].path.split('==')[0], 'orjson');
    assert.deepEqual(readdirSync(join(dest, '..')), []);
  });

  it('an existing DEST → exit 2 and it is left untouched; --force replaces only an env or an empty directory', async () => {
    const dest = join(tempDir('env-'), 'env');
    mkdirSync(dest);
    writeFileSync(join(dest, 'keep.txt'), 'mine');
    const r = await create(dest);
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, /already exists/);
    assert.equal(readFileSync(join(dest, 'keep.txt'), 'utf8'), 'mine');
    const refused = await create(dest, ['--force']);
    assert.equal(refused.exitCode, 2, refused.stderr);
    assert.match(refused.stderr, /not an env made by `pyhermetic env create`/);
    assert.equal(readFileSync(join(dest, 'keep.txt'), 'utf8'), 'mine');
    rmSync(join(dest, 'keep.txt'));
    const f = await create(dest, ['--force']);
    assert.equal(f.exitCode, 0, f.stderr);
    assert.ok(existsSync(join(dest, 'pyhermetic-env.json')));
    assert.deepEqual(readdirSync(join(dest, '..')), ['env']);
  });

  it('an unreachable index → exit 3 (missing file:// index, closed http port)', async () => {
    for (const url of ['file:///nonexistent/simple', `http://127.0.0.1:${await closedPort()}/simple`]) {
      const dest = join(tempDir('env-'), 'env');
      const r = await runPyhermetic([
        'env',
        'create',
        '--interpreter',
        py.artifact,
        '--lock',
        lock,
        '--dest',
        dest,
        '--index-url',
        url,
      ]);
      assert.equal(r.exitCode, 3, r.stderr);
      assert.match(r.stderr, /is unreachable/);
      assert.ok(!existsSync(dest));
    }
  });

  it('a lock made for another interpreter (fingerprint header) → exit 2', async () => {
    const other = readFileSync(lock, 'utf8').replace(/fingerprint=[0-9a-f]{64}/, `fingerprint=${'ab'.repeat(32)}`);
    const bad = join(tempDir('bad-'), 'requirements.lock');
    writeFileSync(bad, other);
    const r = await create(join(tempDir('env-'), 'env'), [], bad);
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(
      r.stderr,
      /was made for CPython 3\.11\.2 \(interpreter abababab[0-9a-f]*…\), not for .*: CPython 3\.11\.2 \(/,
    );
  });

  it("a wheel whose RECORD does not match its files → exit 1 naming the file; the lock's index-url lines serve when --index-url is omitted", async () => {
    const index = createIndex('record-index-');
    addFile(
      index,
      'doctored',
      await makePureWheel({
        name: 'doctored',
        version: '1.0',
        files: { 'doctored/__init__.py': 'VALUE = 1\n', 'doctored/data.py': 'X = 2\n' },
        tamperRecord: 'doctored/data.py',
      }),
    );
    addFile(
      index,
      'honest',
      await makePureWheel({
        name: 'honest',
        version: '1.0',
        files: { 'honest/__init__.py': 'print("hi")\n' },
        entryPoints: '[console_scripts]\nhonest = honest:main\n',
      }),
    );
    const dir = tempDir('record-');
    const lockFile = join(dir, 'requirements.lock');
    for (const [req, expectExit] of [
      ['honest', 0],
      ['doctored', 1],
    ] as const) {
      writeFileSync(join(dir, 'requirements.in'), `${req}\n`);
      const l = await runPyhermetic([
        'lock',
        '-r',
        join(dir, 'requirements.in'),
        '--interpreter',
        py.artifact,
        '--index-url',
        index.url,
        '--cache-root',
        cacheRoot,
        '-o',
        lockFile,
      ]);
      assert.equal(l.exitCode, 0, l.stderr);
      const dest = join(tempDir('env-'), 'env');
      const r = await runPyhermetic([
        'env',
        'create',
        '--interpreter',
        py.artifact,
        '--lock',
        lockFile,
        '--dest',
        dest,
        '--cache-root',
        cacheRoot,
        '--json',
      ]);
      assert.equal(r.exitCode, expectExit, r.stderr);
      if (expectExit === 0) {
        assert.deepEqual(JSON.parse(readFileSync(join(dest, 'pyhermetic-env.json'), 'utf8')).indexUrls, [index.url]);
        assert.ok(parseJson(r).launchersRewritten.includes('bin/honest'));
      } else {
        assert.match(r.stderr, /RECORD mismatch/);
        assert.equal(parseJson(r).findings[0].path, 'lib/python3.11/site-packages/doctored/data.py');
        assert.ok(!existsSync(dest));
      }
    }
  });

  it('SIGTERM (a Jenkins abort) mid-create removes the temp tree and leaves no DEST', async () => {
    const parent = tempDir('env-sig-');
    const dest = join(parent, 'env');
    const home = tempDir('home-');
    const child = execa(
      process.execPath,
      [
        RUNNER,
        'env',
        'create',
        '--interpreter',
        py.artifact,
        '--lock',
        lock,
        '--dest',
        dest,
        '--index-url',
        LOCAL_INDEX,
        '--cache-root',
        cacheRoot,
      ],
      {
        env: { PATH: process.env.PATH, HOME: home, PYHERMETIC_HOME: join(home, 'store') },
        extendEnv: false,
        reject: false,
      },
    );
    const started = Date.now();
    while (!readdirSync(parent).some((n) => n.includes('pyhermetic-tmp')) && Date.now() - started < 60_000)
      await new Promise((r) => setTimeout(r, 50));
    assert.ok(
      readdirSync(parent).some((n) => n.includes('pyhermetic-tmp')),
      'the temp sibling appeared',
    );
    child.kill('SIGTERM');
    const r = await child;
    assert.equal(r.exitCode, 143, String(r.stderr));
    assert.deepEqual(readdirSync(parent), []);
  });

  it('SIGKILL mid-create leaves only a temp tree (no DEST); the next create removes it and succeeds', async () => {
    const parent = tempDir('env-kill-');
    const dest = join(parent, 'env');
    const home = tempDir('home-');
    const env = { PATH: process.env.PATH, HOME: home, PYHERMETIC_HOME: join(home, 'store') };
    const child = execa(
      process.execPath,
      [
        RUNNER,
        'env',
        'create',
        '--interpreter',
        py.artifact,
        '--lock',
        lock,
        '--dest',
        dest,
        '--index-url',
        LOCAL_INDEX,
        '--cache-root',
        cacheRoot,
      ],
      { env, extendEnv: false, reject: false, detached: true },
    );
    const started = Date.now();
    const temps = (): string[] => readdirSync(parent).filter((n) => n.includes('pyhermetic-tmp'));
    while (temps().length === 0 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 50));
    const left = temps();
    assert.equal(left.length, 1, 'the temp sibling appeared');
    assert.match(left[0], /^\.env\.pyhermetic-tmp-\d+\.\d+-/, 'the temp is named after its owner process');
    // The whole process group, as Jenkins kills a build's process tree: pip must not write on afterwards.
    process.kill(-child.pid!, 'SIGKILL');
    await child;
    assert.deepEqual(readdirSync(parent), left, 'a killed create leaves its temp and no DEST');
    const r = await runPyhermetic([
      'env',
      'create',
      '--interpreter',
      py.artifact,
      '--lock',
      lock,
      '--dest',
      dest,
      '--index-url',
      LOCAL_INDEX,
      '--cache-root',
      cacheRoot,
    ]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`removed ${left[0].replace(/[.]/g, '\\.')}, left by a killed env create`));
    assert.deepEqual(readdirSync(parent), ['env']);
  });
});
