// Hostile and broken archives, built with Python's tarfile and GNU tar (never with our own writer):
// each is refused with a message naming the archive and the entry, and nothing lands outside the
// destination. Also the writer's refusals of trees that cannot be packed safely.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { execa } from 'execa';
import {
  UnsafeArchiveError,
  extractTarGz,
  readTarGz,
  writeDeterministicTarGz,
  hashTree,
} from '../../../../src/core/archive/archive.js';
import { tempDir } from '../../../helpers/runner.js';

interface Spec {
  name: string;
  type?: 'file' | 'dir' | 'symlink' | 'hardlink' | 'chr' | 'fifo';
  data?: string;
  zeros?: number;
  link?: string;
  mode?: number;
}

// Writes a tar.gz whose entries are exactly as listed, however hostile: tarfile does not sanitise on write.
const PY_WRITER = `
import io, json, sys, tarfile
specs = json.loads(sys.argv[2])
with tarfile.open(sys.argv[1], 'w:gz', format=tarfile.PAX_FORMAT) as t:
    for s in specs:
        ti = tarfile.TarInfo(s['name'])
        ti.mode = 0o644
        kind = s.get('type', 'file')
        data = None
        if kind == 'file':
            data = s['data'].encode() if 'data' in s else bytes(s.get('zeros', 0))
            ti.size = len(data)
        elif kind == 'dir':
            ti.type = tarfile.DIRTYPE; ti.mode = 0o755
        elif kind == 'symlink':
            ti.type = tarfile.SYMTYPE; ti.linkname = s['link']
        elif kind == 'hardlink':
            ti.type = tarfile.LNKTYPE; ti.linkname = s['link']
        elif kind == 'chr':
            ti.type = tarfile.CHRTYPE; ti.devmajor = 1; ti.devminor = 3
        elif kind == 'fifo':
            ti.type = tarfile.FIFOTYPE
        if 'mode' in s: ti.mode = s['mode']
        t.addfile(ti, io.BytesIO(data) if data is not None else None)
`;

async function hostile(dir: string, name: string, specs: Spec[]): Promise<string> {
  const out = join(dir, name);
  await execa('/usr/bin/python3', ['-c', PY_WRITER, out, JSON.stringify(specs)]);
  return out;
}

