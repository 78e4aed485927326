// The runner's cold start: `node runner.mjs --version` against `node -e 0`, both started the same way.
// Every Jenkins step starts the runner once. Goal: the runner adds ≤ 50 ms.
import { fmt, medianOf } from './_util.mjs';

export default async function coldStart(ctx) {
  const n = 15;
  const bare = medianOf(n, [ctx.node, '-e', '0']);
  const runner = medianOf(n, ctx.argv(['--version']));
  const added = runner - bare;
  return [
    {
      name: 'cold-start',
      figures: `runner --version ${fmt(runner)}, node -e 0 ${fmt(bare)}, added ${fmt(added)} (median of ${n})`,
      ratio: runner / bare,
      goal: 50,
      goalText: 'added ≤ 50 ms',
      ok: added <= 50,
    },
  ];
}
