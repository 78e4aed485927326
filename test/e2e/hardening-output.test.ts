// What a person sees, and the exit code a script sees, when the other end misbehaves: a reader that
// closes stderr early (`2>&1 | head -c 10`) must not turn exit 2 into exit 1 (it did in two runs of
// three: an unhandled EPIPE), and a python that leaves a setsid grandchild holding stdout must not
// stretch `fingerprint --timeout 2` to the grandchild's lifetime.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUNNER } from '../helpers/runner.js';
import { scratch } from '../helpers/scratch.js';

const scratchDirs = scratch();

describe('output to readers that misbehave', function () {
  this.timeout(5 * 60 * 1000);
  after(() => scratchDirs.cleanup());

  it('stderr closed early (2>&1 | head -c 10): the exit code stays 2, run after run', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await execa(
        'bash',
        [
          '-c',
          'node "$1" verify --artifact /nonexistent.tar.gz --tested /nonexistent 2>&1 | head -c 10 >/dev/null; echo "${PIPESTATUS[0]}"',
          'sh',
          RUNNER,
        ],
        { reject: false },
      );
      codes.push(r.stdout.trim());
    }
    assert.deepEqual(codes, Array(8).fill('2'));
  });

  it('a setsid grandchild holding stdout does not hold fingerprint --timeout 2: it returns while the grandchild runs', async () => {
    const dir = scratchDirs.dir('setsid-');
    const python = join(dir, 'python3');
    const pidFile = join(dir, 'grandchild.pid');
    writeFileSync(python, `#!/bin/sh\nsetsid sleep 60 &\necho $! > ${pidFile}\nsleep 60\n`);
    chmodSync(python, 0o755);
    const r = await execa(process.execPath, [RUNNER, 'fingerprint', '--python', python, '--timeout', '2'], {
      reject: false,
      timeout: 50_000,
    });
    const pid = Number((await execa('cat', [pidFile])).stdout.trim());
    try {
      assert.equal(r.exitCode, 3, r.stderr);
      assert.match(r.stderr, /did not answer the probe within 2 s and was killed/);
      // Still alive: the runner did not wait for it (it would have, for up to 60 s).
      assert.equal((await execa('kill', ['-0', String(pid)], { reject: false })).exitCode, 0);
    } finally {
      await execa('kill', ['-9', String(pid)], { reject: false });
    }
  });
});
