// The build key with and without a build root, the spec's buildRoot field, and the pure parts of
// buildroot create (what is packed, the lock's package list).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  debFileName,
  fixShadowDates,
  includeInRoot,
  installedPackages,
} from '../../../../src/core/interpreter/buildroot-create.js';
import { suiteOfOsRelease } from '../../../../src/core/interpreter/buildroot.js';
import { buildKeyOf } from '../../../../src/core/interpreter/hostkey.js';
import { SpecError, specSha256, validateSpec } from '../../../../src/core/interpreter/spec.js';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const portable = () => JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'specs', 'portable.json'), 'utf8'));
const ROOT_SHA = 'ab'.repeat(32);
const BOOKWORM = { compiler: 'gcc (Debian 12.2.0-14) 12.2.0', glibc: '2.36', machine: 'x86_64' };
const OTHER_HOSTS = [
  { ...BOOKWORM, glibc: '2.31' },
  { ...BOOKWORM, compiler: 'gcc (GCC) 13.2.1 20231205 (Red Hat 13.2.1-6)' },
  { compiler: 'gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0', glibc: '2.35', machine: 'x86_64' },
];

describe('build key and build root', () => {
  const spec = validateSpec({ ...portable(), buildRoot: { sha256: ROOT_SHA, urls: ['file:///r/buildroot.tar.gz'] } });
  const specSha = specSha256(spec);

  it("with a build root, the key does not change with the host's gcc or glibc", () => {
    const key = buildKeyOf(specSha, BOOKWORM, ROOT_SHA);
    for (const host of OTHER_HOSTS) assert.equal(buildKeyOf(specSha, host, ROOT_SHA), key);
    assert.equal(buildKeyOf(specSha, null, ROOT_SHA), key);
  });

  it('without one, it does', () => {
    const plain = specSha256(validateSpec(portable()));
    const key = buildKeyOf(plain, BOOKWORM);
    for (const host of OTHER_HOSTS) assert.notEqual(buildKeyOf(plain, host), key);
  });

  it('another build root is another key; its urls are not part of it', () => {
    assert.notEqual(buildKeyOf(specSha, null, 'cd'.repeat(32)), buildKeyOf(specSha, null, ROOT_SHA));
    const moved = validateSpec({ ...portable(), buildRoot: { sha256: ROOT_SHA, urls: ['https://example.invalid/r'] } });
    assert.equal(specSha256(moved), specSha);
    assert.notEqual(specSha256(validateSpec(portable())), specSha);
  });

  it('buildRoot is validated like source: a missing sha256 is a usage error naming the field', () => {
    for (const [buildRoot, field] of [
      [{ urls: ['file:///r.tar.gz'] }, 'buildRoot.sha256'],
      [{ sha256: 'xyz' }, 'buildRoot.sha256'],
      [{ sha256: ROOT_SHA, urls: ['ftp://h/r'] }, 'buildRoot.urls[0]'],
      [{ sha256: ROOT_SHA, url: 'x' }, 'buildRoot.url'],
      ['bullseye', 'buildRoot'],
    ] as const) {
      assert.throws(
        () => validateSpec({ ...portable(), buildRoot }),
        (err: unknown) => err instanceof SpecError && err.exitCode === 2 && err.message.includes(`${field}:`),
        JSON.stringify(buildRoot),
      );
    }
  });
});

describe('buildroot create (pure parts)', () => {
  it('leaves out logs, caches, host files and backups; keeps the directories', () => {
    for (const p of ['usr/bin/gcc-10', 'dev', 'var/log', 'var/cache/apt', 'etc/shadow', 'var/lib/dpkg/status'])
      assert.ok(includeInRoot(p), p);
    for (const p of [
      'dev/null',
      'var/log/dpkg.log',
      'var/cache/apt/archives/libc6_2.31-13+deb11u11_amd64.deb',
      'var/lib/apt/lists/x_Packages',
      'etc/hostname',
      'etc/resolv.conf',
      'var/lib/dpkg/status-old',
      'var/cache/debconf/templates.dat-old',
      'etc/shadow-',
      'debootstrap',
    ])
      assert.ok(!includeInRoot(p), p);
  });

  it("fixes /etc/shadow's last-change day", () => {
    const fixed = fixShadowDates(Buffer.from('root:*:20422:0:99999:7:::\nnobody:*::0:99999:7:::\n')).toString();
    assert.equal(fixed, 'root:*:3652:0:99999:7:::\nnobody:*::0:99999:7:::\n');
  });

  it("reads dpkg's status and names the .debs as debootstrap does", () => {
    const status = [
      'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.31-13+deb11u11',
      'Package: gone\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 1',
      'Package: bsdutils\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1:2.36.1-8+deb11u2',
    ].join('\n\n');
    const pkgs = installedPackages(status);
    assert.deepEqual(
      pkgs.map((p) => p.name),
      ['bsdutils', 'libc6'],
    );
    assert.equal(debFileName(pkgs[0]), 'bsdutils_1%3a2.36.1-8+deb11u2_amd64.deb');
  });

  it('takes the suite from os-release', () => {
    assert.equal(suiteOfOsRelease('ID=debian\nVERSION_ID="11"\nVERSION_CODENAME=bullseye\n'), 'bullseye');
    assert.equal(suiteOfOsRelease('NAME="CentOS Linux"\nID="centos"\nVERSION_ID="7"\n'), 'centos-7');
    assert.equal(suiteOfOsRelease(''), null);
  });
});
