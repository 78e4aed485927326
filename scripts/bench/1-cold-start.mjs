// The runner's cold start: `node runner.mjs --version` against `node -e 0`. Goal: adds ≤ 100 ms.
import { RUNNER, fmt, medianOf } from './_util.mjs';

export default async function coldStart() {
  const n = 15;
  const bare = medianOf(n, [process.execPath, '-e', '0']);
  const runner = medianOf(n, [process.execPath, RUNNER, '--version']);
  const added = runner - bare;
  return [
    {
      name: 'cold-start',
      figures: `runner --version ${fmt(runner)}, node -e 0 ${fmt(bare)}, added ${fmt(added)} (median of ${n})`,
      ratio: runner / bare,
      goal: 100,
      goalText: 'added ≤ 100 ms',
      ok: added <= 100,
    },
  ];
}