describe('archive: hostile and broken archives are refused', () => {
  let work: string;
  let archives: string;
  /** Where extraction happens: base/dest. After each refusal base must hold nothing but dest. */
  let caseNo = 0;
  before(() => {
    work = tempDir('hostile-');
    archives = join(work, 'archives');
    mkdirSync(archives);
  });

  async function expectRefused(
    archive: string,
    entry: string | undefined,
    reason: RegExp,
    limits?: Parameters<typeof extractTarGz>[2],
  ): Promise<void> {
    const base = join(work, `case-${++caseNo}`);
    mkdirSync(base);
    const dest = join(base, 'dest');
    const check = (err: unknown): boolean => {
      assert.ok(err instanceof UnsafeArchiveError, `expected UnsafeArchiveError, got ${String(err)}`);
      assert.ok(err.message.includes(archive), `message names the archive: ${err.message}`);
      if (entry !== undefined)
        assert.ok(err.message.includes(`"${entry}"`), `message names the entry ${entry}: ${err.message}`);
      assert.match(err.message, reason);
      assert.equal(err.exitCode, 2);
      return true;
    };
    await assert.rejects(extractTarGz(archive, dest, limits), check);
    assert.deepEqual(readdirSync(base), ['dest'], 'nothing was written beside the destination');
    await assert.rejects(
      readTarGz(archive, () => undefined, limits),
      check,
    );
  }

  it('a file named ../evil', async () => {
    const a = await hostile(archives, 'dotdot.tar.gz', [
      { name: 'ok.txt', data: 'fine' },
      { name: '../evil', data: 'pwned' },
    ]);
    await expectRefused(a, '../evil', /"\.\." component/);
  });

  it('a file named sub/../../evil (.. in the middle)', async () => {
    const a = await hostile(archives, 'dotdot-mid.tar.gz', [{ name: 'sub/../../evil', data: 'pwned' }]);
    await expectRefused(a, 'sub/../../evil', /"\.\." component/);
  });

  it('an absolute name', async () => {
    const target = join(work, 'absolute-evil');
    const a = await hostile(archives, 'absolute.tar.gz', [{ name: target, data: 'pwned' }]);
    await expectRefused(a, target, /absolute path/);
    assert.ok(!existsSync(target));
    const etc = await hostile(archives, 'etc.tar.gz', [{ name: '/etc/evil', data: 'pwned' }]);
    await expectRefused(etc, '/etc/evil', /absolute path/);
    assert.ok(!existsSync('/etc/evil'));
  });

  it('a symlink link -> /etc followed by link/passwd', async () => {
    const a = await hostile(archives, 'link-etc.tar.gz', [
      { name: 'link', type: 'symlink', link: '/etc' },
      { name: 'link/passwd', data: 'root::0:0::/:/bin/sh\n' },
    ]);
    await expectRefused(a, 'link', /points outside the archive root/);
  });

  it('a harmless-looking symlink used as a path to write through', async () => {
    const a = await hostile(archives, 'through-link.tar.gz', [
      { name: 'sub', type: 'dir' },
      { name: 'alias', type: 'symlink', link: 'sub' },
      { name: 'alias/x', data: 'x' },
    ]);
    await expectRefused(a, 'alias/x', /goes through the symlink alias/);
  });

  it('a relative symlink that climbs out, and a chain that escapes only through another link', async () => {
    const up = await hostile(archives, 'link-up.tar.gz', [
      { name: 'a/b/up', type: 'symlink', link: '../../../outside' },
    ]);
    await expectRefused(up, 'a/b/up', /points outside/);
    const chain = await hostile(archives, 'link-chain.tar.gz', [
      { name: 'e', type: 'symlink', link: 's/../escape' },
      { name: 's', type: 'symlink', link: '.' },
    ]);
    await expectRefused(chain, 'e', /outside the archive root through other symlinks/);
    const chainFirst = await hostile(archives, 'link-chain2.tar.gz', [
      { name: 's', type: 'symlink', link: '.' },
      { name: 'e', type: 'symlink', link: 's/../escape' },
    ]);
    await expectRefused(chainFirst, 'e', /points outside/);
  });

  it('a hardlink to ../../x and one to a file that is not in the archive', async () => {
    const a = await hostile(archives, 'hardlink-up.tar.gz', [{ name: 'h', type: 'hardlink', link: '../../x' }]);
    await expectRefused(a, 'h', /hardlink -> \.\.\/\.\.\/x/);
    const b = await hostile(archives, 'hardlink-abs.tar.gz', [{ name: 'h', type: 'hardlink', link: '/etc/passwd' }]);
    await expectRefused(b, 'h', /absolute/);
    const c = await hostile(archives, 'hardlink-missing.tar.gz', [{ name: 'h', type: 'hardlink', link: 'nowhere' }]);
    await expectRefused(c, 'h', /does not name an earlier regular file/);
  });

  it('a character device and a FIFO', async () => {
    const chr = await hostile(archives, 'chardev.tar.gz', [{ name: 'null', type: 'chr' }]);
    await expectRefused(chr, 'null', /character device/);
    const fifo = await hostile(archives, 'fifo.tar.gz', [{ name: 'pipe', type: 'fifo' }]);
    await expectRefused(fifo, 'pipe', /FIFO/);
  });

  it('the same path twice (which one would win is up to the extractor)', async () => {
    const a = await hostile(archives, 'dup.tar.gz', [
      { name: 'x', data: 'one' },
      { name: 'x', type: 'symlink', link: 'y' },
    ]);
    await expectRefused(a, 'x', /appears twice/);
  });

  it('a decompression bomb: by maxTotalBytes, and by the ratio once past a size that could hurt', async () => {
    const small = await hostile(archives, 'zeros-8m.tar.gz', [{ name: 'zeros.bin', zeros: 8 * 1024 * 1024 }]);
    assert.ok(readFileSync(small).length < 64 * 1024, '8 MiB of zeros in a few KiB: a ratio past 200');
    await expectRefused(small, undefined, /maxTotalBytes/, { maxTotalBytes: 1024 * 1024 });
    // 8 MiB costs nothing worth refusing: it is read whole, whatever its ratio (onnx ships such files).
    let size = 0;
    await readTarGz(small, (e) => {
      size = e.size;
    });
    assert.equal(size, 8 * 1024 * 1024);
    // The same archive where 4 MiB already could hurt: refused by the entry rule, naming the entry.
    await expectRefused(small, 'zeros.bin', /past 4 MiB.*maxRatio.*decompression bomb/, { memberHarmBytes: 4 << 20 });
    await expectRefused(small, undefined, /expands past 4 MiB.*maxRatio.*decompression bomb/, {
      archiveHarmBytes: 4 << 20,
    });
    // Past the real member harm size (64 MiB): refused by default, before the entry is read.
    const big = await hostile(archives, 'zeros-80m.tar.gz', [{ name: 'zeros.bin', zeros: 80 * 1024 * 1024 }]);
    await expectRefused(big, 'zeros.bin', /entry of 83886080 bytes \(past 64 MiB\).*maxRatio.*decompression bomb/);
    // With the ratio raised, the same archive is read fully: the limit is what refused it.
    await readTarGz(
      big,
      (e) => {
        size = e.size;
      },
      { maxRatio: 100000 },
    );
    assert.equal(size, 80 * 1024 * 1024);
  });

  it('a header that claims a huge entry the archive cannot contain (refused before any allocation)', async () => {
    const lie = join(archives, 'size-lie.tar.gz');
    await execa('/usr/bin/python3', [
      '-c',
      [
        'import sys, tarfile, gzip',
        'ti = tarfile.TarInfo("huge.bin"); ti.size = 3 * 1024**3',
        'open(sys.argv[1], "wb").write(gzip.compress(ti.tobuf(tarfile.GNU_FORMAT) + bytes(1024)))',
      ].join('\n'),
      lie,
    ]);
    await expectRefused(lie, 'huge.bin', /maxRatio/);
    await expectRefused(lie, 'huge.bin', /maxEntryBytes/, { maxEntryBytes: 1024 ** 3 });
  });

  it('too many entries', async () => {
    const a = await hostile(
      archives,
      'many.tar.gz',
      Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, data: '' })),
    );
    await expectRefused(a, 'f10', /maxEntries/, { maxEntries: 10 });
  });

  it('a truncated .tar.gz, a tar cut at a block boundary, random bytes, and an empty file', async () => {
    const srcDir = join(work, 'trunc-src');
    mkdirSync(srcDir);
    writeFileSync(join(srcDir, 'random.bin'), randomBytes(200 * 1024));
    const whole = join(archives, 'whole.tar.gz');
    await execa('tar', ['-czf', whole, '-C', srcDir, '.']);
    const bytes = readFileSync(whole);
    const cut = join(archives, 'truncated.tar.gz');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectRefused(cut, undefined, /not a valid gzip stream, or truncated/);

    // A complete gzip stream around an incomplete tar: the tar layer must notice.
    const tarOnly = (await execa('tar', ['-cf', '-', '-C', srcDir, '.'], { encoding: 'buffer' })).stdout as Uint8Array;
    const tarCut = join(archives, 'tar-cut.tar.gz');
    writeFileSync(tarCut, gzipSync(Buffer.from(tarOnly).subarray(0, 512 * 10)));
    await expectRefused(tarCut, 'random.bin', /truncated/);

    const rnd = join(archives, 'random.tar.gz');
    writeFileSync(rnd, randomBytes(4096));
    await expectRefused(rnd, undefined, /not a valid gzip stream/);
    const gzRandom = join(archives, 'gz-random.tar.gz');
    writeFileSync(gzRandom, gzipSync(randomBytes(4096)));
    await expectRefused(gzRandom, undefined, /checksum mismatch/);
    const empty = join(archives, 'empty.tar.gz');
    writeFileSync(empty, '');
    await expectRefused(empty, undefined, /truncated|not a valid gzip/);
  });

  it('accepts (not a refusal) a read-only directory whose entry comes after its files, and a repeated directory', async () => {
    const a = await hostile(archives, 'ro-dir-last.tar.gz', [
      { name: 'ro/sub/x.txt', data: 'x' },
      { name: 'ro/sub', type: 'dir', mode: 0o555 },
      { name: 'ro', type: 'dir', mode: 0o500 },
      { name: 'ro', type: 'dir', mode: 0o500 },
      { name: 'ro/y.txt', data: 'y', mode: 0o600 },
    ]);
    const dest = join(work, 'ro-dest');
    const records = await extractTarGz(a, dest);
    assert.deepEqual(
      records.map((r) => [r.path, r.mode]),
      [
        ['ro/sub/x.txt', 0o644],
        ['ro/y.txt', 0o600],
      ],
    );
    assert.equal(statSync(join(dest, 'ro')).mode & 0o7777, 0o500);
    assert.equal(statSync(join(dest, 'ro/sub')).mode & 0o7777, 0o555);
    assert.equal(readFileSync(join(dest, 'ro/sub/x.txt'), 'utf8'), 'x');
    chmodSync(join(dest, 'ro'), 0o755); // let the temp area be cleaned
  });

  it('a missing archive is a usage error naming it', async () => {
    await assert.rejects(
      readTarGz(join(archives, 'nope.tar.gz'), () => undefined),
      /archive not found: .*nope\.tar\.gz/,
    );
    await assert.rejects(
      extractTarGz(archives, join(work, 'dir-as-archive')),
      (err: Error) => err.name === 'UsageError' && /is not a regular file/.test(err.message),
    );
  });
});

