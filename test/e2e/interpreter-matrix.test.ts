// Every CPython a team runs, built in the Debian 11 build root with the same static-library method as
// 3.11 (test/e2e/portable-interpreter.test.ts and buildroot-interpreter.test.ts cover 3.11.2): 3.9.2,
// 3.13.5 and the free-threaded 3.14.7t. For each one:
//   - interpreter.json: the root's glibc (2.31) is the floor, only glibc is needed, the modules left out
//     are the ones its version has (versions.ts);
//   - it starts in a Debian 11 minbase root (chroot + env -i, at a path other than the build's) and uses
//     ssl (OpenSSL 3), hashlib, sqlite3, ctypes, lzma, bz2, zlib, readline, uuid, decimal and curses;
//   - plain pip builds the real MarkupSafe 2.1.2 sdist's C extension inside a created env (relocatable
//     sysconfig), and the extension imports.
// The GIL build of 3.14 is not built in the suite (its build costs as much as 3.14t's, and the suite has
// a 45-minute budget): the matrix demo builds it (scripts/demo-matrix.sh), and its wheel-tag refusal is
// shown at the tag level in wheel-tags.test.ts. The free-threaded build's own properties (fingerprint,
// pip cache scope, refused wheels) are in free-threaded.test.ts.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { join } from 'node:path';
import { compareVersions } from '../../src/core/abi/elf.js';
import { omittedModules } from '../../src/core/interpreter/static-libs.js';
import { debianRoot } from '../helpers/debian-root.js';
import { builtInterpreter, type MatrixKind } from '../helpers/interpreters.js';
import { makeEnv } from '../helpers/package-env.js';
import { MARKUPSAFE_SDIST, tempDir } from '../helpers/runner.js';

const FLOOR = '2.31';
const PROBE = `
import json, sys, ssl, hashlib, sqlite3, ctypes, lzma, bz2, zlib, readline, uuid, decimal, curses
c = sqlite3.connect(':memory:'); c.execute('create table t(x)'); c.execute('insert into t values (42)')
print(json.dumps({
  'version': sys.version.split()[0],
  'prefix': sys.prefix,
  'gil': getattr(sys, '_is_gil_enabled', lambda: True)(),
  'openssl': ssl.OPENSSL_VERSION,
  'sha3': hashlib.sha3_256(b'x').hexdigest()[:8],
  'sqlite': c.execute('select x from t').fetchone()[0],
  'lzma': lzma.decompress(lzma.compress(b'x' * 1000)) == b'x' * 1000,
  'bz2': bz2.decompress(bz2.compress(b'abc')).decode(),
  'zlib': zlib.crc32(b'abc'),
  'ctypes': ctypes.sizeof(ctypes.c_void_p),
  'uuid': str(uuid.UUID(int=1)),
  'readline': readline.__doc__ is not None,
  'decimal': str(decimal.Decimal('1.1') + decimal.Decimal('2.2')),
  'curses': hasattr(curses, 'initscr'),
}))
`;

/**
 * buildDeps: what the env gets locked for the setup.py build. 3.9's ensurepip installs setuptools 49 with
 * pip, and the mirror's setuptools 84 needs 3.10: its env locks only wheel. 3.12+ bundle no setuptools.
 */
const CASES: { kind: MatrixKind; version: string; python: string; freeThreaded: boolean; buildDeps: string[] }[] = [
  { kind: 'py39', version: '3.9.2', python: 'bin/python3.9', freeThreaded: false, buildDeps: ['wheel'] },
  {
    kind: 'py313',
    version: '3.13.5',
    python: 'bin/python3.13',
    freeThreaded: false,
    buildDeps: ['setuptools', 'wheel'],
  },
  {
    kind: 'py314t',
    version: '3.14.7',
    python: 'bin/python3.14t',
    freeThreaded: true,
    buildDeps: ['setuptools', 'wheel'],
  },
];

