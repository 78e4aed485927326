import assert from 'node:assert/strict';
import type { FingerprintFields } from '../../../../src/core/model/fingerprint-fields.js';
import {
  parseWheelFileName,
  parseWheelMetadataTags,
  tagMismatch,
  wheelFits,
} from '../../../../src/core/abi/wheel-tags.js';

// The fields of CPython 3.11.2 on x86_64 Debian 12 (glibc 2.36), as the probe reports them.
const CP311: FingerprintFields = {
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
  Py_TRACE_REFS: 0,
  Py_GIL_DISABLED: 0,
  MULTIARCH: 'x86_64-linux-gnu',
  HOST_GNU_TYPE: 'x86_64-pc-linux-gnu',
  machine: 'x86_64',
  pointer_bits: 64,
  byteorder: 'little',
  libc_family: 'glibc',
  libc_version: '2.36',
  abi_switches: [],
};

const fits = (fileName: string, fields = CP311) => wheelFits(parseWheelFileName(fileName)!.tags, fields);

describe('wheel tags', () => {
  it('parses file names with and without a build tag, expanding compressed tag sets', () => {
    const a = parseWheelFileName('numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl')!;
    assert.equal(a.distribution, 'numpy');
    assert.equal(a.version, '1.26.4');
    assert.equal(a.tags.length, 2);
    const b = parseWheelFileName('six-1.16.0-1-py2.py3-none-any.whl')!;
    assert.equal(b.build, '1');
    assert.deepEqual(
      b.tags.map((t) => t.python),
      ['py2', 'py3'],
    );
    assert.equal(parseWheelFileName('numpy-1.26.4.tar.gz'), undefined);
    assert.equal(parseWheelFileName('bad-name.whl'), undefined);
  });

  it('parses Tag: lines of a WHEEL file', () => {
    assert.deepEqual(
      parseWheelMetadataTags('Wheel-Version: 1.0\nTag: py2.py3-none-any\r\nTag: cp311-abi3-linux_x86_64\n').map(
        (t) => `${t.python}-${t.abi}-${t.platform}`,
      ),
      ['py2-none-any', 'py3-none-any', 'cp311-abi3-linux_x86_64'],
    );
  });

  it('what fits CPython 3.11 on x86_64 glibc 2.36', () => {
    for (const name of [
      'numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
      'lxml-6.1.3-cp311-cp311-manylinux_2_26_x86_64.manylinux_2_28_x86_64.whl',
      'cryptography-50.0.2-cp311-abi3-manylinux_2_34_x86_64.whl',
      'cryptography-42.0.0-cp37-abi3-manylinux2014_x86_64.whl',
      'demo-1.0-cp311-cp311-linux_x86_64.whl',
      'six-1.16.0-py2.py3-none-any.whl',
      'tool-1.0-py311-none-any.whl',
      'x-1.0-cp311-none-manylinux1_x86_64.whl',
    ])
      assert.deepEqual(fits(name), { fits: true, reasons: [] }, name);
  });

  it('what does not fit, with the reason', () => {
    const cases: [string, RegExp][] = [
      ['numpy-2.0-cp312-cp312-manylinux_2_17_x86_64.whl', /python tag cp312 is not cp311/],
      ['x-1.0-cp311-cp311d-linux_x86_64.whl', /ABI tag cp311d is not cp311/],
      ['x-1.0-cp312-abi3-linux_x86_64.whl', /needs CPython 3\.12 or newer/],
      ['x-1.0-cp311-cp311-manylinux_2_39_x86_64.whl', /needs glibc 2\.39, the interpreter has 2\.36/],
      ['x-1.0-cp311-cp311-manylinux_2_17_aarch64.whl', /is for aarch64/],
      ['x-1.0-cp311-cp311-musllinux_1_1_x86_64.whl', /needs musl/],
      ['x-1.0-cp311-cp311-win_amd64.whl', /not a Linux x86_64 platform/],
      ['x-1.0-py2-none-any.whl', /for Python 2/],
      ['x-1.0-py312-none-any.whl', /needs Python 3\.12/],
      ['x-1.0-pp310-pypy310_pp73-manylinux_2_17_x86_64.whl', /not CPython 3\.11/],
    ];
    for (const [name, reason] of cases) {
      const r = fits(name);
      assert.equal(r.fits, false, name);
      assert.match(r.reasons.join('\n'), reason, name);
    }
  });

  it('follows the interpreter: a debug build wants cp311d, a free-threaded one refuses abi3', () => {
    const debug = { ...CP311, ABIFLAGS: 'd', Py_DEBUG: 1 };
    assert.equal(tagMismatch({ python: 'cp311', abi: 'cp311d', platform: 'linux_x86_64' }, debug), undefined);
    assert.match(tagMismatch({ python: 'cp311', abi: 'cp311', platform: 'linux_x86_64' }, debug) ?? '', /not cp311d/);
    assert.match(
      tagMismatch({ python: 'cp38', abi: 'abi3', platform: 'linux_x86_64' }, { ...CP311, Py_GIL_DISABLED: 1 }) ?? '',
      /free-threaded/,
    );
    assert.equal(wheelFits([], CP311).fits, false);
  });

  it('3.14: the GIL build refuses cp314t wheels, the free-threaded build refuses cp314 and abi3 wheels', () => {
    const gil: FingerprintFields = {
      ...CP311,
      cache_tag: 'cpython-314',
      version_info: [3, 14, 7, 'final', 0],
      SOABI: 'cpython-314-x86_64-linux-gnu',
      EXT_SUFFIX: '.cpython-314-x86_64-linux-gnu.so',
      libc_version: '2.31',
    };
    const ft: FingerprintFields = {
      ...gil,
      SOABI: 'cpython-314t-x86_64-linux-gnu',
      EXT_SUFFIX: '.cpython-314t-x86_64-linux-gnu.so',
      ABIFLAGS: 't',
      Py_GIL_DISABLED: 1,
      abi_switches: ['--disable-gil'],
    };
    const cp314 = 'x-1.0-cp314-cp314-manylinux_2_17_x86_64.whl';
    const cp314t = 'x-1.0-cp314-cp314t-manylinux_2_17_x86_64.whl';
    assert.equal(fits(cp314, gil).fits, true);
    assert.match(fits(cp314t, gil).reasons[0], /ABI tag cp314t is not cp314$/);
    assert.equal(fits(cp314t, ft).fits, true);
    assert.match(fits(cp314, ft).reasons[0], /ABI tag cp314 is not cp314t$/);
    assert.match(
      fits('x-1.0-cp312-abi3-manylinux_2_17_x86_64.whl', ft).reasons[0],
      /abi3 wheels do not load in a free-threaded/,
    );
    assert.equal(fits('x-1.0-py3-none-any.whl', ft).fits, true);
  });
});
