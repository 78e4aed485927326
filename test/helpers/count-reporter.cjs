// Mocha's spec reporter, then the slowest ten tests and hooks of the run (a `before all` hook that builds
// an interpreter is where a run's time goes, so hooks are ranked with the tests), then the plain
// closing line CI reads, always the very last line: "N passed, N failed[, N skipped]".
'use strict';
const Mocha = require('mocha');
const { EVENT_RUN_END, EVENT_TEST_END, EVENT_HOOK_END } = Mocha.Runner.constants;

/** How many to list: 10, or PYHERMETIC_TEST_SLOWEST (e.g. 40 to see every build of a run). */
const SLOWEST = Number(process.env.PYHERMETIC_TEST_SLOWEST) > 0 ? Number(process.env.PYHERMETIC_TEST_SLOWEST) : 10;

function fmt(ms) {
  if (ms >= 60_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  return `${ms} ms`;
}

/** The file a runnable comes from, relative to the working directory (mocha knows it per suite). */
function fileOf(runnable) {
  const file = runnable.file ?? runnable.parent?.file;
  return file ? require('node:path').relative(process.cwd(), file) : '?';
}

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const timed = [];
    runner.on(EVENT_TEST_END, (test) => {
      if (typeof test.duration === 'number')
        timed.push({ ms: test.duration, title: test.fullTitle(), file: fileOf(test) });
    });
    runner.on(EVENT_HOOK_END, (hook) => {
      // Hooks of a few ms (the reporter's own, cleanups) are not worth ranking.
      if (typeof hook.duration === 'number' && hook.duration >= 1000)
        timed.push({ ms: hook.duration, title: hook.fullTitle(), file: fileOf(hook) });
    });
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats ?? {};
      const skipped = s.pending ? `, ${s.pending} skipped` : '';
      const slowest = timed.sort((a, b) => b.ms - a.ms).slice(0, SLOWEST);
      // Printed after the spec reporter's own epilogue, the count on the last line of its own.
      setImmediate(() => {
        const lines = [`\nslowest ${slowest.length} (tests and hooks; whole run ${fmt(s.duration ?? 0)}):`];
        for (const t of slowest) lines.push(`  ${fmt(t.ms).padStart(12)}  ${t.title}  (${t.file})`);
        process.stdout.write(`${lines.join('\n')}\n\n${s.passes ?? 0} passed, ${s.failures ?? 0} failed${skipped}\n`);
      });
    });
  }
}

module.exports = CountReporter;
