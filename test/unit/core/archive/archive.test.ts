// The deterministic writer, the reader and extraction on real trees, checked against real GNU tar.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import {
  FIXED_MTIME,
  extractTarGz,
  hashTree,
  readTarGz,
  writeDeterministicTarGz,
  type TarEntryInfo,
} from '../../../../src/core/archive/archive.js';
import type { FileRecord } from '../../../../src/core/model/manifests.js';
import { tempDir } from '../../../helpers/runner.js';

const SEG = 'd'.repeat(60);
/** 100 < length ≤ 255: fits ustar's prefix + name split. */
const MID_PATH = `mid/${SEG}/${SEG}/file-in-a-deep-directory.txt`;
/** > 255 bytes: needs a pax path record. */
const LONG_DIR = `long/${'e'.repeat(90)}/${'f'.repeat(90)}/${'g'.repeat(90)}`;
const LONG_PATH = `${LONG_DIR}/${'h'.repeat(120)}.txt`;
const LONG_LINK_TARGET = `../../../../${MID_PATH}`;
const BIG = randomBytes(9 * 1024 * 1024); // streams in the writer (> 4 MiB) and in extraction (> 8 MiB)

/** A tree with every kind of entry the writer must handle. */
function makeTree(root: string): void {
  const w = (rel: string, content: string | Buffer, mode = 0o644): void => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), content);
    chmodSync(join(root, rel), mode);
  };
  w('bin/tool', '#!/bin/sh\necho tool\n', 0o755);
  w('lib/pkg/__init__.py', 'VALUE = 1\n');
  w('lib/pkg/data/empty.txt', '');
  w('lib/pkg/big.bin', BIG);
  w(MID_PATH, 'mid\n');
  w(LONG_PATH, 'long\n');
  w('ünïcödé/naïve—名前😀.txt', 'unicode\n');
  w('a-b', 'sorts before a/ in byte order\n');
  w('a/z', 'inside a\n');
  mkdirSync(join(root, 'empty-dir'));
  symlinkSync('tool', join(root, 'bin/tool-link'));
  symlinkSync(LONG_LINK_TARGET, join(root, LONG_DIR, 'long-target-link'));
  symlinkSync('does-not-exist', join(root, 'dangling'));
  linkSync(join(root, 'lib/pkg/__init__.py'), join(root, 'lib/pkg/hardlinked.py'));
}

