import assert from 'node:assert/strict';
import {
  ElfFormatError,
  compareVersions,
  glibcVersions,
  isElf,
  maxGlibcVersion,
  parseElf,
  type ElfInfo,
} from '../../../../src/core/abi/elf.js';
import { buildElf, type ElfSpec } from '../../../helpers/elf-builder.js';

const FULL: Omit<ElfSpec, 'bits' | 'endian'> = {
  needed: ['libc.so.6', 'libfoo.so.1', 'libpython3.11.so.1.0'],
  runpath: '$ORIGIN/../lib:/home/builder/lib',
  rpath: '/old/rpath',
  soname: 'libme.so.1',
  versionNeeds: [
    { file: 'libc.so.6', versions: ['GLIBC_2.2.5', 'GLIBC_2.17', 'GLIBC_PRIVATE'] },
    { file: 'libm.so.6', versions: ['GLIBC_2.29'] },
  ],
};

const EXPECTED = {
  needed: ['libc.so.6', 'libfoo.so.1', 'libpython3.11.so.1.0'],
  runpath: ['$ORIGIN/../lib', '/home/builder/lib'],
  rpath: ['/old/rpath'],
  soname: 'libme.so.1',
  versionNeeds: FULL.versionNeeds,
};

const LAYOUTS = [
  { bits: 64, endian: 'little' },
  { bits: 32, endian: 'big' },
  { bits: 32, endian: 'little' },
  { bits: 64, endian: 'big' },
] as const;

function pick(info: ElfInfo) {
  return {
    needed: info.needed,
    runpath: info.runpath,
    rpath: info.rpath,
    soname: info.soname,
    versionNeeds: info.versionNeeds,
  };
}

/** parseElf must either answer or throw ElfFormatError — never RangeError, TypeError or anything else. */
function parsesOrRefuses(buf: Buffer, label: string): 'ok' | 'refused' {
  try {
    parseElf(buf);
    return 'ok';
  } catch (err) {
    assert.ok(err instanceof ElfFormatError, `${label}: threw ${(err as Error)?.name}: ${(err as Error)?.message}`);
    assert.ok((err as Error).message.length > 10);
    return 'refused';
  }
}

