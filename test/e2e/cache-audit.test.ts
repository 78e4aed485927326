// `pyhermetic cache audit` (the built bundle) on real wheels: a clean one from the mirror, and wheels
// whose extensions were compiled here with gcc to carry each poison of the outage.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInterpreter } from '../helpers/interpreters.js';
import { parseJson, runPyhermetic, tempDir } from '../helpers/runner.js';
import { buildWheel, buildZip, wheelMembers } from '../helpers/zip-builder.js';

const CLEAN_WHEEL = '/opt/pypi/files/numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl';
const SHARED_PYTHON = '/usr/bin/python3';
const EXT = '.cpython-311-x86_64-linux-gnu.so';
const TAG = 'cp311-cp311-linux_x86_64';

/** The static interpreter to audit against: the suite's built artifact (PYHERMETIC_TEST_STORE keeps it between runs). */
async function staticInterpreter(): Promise<string> {
  return (await builtInterpreter('static')).artifact;
}

async function compile(dir: string, name: string, source: string, args: string[]): Promise<Buffer> {
  const c = join(dir, `${name}.c`);
  const out = join(dir, `${name}${EXT}`);
  writeFileSync(c, source);
  await execa('gcc', ['-shared', '-fPIC', '-O1', '-o', out, c, ...args]);
  return readFileSync(out);
}

const moduleSource = (mod: string, body = '') => `#include <Python.h>
${body}
static struct PyModuleDef def = { PyModuleDef_HEAD_INIT, "${mod}", NULL, -1, NULL };
PyMODINIT_FUNC PyInit_${mod}(void) { return PyModule_Create(&def); }
`;

/** Puts a wheel where pip's wheel cache would: <cache>/wheels/<2>/<2>/<2>/<rest>/<file>, with origin.json. */
function putInCache(cache: string, key: string, fileName: string, bytes: Buffer, url?: string): string {
  const dir = join(cache, 'wheels', ...key.split('/'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, fileName), bytes);
  if (url) writeFileSync(join(dir, 'origin.json'), JSON.stringify({ url }));
  return join(dir, fileName);
}

interface Fixture {
  cache: string;
  keys: Record<'poison' | 'runpath' | 'glibc' | 'cp312' | 'hostile', string>;
  poisonWheel: string;
}

let fixture: Promise<Fixture> | undefined;

