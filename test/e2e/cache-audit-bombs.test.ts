// A bomb is judged by what it would cost (shared/expansion-limit.ts), measured with the built runner on
// real bytes: onnx 1.23.1 from the local mirror ships a test file that expands 1016 times (2,520 bytes →
// 2.56 MB) — an honest file, which the old rule (any ratio past 200 above 1 MiB) called a bomb — while
// a wheel with one member past 64 MiB, or with members that together pass 1 GiB, at a ratio past 200
// stays a finding, read at bounded memory.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { copyFileSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { runMeasured } from '../helpers/peak-rss.js';
import { tempDir } from '../helpers/runner.js';

const ONNX = '/opt/pypi/files/onnx-1.23.1-cp311-cp311-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl';
const MIB = 1024 * 1024;
/** Far above a runner at rest (~60-90 MiB) and far below a bomb member held whole. */
const MEMORY_BOUND_MIB = 300;

/** Members past `minSize` bytes that expand more than `minRatio` times, as Python's zipfile reads them. */
async function compressibleMembers(wheel: string, minSize: number, minRatio: number): Promise<string[]> {
  const script = `
import sys, zipfile
for i in zipfile.ZipFile(sys.argv[1]).infolist():
    if i.file_size > int(sys.argv[2]) and i.file_size / max(i.compress_size, 1) > float(sys.argv[3]):
        print(i.filename, i.compress_size, i.file_size)
`;
  const r = await execa('/usr/bin/python3', ['-c', script, wheel, String(minSize), String(minRatio)]);
  return r.stdout.split('\n').filter(Boolean);
}

/** A wheel whose members are `count` runs of `size` zero bytes, streamed by Python (never held whole). */
async function zerosWheel(out: string, dist: string, count: number, size: number): Promise<void> {
  const script = `
import sys, zipfile
out, dist, count, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr(f'{dist}-1.0.dist-info/WHEEL', 'Wheel-Version: 1.0\\nRoot-Is-Purelib: false\\nTag: cp311-cp311-manylinux_2_17_x86_64\\n')
    zero = bytes(1 << 20)
    for n in range(count):
        with z.open(f'{dist}/zeros{n}.bin', 'w', force_zip64=True) as f:
            for _ in range(size >> 20): f.write(zero)
`;
  await execa('/usr/bin/python3', ['-c', script, out, dist, String(count), String(size)]);
}

describe('cache audit: a bomb is judged by what it would cost', function () {
  this.timeout(10 * 60 * 1000);

  it('onnx 1.23.1 from the mirror is clean; a member past 64 MiB and a wheel past 1 GiB at ~1000x are findings', async () => {
    // Red: onnx has a member past the old rule's 1 MiB floor at a ratio past 200.
    const members = await compressibleMembers(ONNX, MIB, 200);
    assert.ok(
      members.some((m) => m.startsWith('onnx/backend/test/data/pytorch-operator/test_operator_conv/')),
      `onnx has no highly compressible member any more: ${members.join('\n')}`,
    );
    const dir = tempDir('audit-bombs-');
    copyFileSync(ONNX, join(dir, basename(ONNX)));
    const member = join(dir, 'member-1.0-cp311-cp311-manylinux_2_17_x86_64.whl');
    await zerosWheel(member, 'member', 1, 96 * MIB);
    const spread = join(dir, 'spread-1.0-cp311-cp311-manylinux_2_17_x86_64.whl');
    await zerosWheel(spread, 'spread', 20, 60 * MIB);
    assert.ok(statSync(spread).size < 2 * MIB, `${statSync(spread).size} bytes: a bomb`);

    const r = await runMeasured(['cache', 'audit', dir, '--interpreter', '/usr/bin/python3', '--json']);
    console.log(`      cache audit of onnx + 2 bombs: exit ${r.exitCode}, peak RSS ${r.peakMiB} MiB`);
    assert.equal(r.exitCode, 1, r.stderr);
    const doc = JSON.parse(r.stdout);
    const of = (part: string) => doc.findings.filter((f: any) => String(f.wheel).includes(part));
    assert.deepEqual(of('onnx-1.23.1'), [], 'onnx is an honest wheel');
    assert.equal(of('member-1.0').length, 1);
    assert.match(of('member-1.0')[0].message, /zeros0\.bin expands \d+ times .*past 64 MiB.*decompression bomb/);
    assert.equal(of('spread-1.0').length, 1);
    assert.match(of('spread-1.0')[0].message, /declare \d+ bytes \(past 1 GiB\).*decompression bomb/);
    assert.ok(r.peakMiB < MEMORY_BOUND_MIB, `peak RSS ${r.peakMiB} MiB`);
    rmSync(dir, { recursive: true, force: true }); // /tmp is shared: the copy of onnx is 10 MB
  });
});
