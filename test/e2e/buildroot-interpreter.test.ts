// An interpreter built in the Debian 11 build root (test/fixtures/specs/portable.json + the root of
// test/helpers/build-root.ts): its glibc floor is the root's, and it starts in a Debian 11 minbase root.
// A second build of the same spec from an empty store (with bubblewrap, on a Debian 13 agent, from the
// root blob alone) must give the same bytes: test/e2e/agent-os.test.ts.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { compareVersions, isElf, maxGlibcVersion, parseElf } from '../../src/core/abi/elf.js';
import { testBuildRoot } from '../helpers/build-root.js';
import { debianRoot } from '../helpers/debian-root.js';
import { builtInterpreter, type BuiltInterpreter } from '../helpers/interpreters.js';

const FLOOR = '2.31';
/** Modules that need nothing outside glibc and the interpreter itself: they must work in any glibc ≥ 2.31 root. */
const MUST_IMPORT = [
  'zlib',
  'lzma',
  'bz2',
  'decimal',
  'hashlib',
  'json',
  'struct',
  'select',
  '_socket',
  'ssl',
  'ctypes',
  'sqlite3',
  'readline',
  'uuid',
  '_uuid',
  'curses',
];
/** Left out on purpose (they need host libraries: static-libs.ts lists them): reported. */
const REPORTED = ['_dbm', '_gdbm'];

function elfFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const d of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) out.push(...elfFiles(dir, p));
    else if (d.isFile() && isElf(readFileSync(join(dir, p)).subarray(0, 4))) out.push(p);
  }
  return out;
}

/** The highest GLIBC_x.y in readelf's version-needs section, or undefined. */
async function readelfMaxGlibc(file: string): Promise<string | undefined> {
  const out = String((await execa('readelf', ['-V', '--wide', file], { env: { LC_ALL: 'C' } })).stdout);
  const versions = [...out.matchAll(/Name: GLIBC_(\d+(?:\.\d+)*)\s/g)].map((m) => m[1]);
  return versions.sort(compareVersions).pop();
}

const PROBE = `
import importlib, json, sys
ok, failed = [], {}
for m in sys.argv[1:]:
    try:
        importlib.import_module(m); ok.append(m)
    except BaseException as e:
        failed[m] = type(e).__name__ + ': ' + str(e)
print(json.dumps({'version': sys.version.split()[0], 'prefix': sys.prefix, 'ok': ok, 'failed': failed}))
`;

describe('portable interpreter (built in the bullseye build root) @slow', function () {
  this.timeout(60 * 60 * 1000);
  let built: BuiltInterpreter;

  before(async () => {
    built = await builtInterpreter('portable');
  });

  it('interpreter.json records the build root, its suite and glibc, and the compiler inside it', async () => {
    const root = await testBuildRoot();
    assert.deepEqual(built.manifest.buildRoot, { sha256: root.sha256, suite: 'bullseye', glibc: FLOOR });
    assert.equal(built.manifest.hostKey.glibc, FLOOR);
    assert.match(built.manifest.hostKey.compiler, /^gcc \(Debian 10\.2\.1/);
    assert.equal(built.manifest.spec.buildRoot?.sha256, root.sha256);
  });

  it(`needs no GLIBC version above ${FLOOR}: the ELF reader and readelf agree`, async () => {
    const files = elfFiles(built.prefix);
    assert.ok(files.length > 10, `ELF files found: ${files.length}`);
    let highest = '0';
    for (const f of files) {
      const abs = join(built.prefix, f);
      const ours = maxGlibcVersion(parseElf(readFileSync(abs)));
      const theirs = await readelfMaxGlibc(abs);
      assert.equal(ours, theirs, `${f}: ELF reader ${ours}, readelf ${theirs}`);
      if (ours && compareVersions(ours, highest) > 0) highest = ours;
      if (ours) assert.ok(compareVersions(ours, FLOOR) <= 0, `${f} needs GLIBC_${ours} > ${FLOOR}`);
    }
    assert.ok(compareVersions(highest, '2.17') > 0, `the highest version seen is ${highest}`);
  });

  it('starts in a Debian 11 minbase root under chroot + env -i, at a path other than the build', async () => {
    const minbase = await debianRoot('bullseye');
    // The prefix is bind-mounted at /opt (empty in minbase) in a private mount namespace: the root is
    // not modified, and the interpreter runs at /opt, not at the configured /opt/pyhermetic/cpython-3.11.2.
    const script =
      'p=$1 r=$2 py=$3 code=$4; shift 4; mount --bind "$p" "$r/opt" && exec chroot "$r" /usr/bin/env -i "$py" -c "$code" "$@"';
    const python = `/opt/${built.manifest.python}`;
    const r = await execa(
      'unshare',
      ['-m', 'sh', '-c', script, 'sh', built.prefix, minbase, python, PROBE, ...MUST_IMPORT, ...REPORTED],
      { reject: false },
    );
    assert.equal(r.exitCode, 0, String(r.stderr));
    const doc = JSON.parse(String(r.stdout).trim().split('\n').pop()!);
    assert.equal(doc.version, '3.11.2');
    assert.equal(doc.prefix, '/opt');
    for (const m of MUST_IMPORT) assert.ok(doc.ok.includes(m), `${m}: ${doc.failed[m]}`);
    // _dbm and _gdbm are left out on purpose; the log says so.
    console.log(`      in bullseye minbase: ok ${doc.ok.join(', ')}; failed ${JSON.stringify(doc.failed)}`);
  });
});
