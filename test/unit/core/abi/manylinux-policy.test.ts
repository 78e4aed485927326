// The manylinux policy table: the committed data names its source, the table the code uses is exactly
// that data, and it says what PEP 513/599/600 and auditwheel say about well-known tags and libraries.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  claimedPolicy,
  MANYLINUX_POLICIES,
  manylinuxTag,
  POLICY_SOURCE,
  policyOf,
} from '../../../../src/core/abi/manylinux-policy.js';
import { manylinuxGlibc } from '../../../../src/core/abi/wheel-tags.js';
import { wheelGlibcFloor } from '../../../../src/core/deps/lock-glibc.js';
import { GLIBC_LIBRARIES } from '../../../../src/core/abi/linkage.js';

const DATA_FILE = join(import.meta.dirname, '..', '..', '..', '..', 'src', 'core', 'abi', 'manylinux-policy.json');

interface DataPolicy {
  name: string;
  aliases: string[];
  priority: number;
  lib_whitelist: string[];
}

describe('the manylinux policy table', () => {
  const data = JSON.parse(readFileSync(DATA_FILE, 'utf8')) as {
    source: typeof POLICY_SOURCE;
    policies: DataPolicy[];
  };

  it('names its source: auditwheel at a release and commit, the file, its URL and sha256', () => {
    assert.equal(data.source.project, 'pypa/auditwheel');
    assert.match(data.source.version, /^\d+\.\d+\.\d+$/);
    assert.match(data.source.commit, /^[0-9a-f]{40}$/);
    assert.equal(data.source.path, 'src/auditwheel/policy/manylinux-policy.json');
    assert.equal(
      data.source.url,
      `https://github.com/pypa/auditwheel/blob/${data.source.version}/src/auditwheel/policy/manylinux-policy.json`,
    );
    assert.match(data.source.sha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(POLICY_SOURCE, data.source);
  });

  it('the table the code uses is exactly the data file: every policy, its aliases and its libraries', () => {
    const fromData = data.policies
      .filter((p) => p.name !== 'linux') // auditwheel's "linux" entry is the absence of a policy
      .map((p) => ({ name: p.name, aliases: [...p.aliases], libraries: [...p.lib_whitelist].sort() }));
    const fromCode = MANYLINUX_POLICIES.map((p) => ({
      name: p.name,
      aliases: [...p.aliases],
      libraries: [...p.libraries].sort(),
    }));
    const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
    assert.deepEqual([...fromCode].sort(byName), [...fromData].sort(byName));
    // Oldest glibc first, and each policy's glibc is the one its PEP 600 name says.
    for (const p of MANYLINUX_POLICIES) assert.equal(`manylinux_${p.glibc.replace('.', '_')}`, p.name);
    const minors = MANYLINUX_POLICIES.map((p) => Number(p.glibc.split('.')[1]));
    assert.deepEqual(
      minors,
      [...minors].sort((a, b) => a - b),
    );
    // auditwheel's own order (priority) agrees: a newer glibc has a lower priority.
    const priority = new Map(data.policies.map((p) => [p.name, p.priority]));
    for (let i = 1; i < MANYLINUX_POLICIES.length; i++)
      assert.ok(priority.get(MANYLINUX_POLICIES[i].name)! < priority.get(MANYLINUX_POLICIES[i - 1].name)!);
  });

  it('known facts: manylinux2014 = manylinux_2_17 allows libgcc_s, libstdc++, libz; the legacy names', () => {
    const m2014 = policyOf('manylinux2014_x86_64')!;
    assert.equal(m2014.name, 'manylinux_2_17');
    assert.equal(policyOf('manylinux_2_17_x86_64'), m2014);
    for (const lib of ['libgcc_s.so.1', 'libstdc++.so.6', 'libz.so.1', 'libexpat.so.1', 'libGL.so.1'])
      assert.ok(m2014.libraries.has(lib), lib);
    for (const lib of ['libssl.so.3', 'libcrypto.so.3', 'libffi.so.8', 'libpython3.11.so.1.0', 'libcrypt.so.1'])
      assert.ok(!MANYLINUX_POLICIES.some((p) => p.libraries.has(lib)), `${lib} is allowed by no policy`);
    assert.equal(policyOf('manylinux2010_x86_64')!.name, 'manylinux_2_12');
    assert.equal(policyOf('manylinux1_x86_64')!.name, 'manylinux_2_5');
    assert.ok(!policyOf('manylinux_2_5_x86_64')!.libraries.has('libexpat.so.1'), 'libexpat came with manylinux2010');
    assert.ok(policyOf('manylinux_2_28_x86_64')!.libraries.has('libmvec.so.1'));
    // glibc's own libraries are on every list.
    for (const p of MANYLINUX_POLICIES)
      for (const lib of GLIBC_LIBRARIES.filter((l) => !l.startsWith('ld-linux')))
        assert.ok(p.libraries.has(lib), `${p.name}: ${lib}`);
  });

  it('which policy a tag claims: none for linux_*, any and musllinux; a level between two: the one below', () => {
    for (const tag of ['linux_x86_64', 'any', 'musllinux_1_2_x86_64', 'win_amd64', 'manylinux2099_x86_64'])
      assert.equal(policyOf(tag), undefined, tag);
    assert.equal(policyOf('manylinux_2_30_x86_64')!.name, 'manylinux_2_28');
    assert.equal(policyOf('manylinux_2_99_aarch64')!.name, MANYLINUX_POLICIES.at(-1)!.name);
    assert.equal(policyOf('manylinux_2_4_x86_64'), undefined, 'below the oldest policy');
    // The newest policy any of a wheel's tags claims.
    assert.equal(claimedPolicy(['manylinux_2_17_x86_64', 'manylinux_2_28_x86_64'])!.name, 'manylinux_2_28');
    assert.equal(claimedPolicy(['manylinux2014_x86_64', 'linux_x86_64'])!.name, 'manylinux_2_17');
    assert.equal(claimedPolicy(['linux_x86_64']), undefined);
  });

  it('wheel tags and lock --glibc-max read the legacy names from the same table', () => {
    assert.deepEqual(manylinuxTag('manylinux2014_aarch64'), { glibc: '2.17', arch: 'aarch64' });
    assert.deepEqual(manylinuxGlibc('manylinux2010_i686'), { glibc: '2.12', arch: 'i686' });
    assert.deepEqual(manylinuxGlibc('manylinux_2_28_x86_64'), { glibc: '2.28', arch: 'x86_64' });
    assert.equal(wheelGlibcFloor('numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl'), '2.17');
    assert.equal(wheelGlibcFloor('x-1.0-cp311-cp311-manylinux1_x86_64.whl'), '2.5');
  });
});
