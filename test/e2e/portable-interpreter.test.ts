// The static interpreter artifact needs nothing from the host but glibc, and knows where it is:
//   - every ELF file needs only glibc's libraries (pyhermetic's ELF reader and binutils' readelf agree);
//   - it imports ssl (OpenSSL 3), hashlib, sqlite3, ctypes, lzma, bz2, zlib, readline, uuid, decimal and
//     curses under `env -i` in a mount namespace where /usr/lib/x86_64-linux-gnu holds glibc only
//     (red first: Debian's own python3 cannot even import ssl there);
//   - interpreter.json records glibcFloor, needed, linkedLibraries, omittedModules;
//   - extracted at two paths, sysconfig / python3-config / pkg-config each give that path;
//     (red first: with the configured prefix left in _sysconfigdata and the .pc files, as the artifact was
//     before, INCLUDEPY and pkg-config send a compiler to a Python.h that does not exist);
//   - plain pip builds the real MarkupSafe 2.1.2 sdist's C extension inside a created env, with setup.py
//     (--no-use-pep517) and with PEP 517 (build isolation, setuptools from the mirror). (Not a red case:
//     setuptools 84 of the mirror derives the include directory from sys.base_prefix, not INCLUDEPY.)
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { elfFilesOf } from '../../src/core/interpreter/portable-check.js';
import { compareGlibc, GLIBC_LIBRARIES, isGlibcLibrary } from '../../src/core/abi/linkage.js';
import { OPENSSL } from '../../src/core/interpreter/openssl.js';
import { SYSCONFIG_MARK } from '../../src/core/interpreter/relocate.js';
import { builtInterpreter, SPEC, type BuiltInterpreter } from '../helpers/interpreters.js';
import { makeEnv, type TestEnv } from '../helpers/package-env.js';
import { CPYTHON_TARBALL, LOCAL_INDEX, MARKUPSAFE_SDIST, runPyhermetic, tempDir } from '../helpers/runner.js';

const MULTIARCH = '/usr/lib/x86_64-linux-gnu';
const IMPORTS = ['ssl', 'hashlib', 'sqlite3', 'ctypes', 'lzma', 'bz2', 'zlib', 'readline', 'uuid', 'decimal', 'curses'];
const PROBE = `
import json, ${IMPORTS.join(', ')}
import sqlite3
c = sqlite3.connect(':memory:'); c.execute('create table t(x)'); c.execute('insert into t values (42)')
out = {
  'openssl': ssl.OPENSSL_VERSION,
  'sha3': hashlib.sha3_256(b'x').hexdigest()[:8],
  'md5': hashlib.md5(b'x', usedforsecurity=False).hexdigest()[:8],
  'sqlite': c.execute('select x from t').fetchone()[0],
  'lzma': len(lzma.compress(b'x' * 1000)) < 1000,
  'bz2': bz2.decompress(bz2.compress(b'abc')).decode(),
  'zlib': zlib.crc32(b'abc'),
  'ctypes': ctypes.sizeof(ctypes.c_void_p),
  'uuid': str(uuid.UUID(int=1)),
  'readline': readline.__doc__ is not None,
  'decimal': str(decimal.Decimal('1.1') + decimal.Decimal('2.2')),
}
print(json.dumps(out))
`;

/** Runs argv under `env -i` in a mount namespace whose multiarch library directory holds glibc only. */
async function withGlibcOnly(argv: string[]) {
  const only = tempDir('glibc-only-');
  for (const lib of [...GLIBC_LIBRARIES, 'ld-linux-x86-64.so.2']) copyFileSync(join(MULTIARCH, lib), join(only, lib));
  const script = 'mount --make-rprivate / && mount --bind "$0" "$1" && shift && exec /usr/bin/env -i "$@"';
  return execa('unshare', ['-m', '--', 'sh', '-c', script, only, MULTIARCH, ...argv], { reject: false });
}

async function readelfNeeded(file: string): Promise<string[]> {
  const r = await execa('readelf', ['-d', '-W', file]);
  return [...r.stdout.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]);
}

