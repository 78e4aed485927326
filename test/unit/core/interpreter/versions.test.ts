// The per-version table (versions.ts) as Setup.local, configure arguments and the spec see it.
import assert from 'node:assert/strict';
import { omittedModules, setupLocal, staticConfigureArgs } from '../../../../src/core/interpreter/static-libs.js';
import { validateSpec } from '../../../../src/core/interpreter/spec.js';
import { pythonName, undefinePyconfig, versionRow } from '../../../../src/core/interpreter/versions.js';

const SHA = 'a'.repeat(64);
const spec = (extra: Record<string, unknown>) => ({
  name: 'cpython',
  version: '3.14.7',
  source: { sha256: SHA },
  configure: { shared: false, args: [] },
  ...extra,
});
const lineOf = (text: string, name: string) => text.split('\n').find((l) => l.startsWith(`${name} `)) ?? '';
const disabledOf = (text: string) =>
  text
    .split('\n')
    .slice(text.split('\n').indexOf('*disabled*') + 1)
    .filter(Boolean);

describe('versions: what differs per CPython version', () => {
  it('3.9: _sqlite with cache.c and MODULE_NAME from a forced header, readline through the libedit shim', () => {
    const text = setupLocal('/b/ossl', undefined, '3.9.2');
    const sqlite = lineOf(text, '_sqlite3');
    assert.match(sqlite, /_sqlite\/cache\.c/);
    assert.doesNotMatch(sqlite, /blob\.c/);
    assert.match(sqlite, /-Xcompiler -include -Xcompiler \$\(srcdir\)\/Modules\/_sqlite\/pyhermetic_module_name\.h/);
    assert.match(lineOf(text, 'readline'), /^readline readline\.c -I\$\(srcdir\)\/Modules\/pyhermetic_editline /);
    for (const l of text.split('\n').filter((x) => !x.startsWith('#'))) assert.doesNotMatch(l, /=/, l);
    assert.ok(versionRow('3.9.2')!.shims.some((s) => s.content.includes('#define MODULE_NAME "sqlite3"')));
    // 3.9's configure has no --with-readline=editline
    assert.deepEqual(staticConfigureArgs('/b/ossl', '3.9.2'), ['--with-openssl=/b/ossl']);
  });

  it('3.11: blob.c, --with-readline=editline, the PEP 594 modules disabled', () => {
    const text = setupLocal('/b/ossl', undefined, '3.11.2');
    assert.match(lineOf(text, '_sqlite3'), /_sqlite\/blob\.c/);
    assert.deepEqual(disabledOf(text), ['_tkinter', 'nis', '_dbm', '_gdbm', '_crypt']);
    assert.deepEqual(staticConfigureArgs('/b/ossl', '3.11.2'), ['--with-openssl=/b/ossl', '--with-readline=editline']);
  });

  it('3.13 and 3.14: nis and _crypt are gone (not disabled, not reported); 3.14 leaves _zstd out', () => {
    assert.deepEqual(disabledOf(setupLocal('/b/ossl', undefined, '3.13.5')), ['_tkinter', '_dbm', '_gdbm']);
    assert.deepEqual(disabledOf(setupLocal('/b/ossl', undefined, '3.14.7')), ['_tkinter', '_dbm', '_gdbm', '_zstd']);
    assert.deepEqual(
      omittedModules(undefined, '3.14.7').map((m) => m.name),
      ['_tkinter', '_dbm', '_gdbm', '_zstd'],
    );
    assert.ok(staticConfigureArgs('/b/ossl', '3.13.5').includes('--without-system-libmpdec'));
  });

  it('pyconfig.h: only the named macros are taken out', () => {
    const text = '#define HAVE_RL_COMPLETION_SUPPRESS_APPEND 1\n#define HAVE_RL_PRE_INPUT_HOOK 1\n';
    const out = undefinePyconfig(text, ['HAVE_RL_COMPLETION_SUPPRESS_APPEND']);
    assert.doesNotMatch(out, /#define HAVE_RL_COMPLETION_SUPPRESS_APPEND/);
    assert.match(out, /#define HAVE_RL_PRE_INPUT_HOOK 1/);
  });

  it('the interpreter name carries t for a free-threaded build', () => {
    assert.equal(pythonName('3.14.7', true), 'python3.14t');
    assert.equal(pythonName('3.9.2'), 'python3.9');
  });

  it('the spec: freeThreaded only from 3.13, never --disable-gil in args, unknown versions refused', () => {
    assert.equal(validateSpec(spec({ freeThreaded: true })).freeThreaded, true);
    assert.equal('freeThreaded' in validateSpec(spec({ freeThreaded: false })), false);
    assert.throws(
      () => validateSpec(spec({ version: '3.11.2', freeThreaded: true })),
      /freeThreaded: CPython 3\.11 has no free-threaded build/,
    );
    assert.throws(() => validateSpec(spec({ freeThreaded: 'yes' })), /freeThreaded: must be true or false/);
    assert.throws(
      () => validateSpec(spec({ configure: { shared: false, args: ['--disable-gil'] } })),
      /"--disable-gil" is not allowed: say a free-threaded build with "freeThreaded": true/,
    );
    assert.throws(
      () => validateSpec(spec({ version: '3.8.18' })),
      /CPython 3\.8\.18 is not supported \(supported: 3\.9, /,
    );
  });
});