function byteSorted(paths: string[]): string[] {
  return [...paths].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

function sha(b: Buffer | string): string {
  return createHash('sha256').update(b).digest('hex');
}

describe('archive: deterministic writer and reader', () => {
  let base: string;
  let src: string;
  before(() => {
    base = tempDir('archive-');
    src = join(base, 'src');
    makeTree(src);
  });

  it('round-trips every kind of entry: records, read-back and extraction match the source tree', async () => {
    const out = join(base, 'rt.tar.gz');
    const r = await writeDeterministicTarGz(src, out);
    assert.equal(r.sha256, sha(readFileSync(out)));
    assert.equal(r.size, readFileSync(out).length);

    const byPath = new Map(r.files.map((f) => [f.path, f]));
    assert.deepEqual(
      r.files.map((f) => f.path),
      byteSorted(r.files.map((f) => f.path)),
      'records are in byte order',
    );
    assert.equal(byPath.get('bin/tool')!.mode, 0o755);
    assert.equal(byPath.get('lib/pkg/__init__.py')!.mode, 0o644);
    assert.equal(byPath.get('lib/pkg/big.bin')!.sha256, sha(BIG));
    assert.equal(byPath.get('lib/pkg/big.bin')!.size, BIG.length);
    assert.equal(byPath.get('lib/pkg/data/empty.txt')!.size, 0);
    assert.equal(byPath.get(LONG_PATH)!.sha256, sha('long\n'));
    assert.equal(byPath.get('ünïcödé/naïve—名前😀.txt')!.sha256, sha('unicode\n'));
    assert.deepEqual(byPath.get('bin/tool-link'), {
      path: 'bin/tool-link',
      sha256: sha('tool'),
      size: 4,
      mode: 0o777,
      link: 'tool',
    });
    assert.equal(byPath.get(`${LONG_DIR}/long-target-link`)!.link, LONG_LINK_TARGET);
    assert.equal(
      byPath.get('lib/pkg/hardlinked.py')!.sha256,
      sha('VALUE = 1\n'),
      'a hardlink is packed as a regular file',
    );
    assert.ok(!byPath.has('empty-dir'), 'directories are entries of the archive, not file records');

    // Read back: every entry in byte order, directories included, content equal to the source.
    const seen: TarEntryInfo[] = [];
    await readTarGz(out, (e, content) => {
      seen.push(e);
      if (e.type === 'file') {
        assert.ok(content);
        assert.equal(content.length, e.size);
        assert.equal(sha(content), e.sha256);
        assert.ok(content.equals(readFileSync(join(src, e.path))), `content of ${e.path}`);
      } else {
        assert.equal(content, null);
      }
    });
    assert.deepEqual(
      seen.map((e) => e.path),
      byteSorted(seen.map((e) => e.path)),
    );
    assert.ok(seen.some((e) => e.path === 'empty-dir' && e.type === 'dir'));
    const readRecords: FileRecord[] = seen
      .filter((e) => e.type !== 'dir')
      .map((e) => ({
        path: e.path,
        sha256: e.sha256!,
        size: e.size,
        mode: e.mode,
        ...(e.linkTarget !== undefined ? { link: e.linkTarget } : {}),
      }));
    assert.deepEqual(readRecords, r.files);

    const dest = join(base, 'rt-extracted');
    const extracted = await extractTarGz(out, dest);
    assert.deepEqual(extracted, r.files);
    assert.deepEqual(await hashTree(dest), r.files, 'the extracted tree hashes like the source');
    assert.ok(lstatSync(join(dest, 'empty-dir')).isDirectory());
    assert.equal(readlinkSync(join(dest, 'dangling')), 'does-not-exist');
    assert.equal(lstatSync(join(dest, 'bin/tool')).mode & 0o7777, 0o755);
  });

  it('writes byte-identical archives after touching mtimes, changing owners and group-write bits, and from a copy elsewhere', async () => {
    const first = join(base, 'det-1.tar.gz');
    const r1 = await writeDeterministicTarGz(src, first);
    const copy = join(base, 'copy-of-src');
    cpSync(src, copy, { recursive: true, verbatimSymlinks: true });
    const old = new Date('2011-11-11T11:11:11Z');
    utimesSync(join(copy, 'bin/tool'), old, old);
    utimesSync(join(copy, 'lib/pkg'), new Date(), new Date());
    chmodSync(join(copy, 'lib/pkg/__init__.py'), 0o664); // a umask of 002 on another host
    if (process.getuid?.() === 0) {
      chownSync(join(copy, 'lib/pkg/big.bin'), 4321, 4321);
      chownSync(join(copy, 'ünïcödé'), 1234, 1234);
    }
    const second = join(base, 'det-2.tar.gz');
    const r2 = await writeDeterministicTarGz(copy, second);
    assert.equal(r2.sha256, r1.sha256);
    assert.ok(readFileSync(first).equals(readFileSync(second)));
    // The gzip header carries no name and no time: bytes 4-7 (MTIME) are zero.
    assert.equal(readFileSync(first).readUInt32LE(4), 0);
    // A content change does change the archive: the comparison above can fail.
    writeFileSync(join(copy, 'a/z'), 'changed\n');
    const r3 = await writeDeterministicTarGz(copy, join(base, 'det-3.tar.gz'));
    assert.notEqual(r3.sha256, r1.sha256);
  });

  it('is listed and extracted correctly by GNU tar', async () => {
    const out = join(base, 'gnu.tar.gz');
    const r = await writeDeterministicTarGz(src, out);
    const list = await execa('tar', ['--numeric-owner', '-tvzf', out], { env: { LC_ALL: 'C.UTF-8', TZ: 'UTC' } });
    const lines = list.stdout.split('\n');
    const line = (p: string): string => {
      const found = lines.find((l) => l.endsWith(` ${p}`) || l.includes(` ${p} -> `));
      assert.ok(found, `GNU tar lists ${p}`);
      return found;
    };
    assert.match(line('bin/tool'), /^-rwxr-xr-x 0\/0 .* 2000-01-01 00:00 bin\/tool$/);
    assert.match(line('empty-dir/'), /^drwxr-xr-x 0\/0 /);
    assert.match(line(LONG_PATH), /^-rw-r--r-- 0\/0 +5 /);
    assert.match(line(MID_PATH), /^-rw-r--r-- 0\/0 +4 /);
    assert.ok(line('bin/tool-link').endsWith('bin/tool-link -> tool'));
    assert.ok(line(`${LONG_DIR}/long-target-link`).endsWith(` -> ${LONG_LINK_TARGET}`));
    line('ünïcödé/naïve—名前😀.txt');
    const gnuNames = lines.map((l) =>
      l
        .replace(/^\S+ \S+ +\d+ \S+ \S+ /, '')
        .replace(/ -> .*$/, '')
        .replace(/\/$/, ''),
    );
    assert.deepEqual(gnuNames, byteSorted(gnuNames), 'GNU tar sees the entries in byte order');
    assert.equal(FIXED_MTIME, Date.UTC(2000, 0, 1) / 1000);

    const dest = join(base, 'gnu-extracted');
    mkdirSync(dest);
    await execa('tar', ['-xzf', out, '-C', dest]);
    assert.deepEqual(await hashTree(dest), r.files);
    assert.ok(lstatSync(join(dest, 'empty-dir')).isDirectory());
  });

  it('reads archives written by GNU tar (gnu and pax formats) and by Python tarfile the same way', async () => {
    const expected = await hashTree(src);
    for (const format of ['gnu', 'pax']) {
      const out = join(base, `by-gnu-${format}.tar.gz`);
      await execa('tar', [`--format=${format}`, '-czf', out, '-C', src, '.']);
      const records: FileRecord[] = [];
      await readTarGz(out, (e) => {
        if (e.type !== 'dir')
          records.push({
            path: e.path,
            sha256: e.sha256!,
            size: e.size,
            mode: e.mode,
            ...(e.linkTarget !== undefined && e.type === 'symlink' ? { link: e.linkTarget } : {}),
          });
      });
      // GNU tar stores the second name of a hardlinked pair as a hardlink entry: the reader reports it with the file's hash.
      assert.deepEqual(
        byteSorted(records.map((r) => r.path)),
        expected.map((r) => r.path),
        format,
      );
      assert.deepEqual(
        records.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path))),
        expected,
        format,
      );
      const dest = join(base, `gnu-${format}-extracted`);
      assert.deepEqual(await extractTarGz(out, dest), expected, `extracting the ${format} archive`);
    }
    const py = join(base, 'by-python.tar.gz');
    await execa('/usr/bin/python3', [
      '-c',
      'import sys, tarfile\nwith tarfile.open(sys.argv[1], "w:gz", format=tarfile.PAX_FORMAT) as t: t.add(sys.argv[2], arcname=".")',
      py,
      src,
    ]);
    assert.deepEqual(await extractTarGz(py, join(base, 'py-extracted')), expected);
  });

  it('applies include and transform the same way in the writer and in hashTree, and appends the trailer last', async () => {
    const include = (rel: string, isDir: boolean): boolean => !(isDir && rel === 'lib/pkg/data') && rel !== 'a-b';
    const transform = (rel: string, content: Buffer): Buffer | undefined =>
      rel.endsWith('.py') ? Buffer.from(content.toString().replace('VALUE = 1', 'VALUE = 2')) : undefined;
    const out = join(base, 'filtered.tar.gz');
    let trailerSaw: FileRecord[] = [];
    const r = await writeDeterministicTarGz(src, out, {
      include,
      transform,
      trailer: (files) => {
        trailerSaw = files;
        return {
          'zz-manifest.json': Buffer.from(JSON.stringify(files.map((f) => f.path))),
          'A-first.json': Buffer.from('{}'),
        };
      },
    });
    assert.deepEqual(trailerSaw, r.files);
    assert.deepEqual(await hashTree(src, { include, transform }), r.files);
    assert.ok(!r.files.some((f) => f.path.startsWith('lib/pkg/data') || f.path === 'a-b'));
    assert.equal(r.files.find((f) => f.path === 'lib/pkg/__init__.py')!.sha256, sha('VALUE = 2\n'));
    assert.ok(!r.files.some((f) => f.path.endsWith('.json')), 'trailer files are not tree records');

    const order: string[] = [];
    const contents = new Map<string, Buffer>();
    await readTarGz(out, (e, c) => {
      order.push(e.path);
      if (c) contents.set(e.path, c);
    });
    assert.deepEqual(
      order.slice(-2),
      ['A-first.json', 'zz-manifest.json'],
      'trailer after the sorted tree, in byte order',
    );
    assert.deepEqual(
      JSON.parse(contents.get('zz-manifest.json')!.toString()),
      r.files.map((f) => f.path),
    );
    assert.equal(contents.get('lib/pkg/__init__.py')!.toString(), 'VALUE = 2\n');
    const listing = (await execa('tar', ['-tvzf', out])).stdout;
    assert.match(
      listing,
      /-rw-r--r-- root\/root +\d+ 2000-01-01 00:00 zz-manifest\.json|-rw-r--r-- 0\/0 +\d+ 2000-01-01 00:00 zz-manifest\.json/,
    );
  });

  it('leaves no file at outFile and no temp file when the write fails midway, and keeps an older good archive', async () => {
    const dir = join(base, 'interrupt');
    mkdirSync(dir);
    const out = join(dir, 'pkg.tar.gz');
    let calls = 0;
    const failing = (rel: string): Buffer | undefined => {
      if (++calls === 3) throw new Error(`simulated failure while packing ${rel}`);
      return undefined;
    };
    await assert.rejects(writeDeterministicTarGz(src, out, { transform: failing }), /simulated failure/);
    assert.deepEqual(readdirSync(dir), [], 'neither outFile nor a temp file is left');

    const good = await writeDeterministicTarGz(src, out);
    calls = 0;
    await assert.rejects(writeDeterministicTarGz(src, out, { transform: failing }), /simulated failure/);
    assert.deepEqual(readdirSync(dir), ['pkg.tar.gz']);
    assert.equal(sha(readFileSync(out)), good.sha256, 'the earlier archive is untouched');
  });

  it('refuses to extract into a non-empty directory', async () => {
    const out = join(base, 'rt.tar.gz');
    if (!existsSync(out)) await writeDeterministicTarGz(src, out);
    const dest = join(base, 'not-empty');
    mkdirSync(dest);
    writeFileSync(join(dest, 'old'), 'x');
    await assert.rejects(
      extractTarGz(out, dest),
      (err: Error) => err.name === 'UsageError' && /not empty/.test(err.message),
    );
  });
});
