import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readWheel, unsafeEntryName, DEFAULT_WHEEL_LIMITS } from '../../../../src/core/abi/wheel.js';
import { buildElf } from '../../../helpers/elf-builder.js';
import { tempDir } from '../../../helpers/runner.js';
import { buildZip, wheelMembers, type ZipEntrySpec } from '../../../helpers/zip-builder.js';

const ELF = buildElf({
  bits: 64,
  endian: 'little',
  needed: ['libc.so.6'],
  versionNeeds: [{ file: 'libc.so.6', versions: ['GLIBC_2.2.5'] }],
});

function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      out.push(relative(dir, join(d, e.name)));
      if (e.isDirectory()) walk(join(d, e.name));
    }
  };
  walk(dir);
  return out.sort();
}

/** Writes the zip into <tmp>/a/b/<name>, reads it, and checks that nothing at all was written around it. */
async function readIsolated(
  bytes: Buffer,
  name = 'demo-1.0-cp311-cp311-linux_x86_64.whl',
  limits = DEFAULT_WHEEL_LIMITS,
) {
  const root = tempDir('wheel-');
  mkdirSync(join(root, 'a', 'b'), { recursive: true });
  const path = join(root, 'a', 'b', name);
  writeFileSync(path, bytes);
  const before = listTree(root);
  // Read from an empty working directory so a relative write would show up there too.
  const emptyCwd = tempDir('cwd-');
  const cwd = process.cwd();
  process.chdir(emptyCwd);
  let contents;
  try {
    contents = await readWheel(path, limits);
  } finally {
    process.chdir(cwd);
  }
  assert.deepEqual(listTree(root), before, 'reading a wheel wrote files');
  assert.deepEqual(listTree(emptyCwd), [], 'reading a wheel wrote into the working directory');
  return contents;
}

async function problemsOf(entries: ZipEntrySpec[]): Promise<string[]> {
  return (await readIsolated(buildZip(entries))).problems;
}

