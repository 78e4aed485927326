import assert from 'node:assert/strict';
import type { ElfInfo } from '../../../../src/core/abi/elf.js';
import type { InterpreterRef } from '../../../../src/core/interpreter/interpreter-ref.js';
import {
  declaredGlibcFloor,
  highestGlibc,
  interpreterGlibcFloor,
} from '../../../../src/core/interpreter/glibc-floor.js';
import type { InterpreterManifest } from '../../../../src/core/model/manifests.js';

const elf = (versions: string[]): ElfInfo => ({
  bits: 64,
  endian: 'little',
  type: 'dyn',
  machine: 62,
  needed: ['libc.so.6'],
  runpath: [],
  rpath: [],
  versionNeeds: [{ file: 'libc.so.6', versions }],
});

describe('the glibc floor of an interpreter', () => {
  it('highestGlibc: the highest GLIBC_x.y over all files, numerically (2.9 < 2.17 < 2.34)', () => {
    assert.equal(
      highestGlibc([elf(['GLIBC_2.9']), elf(['GLIBC_2.17', 'GLIBC_PRIVATE']), elf(['GLIBC_2.2.5'])]),
      '2.17',
    );
    assert.equal(highestGlibc([elf(['GLIBC_2.17']), elf(['GLIBC_2.34'])]), '2.34');
    assert.equal(highestGlibc([elf([])]), undefined);
  });

  it("interpreter.json's glibcFloor wins without reading any file; a malformed one is ignored", async () => {
    const manifest = { glibcFloor: '2.31' } as unknown as InterpreterManifest;
    assert.equal(declaredGlibcFloor(manifest), '2.31');
    assert.equal(declaredGlibcFloor({ glibcFloor: 'new' } as unknown as InterpreterManifest), undefined);
    assert.equal(declaredGlibcFloor(undefined), undefined);
    const ref = { kind: 'artifact', artifactPath: '/nonexistent.tar.gz', manifest } as unknown as InterpreterRef;
    assert.deepEqual(await interpreterGlibcFloor(ref), { version: '2.31', source: 'glibcFloor of interpreter.json' });
  });

  it("an installed python without a manifest: computed from its own files (Debian's /usr/bin/python3 needs a 2.3x glibc)", async () => {
    const ref = { kind: 'python', python: '/usr/bin/python3' } as unknown as InterpreterRef;
    const floor = await interpreterGlibcFloor(ref);
    assert.match(floor.version ?? '', /^2\.3\d$/);
    assert.match(floor.source, /computed from the interpreter's ELF files/);
  });
});
