import assert from 'node:assert/strict';
import {
  abiSwitches,
  compareFields,
  fingerprintOf,
  reduceFields,
  splitConfigArgs,
} from '../../../../src/core/interpreter/fingerprint.js';
import { canonicalJson } from '../../../../src/shared/canonical.js';

const raw = {
  implementation: 'cpython',
  cache_tag: 'cpython-311',
  version_info: [3, 11, 2, 'final', 0],
  SOABI: 'cpython-311-x86_64-linux-gnu',
  EXT_SUFFIX: '.cpython-311-x86_64-linux-gnu.so',
  ABIFLAGS: '',
  Py_ENABLE_SHARED: 0,
  LDLIBRARY: 'libpython3.11.a',
  INSTSONAME: 'libpython3.11.a',
  Py_DEBUG: 0,
  Py_TRACE_REFS: null,
  Py_GIL_DISABLED: null,
  MULTIARCH: 'x86_64-linux-gnu',
  HOST_GNU_TYPE: 'x86_64-pc-linux-gnu',
  machine: 'x86_64',
  pointer_bits: 64,
  byteorder: 'little',
  libc: 'glibc 2.36',
  CONFIG_ARGS: "'--prefix=/opt/py' '--with-ensurepip=install' 'CFLAGS=-O2 -g'",
};

describe('fingerprint field reduction', () => {
  it('splits CONFIG_ARGS as the shell would', () => {
    assert.deepEqual(splitConfigArgs("'--enable-shared' '--prefix=/a b' 'CFLAGS=-O3 -g' --with-pydebug"), [
      '--enable-shared',
      '--prefix=/a b',
      'CFLAGS=-O3 -g',
      '--with-pydebug',
    ]);
    assert.deepEqual(splitConfigArgs('--a "b \\" c" d\\ e'), ['--a', 'b " c', 'd e']);
    assert.deepEqual(splitConfigArgs(''), []);
  });

  it('keeps only the ABI switches of CONFIG_ARGS', () => {
    assert.deepEqual(abiSwitches("'--prefix=/x' '--enable-optimizations' '--with-lto' 'LDFLAGS=-Wl,-rpath=/x'"), []);
    assert.deepEqual(abiSwitches("'--with-pydebug' '--enable-shared' 'CFLAGS=--enable-shared'"), [
      '--enable-shared',
      '--with-pydebug',
    ]);
    assert.deepEqual(abiSwitches("'--enable-shared=no' '--without-pymalloc' '--disable-gil'"), [
      '--disable-gil',
      '--without-pymalloc',
    ]);
  });

  it('leaves paths, optimisation flags and dates out of the fingerprint', () => {
    const a = reduceFields(raw);
    const b = reduceFields({ ...raw, CONFIG_ARGS: "'--prefix=/somewhere/else' '--enable-optimizations' 'CFLAGS=-O3'" });
    assert.equal(fingerprintOf(a), fingerprintOf(b));
    assert.ok(!JSON.stringify(a).includes('/opt/py'));
  });

  it('changes with the shared switch and with the patch version, and names the field', () => {
    const base = reduceFields(raw);
    const shared = reduceFields({
      ...raw,
      Py_ENABLE_SHARED: 1,
      LDLIBRARY: 'libpython3.11.so',
      INSTSONAME: 'libpython3.11.so.1.0',
      CONFIG_ARGS: "'--enable-shared'",
    });
    assert.notEqual(fingerprintOf(base), fingerprintOf(shared));
    assert.deepEqual(
      compareFields(base, shared).map((d) => d.field),
      ['Py_ENABLE_SHARED', 'LDLIBRARY', 'INSTSONAME', 'abi_switches'],
    );
    const patch = reduceFields({ ...raw, version_info: [3, 11, 7, 'final', 0] });
    assert.deepEqual(compareFields(base, patch), [
      { field: 'version_info', a: [3, 11, 2, 'final', 0], b: [3, 11, 7, 'final', 0] },
    ]);
  });

  it('splits the libc into family and version, and normalises flags', () => {
    const f = reduceFields(raw);
    assert.equal(f.libc_family, 'glibc');
    assert.equal(f.libc_version, '2.36');
    assert.equal(f.Py_TRACE_REFS, 0);
    assert.equal(f.Py_GIL_DISABLED, 0);
    assert.equal(f.ABIFLAGS, '');
  });

  it('writes canonical JSON with sorted keys and no whitespace', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: 'x' } }),
      '{"a":{"c":"x","d":[2,{"y":2,"z":1}]},"b":1}',
    );
    assert.equal(canonicalJson({ a: undefined, b: null }), '{"b":null}');
  });
});
