import assert from 'node:assert/strict';
import { parseElf, type ElfInfo } from '../../../../src/core/abi/elf.js';
import {
  compareGlibc,
  expandOrigin,
  isGlibcLibrary,
  isLibpython,
  SONAME_RE,
  linkageFindings,
  parseGlibcVersion,
  treeLinkageFindings,
  type LinkageContext,
} from '../../../../src/core/abi/linkage.js';
import { policyOf } from '../../../../src/core/abi/manylinux-policy.js';
import { buildElf } from '../../../helpers/elf-builder.js';

function elf(p: Partial<ElfInfo>): ElfInfo {
  return {
    bits: 64,
    endian: 'little',
    type: 'dyn',
    machine: 62,
    needed: [],
    runpath: [],
    rpath: [],
    versionNeeds: [],
    ...p,
  };
}

const base: LinkageContext = { path: 'pkg/_ext.so', staticInterpreter: true, glibcMax: '2.17' };
const messages = (info: ElfInfo, ctx: Partial<LinkageContext> = {}) =>
  linkageFindings(info, { ...base, ...ctx }).map((f) => f.message);

describe('linkage rules', () => {
  it('a clean extension (libc, libm, libpthread, ld-linux, GLIBC ≤ 2.17) has no finding', () => {
    const info = elf({
      needed: ['libc.so.6', 'libm.so.6', 'libpthread.so.0', 'ld-linux-x86-64.so.2'],
      versionNeeds: [{ file: 'libc.so.6', versions: ['GLIBC_2.2.5', 'GLIBC_2.14', 'GLIBC_2.17', 'GLIBC_PRIVATE'] }],
    });
    assert.deepEqual(linkageFindings(info, { ...base, dirInTree: 'pkg', existsInTree: () => false }), []);
  });

  it("glibc's libraries and ld-linux variants are glibc's; libssl, libstdc++, libcrypt, libpython, libfoo are not", () => {
    for (const n of [
      'libc.so.6',
      'libdl.so.2',
      'librt.so.1',
      'libutil.so.1',
      'ld-linux-x86-64.so.2',
      'ld-linux-aarch64.so.1',
      'ld-linux.so.2',
    ])
      assert.ok(isGlibcLibrary(n), n);
    for (const n of [
      'libssl.so.3',
      'libstdc++.so.6',
      'libcrypt.so.1',
      'libpython3.11.so.1.0',
      'libfoo.so',
      'libc.so.7',
      'ld-linux-x86-64.so',
    ])
      assert.ok(!isGlibcLibrary(n), n);
  });

  it("without a policy only glibc's libraries come from the host; a wheel's manylinux policy adds its list", () => {
    for (const n of ['libc.so.6', 'libm.so.6', 'libpthread.so.0', 'libdl.so.2', 'librt.so.1', 'libutil.so.1'])
      assert.ok(isGlibcLibrary(n), n);
    assert.ok(isGlibcLibrary('ld-linux-x86-64.so.2'));
    for (const n of ['libstdc++.so.6', 'libgcc_s.so.1', 'libz.so.1', 'libcrypt.so.1', 'libssl.so.3'])
      assert.ok(!isGlibcLibrary(n), n);
    const ctx: Partial<LinkageContext> = { dirInTree: 'pkg', existsInTree: () => false };
    const needsStd = elf({ needed: ['libstdc++.so.6', 'libc.so.6'] });
    const manylinux2014 = policyOf('manylinux2014_x86_64');
    assert.deepEqual(messages(needsStd, { ...ctx, policy: manylinux2014 }), []);
    assert.match(messages(needsStd, ctx)[0], /needs libstdc\+\+\.so\.6, .*nor is one of glibc's libraries$/);
    assert.deepEqual(messages(needsStd, { ...ctx, extraAllowed: ['libstdc++.so.6'] }), []);
    const tree = (policy = policyOf('linux_x86_64')) =>
      treeLinkageFindings([{ path: 'a/_x.so', info: elf({ needed: ['libssl.so.3', 'libstdc++.so.6'] }) }], {
        staticInterpreter: true,
        glibcMax: '2.17',
        policy,
      }).map((f) => f.message);
    assert.equal(tree().length, 2);
    assert.deepEqual(tree(manylinux2014), [
      "needs libssl.so.3, which resolves neither inside the package (through an $ORIGIN RUNPATH/RPATH of it or of what loads it) nor is one of glibc's libraries or on the manylinux_2_17 policy's list",
    ]);
    for (const n of ['libssl.so.3', 'libstdc++.so.6', 'ld-linux-x86-64.so.2', 'libtk8.6.so', 'libfoo.so'])
      assert.ok(SONAME_RE.test(n), n);
    for (const n of ['libssl', '../libssl.so.3', 'lib ssl.so', '-rf.so.1x']) assert.ok(!SONAME_RE.test(n), n);
  });

  it('libpython names', () => {
    for (const n of [
      'libpython3.11.so.1.0',
      'libpython3.7m.so.1.0',
      'libpython3.so',
      'libpython3.13t.so.1.0',
      'libpython2.7.so',
    ])
      assert.ok(isLibpython(n), n);
    for (const n of ['libpythonista.so', 'libpython3.11.a', 'python3.11']) assert.ok(!isLibpython(n), n);
  });

  it('libpython under a static interpreter is a finding saying it was built by a shared interpreter', () => {
    const info = elf({ needed: ['libpython3.11.so.1.0', 'libc.so.6'] });
    const f = linkageFindings(info, base);
    assert.equal(f.length, 1);
    assert.equal(f[0].path, 'pkg/_ext.so');
    assert.match(f[0].message, /needs libpython3\.11\.so\.1\.0.*static/);
    assert.match(f[0].fix, /built by a shared interpreter: rebuild it with this interpreter/);
    assert.match(f[0].fix, /never share a pip cache across interpreters/);
  });

  it("libpython under a shared interpreter: fine when it is that interpreter's, a finding for another version", () => {
    const info = elf({ needed: ['libpython3.11.so.1.0'] });
    assert.deepEqual(messages(info, { staticInterpreter: false, libpython: 'libpython3.11.so.1.0' }), []);
    assert.match(
      messages(elf({ needed: ['libpython3.10.so.1.0'] }), {
        staticInterpreter: false,
        libpython: 'libpython3.11.so.1.0',
      })[0],
      /another Python version/,
    );
    // In a package: resolved when lib/ holds it (the executable loaded it), a finding when it is missing.
    const inTree = {
      staticInterpreter: false,
      dirInTree: 'lib/python3.11/site-packages/x',
      existsInTree: (p: string) => p === 'lib/libpython3.11.so.1.0',
    };
    assert.deepEqual(messages(info, inTree), []);
    assert.match(messages(info, { ...inTree, existsInTree: () => false })[0], /not inside the package/);
  });

  it('absolute RUNPATH and RPATH entries are findings naming the entry; $ORIGIN entries are not', () => {
    const info = elf({
      needed: ['libc.so.6'],
      runpath: ['$ORIGIN/../lib', '/home/builder/lib'],
      rpath: ['${ORIGIN}', '/opt/x'],
    });
    const m = messages(info);
    assert.equal(m.length, 2, m.join('\n'));
    assert.match(m[0], /RUNPATH entry '\/home\/builder\/lib' is an absolute path/);
    assert.match(m[1], /RPATH entry '\/opt\/x' is an absolute path/);
  });

  it('a RUNPATH relative to the working directory (or empty) is a finding', () => {
    assert.match(messages(elf({ runpath: ['build/lib'] }))[0], /working directory/);
    assert.match(messages(elf({ runpath: [''] }))[0], /empty entry/);
    assert.match(messages(elf({ runpath: ['$ORIGINAL/lib'] }))[0], /working directory/);
  });

  it('an $ORIGIN entry that climbs out of the package is a finding only when the tree is known', () => {
    const info = elf({ runpath: ['$ORIGIN/../../../usr/lib'] });
    assert.deepEqual(messages(info), []);
    assert.match(messages(info, { dirInTree: 'a/b', existsInTree: () => true })[0], /climbs out of the package/);
  });

  it('GLIBC above the floor: one finding naming the highest version and the floor', () => {
    const info = elf({
      needed: ['libc.so.6'],
      versionNeeds: [
        { file: 'libc.so.6', versions: ['GLIBC_2.2.5', 'GLIBC_2.34', 'GLIBC_2.28'] },
        { file: 'libm.so.6', versions: ['GLIBC_2.29'] },
      ],
    });
    const f = linkageFindings(info, base);
    assert.equal(f.length, 1);
    assert.match(
      f[0].message,
      /needs GLIBC_2\.34 \(GLIBC_2\.28, GLIBC_2\.29, GLIBC_2\.34\), above the glibc floor 2\.17/,
    );
    assert.match(f[0].fix, /manylinux_2_17/);
    assert.deepEqual(messages(info, { glibcMax: '2.34' }), []);
  });

  it('DT_NEEDED resolution inside a tree follows $ORIGIN RUNPATH, ignores RPATH when RUNPATH exists', () => {
    const files = new Set(['numpy/core/_m.so', 'numpy.libs/libopenblas-abc.so', 'numpy/core/libsame.so']);
    const exists = (p: string) => files.has(p);
    const ctx = { dirInTree: 'numpy/core', existsInTree: exists };
    assert.deepEqual(
      messages(elf({ needed: ['libopenblas-abc.so', 'libc.so.6'], runpath: ['$ORIGIN/../../numpy.libs'] }), ctx),
      [],
    );
    assert.deepEqual(messages(elf({ needed: ['libopenblas-abc.so'], rpath: ['$ORIGIN/../../numpy.libs'] }), ctx), []);
    // RUNPATH present → RPATH ignored by ld.so → unresolved.
    assert.match(
      messages(
        elf({ needed: ['libopenblas-abc.so'], runpath: ['$ORIGIN'], rpath: ['$ORIGIN/../../numpy.libs'] }),
        ctx,
      )[0],
      /needs libopenblas-abc\.so, which resolves neither/,
    );
    // The same directory only counts through $ORIGIN: the loader does not search it by itself.
    assert.equal(messages(elf({ needed: ['libsame.so'] }), ctx).length, 1);
    assert.deepEqual(messages(elf({ needed: ['libsame.so'], runpath: ['$ORIGIN'] }), ctx), []);
    // Not on the allowlist and not in the tree.
    assert.match(messages(elf({ needed: ['libssl.so.3'] }), ctx)[0], /libssl\.so\.3/);
    assert.deepEqual(messages(elf({ needed: ['libssl.so.3'] }), { ...ctx, extraAllowed: ['libssl.so.3'] }), []);
    // Without existsInTree (the audit) unresolved needs are not judged.
    assert.deepEqual(messages(elf({ needed: ['libssl.so.3'] })), []);
  });

  it('a DT_NEEDED that is a path is a finding', () => {
    assert.match(
      messages(elf({ needed: ['/usr/lib/libfoo.so'] }), { dirInTree: '', existsInTree: () => false })[0],
      /is a path/,
    );
  });

  it('expandOrigin', () => {
    assert.equal(expandOrigin('$ORIGIN/../lib', 'bin'), 'lib');
    assert.equal(expandOrigin('${ORIGIN}', 'a/b'), 'a/b');
    assert.equal(expandOrigin('$ORIGIN', ''), '');
    assert.equal(expandOrigin('$ORIGIN/..', ''), 'outside');
    assert.equal(expandOrigin('/usr/lib', 'a'), undefined);
  });

  it('glibc version compare and parse', () => {
    assert.ok(compareGlibc('GLIBC_2.34', '2.17') > 0);
    assert.ok(compareGlibc('2.2.5', '2.17') < 0);
    assert.equal(compareGlibc('GLIBC_2.17', '2.17'), 0);
    assert.equal(parseGlibcVersion('2.17'), '2.17');
    assert.equal(parseGlibcVersion('GLIBC_2.28'), '2.28');
    assert.equal(parseGlibcVersion('latest'), undefined);
  });

  it('works end to end on a hand-built ELF with every problem at once', () => {
    const info = parseElf(
      buildElf({
        bits: 64,
        endian: 'little',
        needed: ['libpython3.11.so.1.0', 'libc.so.6'],
        runpath: '/home/builder/lib',
        versionNeeds: [{ file: 'libc.so.6', versions: ['GLIBC_2.34'] }],
      }),
    );
    assert.equal(linkageFindings(info, base).length, 3);
  });

  describe('a whole tree, resolved the way ld.so loads it', () => {
    const rules = { staticInterpreter: true, glibcMax: '2.17' };
    const ext = (p: Partial<ElfInfo>) => ({ path: 'pkg/sub/_ext.so', info: elf(p) });
    const libA = (p: Partial<ElfInfo> = {}) => ({
      path: 'pkg.libs/libA-1.so',
      info: elf({ soname: 'libA-1.so', needed: ['libB-2.so', 'libc.so.6'], ...p }),
    });
    const libB = { path: 'pkg.libs/libB-2.so', info: elf({ soname: 'libB-2.so', needed: ['libc.so.6'] }) };
    const msgs = (files: { path: string; info: ElfInfo }[]) =>
      treeLinkageFindings(files, rules).map((f) => `${f.path}: ${f.message}`);

    it("RPATH is inherited: a bundled library without a search path finds its sibling through the extension's RPATH (scipy)", () => {
      assert.deepEqual(msgs([ext({ needed: ['libA-1.so'], rpath: ['$ORIGIN/../../pkg.libs'] }), libA(), libB]), []);
    });

    it('RUNPATH is not inherited: the same layout with RUNPATH fails, naming the library and who loads it', () => {
      const m = msgs([ext({ needed: ['libA-1.so'], runpath: ['$ORIGIN/../../pkg.libs'] }), libA(), libB]);
      assert.equal(m.length, 1, m.join('\n'));
      assert.match(m[0], /^pkg\.libs\/libA-1\.so: needs libB-2\.so \(when loaded by pkg\/sub\/_ext\.so\)/);
    });

    it('breadth-first: a library the extension itself needs is already loaded for its dependencies', () => {
      assert.deepEqual(
        msgs([ext({ needed: ['libA-1.so', 'libB-2.so'], runpath: ['$ORIGIN/../../pkg.libs'] }), libA(), libB]),
        [],
      );
    });

    it('a bundled library with its own $ORIGIN RUNPATH resolves by itself', () => {
      assert.deepEqual(
        msgs([
          ext({ needed: ['libA-1.so'], runpath: ['$ORIGIN/../../pkg.libs'] }),
          libA({ runpath: ['$ORIGIN'] }),
          libB,
        ]),
        [],
      );
    });

    it('a missing bundled library is a finding; a dependency cycle terminates', () => {
      const m = msgs([ext({ needed: ['libA-1.so'], rpath: ['$ORIGIN/../../pkg.libs'] }), libA()]);
      assert.equal(m.length, 1);
      assert.match(m[0], /needs libB-2\.so/);
      const cyc = [
        { path: 'l/a.so', info: elf({ soname: 'a.so', needed: ['b.so'], runpath: ['$ORIGIN'] }) },
        { path: 'l/b.so', info: elf({ soname: 'b.so', needed: ['a.so'], runpath: ['$ORIGIN'] }) },
      ];
      assert.deepEqual(msgs(cyc), []);
    });

    it('per-file checks still apply (libpython under a static interpreter, absolute RUNPATH)', () => {
      const m = msgs([ext({ needed: ['libpython3.11.so.1.0'], runpath: ['/home/builder/lib'] })]);
      assert.equal(m.length, 2, m.join('\n'));
    });

    it("libpython under a shared interpreter resolves from the prefix's lib/", () => {
      const shared = { staticInterpreter: false, glibcMax: '2.17' };
      const e = ext({ needed: ['libpython3.11.so.1.0'] });
      assert.deepEqual(
        treeLinkageFindings(
          [e, { path: 'lib/libpython3.11.so.1.0', info: elf({ soname: 'libpython3.11.so.1.0' }) }],
          shared,
        ),
        [],
      );
      assert.match(treeLinkageFindings([e], shared)[0].message, /not inside the package/);
    });
  });
});
