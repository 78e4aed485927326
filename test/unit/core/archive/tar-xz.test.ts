// .tar.xz sources (CPython's release tarballs and Debian's orig tarballs of them) are read through xz
// with the same refusals as .tar.gz; a damaged xz stream is refused with xz's own verdict.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractTarGz, UnsafeArchiveError } from '../../../../src/core/archive/archive.js';
import { parseTarGz } from '../../../../src/core/archive/tar-read.js';

describe('tar.xz sources', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'pyh-xz-'));
    dirs.push(d);
    return d;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('extracts a real .tar.xz (made by tar -J) like a .tar.gz', async () => {
    const src = tmp();
    mkdirSync(join(src, 'Python-3.99.0', 'Modules'), { recursive: true });
    writeFileSync(join(src, 'Python-3.99.0', 'configure'), '#!/bin/sh\n');
    writeFileSync(join(src, 'Python-3.99.0', 'Modules', 'Setup'), '# setup\n');
    const archive = join(tmp(), 'Python-3.99.0.tar.xz');
    execFileSync('tar', ['-cJf', archive, '-C', src, 'Python-3.99.0']);
    const dest = join(tmp(), 'out');
    const records = await extractTarGz(archive, dest);
    assert.deepEqual(
      records.map((r) => r.path),
      ['Python-3.99.0/Modules/Setup', 'Python-3.99.0/configure'],
    );
    assert.equal(readFileSync(join(dest, 'Python-3.99.0', 'Modules', 'Setup'), 'utf8'), '# setup\n');
  });

  it('gives the sha256 of the .tar.xz file itself when asked (as it does for a .tar.gz), and none when not', async () => {
    const src = tmp();
    writeFileSync(join(src, 'a.txt'), 'a\n');
    const archive = join(tmp(), 'a.tar.xz');
    execFileSync('tar', ['-cJf', archive, '-C', src, 'a.txt']);
    const seen: string[] = [];
    const onHeader = (info: { path: string }) => {
      seen.push(info.path);
      return { write() {}, end() {} };
    };
    const asked = await parseTarGz(archive, undefined, onHeader, { fileSha256: true });
    assert.equal(asked.fileSha256, createHash('sha256').update(readFileSync(archive)).digest('hex'));
    assert.deepEqual(seen, ['a.txt']);
    const notAsked = await parseTarGz(archive, undefined, onHeader);
    assert.equal(notAsked.fileSha256, undefined);
  });

  it("refuses a damaged xz stream with xz's own verdict", async () => {
    const bad = join(tmp(), 'bad.tar.xz');
    writeFileSync(bad, Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), Buffer.from('garbage')]));
    await assert.rejects(extractTarGz(bad, join(tmp(), 'out')), (err: unknown) => {
      assert.ok(err instanceof UnsafeArchiveError);
      assert.match((err as Error).message, /not a valid xz stream.*xz exit 1/);
      return true;
    });
  });
});
