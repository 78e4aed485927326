// The deterministic parallel gzip: one ordinary gzip member, same bytes however the input is sliced.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as zlib from 'node:zlib';
import { execa } from 'execa';
import { GZIP_BLOCK, ParallelGzip, crc32, crc32Js } from '../../../../src/core/archive/tar-gzip.js';
import { tempDir } from '../../../helpers/runner.js';

async function gzipInSlices(data: Buffer, slices: number[], level = 6, concurrency?: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  const gz = new ParallelGzip(
    level,
    async (c) => {
      parts.push(Buffer.from(c));
    },
    concurrency,
  );
  let pos = 0;
  let i = 0;
  while (pos < data.length) {
    const n = slices[i++ % slices.length];
    await gz.write(data.subarray(pos, pos + n));
    pos += n;
  }
  await gz.end();
  return Buffer.concat(parts);
}

describe('archive: deterministic parallel gzip', () => {
  // Compressible and incompressible parts, spanning several blocks and ending mid-block.
  const text = Buffer.from('def f(x):\n    return x * 2\n'.repeat(120_000));
  const data = Buffer.concat([text, randomBytes(GZIP_BLOCK + 12345), text.subarray(0, 70_000)]);

  it('round-trips through zlib and GNU gzip, as one gzip member', async () => {
    const gz = await gzipInSlices(data, [65536]);
    assert.ok(gunzipSync(gz).equals(data));
    assert.ok(gz.length < data.length * 0.7, 'it compresses');
    assert.deepEqual([...gz.subarray(0, 10)], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3], 'no name, no mtime');
    const file = join(tempDir('pgz-'), 'x.gz');
    writeFileSync(file, gz);
    const r = await execa('gzip', ['-dc', file], { encoding: 'buffer' });
    assert.ok(Buffer.from(r.stdout as Uint8Array).equals(data));
    const listed = await execa('gzip', ['-lv', file]);
    assert.match(listed.stdout, new RegExp(`\\s${data.length}\\s`), 'the trailer states the full size');
  });

  it('gives the same bytes whatever the write slicing and concurrency', async () => {
    const a = await gzipInSlices(data, [GZIP_BLOCK]);
    const b = await gzipInSlices(data, [1, 511, 70_001, 3 * GZIP_BLOCK], 6, 2);
    const c = await gzipInSlices(data, [4096], 6, 4);
    assert.ok(a.equals(b));
    assert.ok(a.equals(c));
    const level1 = await gzipInSlices(data, [GZIP_BLOCK], 1);
    assert.ok(!level1.equals(a), 'the level does change the bytes');
    assert.ok(gunzipSync(level1).equals(data));
  });

  it('compresses about as well as one zlib stream (the dictionary carries over between blocks)', async () => {
    const ours = await gzipInSlices(text, [GZIP_BLOCK]);
    const single = zlib.gzipSync(text, { level: 6 });
    assert.ok(ours.length < single.length * 1.02, `${ours.length} vs ${single.length}`);
  });

  it('handles empty input and an input of exactly one block', async () => {
    assert.equal(gunzipSync(await gzipInSlices(Buffer.alloc(0), [1])).length, 0);
    const one = randomBytes(GZIP_BLOCK);
    assert.ok(gunzipSync(await gzipInSlices(one, [GZIP_BLOCK])).equals(one));
  });

  it('its crc32 (native where Node has it, the table version on Node 18) matches the standard check value and chains', () => {
    for (const f of [crc32, crc32Js]) {
      assert.equal(f(Buffer.from('123456789')), 0xcbf43926);
      const b = randomBytes(100_000);
      assert.equal(f(b.subarray(60_000), f(b.subarray(0, 60_000))), crc32(b));
    }
    assert.equal(crc32Js(randomBytes(0)), 0);
  });
});