/** One pip-cache-shaped directory holding each poisoned wheel under its own key, plus the clean numpy wheel. */
function makeFixture(): Promise<Fixture> {
  fixture ??= (async () => {
    const work = tempDir('audit-src-');
    const cache = tempDir('audit-cache-');
    const keys = {
      poison: 'a1/b2/c3/d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1',
      runpath: '11/22/33/445566778899aabbccddeeff00112233445566778899aabbccdd',
      glibc: '0f/1e/2d/3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2',
      cp312: 'fe/dc/ba/9876543210fedcba9876543210fedcba9876543210fedcba98',
      hostile: '99/88/77/66554433221100ffeeddccbbaa99887766554433221100ffee',
    };
    const poisonSo = await compile(work, '_poison', moduleSource('_poison'), [
      '-I/usr/include/python3.11',
      '-lpython3.11',
    ]);
    const poisonWheel = putInCache(
      cache,
      keys.poison,
      `poison-1.0-${TAG}.whl`,
      buildWheel('poison', '1.0', [TAG], [{ name: `poison/_poison${EXT}`, data: poisonSo }]),
      'file:///srv/sdists/poison-1.0.tar.gz',
    );
    const runpathSo = await compile(work, '_rp', moduleSource('_rp'), [
      '-I/usr/include/python3.11',
      '-Wl,--enable-new-dtags',
      '-Wl,-rpath,/home/builder/lib',
    ]);
    putInCache(
      cache,
      keys.runpath,
      `rp-1.0-${TAG}.whl`,
      buildWheel('rp', '1.0', [TAG], [{ name: `rp/_rp${EXT}`, data: runpathSo }]),
    );
    // pthread_create is GLIBC_2.34 when linked against glibc ≥ 2.34 (libpthread was merged into libc).
    const glibcSo = await compile(
      work,
      '_new',
      moduleSource(
        '_new',
        '#include <pthread.h>\nstatic void *f(void *a) { return a; }\nint start(void) { pthread_t t; return pthread_create(&t, 0, f, 0); }',
      ),
      ['-I/usr/include/python3.11'],
    );
    putInCache(
      cache,
      keys.glibc,
      `newglibc-1.0-${TAG}.whl`,
      buildWheel('newglibc', '1.0', [TAG], [{ name: `newglibc/_new${EXT}`, data: glibcSo }]),
    );
    const t312 = 'cp312-cp312-manylinux_2_17_x86_64';
    putInCache(cache, keys.cp312, `other-1.0-${t312}.whl`, buildWheel('other', '1.0', [t312], []));
    putInCache(
      cache,
      keys.hostile,
      `evil-1.0-${TAG}.whl`,
      buildZip(wheelMembers('evil', '1.0', [TAG], [{ name: 'evil/link', data: '/etc/shadow', mode: 0o120777 }])),
    );
    copyFileSync(CLEAN_WHEEL, join(cache, 'wheels', ...keys.poison.split('/'), '..', CLEAN_WHEEL.split('/').pop()!));
    // pip's http cache holds response bodies without a .whl suffix: never opened.
    mkdirSync(join(cache, 'http-v2', 'a', 'b'), { recursive: true });
    writeFileSync(join(cache, 'http-v2', 'a', 'b', 'c0ffee'), 'not a zip');
    return { cache, keys, poisonWheel };
  })();
  return fixture;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const byWheel = (findings: any[], part: string): any[] => findings.filter((f) => String(f.wheel).includes(part));

describe('pyhermetic cache audit (the built bundle)', () => {
  it('a wheelhouse with one real clean wheel: exit 0, JSON says ok with the interpreter fingerprint @slow', async () => {
    const dir = tempDir('wheelhouse-');
    copyFileSync(CLEAN_WHEEL, join(dir, CLEAN_WHEEL.split('/').pop()!));
    const r = await runPyhermetic(['cache', 'audit', dir, '--interpreter', await staticInterpreter(), '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const doc = parseJson(r);
    assert.equal(doc.ok, true);
    assert.equal(doc.wheels, 1);
    assert.deepEqual(doc.findings, []);
    assert.match(doc.interpreter.fingerprint, /^[0-9a-f]{64}$/);
    assert.match(r.stderr, /no findings/);
  });

  it('red: plain pip hands the poisoned wheel to the static interpreter without a word @slow', async () => {
    const { poisonWheel } = await makeFixture();
    const stat = await staticInterpreter();
    const python = stat.endsWith('.tar.gz') ? (await builtInterpreter('static')).python : stat;
    const target = tempDir('plain-pip-');
    const r = await execa(
      python,
      [
        '-m',
        'pip',
        'install',
        '--no-deps',
        '--no-index',
        '--disable-pip-version-check',
        '--target',
        target,
        poisonWheel,
      ],
      {
        env: { PIP_CONFIG_FILE: '/dev/null', PATH: process.env.PATH ?? '/usr/bin:/bin' },
        extendEnv: false,
        reject: false,
      },
    );
    assert.equal(r.exitCode, 0, `${r.stdout}\n${r.stderr}`);
    assert.ok(existsSync(join(target, 'poison', `_poison${EXT}`)), 'pip installed the poisoned extension');
    // What pip did not look at: the extension needs a libpython the static interpreter does not have.
    const readelf = await execa('readelf', ['-d', join(target, 'poison', `_poison${EXT}`)]);
    assert.match(readelf.stdout, /NEEDED.*libpython3\.11\.so\.1\.0/);
  });

  it('against the static interpreter: every poisoned wheel is a finding naming the wheel, the cache key and the fix (exit 1) @slow', async () => {
    const { cache, keys } = await makeFixture();
    const r = await runPyhermetic([
      'cache',
      'audit',
      cache,
      '--interpreter',
      await staticInterpreter(),
      '--glibc-max',
      '2.17',
      '--json',
    ]);
    assert.equal(r.exitCode, 1, r.stderr);
    const doc = parseJson(r);
    assert.equal(doc.ok, false);
    assert.equal(doc.wheels, 6);
    assert.equal(doc.glibcMax, '2.17');

    const poison = byWheel(doc.findings, 'poison-1.0');
    assert.equal(poison.length, 1, JSON.stringify(doc.findings, null, 1));
    assert.equal(poison[0].cacheKey, keys.poison);
    assert.equal(poison[0].member, `poison/_poison${EXT}`);
    assert.equal(poison[0].source, 'file:///srv/sdists/poison-1.0.tar.gz');
    assert.match(poison[0].message, /needs libpython3\.11\.so\.1\.0.*static/);
    assert.match(poison[0].fix, /built by a shared interpreter: rebuild it with this interpreter/);

    const rp = byWheel(doc.findings, 'rp-1.0');
    assert.equal(rp.length, 1, JSON.stringify(rp));
    assert.equal(rp[0].cacheKey, keys.runpath);
    assert.match(rp[0].message, /RUNPATH entry '\/home\/builder\/lib' is an absolute path/);

    const glibc = byWheel(doc.findings, 'newglibc-1.0');
    assert.equal(glibc.length, 1, JSON.stringify(glibc));
    assert.equal(glibc[0].cacheKey, keys.glibc);
    assert.match(glibc[0].message, /needs GLIBC_2\.34.*above the glibc floor 2\.17/);

    const other = byWheel(doc.findings, 'other-1.0');
    assert.equal(other.length, 1, JSON.stringify(other));
    assert.equal(other[0].cacheKey, keys.cp312);
    assert.match(other[0].message, /do not fit the interpreter.*python tag cp312 is not cp311/);

    const evil = byWheel(doc.findings, 'evil-1.0');
    assert.equal(evil.length, 1, JSON.stringify(evil));
    assert.equal(evil[0].cacheKey, keys.hostile);
    assert.match(evil[0].message, /symlink entry: evil\/link/);

    assert.deepEqual(byWheel(doc.findings, 'numpy'), []);
    assert.equal(doc.findings.length, 5);
    // The human lines name the wheel path and key too.
    assert.match(r.stderr, new RegExp(`poison-1\\.0-${TAG}\\.whl\\n  cache key: ${keys.poison}`));
    assert.match(r.stderr, /5 finding\(s\) in 5 wheel\(s\)/);
  });

  it('against a shared interpreter the libpython need is not a finding; the other poisons still are', async () => {
    const { cache } = await makeFixture();
    const doc = parseJson(
      await runPyhermetic(['cache', 'audit', cache, '--interpreter', SHARED_PYTHON, '--glibc-max', '2.17', '--json']),
    );
    assert.deepEqual(byWheel(doc.findings, 'poison-1.0'), []);
    assert.equal(byWheel(doc.findings, 'rp-1.0').length, 1);
    assert.equal(byWheel(doc.findings, 'newglibc-1.0').length, 1);
  });

  it("without --glibc-max the floor is the interpreter's own (the highest GLIBC_x.y its files need), not 2.17 @slow", async () => {
    const { cache } = await makeFixture();
    const r = await runPyhermetic(['cache', 'audit', cache, '--interpreter', await staticInterpreter(), '--json']);
    const doc = parseJson(r);
    // The suite's interpreter is built on this Debian 12 host: its own files need GLIBC_2.35.
    assert.equal(doc.glibcMax, '2.35');
    assert.match(r.stderr, /glibc floor 2\.35/);
    // The GLIBC_2.34 wheel runs wherever this interpreter runs: not a finding under its floor.
    assert.deepEqual(byWheel(doc.findings, 'newglibc-1.0'), []);
    assert.equal(byWheel(doc.findings, 'poison-1.0').length, 1);
  });

  it('--glibc-max 2.34 lifts the floor for the GLIBC_2.34 wheel only', async () => {
    const { cache } = await makeFixture();
    const doc = parseJson(
      await runPyhermetic(['cache', 'audit', cache, '--interpreter', SHARED_PYTHON, '--glibc-max', '2.34', '--json']),
    );
    assert.equal(doc.glibcMax, '2.34');
    assert.deepEqual(byWheel(doc.findings, 'newglibc-1.0'), []);
    assert.equal(byWheel(doc.findings, 'rp-1.0').length, 1);
  });

  it('auditing the wheels/ directory itself still reports the key; the audit writes nothing', async () => {
    const { cache, keys } = await makeFixture();
    const list = (d: string): string[] => readdirSync(d, { recursive: true }).map(String).sort();
    const before = list(cache);
    const doc = parseJson(
      await runPyhermetic(['cache', 'audit', join(cache, 'wheels'), '--interpreter', SHARED_PYTHON, '--json']),
    );
    assert.equal(byWheel(doc.findings, 'rp-1.0')[0].cacheKey, keys.runpath);
    assert.deepEqual(list(cache), before);
  });

  describe('bad arguments → exit 2 with what to do', () => {
    it('a missing directory', async () => {
      const r = await runPyhermetic(['cache', 'audit', '/nonexistent/cache', '--interpreter', SHARED_PYTHON]);
      assert.equal(r.exitCode, 2);
      assert.match(r.stderr, /no such directory: \/nonexistent\/cache/);
    });
    it('no --interpreter', async () => {
      const r = await runPyhermetic(['cache', 'audit', tempDir('x-')]);
      assert.equal(r.exitCode, 2);
      assert.match(r.stderr, /needs --interpreter/);
    });
    it('a --glibc-max that is not a version', async () => {
      const r = await runPyhermetic([
        'cache',
        'audit',
        tempDir('x-'),
        '--interpreter',
        SHARED_PYTHON,
        '--glibc-max',
        'latest',
      ]);
      assert.equal(r.exitCode, 2);
      assert.match(r.stderr, /--glibc-max must be a glibc version like 2\.17/);
    });
  });
});