for (const c of CASES) {
  describe(`CPython ${c.version}${c.freeThreaded ? ' free-threaded' : ''} built in the Debian 11 build root @slow`, function () {
    this.timeout(90 * 60 * 1000);

    it(`interpreter.json: glibc floor ≤ ${FLOOR}, only glibc needed, ${c.python}, the version's omitted modules`, async () => {
      const built = await builtInterpreter(c.kind);
      const m = built.manifest;
      assert.equal(m.python, c.python);
      assert.equal(m.buildRoot?.glibc, FLOOR);
      assert.ok(m.glibcFloor && compareVersions(m.glibcFloor, FLOOR) <= 0, `floor ${m.glibcFloor}`);
      assert.equal(m.onlyGlibc, true, `needs ${m.needed?.join(', ')}`);
      assert.deepEqual(
        (m.omittedModules ?? []).map((o) => o.name),
        omittedModules(undefined, c.version).map((o) => o.name),
      );
      // The libraries' .deb hashes come from the lock inside the root: none is unknown.
      for (const lib of m.linkedLibraries ?? []) assert.ok(lib.inputSha256, `${lib.name}: ${lib.why}`);
      assert.equal(m.fields.Py_GIL_DISABLED, c.freeThreaded ? 1 : 0);
      assert.equal(m.fields.ABIFLAGS ?? '', c.freeThreaded ? 't' : '');
    });

    it('starts in a Debian 11 minbase root under chroot + env -i at another path, with ssl, sqlite3, ctypes, readline, decimal, curses', async () => {
      const built = await builtInterpreter(c.kind);
      const minbase = await debianRoot('bullseye');
      const script =
        'p=$1 r=$2 py=$3 code=$4; mount --bind "$p" "$r/opt" && exec chroot "$r" /usr/bin/env -i "$py" -c "$code"';
      const r = await execa(
        'unshare',
        ['-m', 'sh', '-c', script, 'sh', built.prefix, minbase, `/opt/${c.python}`, PROBE],
        {
          reject: false,
        },
      );
      assert.equal(r.exitCode, 0, String(r.stderr));
      const doc = JSON.parse(String(r.stdout).trim().split('\n').pop()!);
      assert.equal(doc.version, c.version);
      assert.equal(doc.prefix, '/opt');
      assert.equal(doc.gil, !c.freeThreaded);
      assert.match(doc.openssl, /^OpenSSL 3\.0\.22 /);
      assert.equal(doc.sqlite, 42);
      assert.equal(doc.lzma, true);
      assert.equal(doc.bz2, 'abc');
      assert.equal(doc.zlib, 891568578);
      assert.equal(doc.ctypes, 8);
      assert.equal(doc.uuid, '00000000-0000-0000-0000-000000000001');
      assert.equal(doc.readline, true);
      assert.equal(doc.decimal, '3.3');
      assert.equal(doc.curses, true);
    });

    it('plain pip builds the MarkupSafe 2.1.2 sdist (a C extension) in a created env, and it imports', async () => {
      const t = await makeEnv(c.kind, c.buildDeps);
      const py = join(t.env, c.python);
      const env = {
        PIP_CONFIG_FILE: '/dev/null',
        HOME: tempDir('pip-home-'),
        PATH: '/usr/bin:/bin',
        LC_ALL: 'C.UTF-8',
      };
      const r = await execa(
        py,
        [
          '-m',
          'pip',
          'install',
          '--no-cache-dir',
          '--disable-pip-version-check',
          '--no-input',
          '--no-index',
          '--no-build-isolation',
          MARKUPSAFE_SDIST,
        ],
        { env, extendEnv: false, reject: false },
      );
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      const s = await execa(py, ['-I', '-c', 'import markupsafe._speedups as s; print(s.__file__)'], {
        env: { PATH: '/usr/bin:/bin' },
        extendEnv: false,
        reject: false,
      });
      assert.equal(s.exitCode, 0, s.stderr);
      assert.ok(s.stdout.trim().startsWith(t.env), s.stdout);
    });
  });
}
