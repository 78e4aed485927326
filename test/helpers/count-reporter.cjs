// Mocha's spec reporter, plus the plain closing line CI reads: "N passed, N failed[, N skipped]".
'use strict';
const Mocha = require('mocha');
const { EVENT_RUN_END } = Mocha.Runner.constants;

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats ?? {};
      const skipped = s.pending ? `, ${s.pending} skipped` : '';
      // Printed after the spec reporter's own epilogue, on a line of its own.
      setImmediate(() => process.stdout.write(`\n${s.passes ?? 0} passed, ${s.failures ?? 0} failed${skipped}\n`));
    });
  }
}

module.exports = CountReporter;