describe('wheel reader', () => {
  it('reads tags from the file name and WHEEL, and finds ELF members by magic, not by suffix', async () => {
    const w = await readIsolated(
      buildZip(
        wheelMembers(
          'demo',
          '1.0',
          ['cp311-cp311-manylinux_2_17_x86_64', 'cp311-cp311-manylinux2014_x86_64'],
          [
            { name: 'demo/_speedups.bin', data: ELF },
            { name: 'demo/fake.so', data: 'not an elf at all' },
            { name: 'demo/stored.so.1', data: ELF, method: 0 },
            { name: 'demo/tiny', data: '\x7f' },
            { name: 'demo/sub/', data: '' },
          ],
        ),
      ),
    );
    assert.deepEqual(w.problems, []);
    assert.equal(w.entries, 9);
    assert.equal(w.wheelFile, 'demo-1.0.dist-info/WHEEL');
    assert.deepEqual(w.metadataTags, [
      { python: 'cp311', abi: 'cp311', platform: 'manylinux_2_17_x86_64' },
      { python: 'cp311', abi: 'cp311', platform: 'manylinux2014_x86_64' },
    ]);
    assert.equal(w.fileName?.distribution, 'demo');
    assert.deepEqual(w.fileName?.tags, [{ python: 'cp311', abi: 'cp311', platform: 'linux_x86_64' }]);
    assert.deepEqual(
      w.elfs.map((e) => e.name),
      ['demo/_speedups.bin', 'demo/stored.so.1'],
    );
    assert.deepEqual(w.elfs[0].info?.needed, ['libc.so.6']);
    assert.equal(w.elfs[0].size, ELF.length);
  });

  it('a member with the ELF magic but garbage behind it is reported on that member, not thrown', async () => {
    const w = await readIsolated(
      buildZip(
        wheelMembers(
          'demo',
          '1.0',
          ['cp311-cp311-linux_x86_64'],
          [
            {
              name: 'demo/broken.so',
              data: Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01'), Buffer.alloc(20, 0xee)]),
            },
          ],
        ),
      ),
    );
    assert.deepEqual(w.problems, []);
    assert.equal(w.elfs.length, 1);
    assert.match(w.elfs[0].error ?? '', /truncated/);
  });

  describe('hostile zips: a problem for that wheel, never a throw, never a write', () => {
    const cases: [string, ZipEntrySpec[], RegExp][] = [
      ['a ../ name', [{ name: '../../evil', data: 'x' }], /relative path|climbs out/],
      ['a ../ in the middle', [{ name: 'demo/../../../evil', data: 'x' }], /relative path|climbs out/],
      ['an absolute name', [{ name: '/tmp/evil', data: 'x' }], /absolute/],
      ['a backslash name', [{ name: '..\\..\\evil', data: 'x' }], /invalid characters|backslash/],
      ['a drive letter', [{ name: 'C:/evil', data: 'x' }], /absolute|drive letter/],
      ['an empty segment', [{ name: 'demo//evil', data: 'x' }], /empty or '\.' segment/],
      ['a symlink entry', [{ name: 'demo/link', data: '/etc/passwd', mode: 0o120777 }], /symlink entry: demo\/link/],
      [
        'duplicate names',
        [
          { name: 'demo/a.py', data: 'one' },
          { name: 'demo/a.py', data: 'two' },
        ],
        /duplicate entry name: demo\/a\.py/,
      ],
      [
        'a size that lies (too small)',
        [{ name: 'demo/big', data: Buffer.alloc(5000, 1), declaredSize: 100 }],
        /too many bytes|size/,
      ],
      [
        'a size that lies (too big)',
        [{ name: 'demo/big', data: Buffer.alloc(100, 1), declaredSize: 5000 }],
        /not enough bytes|size/,
      ],
      [
        'a stored entry whose sizes disagree',
        [{ name: 'demo/s', data: 'abc', method: 0, declaredSize: 10 }],
        /size|bytes/,
      ],
    ];
    for (const [label, entries, expected] of cases) {
      it(label, async () => {
        const problems = await problemsOf(wheelMembers('demo', '1.0', ['cp311-cp311-linux_x86_64'], entries));
        assert.equal(problems.length, 1, problems.join('\n'));
        assert.match(problems[0], expected);
      });
    }

    it('a zip truncated at many cut points', async () => {
      const whole = buildZip(
        wheelMembers('demo', '1.0', ['cp311-cp311-linux_x86_64'], [{ name: 'demo/x.so', data: ELF }]),
      );
      assert.deepEqual((await readIsolated(whole)).problems, []);
      for (let n = 0; n < whole.length; n += Math.max(1, Math.floor(whole.length / 60))) {
        const w = await readIsolated(whole.subarray(0, n));
        assert.ok(w.problems.length > 0, `a cut at ${n}/${whole.length} went unnoticed`);
      }
    });

    it('bytes that are not a zip at all, and an empty file', async () => {
      assert.match((await readIsolated(Buffer.from('hello, I am a wheel'))).problems[0], /not a readable zip file/);
      assert.match((await readIsolated(Buffer.alloc(0))).problems[0], /not a readable zip file/);
    });

    it('a member larger than the per-member limit, and a total over the bomb limit', async () => {
      const zip = buildZip(
        wheelMembers('demo', '1.0', ['cp311-cp311-linux_x86_64'], [{ name: 'demo/big', data: Buffer.alloc(4096) }]),
      );
      const small = await readIsolated(zip, undefined, { ...DEFAULT_WHEEL_LIMITS, maxMemberBytes: 1000 });
      assert.match(small.problems[0], /declares 4096 bytes, more than the per-member limit of 1000/);
      const bomb = await readIsolated(zip, undefined, { ...DEFAULT_WHEEL_LIMITS, maxTotalBytes: 2000 });
      assert.match(bomb.problems[0], /decompression bomb/);
      const many = await readIsolated(zip, undefined, { ...DEFAULT_WHEEL_LIMITS, maxEntries: 3 });
      assert.match(many.problems[0], /more than the limit of 3/);
    });

    it('a bomb is judged by what it would cost: a small member of zeros passes, one past 64 MiB does not', async () => {
      // 2.5 MB of one repeated row: deflate shrinks it ~1000x, like the test data onnx ships.
      const rows = Buffer.from('0.0,0.0,0.0,0.0\n'.repeat(160_000));
      const honest = buildZip(
        wheelMembers('demo', '1.0', ['cp311-cp311-linux_x86_64'], [{ name: 'demo/data.csv', data: rows }]),
      );
      assert.ok(honest.length * 200 < rows.length, `the member compresses past 200x (${honest.length} bytes)`);
      assert.deepEqual((await readIsolated(honest)).problems, []);
      const zeros = Buffer.alloc(80 * 1024 * 1024);
      const bomb = buildZip(
        wheelMembers('demo', '1.0', ['cp311-cp311-linux_x86_64'], [{ name: 'demo/zeros.bin', data: zeros }]),
      );
      const problems = (await readIsolated(bomb)).problems;
      assert.match(problems[0], /entry demo\/zeros\.bin expands \d+ times .*past 64 MiB.*decompression bomb/);
      // The harm size is what makes the difference: with a member harm size of 1 MiB the honest member is one.
      const tight = await readIsolated(honest, undefined, { ...DEFAULT_WHEEL_LIMITS, memberHarmBytes: 1024 * 1024 });
      assert.match(tight.problems[0], /demo\/data\.csv expands .*decompression bomb/);
    });

    it('the whole wheel: members each under the member harm size that together pass the archive one', async () => {
      // Scaled down (1 MiB members, a 4 MiB archive harm size) so the test builds no gigabyte of zeros.
      const members = Array.from({ length: 8 }, (_, i) => ({
        name: `demo/z${i}.bin`,
        data: Buffer.alloc(1024 * 1024),
      }));
      const zip = buildZip(wheelMembers('demo', '1.0', ['cp311-cp311-linux_x86_64'], members));
      const limits = { ...DEFAULT_WHEEL_LIMITS, archiveHarmBytes: 4 * 1024 * 1024 };
      assert.deepEqual((await readIsolated(zip)).problems, [], 'under the default 1 GiB it is no bomb');
      const w = await readIsolated(zip, undefined, limits);
      assert.match(
        w.problems[0],
        /the entries up to demo\/z4\.bin declare \d+ bytes \(past 4 MiB\).*decompression bomb/,
      );
    });

    it('a path that does not exist is a problem, not a throw', async () => {
      const w = await readWheel('/nonexistent/demo-1.0-py3-none-any.whl');
      assert.match(w.problems[0], /not a readable zip file: .*ENOENT/);
    });
  });

  it('unsafeEntryName', () => {
    assert.equal(unsafeEntryName('demo/x.py'), undefined);
    assert.equal(unsafeEntryName('demo/sub/'), undefined);
    for (const bad of ['', '/x', '../x', 'a/../b', 'a/./b', 'a//b', 'a\\b', 'c:/x', 'a\0b'])
      assert.ok(unsafeEntryName(bad), JSON.stringify(bad));
  });
});