describe('elf reader (hand-built ELF files)', () => {
  for (const { bits, endian } of LAYOUTS) {
    it(`reads NEEDED, RUNPATH, RPATH, SONAME and version needs of an ELF${bits} ${endian}-endian shared object`, () => {
      const info = parseElf(buildElf({ bits, endian, ...FULL }));
      assert.equal(info.bits, bits);
      assert.equal(info.endian, endian);
      assert.equal(info.type, 'dyn');
      assert.equal(info.machine, bits === 64 ? 62 : 8);
      assert.deepEqual(pick(info), EXPECTED);
    });

    it(`ELF${bits} ${endian}: falls back to the section table when there are no program headers`, () => {
      const info = parseElf(buildElf({ bits, endian, ...FULL, programHeaders: false }));
      assert.deepEqual(pick(info), EXPECTED);
    });

    it(`ELF${bits} ${endian}: works from program headers alone (a stripped section table)`, () => {
      const info = parseElf(buildElf({ bits, endian, ...FULL, sections: false }));
      assert.deepEqual(pick(info), EXPECTED);
    });
  }

  it('reports the file type and an empty dynamic view for an executable without dependencies', () => {
    const info = parseElf(buildElf({ bits: 64, endian: 'little', etype: 2 }));
    assert.equal(info.type, 'exec');
    assert.deepEqual(pick(info), { needed: [], runpath: [], rpath: [], soname: undefined, versionNeeds: [] });
  });

  it('isElf looks at the magic only', () => {
    assert.equal(isElf(Buffer.from('\x7fELF')), true);
    assert.equal(isElf(Buffer.from('\x7fEL')), false);
    assert.equal(isElf(Buffer.from('PK\x03\x04')), false);
    assert.throws(
      () => parseElf(Buffer.from('#!/bin/sh\n')),
      (e: Error) => e instanceof ElfFormatError && /not an ELF/.test(e.message),
    );
  });

  it('glibc versions: numeric order, GLIBC_PRIVATE ignored, highest one reported', () => {
    const info = parseElf(buildElf({ bits: 64, endian: 'little', ...FULL }));
    assert.deepEqual(glibcVersions(info), ['2.2.5', '2.17', '2.29']);
    assert.equal(maxGlibcVersion(info), '2.29');
    assert.equal(maxGlibcVersion(parseElf(buildElf({ bits: 64, endian: 'little', needed: ['libc.so.6'] }))), undefined);
    assert.ok(compareVersions('2.17', '2.2.5') > 0);
    assert.ok(compareVersions('2.3', '2.3.2') < 0);
    assert.equal(compareVersions('2.17', '2.17.0'), 0);
  });

  describe('hostile input never crashes', () => {
    for (const { bits, endian } of LAYOUTS) {
      for (const sections of [true, false]) {
        it(`ELF${bits} ${endian}${sections ? '' : ' (no sections)'}: truncated at every cut point → ElfFormatError`, () => {
          const whole = buildElf({ bits, endian, ...FULL, sections });
          for (let n = 0; n < whole.length; n++) {
            assert.equal(
              parsesOrRefuses(whole.subarray(0, n), `cut at ${n}`),
              'refused',
              `a cut at ${n}/${whole.length} bytes was accepted`,
            );
          }
          assert.equal(parsesOrRefuses(whole, 'whole'), 'ok');
        });
      }

      it(`ELF${bits} ${endian}: every byte set to 0x00, 0x7f, 0x80 or 0xff in turn → an answer or ElfFormatError`, () => {
        const whole = buildElf({ bits, endian, ...FULL });
        let refused = 0;
        for (let i = 0; i < whole.length; i++) {
          for (const v of [0x00, 0x7f, 0x80, 0xff]) {
            const b = Buffer.from(whole);
            b[i] = v;
            if (parsesOrRefuses(b, `byte ${i} = ${v}`) === 'refused') refused++;
          }
        }
        assert.ok(refused > 0, 'no corruption was ever noticed');
      });
    }

    it('random bytes behind the magic (2000 seeded buffers) → an answer or ElfFormatError', () => {
      let seed = 12345;
      const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
      for (let k = 0; k < 2000; k++) {
        const b = Buffer.alloc(16 + (k % 400));
        for (let i = 0; i < b.length; i++) b[i] = rnd();
        b.set([0x7f, 0x45, 0x4c, 0x46, 1 + (k % 2), 1 + ((k >> 1) % 2)], 0);
        parsesOrRefuses(b, `random buffer ${k}`);
      }
    });

    function patch(buf: Buffer, fn: (b: Buffer) => void): Buffer {
      const b = Buffer.from(buf);
      fn(b);
      return b;
    }

    it('an absurd program header count (e_phnum) is refused with a message naming it', () => {
      const b = patch(buildElf({ bits: 64, endian: 'little', ...FULL }), (x) => x.writeUInt16LE(0xfffe, 56));
      assert.throws(
        () => parseElf(b),
        (e: Error) => e instanceof ElfFormatError && /program header/.test(e.message),
      );
    });

    it('a version-need entry claiming 60000 versions is refused, not looped over', () => {
      const whole = buildElf({ bits: 64, endian: 'little', ...FULL });
      // The first Elf64_Verneed follows .dynstr at a 4-aligned offset; find it through the DT_VERNEED value.
      const info = parseElf(whole);
      assert.equal(info.versionNeeds.length, 2);
      const vnAddr = findDynamic(whole, 0x6ffffffe);
      const b = patch(whole, (x) => x.writeUInt16LE(60000, vnAddr - 0x10000 + 2));
      assert.throws(
        () => parseElf(b),
        (e: Error) => e instanceof ElfFormatError && /versions/.test(e.message),
      );
    });

    it('a DT_VERNEEDNUM of 2^31 is refused', () => {
      const whole = buildElf({ bits: 64, endian: 'little', ...FULL });
      const at = findDynamicEntry(whole, 0x6fffffff);
      const b = patch(whole, (x) => x.writeBigUInt64LE(0x80000000n, at + 8));
      assert.throws(() => parseElf(b), ElfFormatError);
    });

    it('a DT_NEEDED pointing past the string table is refused naming DT_NEEDED', () => {
      const whole = buildElf({ bits: 64, endian: 'little', ...FULL });
      const at = findDynamicEntry(whole, 1);
      const b = patch(whole, (x) => x.writeBigUInt64LE(0xffffffn, at + 8));
      assert.throws(
        () => parseElf(b),
        (e: Error) => e instanceof ElfFormatError && /DT_NEEDED/.test(e.message),
      );
    });
  });
});

/** Offset of the first Elf64 dynamic entry with this tag, located through PT_DYNAMIC (program header 1). */
function findDynamicEntry(buf: Buffer, tag: number): number {
  const dynOff = Number(buf.readBigUInt64LE(64 + 56 + 8));
  for (let o = dynOff; o + 16 <= buf.length; o += 16) if (Number(buf.readBigUInt64LE(o)) === tag) return o;
  throw new Error(`no dynamic tag ${tag}`);
}

function findDynamic(buf: Buffer, tag: number): number {
  return Number(buf.readBigUInt64LE(findDynamicEntry(buf, tag) + 8));
}
