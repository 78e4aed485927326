// Replay of the missing-wheel outage (DESIGN.md): a dependency that exists only as an sdist. Plain
// pip starts building it (red); `pyhermetic lock` stops before anything runs, naming it (green).
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInterpreter, type BuiltInterpreter } from '../helpers/interpreters.js';
import { addFile, createIndex, makePureWheel, makeSdist, sha256File, type LocalIndex } from '../helpers/local-index.js';
import { LOCAL_INDEX, ROOT, parseJson, runPyhermetic, tempDir } from '../helpers/runner.js';

describe('replay: the missing wheel (a transitive dependency with only an sdist) @slow', () => {
  let py: BuiltInterpreter;
  let index: LocalIndex;
  let requirementsIn: string;
  let slowdepSdist: string;
  let cacheRoot: string;

  before(async () => {
    py = await builtInterpreter('static');
    cacheRoot = tempDir('mw-cache-');
    index = createIndex('missing-wheel-index-');
    slowdepSdist = addFile(
      index,
      'slowdep',
      await makeSdist(join(ROOT, 'test', 'fixtures', 'slow-sdist'), 'slowdep', '1.0'),
    );
    addFile(
      index,
      'app-a',
      await makePureWheel({
        name: 'app-a',
        version: '1.0',
        files: { 'app_a/__init__.py': 'import slowdep\n' },
        requires: ['slowdep>=1.0'],
      }),
    );
    requirementsIn = join(tempDir('req-'), 'requirements.in');
    writeFileSync(requirementsIn, 'app-a\n');
  });

  it('RED: plain pip falls back to the sdist and starts compiling it', async () => {
    const marker = join(tempDir('marker-'), 'ran');
    const r = await execa(
      py.python,
      [
        '-m',
        'pip',
        'install',
        '--target',
        tempDir('t-'),
        '--index-url',
        index.url,
        '--extra-index-url',
        LOCAL_INDEX,
        '-r',
        requirementsIn,
      ],
      {
        env: { ...process.env, PYHERMETIC_TEST_MARKER: marker, PIP_CACHE_DIR: tempDir('cache-') },
        extendEnv: false,
        reject: false,
        all: true,
      },
    );
    assert.match(r.all!, /Building wheel for slowdep/);
    assert.ok(existsSync(marker), "slowdep's setup.py ran");
  });

  it('GREEN: pyhermetic lock stops at once with exit 1, names package, version and fix, and builds nothing', async () => {
    const marker = join(tempDir('marker-'), 'ran');
    const out = join(tempDir('lock-'), 'requirements.lock');
    const r = await runPyhermetic(
      [
        'lock',
        '-r',
        requirementsIn,
        '--interpreter',
        py.artifact,
        '--index-url',
        index.url,
        '--index-url',
        LOCAL_INDEX,
        '--cache-root',
        cacheRoot,
        '-o',
        out,
      ],
      { env: { PYHERMETIC_TEST_MARKER: marker } },
    );
    assert.equal(r.exitCode, 1, r.stderr);
    assert.match(r.stderr, /slowdep==1\.0/);
    assert.match(r.stderr, /only an sdist \(slowdep-1\.0\.tar\.gz\)/);
    assert.match(
      r.stderr,
      /no wheel for this interpreter: pin a version that has one, or allow building it with --allow-source slowdep/,
    );
    assert.doesNotMatch(r.stderr, /Building wheel/);
    assert.ok(!existsSync(marker), 'nothing of slowdep ran');
    assert.ok(!existsSync(out), 'no lock was written');
  });

  it("--allow-source slowdep locks it with the sdist's hash (the explicit permission)", async () => {
    const out = join(tempDir('lock-'), 'requirements.lock');
    const r = await runPyhermetic([
      'lock',
      '-r',
      requirementsIn,
      '--interpreter',
      py.artifact,
      '--index-url',
      index.url,
      '--index-url',
      LOCAL_INDEX,
      '--cache-root',
      cacheRoot,
      '--allow-source',
      'slowdep',
      '-o',
      out,
      '--json',
    ]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.deepEqual(parseJson(r).fromSource, ['slowdep']);
    const text = readFileSync(out, 'utf8');
    assert.match(text, new RegExp(`^slowdep==1\\.0 --hash=sha256:${sha256File(slowdepSdist)}$`, 'm'));
    assert.match(text, /^# pyhermetic-lock allow-source=slowdep$/m);
    assert.match(text, /^app-a==1\.0 --hash=sha256:[0-9a-f]{64}$/m);
  });
});
