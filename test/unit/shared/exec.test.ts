// run() never waits for a grandchild that escaped into a session of its own and keeps stdout open:
// `fingerprint --timeout 2` was stretched to 20-101 s by one (`setsid sleep 100 &` in a fake python).
import assert from 'node:assert/strict';
import { run } from '../../../src/shared/exec.js';

/** Whether a process is alive (signal 0). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('run(): a setsid grandchild holding stdout', function () {
  this.timeout(60_000);

  for (const [what, script, timeoutMs] of [
    ['the child exits at once', 'setsid sleep 40 & echo "$!"; exit 0', 30_000],
    ['the child is killed by the timeout', 'setsid sleep 40 & echo "$!"; sleep 40', 2_000],
  ] as const) {
    it(`${what}: run() returns while the grandchild still runs, with what the child printed`, async () => {
      const r = await run('sh', ['-c', script], { timeoutMs });
      const pid = Number(r.stdout.trim());
      try {
        assert.ok(pid > 0, r.stdout);
        assert.equal(alive(pid), true, 'run() returned before the grandchild ended: it did not wait for it');
        assert.equal(r.timedOut, timeoutMs === 2_000);
        if (!r.timedOut) assert.equal(r.exitCode, 0);
      } finally {
        if (pid > 0) process.kill(pid, 'SIGKILL');
      }
    });
  }
});
