import assert from 'node:assert/strict';
import { glibcFloorFindings, wheelGlibcFloor } from '../../../../src/core/deps/lock-glibc.js';

describe('the glibc floor at lock time', () => {
  it('reads the lowest glibc a wheel name claims', () => {
    assert.equal(wheelGlibcFloor('numpy-2.4.6-cp311-cp311-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl'), '2.27');
    assert.equal(wheelGlibcFloor('orjson-3.12.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl'), '2.17');
    assert.equal(wheelGlibcFloor('x-1-cp311-cp311-manylinux1_x86_64.manylinux_2_28_x86_64.whl'), '2.5');
    assert.equal(wheelGlibcFloor('pytest-9.1.1-py3-none-any.whl'), null);
    assert.equal(wheelGlibcFloor('built-1.0-cp311-cp311-linux_x86_64.whl'), 'unknown');
    assert.equal(wheelGlibcFloor('slowdep-1.0.tar.gz'), undefined);
  });

  it('gives one finding per wheel above the floor, none at or below it', () => {
    const files = [
      {
        name: 'numpy',
        version: '2.4.6',
        fileName: 'numpy-2.4.6-cp311-cp311-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl',
      },
      {
        name: 'orjson',
        version: '3.12.0',
        fileName: 'orjson-3.12.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
      },
      { name: 'pytest', version: '9.1.1', fileName: 'pytest-9.1.1-py3-none-any.whl' },
      { name: 'built', version: '1.0', fileName: 'built-1.0-cp311-cp311-linux_x86_64.whl' },
    ];
    const findings = glibcFloorFindings(files, '2.17');
    assert.deepEqual(
      findings.map((f) => f.path),
      ['numpy==2.4.6', 'built==1.0'],
    );
    assert.match(findings[0].message, /needs glibc 2\.27, above the floor 2\.17/);
    assert.deepEqual(
      glibcFloorFindings(files, '2.28').map((f) => f.path),
      ['built==1.0'],
    );
  });
});
