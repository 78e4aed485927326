// The free-threaded CPython 3.14.7t ("freeThreaded": true → configure --disable-gil), built in the
// Debian 11 build root:
//   - its fingerprint says so (Py_GIL_DISABLED, ABI flag t, --disable-gil) and differs from the GIL
//     builds', so its pip cache scope is a directory of its own;
//   - a wheel tagged cp314 (for the GIL build) is refused, both by `lock` (pip finds no wheel that fits;
//     the finding says which tag does not fit and why) and by `cache audit` (such a wheel in its cache
//     scope is a finding); the cp314t wheel of the same project fits.
// The other direction (a cp314t wheel refused for the GIL build of 3.14) is shown at the wheel-tag
// level in test/unit/core/abi/wheel-tags.test.ts: the GIL build of 3.14 is not built in the suite.
// The wheels are small real wheels made here (the local mirror has no cp314 or cp314t wheels).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInterpreter, type BuiltInterpreter } from '../helpers/interpreters.js';
import { addFile, createIndex } from '../helpers/local-index.js';
import { parseJson, runPyhermetic, tempDir } from '../helpers/runner.js';
import { buildWheel } from '../helpers/zip-builder.js';

const PLATFORM = 'manylinux_2_17_x86_64';

/** A small real wheel of `tagprobe` with one tag, written to a file. */
function tagprobeWheel(dir: string, version: string, python: string, abi: string): string {
  const file = join(dir, `tagprobe-${version}-${python}-${abi}-${PLATFORM}.whl`);
  const bytes = buildWheel(
    'tagprobe',
    version,
    [`${python}-${abi}-${PLATFORM}`],
    [{ name: 'tagprobe/abi.py', data: `ABI = ${JSON.stringify(abi)}\n` }],
  );
  writeFileSync(file, bytes);
  return file;
}

describe('free-threaded CPython 3.14.7t @slow', function () {
  this.timeout(90 * 60 * 1000);
  let ft: BuiltInterpreter;

  before(async () => {
    ft = await builtInterpreter('py314t');
  });

  it('its fingerprint records the free-threaded ABI, and differs from the GIL builds (its own pip cache scope)', async () => {
    const f = ft.manifest.fields;
    assert.equal(f.Py_GIL_DISABLED, 1);
    assert.equal(f.ABIFLAGS, 't');
    assert.equal(f.SOABI, 'cpython-314t-x86_64-linux-gnu');
    assert.deepEqual(f.abi_switches, ['--disable-gil']);
    assert.equal(f.cache_tag, 'cpython-314');
    const other = await builtInterpreter('py313');
    const cmp = await runPyhermetic(['fingerprint', '--python', ft.python, '--compare', other.python, '--json']);
    assert.equal(cmp.exitCode, 1, cmp.stderr);
    const doc = parseJson<{ equal: boolean; differences: { field: string }[] }>(cmp);
    assert.equal(doc.equal, false);
    const fields = doc.differences.map((d) => d.field);
    for (const field of ['Py_GIL_DISABLED', 'ABIFLAGS', 'abi_switches'])
      assert.ok(fields.includes(field), fields.join());
  });

  it('a cp314 wheel is refused by lock (which tag does not fit, and why); the cp314t wheel of the next version is taken', async () => {
    const index = createIndex('ft-index-');
    const wheels = tempDir('ft-wheels-');
    addFile(index, 'tagprobe', tagprobeWheel(wheels, '1.0', 'cp314', 'cp314'));
    const work = tempDir('ft-lock-');
    writeFileSync(join(work, 'requirements.in'), 'tagprobe==1.0\n');
    const cacheRoot = join(work, 'cache');
    const lock = (req: string) => {
      writeFileSync(join(work, 'requirements.in'), `${req}\n`);
      return runPyhermetic([
        'lock',
        '-r',
        join(work, 'requirements.in'),
        '--interpreter',
        ft.artifact,
        '--index-url',
        index.url,
        '--cache-root',
        cacheRoot,
        '-o',
        join(work, 'requirements.lock'),
        '--json',
      ]);
    };
    const refused = await lock('tagprobe==1.0');
    assert.equal(refused.exitCode, 1, refused.stderr);
    assert.match(refused.stderr, /tagprobe-1\.0-cp314-cp314-manylinux_2_17_x86_64\.whl: ABI tag cp314 is not cp314t/);
    assert.match(refused.stderr, /this interpreter takes cp314t on x86_64 glibc/);

    addFile(index, 'tagprobe', tagprobeWheel(wheels, '1.1', 'cp314', 'cp314t'));
    const taken = await lock('tagprobe==1.1');
    assert.equal(taken.exitCode, 0, taken.stderr);
    const doc = parseJson<{ fingerprint: string; cacheDir: string; distributions: { name: string }[] }>(taken);
    assert.deepEqual(
      doc.distributions.map((d) => d.name),
      ['tagprobe'],
    );
    // The pip cache scope is the free-threaded interpreter's fingerprint.
    assert.equal(doc.fingerprint, ft.fingerprint);
    assert.equal(doc.cacheDir, join(cacheRoot, 'pip', ft.fingerprint));
  });

  it('cache audit: a cp314 wheel in the free-threaded scope is a finding naming the ABI; the cp314t wheel is not', async () => {
    const cache = tempDir('ft-cache-');
    const dir = join(cache, 'wheels', 'aa', 'bb', 'cc', 'ddeeff00112233445566778899aabbccddeeff00112233445566778899');
    mkdirSync(dir, { recursive: true });
    tagprobeWheel(dir, '1.0', 'cp314', 'cp314');
    tagprobeWheel(dir, '1.1', 'cp314', 'cp314t');
    const r = await runPyhermetic(['cache', 'audit', cache, '--interpreter', ft.artifact, '--json']);
    assert.equal(r.exitCode, 1, r.stderr);
    const text = r.stdout;
    assert.match(text, /tagprobe-1\.0-cp314-cp314-manylinux_2_17_x86_64\.whl/);
    assert.match(text, /ABI tag cp314 is not cp314t/);
    const doc = JSON.parse(text) as { findings: { path: string; message: string }[] };
    assert.deepEqual(
      doc.findings.map((f) => f.path.split('/').pop()),
      ['tagprobe-1.0-cp314-cp314-manylinux_2_17_x86_64.whl'],
    );
  });
});
