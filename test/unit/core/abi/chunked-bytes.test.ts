// The ELF reader on a file held as the chunks it streamed in (ChunkedBytes) answers and refuses exactly
// as on one Buffer: hand-built files of every layout cut at every point, and real system libraries.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ChunkedBytes } from '../../../../src/core/abi/chunked-bytes.js';
import { parseElf } from '../../../../src/core/abi/elf.js';
import { buildElf } from '../../../helpers/elf-builder.js';

/** `buf` cut into pieces of the given sizes, repeated (the last piece takes what is left). */
function split(buf: Buffer, sizes: number[]): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < buf.length; i++) {
    const n = sizes[i % sizes.length]!;
    out.push(buf.subarray(at, at + n));
    at += n;
  }
  return out;
}

/** parseElf's answer, or its error as "Name: message". */
function outcome(view: Parameters<typeof parseElf>[0]): unknown {
  try {
    return parseElf(view);
  } catch (err) {
    return `${(err as Error).name}: ${(err as Error).message}`;
  }
}

const FULL = {
  needed: ['libc.so.6', 'libpython3.11.so.1.0'],
  runpath: '$ORIGIN/../lib',
  soname: 'libme.so.1',
  versionNeeds: [{ file: 'libc.so.6', versions: ['GLIBC_2.2.5', 'GLIBC_2.17'] }],
};

describe('ELF reader on chunks (ChunkedBytes)', () => {
  for (const bits of [32, 64] as const) {
    for (const endian of ['little', 'big'] as const) {
      it(`ELF${bits} ${endian}: the same answer or refusal as one Buffer, whole and cut at every point`, () => {
        const whole = buildElf({ bits, endian, ...FULL });
        for (let n = 0; n <= whole.length; n++) {
          const cut = whole.subarray(0, n);
          const expected = outcome(cut);
          for (const sizes of [[1], [3, 7], [64, 5, 200]]) {
            assert.deepEqual(outcome(new ChunkedBytes(split(cut, sizes))), expected, `cut at ${n}, pieces ${sizes}`);
          }
        }
      });
    }
  }

  it('real libraries split into 1 MiB pieces and into uneven small ones read the same as whole', () => {
    for (const file of ['/lib/x86_64-linux-gnu/libc.so.6', '/usr/bin/python3']) {
      const whole = readFileSync(file);
      const expected = parseElf(whole);
      for (const sizes of [[1024 * 1024], [4093, 17, 65536]]) {
        assert.deepEqual(parseElf(new ChunkedBytes(split(whole, sizes))), expected, `${file} in ${sizes}`);
      }
    }
  });

  it('bytes(): views inside one piece, copies across pieces, RangeError outside', () => {
    const v = new ChunkedBytes([Buffer.from('abc'), Buffer.alloc(0), Buffer.from('defg')]);
    assert.equal(v.length, 7);
    assert.equal(v.bytes(2, 3).toString(), 'cde');
    assert.equal(v.toString('utf8', 0, 7), 'abcdefg');
    assert.equal(v.indexOf('e'.charCodeAt(0), 0), 4);
    assert.equal(v.indexOf('a'.charCodeAt(0), 1), -1);
    assert.equal(v.indexOf('a'.charCodeAt(0), 99), -1);
    assert.throws(() => v.bytes(5, 3), RangeError);
    assert.throws(() => v.readUInt8(-1), RangeError);
  });
});
