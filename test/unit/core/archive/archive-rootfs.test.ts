// Rootfs mode of the archive layer (build roots): absolute symlinks mean "from the tree's root". The
// writer packs them as the equivalent relative link, the extractor turns them relative too (for
// tarballs from elsewhere, e.g. docker export) and skips device nodes; escapes are still refused.
import assert from 'node:assert/strict';
import { mkdirSync, readlinkSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { extractTarGz, UnsafeArchiveError, writeDeterministicTarGz } from '../../../../src/core/archive/archive.js';
import { rootRelativeTarget } from '../../../../src/core/archive/tar-paths.js';
import { tempDir } from '../../../helpers/runner.js';

// A rootfs as docker export writes it, with absolute links and a device node (GNU tar, not our writer).
const PY_ROOTFS = `
import io, sys, tarfile
with tarfile.open(sys.argv[1], 'w:gz', format=tarfile.PAX_FORMAT) as t:
    def add(name, kind='file', link='', data=b''):
        ti = tarfile.TarInfo(name); ti.mode = 0o755 if kind == 'dir' else 0o644
        if kind == 'dir': ti.type = tarfile.DIRTYPE
        elif kind == 'sym': ti.type = tarfile.SYMTYPE; ti.linkname = link
        elif kind == 'chr': ti.type = tarfile.CHRTYPE; ti.devmajor = 1; ti.devminor = 3
        else: ti.size = len(data)
        t.addfile(ti, io.BytesIO(data) if kind == 'file' else None)
    for d in ['etc', 'etc/alternatives', 'usr', 'usr/bin', 'dev']: add(d, 'dir')
    add('usr/bin/mawk', data=b'#!/bin/sh\\n')
    add('etc/alternatives/awk', 'sym', '/usr/bin/mawk')
    add('usr/bin/awk', 'sym', '/etc/alternatives/awk')
    add('lib64', 'sym', '/usr/lib64')
    add('dev/null', 'chr')
    if len(sys.argv) > 2: add('usr/bin/up', 'sym', sys.argv[2])
`;

describe('archive: rootfs mode', () => {
  it('turns an absolute target into the relative link that means the same inside the root', () => {
    assert.equal(rootRelativeTarget('usr/bin/awk', '/etc/alternatives/awk'), '../../etc/alternatives/awk');
    assert.equal(rootRelativeTarget('lib64', '/usr/lib64'), 'usr/lib64');
    assert.equal(rootRelativeTarget('usr/bin/x', '/usr/bin'), '.');
    assert.equal(rootRelativeTarget('usr/bin/x', '/../../etc'), '../../etc');
    assert.equal(rootRelativeTarget('usr/bin/x', 'mawk'), 'mawk');
  });

  it('packs a tree with absolute links only in rootfs mode, and the result resolves inside', async () => {
    const dir = tempDir('rootfs-w-');
    const tree = join(dir, 'tree');
    mkdirSync(join(tree, 'usr', 'bin'), { recursive: true });
    mkdirSync(join(tree, 'etc', 'alternatives'), { recursive: true });
    writeFileSync(join(tree, 'usr', 'bin', 'mawk'), 'x');
    symlinkSync('/usr/bin/mawk', join(tree, 'etc', 'alternatives', 'awk'));
    symlinkSync('/etc/alternatives/awk', join(tree, 'usr', 'bin', 'awk'));
    await assert.rejects(writeDeterministicTarGz(tree, join(dir, 'plain.tar.gz')), /absolute target/);
    const w = await writeDeterministicTarGz(tree, join(dir, 'root.tar.gz'), { rootfs: true });
    assert.deepEqual(
      w.files.filter((f) => f.link).map((f) => [f.path, f.link]),
      [
        ['etc/alternatives/awk', '../../usr/bin/mawk'],
        ['usr/bin/awk', '../../etc/alternatives/awk'],
      ],
    );
    const out = join(dir, 'out');
    await extractTarGz(join(dir, 'root.tar.gz'), out);
    assert.equal(readlinkSync(join(out, 'usr', 'bin', 'awk')), '../../etc/alternatives/awk');
  });

  it('extracts a docker-export-like tarball: absolute links made relative, device nodes skipped', async () => {
    const dir = tempDir('rootfs-x-');
    const a = join(dir, 'export.tar.gz');
    await execa('/usr/bin/python3', ['-c', PY_ROOTFS, a]);
    await assert.rejects(extractTarGz(a, join(dir, 'plain')), UnsafeArchiveError);
    const out = join(dir, 'root');
    await extractTarGz(a, out, undefined, { rootfs: true });
    assert.equal(readlinkSync(join(out, 'usr', 'bin', 'awk')), '../../etc/alternatives/awk');
    assert.equal(readlinkSync(join(out, 'lib64')), 'usr/lib64');
    assert.deepEqual(readdirSync(join(out, 'dev')), []);
  });

  it('still refuses a link that climbs out of the root', async () => {
    const dir = tempDir('rootfs-y-');
    const a = join(dir, 'evil.tar.gz');
    await execa('/usr/bin/python3', ['-c', PY_ROOTFS, a, '../../../outside']);
    await assert.rejects(extractTarGz(a, join(dir, 'root'), undefined, { rootfs: true }), /outside the archive root/);
  });
});
