// The deterministic parallel gzip: one ordinary gzip member, same bytes however the input is sliced and
// whatever zlib the Node running it was built with (the deflate is pako, pinned, on worker threads).
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as zlib from 'node:zlib';
import { execa } from 'execa';
import { GZIP_BLOCK, ParallelGzip, crc32, crc32Js } from '../../../../src/core/archive/tar-gzip.js';
import { ROOT, tempDir } from '../../../helpers/runner.js';

/** The same bytes on every machine: text, and sha256 in counter mode where the data must not compress. */
function fixedInput(): Buffer {
  const noise = Buffer.concat(
    Array.from({ length: (GZIP_BLOCK + 54_321) / 32 + 1 }, (_, i) => createHash('sha256').update(`${i}`).digest()),
  );
  const text = Buffer.from(
    Array.from({ length: 60_000 }, (_, i) => `line ${i}: value = ${(i * 7919) % 1009}\n`).join(''),
  );
  return Buffer.concat([text, noise, text.subarray(0, 100_000)]);
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

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

  // The archive format, pinned: these are the bytes of pako 3.0.3 with the options of deflate-block.ts,
  // the same as nodejs.org's Node 20.20 deflates with its zlib (1.3.1-e00f703), and what every agent now
  // writes (Debian's Node deflated other bytes with Debian's zlib). A change of deflate, option, block
  // size or header fails here: it would change the sha256 of every archive pyhermetic has written.
  it('writes the pinned bytes, on worker threads or on this one, at each level', async () => {
    const input = fixedInput();
    assert.ok(input.length > 2 * GZIP_BLOCK, 'several blocks: the workers deflate them');
    const pinned: Record<number, string> = {
      6: '2798570276126f0fd18e953a2b7deb5bd084857e13df45b28a64290bd3a2819e',
      1: 'dc53cb4dd67a64a006911dc7098771c44329a20d75b9e75fed583fccda1134d7',
      9: '0d2b6804388b8ae741d03f6fa8d900543e8781bcf1e2fb4e2efeda3344e10a36',
    };
    for (const [level, expected] of Object.entries(pinned)) {
      const gz = await gzipInSlices(input, [100_000], Number(level));
      assert.equal(sha256(gz), expected, `level ${level}`);
    }
    // One block only: deflated on this thread, no worker started.
    const small = input.subarray(0, 300_000);
    assert.equal(
      sha256(await gzipInSlices(small, [4096])),
      'dfbed97263da1f5111c061db4c4cd959a9f92cd77e25d83252246a45ed4e1488',
    );
  });

  it('stops its workers when the writer gives up half-way: the process exits', async function () {
    this.timeout(120_000);
    // A child process that starts the workers (3 MiB of input), fails while writing, and must then end on
    // its own: a worker left running keeps a Node process alive (here, until the timeout kills it).
    const dir = tempDir('pgz-abort-');
    const tree = join(dir, 'tree');
    const script = join(dir, 'abort.mts');
    const writer = join(ROOT, 'src', 'core', 'archive', 'tar-write.ts');
    mkdirSync(tree);
    writeFileSync(join(tree, 'big.bin'), randomBytes(3 * 1024 * 1024));
    writeFileSync(
      script,
      `import { writeDeterministicTarGz } from ${JSON.stringify(writer)};
const trailer = () => { throw new Error('simulated failure after the tree'); };
await writeDeterministicTarGz(${JSON.stringify(tree)}, ${JSON.stringify(join(dir, 'x.tar.gz'))}, { trailer })
  .catch((err) => console.log('rejected:', err.message));
`,
    );
    const r = await execa(process.execPath, ['--import=tsx', script], {
      cwd: ROOT,
      reject: false,
      timeout: 90_000,
    });
    assert.equal(r.timedOut, false, 'the process did not end: the deflate workers were left running');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /rejected: simulated failure after the tree/);
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
