// The "only glibc" self-check of an interpreter prefix, on real ELF files: system files of this machine
// and extension modules of real manylinux wheels from the local mirror. Each verdict is compared with
// binutils' readelf, so the check cannot pass by reading nothing.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assertOnlyGlibc, elfFilesOf, prefixLinkage } from '../../../../src/core/interpreter/portable-check.js';
import { compareGlibc } from '../../../../src/core/abi/linkage.js';
import { EnvironmentError } from '../../../../src/shared/errors.js';
import { tempDir } from '../../../helpers/runner.js';

const FILES = '/opt/pypi/files';
const wheel = (re: RegExp): string => {
  const found = readdirSync(FILES).filter((f) => re.test(f));
  assert.ok(found.length > 0, `no wheel matching ${re} in ${FILES}`);
  return join(FILES, found.sort()[0]);
};

async function readelfNeeded(file: string): Promise<string[]> {
  const r = await execa('readelf', ['-d', '-W', file]);
  return [...r.stdout.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]);
}

async function readelfGlibcMax(file: string): Promise<string | undefined> {
  const r = await execa('readelf', ['-V', '-W', file]);
  const versions = [...r.stdout.matchAll(/Name: GLIBC_(\d+\.\d+(?:\.\d+)?)/g)].map((m) => m[1]);
  return versions.sort(compareGlibc).pop();
}

describe('portable self-check: only glibc from the host', () => {
  let tree: string;

  before(async function () {
    if (!existsSync(FILES) || !existsSync('/usr/lib/x86_64-linux-gnu/libssl.so.3')) this.skip();
    tree = tempDir('prefix-check-');
    mkdirSync(join(tree, 'bin'));
    mkdirSync(join(tree, 'lib', 'python3.11', 'lib-dynload'), { recursive: true });
    copyFileSync('/usr/bin/true', join(tree, 'bin', 'true'));
    copyFileSync('/usr/lib/x86_64-linux-gnu/libssl.so.3', join(tree, 'lib', 'libssl.so.3'));
    // Real extension modules: MarkupSafe's needs only libc; Pillow's _imaging needs its bundled libraries.
    const x = tempDir('wheels-');
    await execa('unzip', ['-q', '-o', wheel(/^markupsafe-3\.0\.3-cp311-.*manylinux2014_x86_64.*\.whl$/), '-d', x]);
    await execa('unzip', ['-q', '-o', wheel(/^pillow-11\.3\.0-cp311-.*manylinux2014_x86_64.*\.whl$/), '-d', x]);
    const speedups = readdirSync(join(x, 'markupsafe')).find((f) => f.startsWith('_speedups.') && f.endsWith('.so'));
    const imaging = readdirSync(join(x, 'PIL')).find((f) => f.startsWith('_imaging.') && f.endsWith('.so'));
    assert.ok(speedups && imaging);
    copyFileSync(join(x, 'markupsafe', speedups), join(tree, 'lib', 'python3.11', 'lib-dynload', speedups));
    copyFileSync(join(x, 'PIL', imaging), join(tree, 'lib', 'python3.11', 'lib-dynload', imaging));
  });

  it('reads every ELF file of the tree; needed and glibcFloor agree with readelf', async () => {
    const files = await elfFilesOf(tree);
    assert.equal(files.length, 4);
    const linkage = prefixLinkage(files);
    const union = new Set<string>();
    let floor: string | undefined;
    for (const f of files) {
      const needed = await readelfNeeded(join(tree, f.path));
      assert.deepEqual(f.info.needed, needed, f.path);
      for (const n of needed) union.add(n);
      const top = await readelfGlibcMax(join(tree, f.path));
      if (top && (!floor || compareGlibc(top, floor) > 0)) floor = top;
    }
    assert.deepEqual(linkage.needed, [...union].sort());
    assert.equal(linkage.glibcFloor, floor);
  });

  it('names each file and the non-glibc library it needs, and nothing that needs only glibc', async () => {
    const linkage = prefixLinkage(await elfFilesOf(tree));
    const byFile = new Map<string, string[]>();
    for (const v of linkage.violations) byFile.set(v.path, [...(byFile.get(v.path) ?? []), v.library]);
    assert.deepEqual(byFile.get('lib/libssl.so.3'), ['libcrypto.so.3']);
    const imaging = [...byFile.keys()].find((p) => p.includes('_imaging.'));
    assert.ok(imaging, 'the Pillow extension (bundled libraries) is a violation');
    assert.ok(byFile.get(imaging)?.some((l) => /^lib(jpeg|tiff|openjp2|xcb|z|webp)/.test(l)));
    assert.ok(![...byFile.keys()].some((p) => p.includes('_speedups') || p === 'bin/true'));
    assert.throws(
      () => assertOnlyGlibc(linkage, tree),
      (err: unknown) => {
        assert.ok(err instanceof EnvironmentError);
        assert.equal(err.exitCode, 3);
        assert.match(err.message, /lib\/libssl\.so\.3 needs libcrypto\.so\.3/);
        assert.match(err.message, /_imaging\.cpython-311-x86_64-linux-gnu\.so needs lib/);
        return true;
      },
    );
  });

  it('accepts glibc-only trees, a declared libcrypt.so.1 and a libpython the prefix ships', async () => {
    const ok = tempDir('prefix-ok-');
    mkdirSync(join(ok, 'bin'));
    copyFileSync('/usr/bin/true', join(ok, 'bin', 'true'));
    assert.equal(prefixLinkage(await elfFilesOf(ok)).violations.length, 0);
    const fake = (path: string, needed: string[], soname?: string) => ({
      path,
      info: {
        bits: 64,
        endian: 'little',
        type: 'dyn',
        machine: 62,
        needed,
        runpath: [],
        rpath: [],
        soname,
        versionNeeds: [],
      },
    });
    const files = [
      fake('bin/python3.11', ['libpython3.11.so.1.0', 'libc.so.6', 'ld-linux-x86-64.so.2']),
      fake('lib/libpython3.11.so.1.0', ['libm.so.6', 'libcrypt.so.1'], 'libpython3.11.so.1.0'),
    ] as Parameters<typeof prefixLinkage>[0];
    assert.deepEqual(prefixLinkage(files).violations, [{ path: 'lib/libpython3.11.so.1.0', library: 'libcrypt.so.1' }]);
    assert.deepEqual(prefixLinkage(files, ['libcrypt.so.1']).violations, []);
  });
});
