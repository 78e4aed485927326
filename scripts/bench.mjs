// `npm run bench`: every row measures pyhermetic against the plain tools doing the same work in the
// same run, and prints ratios (pyhermetic / plain; lower is better) with the goal each row has.
// `npm run bench -- NAME…` runs only those rows (file names without .mjs, e.g. 4-verify-pack).
//
// Before the rows: the machine setup scripts/test.sh also runs (Debian packages, the pinned source
// tarballs in test/inputs) and the bundle is rebuilt, so a fresh clone measures its own sources.
// PYHERMETIC_BENCH_NO_SETUP=1 skips both (the bundle as it is).
//
// Adding a row (the hook point for other issues): drop scripts/bench/NN-name.mjs exporting
//   export default async function (ctx) { return [{ name, figures, ratio?, goal?, goalText?, ok? }]; }
// where ctx is the run's BenchContext (scripts/bench/_context.mjs): ctx.store (every build source
// imported), ctx.interpreter(spec) (built once per run; buildMs when built here), ctx.work(name) (a
// cache that outlives the run), ctx.scratch(prefix) (removed at the end), ctx.argv(args) (runner argv).
// Helpers: _util.mjs (timeRun, median, medianOf, fmt), _nginx.mjs (a WebDAV store on 127.0.0.1).
// A row that throws is reported as FAILED, the other rows still run, and the exit code is 1.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'scripts', 'bench');
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && !f.startsWith('_'))
  .sort();
const unknown = only.filter((o) => !files.includes(`${o}.mjs`));
if (unknown.length > 0) {
  process.stderr.write(
    `bench: no such row: ${unknown.join(', ')} (rows: ${files.map((f) => f.slice(0, -4)).join(', ')})\n`,
  );
  process.exit(2);
}

if (!process.env.PYHERMETIC_BENCH_NO_SETUP) {
  for (const argv of [
    ['bash', join(root, 'scripts', 'setup-machine.sh')],
    [process.execPath, join(root, 'scripts', 'bundle.mjs')],
  ]) {
    const r = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) {
      process.stderr.write(`bench: ${argv.slice(1).join(' ')} failed (exit ${r.status})\n`);
      process.exit(3);
    }
  }
}

// Imported after the bundle is rebuilt; the context imports every build source into the run's store.
const { BenchContext } = await import('./bench/_context.mjs');
const { fmt } = await import('./bench/_util.mjs');

const started = process.hrtime.bigint();
const ctx = new BenchContext();
process.stderr.write(`bench: store ${ctx.store} (sources: ${ctx.sources.join(', ')})\n`);
const results = [];
let failed = 0;
try {
  for (const file of files) {
    const name = file.replace(/\.mjs$/, '');
    if (only.length && !only.includes(name)) continue;
    process.stderr.write(`bench: ${name}\n`);
    // Each row starts on a settled disk: the hundreds of MB an earlier row wrote are flushed first, so a
    // row pays for its own writes, not for the writeback of the one before it.
    spawnSync('sync');
    const t0 = process.hrtime.bigint();
    const loadBefore = loadavg()[0];
    try {
      const mod = await import(pathToFileURL(join(dir, file)).href);
      const rows = await mod.default(ctx);
      // The machine's load beside each row: ratios hold under load, absolute times do not.
      const load = `load ${loadBefore.toFixed(1)}→${loadavg()[0].toFixed(1)}`;
      for (const row of rows) {
        results.push({ bench: name, load, ...row });
        process.stderr.write(`bench: ${name}/${row.name}: ${row.figures}\n`);
      }
    } catch (err) {
      failed++;
      results.push({
        bench: name,
        name: 'FAILED',
        figures: String(err?.message ?? err)
          .split('\n')
          .slice(0, 6)
          .join(' | '),
      });
    }
    process.stderr.write(`bench: ${name} took ${fmt(Number(process.hrtime.bigint() - t0) / 1e6)}\n`);
  }
} finally {
  ctx.close();
}

const total = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(
  `\nbench results (ratio = pyhermetic / plain tools; lower is better; run took ${fmt(total)}; ${cpus().length} cores)\n`,
);
for (const r of results) {
  const goal = r.goal === undefined ? '' : `  goal ${r.goalText ?? `≤ ${r.goal}`}: ${r.ok ? 'met' : 'NOT met'}`;
  process.stdout.write(
    `  ${r.bench}/${r.name}: ${r.figures}${r.ratio === undefined ? '' : `  ratio ${r.ratio.toFixed(2)}×`}${goal}${r.load ? `  [${r.load}]` : ''}\n`,
  );
}
if (failed > 0) {
  process.stdout.write(`${failed} row(s) FAILED\n`);
  process.exit(1);
}
