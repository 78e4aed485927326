// cache audit's manylinux check, on wheels built byte by byte: a manylinux wheel keeps to the policy its
// tag claims; a library it bundles (even one too big to parse), or that a sibling wheel of the audited
// directory provides, is no breach; a linux_* wheel claims no policy and is not judged here.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readWheel, type WheelContents } from '../../../../src/core/abi/wheel.js';
import { policyBreaches, policyNeeds, wheelProvides } from '../../../../src/core/deps/audit-policy.js';
import { buildElf } from '../../../helpers/elf-builder.js';
import { tempDir } from '../../../helpers/runner.js';
import { buildWheel } from '../../../helpers/zip-builder.js';

const so = (needed: string[], soname?: string) => buildElf({ bits: 64, endian: 'little', needed, soname });

async function wheel(name: string, tag: string, files: { name: string; data: Buffer }[]): Promise<WheelContents> {
  const path = join(tempDir('audit-policy-'), `${name}-1.0-${tag}.whl`);
  writeFileSync(path, buildWheel(name, '1.0', [tag], files));
  return readWheel(path);
}

describe('cache audit: the manylinux policy a wheel claims', () => {
  it('libz, libstdc++, libgcc_s and glibc are on manylinux_2_17; libssl.so.3 is not: a breach naming the policy', async () => {
    const w = await wheel('demo', 'cp311-cp311-manylinux2014_x86_64', [
      { name: 'demo/_ok.so', data: so(['libz.so.1', 'libstdc++.so.6', 'libgcc_s.so.1', 'libc.so.6']) },
      { name: 'demo/_ssl.so', data: so(['libssl.so.3', 'libc.so.6']) },
    ]);
    const needs = policyNeeds(w);
    assert.equal(needs?.policy.name, 'manylinux_2_17');
    assert.deepEqual(needs?.members, [{ member: 'demo/_ssl.so', names: ['libssl.so.3'] }]);
    const [f, ...rest] = policyBreaches(w.path, needs!, new Set());
    assert.deepEqual(rest, []);
    assert.equal(f.member, 'demo/_ssl.so');
    assert.match(
      f.message,
      /^demo\/_ssl\.so: needs libssl\.so\.3 from the host, .*the policy its tag manylinux2014_x86_64 claims, manylinux_2_17 \(auditwheel [0-9.]+\), does not allow it: the wheel breaks the policy it claims$/,
    );
  });

  it('a bundled library (by file name or SONAME) and one a sibling wheel provides are no breach', async () => {
    const w = await wheel('demo', 'cp311-cp311-manylinux_2_28_x86_64', [
      { name: 'demo/_ext.so', data: so(['libbundled-ab12.so.1', 'libother.so.2', 'libsibling.so.13']) },
      { name: 'demo.libs/libbundled-ab12.so.1', data: so([]) },
      { name: 'demo.libs/anything.so', data: so([], 'libother.so.2') },
    ]);
    assert.deepEqual(policyNeeds(w)?.members, [{ member: 'demo/_ext.so', names: ['libsibling.so.13'] }]);
    const sibling = await wheel('sibling', 'py3-none-manylinux_2_28_x86_64', [
      { name: 'sibling/lib/libsibling.so.13', data: so([]) },
    ]);
    assert.ok(wheelProvides(sibling).includes('libsibling.so.13'));
    assert.deepEqual(policyBreaches(w.path, policyNeeds(w)!, new Set(wheelProvides(sibling))), []);
    assert.equal(policyBreaches(w.path, policyNeeds(w)!, new Set()).length, 1);
  });

  it('a linux_x86_64 wheel claims no policy: not judged here (verify judges it, where it can be declared)', async () => {
    const w = await wheel('built', 'cp311-cp311-linux_x86_64', [{ name: 'built/_x.so', data: so(['libstdc++.so.6']) }]);
    assert.equal(policyNeeds(w), undefined);
  });
});
