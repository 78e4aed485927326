// The linkage rules must not cry wolf on real, auditwheel-repaired wheels: read each wheel of the mirror
// with the wheel reader, treat its members as the tree, and expect zero findings under a static
// interpreter with the glibc floor and the manylinux policy the wheel's own tag promises. The readers must also see
// every ELF member Python's zipfile sees.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { posix } from 'node:path';
import { linkageFindings, treeLinkageFindings } from '../../src/core/abi/linkage.js';
import { claimedPolicy } from '../../src/core/abi/manylinux-policy.js';
import { readWheel } from '../../src/core/abi/wheel.js';

const FILES = '/opt/pypi/files';
const WHEELS = [
  'numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
  'scipy-1.13.1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
  'pillow-12.3.0-cp311-cp311-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl',
  'lxml-6.1.3-cp311-cp311-manylinux_2_26_x86_64.manylinux_2_28_x86_64.whl',
  'grpcio-1.84.0-cp311-cp311-manylinux2014_x86_64.manylinux_2_17_x86_64.whl',
  'cryptography-50.0.2-cp311-abi3-manylinux_2_34_x86_64.whl',
];

/** The newest glibc any of the wheel's platform tags promises (manylinux2014 = 2.17). */
function glibcOfName(name: string): string {
  const versions = [...name.matchAll(/manylinux_(\d+)_(\d+)_/g)].map((m) => `${m[1]}.${m[2]}`);
  if (name.includes('manylinux2014')) versions.push('2.17');
  return versions.sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])).pop()!;
}

async function elfMembersByPython(path: string): Promise<string[]> {
  const script = `
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for n in z.namelist():
        if not n.endswith('/') and z.open(n).read(4) == b'\\x7fELF':
            print(n)
`;
  return String((await execa('/usr/bin/python3', ['-c', script, path])).stdout)
    .split('\n')
    .filter(Boolean)
    .sort();
}

describe('linkage rules on real wheels from the mirror', () => {
  for (const name of WHEELS) {
    it(`${name}: every ELF member found, every DT_NEEDED resolves as ld.so would, no false finding`, async () => {
      const path = `${FILES}/${name}`;
      const w = await readWheel(path);
      assert.deepEqual(w.problems, []);
      assert.deepEqual(w.elfs.map((e) => e.name).sort(), await elfMembersByPython(path));
      for (const e of w.elfs) assert.ok(e.info, `${e.name}: ${e.error}`);
      const findings = treeLinkageFindings(
        w.elfs.map((e) => ({ path: e.name, info: e.info! })),
        {
          staticInterpreter: true,
          glibcMax: glibcOfName(name),
          policy: claimedPolicy(w.fileName!.tags.map((t) => t.platform)),
        },
      );
      // scipy 1.13.1 really ships one extension with the build machine's RPATH /usr/local/lib: a true finding.
      const expected = name.startsWith('scipy-1.13.1')
        ? [
            {
              path: 'scipy/special/cython_special.cpython-311-x86_64-linux-gnu.so',
              message:
                "RPATH entry '/usr/local/lib' is an absolute path — a directory of the machine that built this file",
            },
          ]
        : [];
      assert.deepEqual(
        findings.map((f) => ({ path: f.path, message: f.message })),
        expected,
      );
    });
  }

  it('and the rules do bite on the same wheels: a lower floor, or a tree without the bundled libraries', async () => {
    const w = await readWheel(`${FILES}/${WHEELS[0]}`);
    const withLibs = w.elfs.filter((e) =>
      e.info!.needed.some((n) => n.startsWith('libopenblas') || n.startsWith('libgfortran')),
    );
    assert.ok(withLibs.length > 0);
    const e = withLibs[0];
    const missing = linkageFindings(e.info!, {
      path: e.name,
      staticInterpreter: true,
      glibcMax: '2.17',
      dirInTree: posix.dirname(e.name),
      existsInTree: () => false,
    });
    assert.ok(
      missing.some((f) => /resolves neither inside the package/.test(f.message)),
      JSON.stringify(missing),
    );
    const crypto = await readWheel(`${FILES}/${WHEELS[5]}`);
    const low = crypto.elfs.flatMap((x) =>
      linkageFindings(x.info!, { path: x.name, staticInterpreter: true, glibcMax: '2.17' }),
    );
    assert.ok(
      low.some((f) => /GLIBC_2\.3\d/.test(f.message)),
      JSON.stringify(low),
    );
  });
});