describe('portable static interpreter: libraries inside, only glibc from the host @slow', () => {
  let py: BuiltInterpreter;

  before(async () => {
    py = await builtInterpreter('static');
  });

  it('every ELF file (bin/python3.11 and every .so) needs only glibc: the ELF reader and readelf -d agree', async () => {
    const files = await elfFilesOf(py.prefix);
    assert.ok(files.some((f) => f.path === 'bin/python3.11'));
    assert.ok(files.filter((f) => f.path.endsWith('.so')).length > 20, 'lib-dynload has extension modules');
    for (const f of files) {
      const needed = await readelfNeeded(join(py.prefix, f.path));
      assert.deepEqual(f.info.needed, needed, f.path);
      for (const lib of needed) assert.ok(isGlibcLibrary(lib), `${f.path} needs ${lib}`);
    }
    // The libraries are inside the executable: their code, not a DT_NEEDED.
    const strings = await execa('strings', [py.python]);
    assert.match(strings.stdout, /OpenSSL 3\.0\.22/);
    assert.match(strings.stdout, /SQLite format 3/);
  });

  it('imports ssl (OpenSSL 3), hashlib, sqlite3, ctypes, lzma, bz2, zlib, readline, uuid, decimal, curses with glibc alone (red: Debian python3 cannot)', async () => {
    const red = await withGlibcOnly(['/usr/bin/python3', '-c', 'import ssl']);
    assert.notEqual(red.exitCode, 0, 'the namespace must hide the host libraries');
    assert.match(red.stderr, /lib(ssl|crypto|z|expat|ffi)[^ ]*\.so[^ ]*: cannot open shared object file/);

    const green = await withGlibcOnly([py.python, '-I', '-c', PROBE]);
    assert.equal(green.exitCode, 0, green.stderr);
    const out = JSON.parse(green.stdout.trim());
    assert.match(out.openssl, /^OpenSSL 3\.0\.22 /);
    assert.equal(out.sqlite, 42);
    assert.equal(out.bz2, 'abc');
    assert.equal(out.zlib, 891568578);
    assert.equal(out.ctypes, 8);
    assert.equal(out.decimal, '3.3');
    assert.equal(out.lzma, true);
  });

  it("interpreter.json: glibcFloor, needed, onlyGlibc, linkedLibraries (OpenSSL's tarball sha256, each -dev package's version), omittedModules", async () => {
    const m = py.manifest;
    let floor = '0';
    const union = new Set<string>();
    for (const f of await elfFilesOf(py.prefix)) {
      for (const n of f.info.needed) union.add(n);
      const r = await execa('readelf', ['-V', '-W', join(py.prefix, f.path)]);
      for (const v of r.stdout.matchAll(/Name: GLIBC_(\d+\.\d+(?:\.\d+)?)/g))
        if (compareGlibc(v[1], floor) > 0) floor = v[1];
    }
    assert.equal(m.glibcFloor, floor);
    assert.deepEqual(m.needed, [...union].sort());
    assert.equal(m.onlyGlibc, true);
    const libs = new Map((m.linkedLibraries ?? []).map((l) => [l.name, l]));
    const openssl = libs.get('openssl');
    assert.equal(openssl?.version, OPENSSL.version);
    assert.equal(openssl?.inputSha256, OPENSSL.sha256);
    assert.equal(openssl?.licence, 'Apache-2.0');
    for (const pkg of [
      'libffi-dev',
      'libsqlite3-dev',
      'liblzma-dev',
      'libbz2-dev',
      'zlib1g-dev',
      'libedit-dev',
      'uuid-dev',
    ]) {
      const l = libs.get(pkg);
      assert.ok(l, `${pkg} is listed`);
      const dpkg = await execa('dpkg-query', ['-W', '-f', '${Version}', pkg]);
      assert.equal(l.version, dpkg.stdout);
      assert.ok(l.licence.length > 0);
      if (l.inputSha256 === null) assert.ok(l.why, `${pkg}: a null sha256 says why`);
      else assert.match(l.inputSha256, /^[0-9a-f]{64}$/);
    }
    assert.equal(libs.get('libedit-dev')?.licence, 'BSD-3-Clause', 'libedit, not GNU readline');
    const omitted = (m.omittedModules ?? []).map((o) => o.name);
    for (const name of ['_tkinter', 'nis', '_dbm', '_gdbm']) assert.ok(omitted.includes(name), name);
    assert.ok((m.omittedModules ?? []).every((o) => o.why.length > 10));
  });

  it('extracted at two different paths, sysconfig, python3-config and pkg-config each give that path', async () => {
    for (const where of [join(tempDir('reloc-a-'), 'one'), join(tempDir('reloc-b-'), 'deeper', 'two')]) {
      mkdirSync(where, { recursive: true });
      await execa('tar', ['-xzf', py.artifact, '-C', where]);
      const python = join(where, 'bin', 'python3.11');
      const r = await execa(
        python,
        ['-I', '-c', "import sysconfig as s; print(s.get_config_var('INCLUDEPY')); print(s.get_config_var('LIBDIR'))"],
        { env: { PATH: '/usr/bin:/bin' }, extendEnv: false },
      );
      assert.deepEqual(r.stdout.trim().split('\n'), [join(where, 'include', 'python3.11'), join(where, 'lib')]);
      const cfg = await execa(join(where, 'bin', 'python3-config'), ['--includes']);
      assert.equal(
        cfg.stdout.trim(),
        `-I${join(where, 'include', 'python3.11')} -I${join(where, 'include', 'python3.11')}`,
      );
      const pc = await execa('pkg-config', ['--cflags', 'python3'], {
        env: {
          PKG_CONFIG_PATH: join(where, 'lib', 'pkgconfig'),
          PKG_CONFIG_LIBDIR: '/nonexistent',
          PATH: '/usr/bin:/bin',
        },
        extendEnv: false,
      });
      const inc = /^-I(\S+)$/.exec(pc.stdout.trim());
      assert.ok(inc, pc.stdout);
      assert.equal(resolve(inc[1]), join(where, 'include', 'python3.11'));
    }
  });

  it('red: the unrelocated files (configured prefix in _sysconfigdata and the .pc files) send a compiler to a missing Python.h; green: the artifact compiles', async () => {
    const C = '#include <Python.h>\nint main(void) { return Py_IsInitialized(); }\n';
    const src = join(tempDir('cprog-'), 't.c');
    writeFileSync(src, C);
    const compile = async (prefix: string) => {
      const py = join(prefix, 'bin', 'python3.11');
      const inc = await execa(py, ['-I', '-c', "import sysconfig; print(sysconfig.get_config_var('INCLUDEPY'))"]);
      const pc = await execa('pkg-config', ['--cflags', 'python3'], {
        env: {
          PKG_CONFIG_PATH: join(prefix, 'lib', 'pkgconfig'),
          PKG_CONFIG_LIBDIR: '/nonexistent',
          PATH: '/usr/bin:/bin',
        },
        extendEnv: false,
      });
      const bySysconfig = await execa('gcc', ['-fsyntax-only', `-I${inc.stdout.trim()}`, src], { reject: false });
      const byPkgConfig = await execa('gcc', ['-fsyntax-only', ...pc.stdout.trim().split(/\s+/), src], {
        reject: false,
      });
      return { includepy: inc.stdout.trim(), bySysconfig, byPkgConfig };
    };
    const old = join(tempDir('unrelocated-'), 'python');
    mkdirSync(old);
    await execa('tar', ['-xzf', py.artifact, '-C', old]);
    const lib = join(old, 'lib', 'python3.11');
    const file = readdirSync(lib).find((f) => /^_sysconfigdata_.*\.py$/.test(f)) as string;
    const text = readFileSync(join(lib, file), 'utf8');
    assert.ok(text.includes(SYSCONFIG_MARK));
    writeFileSync(join(lib, file), text.slice(0, text.indexOf(SYSCONFIG_MARK)));
    for (const f of readdirSync(join(lib, '__pycache__')))
      if (f.startsWith(file.replace(/\.py$/, ''))) rmSync(join(lib, '__pycache__', f));
    for (const pcFile of ['python-3.11.pc', 'python-3.11-embed.pc']) {
      const pcPath = join(old, 'lib', 'pkgconfig', pcFile);
      writeFileSync(
        pcPath,
        readFileSync(pcPath, 'utf8').replace('prefix=${pcfiledir}/../..', `prefix=${py.manifest.configuredPrefix}`),
      );
    }
    const red = await compile(old);
    assert.equal(red.includepy, `${py.manifest.configuredPrefix}/include/python3.11`);
    for (const r of [red.bySysconfig, red.byPkgConfig]) {
      assert.notEqual(r.exitCode, 0);
      assert.match(r.stderr, /Python\.h: No such file or directory/);
    }
    const green = await compile(py.prefix);
    assert.equal(green.includepy, join(py.prefix, 'include', 'python3.11'));
    assert.equal(green.bySysconfig.exitCode, 0, green.bySysconfig.stderr);
    assert.equal(green.byPkgConfig.exitCode, 0, green.byPkgConfig.stderr);
  });

  describe('plain pip builds the MarkupSafe 2.1.2 sdist (a C extension) inside a created env', () => {
    let t: TestEnv;
    const pipEnv = () => ({
      PIP_CONFIG_FILE: '/dev/null',
      HOME: tempDir('pip-home-'),
      PATH: '/usr/bin:/bin',
      LC_ALL: 'C.UTF-8',
    });
    const pip = (env: string, args: string[]) =>
      execa(
        join(env, 'bin', 'python3.11'),
        [
          '-m',
          'pip',
          'install',
          '--no-cache-dir',
          '--disable-pip-version-check',
          '--no-input',
          ...args,
          MARKUPSAFE_SDIST,
        ],
        { env: pipEnv(), extendEnv: false, reject: false },
      );
    const speedups = (env: string) =>
      execa(join(env, 'bin', 'python3.11'), ['-I', '-c', 'import markupsafe._speedups as s; print(s.__file__)'], {
        env: { PATH: '/usr/bin:/bin' },
        extendEnv: false,
        reject: false,
      });

    before(async () => {
      t = await makeEnv('static', ['setuptools', 'wheel']);
    });

    it('setup.py path (--no-use-pep517): builds the extension, which imports', async () => {
      const r = await pip(t.env, ['--no-index', '--no-use-pep517', '--no-build-isolation']);
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      const s = await speedups(t.env);
      assert.equal(s.exitCode, 0, s.stderr);
      assert.ok(s.stdout.trim().startsWith(join(t.env, 'lib', 'python3.11', 'site-packages', 'markupsafe')));
      const u = await execa(join(t.env, 'bin', 'python3.11'), ['-m', 'pip', 'uninstall', '-y', 'markupsafe'], {
        env: pipEnv(),
        extendEnv: false,
      });
      assert.equal(u.exitCode, 0);
    });

    it('PEP 517 with build isolation (setuptools from the mirror): builds the extension, which imports', async () => {
      const r = await pip(t.env, ['--index-url', LOCAL_INDEX, '--use-pep517']);
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      const s = await speedups(t.env);
      assert.equal(s.exitCode, 0, s.stderr);
    });
  });
});

describe('a static build needs the pinned OpenSSL source (no compile)', () => {
  it('a static build without the pinned OpenSSL source in the store stops before compiling: exit 3 naming the tarball and how to import it', async () => {
    const store = tempDir('store-no-openssl-');
    assert.equal((await runPyhermetic(['source', 'import', CPYTHON_TARBALL, '--store', store])).exitCode, 0);
    const r = await runPyhermetic(['interpreter', 'build', '--spec', SPEC.static, '--store', store]);
    assert.equal(r.exitCode, 3, r.stderr);
    assert.match(
      r.stderr,
      new RegExp(
        `OpenSSL ${OPENSSL.version} source \\(${OPENSSL.file}, sha256 ${OPENSSL.sha256}\\) is not in the store`,
      ),
    );
    assert.match(r.stderr, /pyhermetic source import .*openssl_3\.0\.22\.orig\.tar\.gz/);
    assert.doesNotMatch(r.stderr, /== configure/);
  });
});