describe('archive: the writer refuses trees it cannot pack safely', () => {
  let work: string;
  before(() => {
    work = tempDir('refuse-');
  });

  function tree(name: string): { root: string; out: string } {
    const root = join(work, name, 'tree');
    mkdirSync(join(root, 'sub'), { recursive: true });
    writeFileSync(join(root, 'sub', 'file.txt'), 'ok\n');
    return { root, out: join(work, name, 'out.tar.gz') };
  }

  async function expectWriterRefuses(root: string, out: string, path: string, reason: RegExp): Promise<void> {
    await assert.rejects(writeDeterministicTarGz(root, out), (err: Error) => {
      assert.equal(err.name, 'UsageError', String(err));
      assert.ok(err.message.includes(path), `message names ${path}: ${err.message}`);
      assert.match(err.message, reason);
      return true;
    });
    assert.ok(!existsSync(out));
    assert.deepEqual(
      readdirSync(join(out, '..')).filter((n) => n !== 'tree' && n !== 'secret'),
      [],
      'no temp file either',
    );
    await assert.rejects(hashTree(root), reason);
  }

  it('a FIFO', async () => {
    const { root, out } = tree('fifo');
    await execa('mkfifo', [join(root, 'sub', 'pipe')]);
    await expectWriterRefuses(root, out, join(root, 'sub', 'pipe'), /is a FIFO/);
  });

  it('a unix socket', async () => {
    const { root, out } = tree('socket');
    const sock = join(root, 'sub', 'daemon.sock');
    const server: Server = createServer();
    await new Promise<void>((res) => server.listen(sock, res));
    try {
      await expectWriterRefuses(root, out, sock, /is a socket/);
    } finally {
      await new Promise<void>((res) => server.close(() => res()));
    }
  });

  it('a device node (when this machine lets root make one)', async function () {
    const { root, out } = tree('device');
    const dev = join(root, 'sub', 'null');
    const made = await execa('mknod', [dev, 'c', '1', '3'], { reject: false });
    if (made.exitCode !== 0) this.skip();
    await expectWriterRefuses(root, out, dev, /is a character device/);
  });

  it('a file name that is not UTF-8 (archive paths and manifests are UTF-8)', async () => {
    const { root, out } = tree('latin1');
    writeFileSync(Buffer.concat([Buffer.from(`${root}/sub/caf`), Buffer.from([0xe9]), Buffer.from('.txt')]), 'x');
    await expectWriterRefuses(root, out, `${root}/sub/caf`, /not valid UTF-8/);
  });

  it('a gzip level out of range, and a trailer file that collides with the tree or climbs out', async () => {
    const { root, out } = tree('options');
    await assert.rejects(writeDeterministicTarGz(root, out, { level: 11 }), /gzip level 11 is out of range/);
    await assert.rejects(
      writeDeterministicTarGz(root, out, { trailer: () => ({ 'sub/file.txt': Buffer.from('x') }) }),
      /trailer file "sub\/file.txt" .* is also in the tree/,
    );
    await assert.rejects(
      writeDeterministicTarGz(root, out, { trailer: () => ({ '../x.json': Buffer.from('x') }) }),
      /not a plain relative path/,
    );
    assert.deepEqual(readdirSync(join(out, '..')), ['tree'], 'no archive and no temp file left');
  });

  it('symlinks leading out of the tree: absolute, climbing, and through another link', async () => {
    const abs = tree('abs-link');
    symlinkSync('/etc/passwd', join(abs.root, 'sub', 'passwd'));
    await expectWriterRefuses(
      abs.root,
      abs.out,
      join(abs.root, 'sub', 'passwd'),
      /points outside the tree \(absolute target\)/,
    );

    const up = tree('up-link');
    symlinkSync('../../outside', join(up.root, 'sub', 'up'));
    await expectWriterRefuses(up.root, up.out, join(up.root, 'sub', 'up'), /points outside the tree/);

    const chain = tree('chain-link');
    writeFileSync(join(chain.root, '..', 'secret'), 'outside\n');
    symlinkSync('.', join(chain.root, 's'));
    symlinkSync('s/../secret', join(chain.root, 'e'));
    await expectWriterRefuses(chain.root, chain.out, join(chain.root, 'e'), /outside the tree/);
  });
});
