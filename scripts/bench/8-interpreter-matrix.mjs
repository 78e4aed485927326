// The interpreter matrix: the cold build of each CPython of examples/matrix/ in the pinned Debian 11 build
// root, and its warm store hit, measured in the same run (ratio = hit / cold build). The cold builds are
// long (minutes each), so this runs only when named (`npm run bench -- 8-interpreter-matrix`) or with
// PYHERMETIC_BENCH_MATRIX=1. The build root comes from a store that has it (PYHERMETIC_BENCH_ROOT_STORE,
// else the demo's default store: run `npm run demo -- --matrix` once); everything else starts from an
// empty store of its own (a scratch directory of the run's context, not the run's shared store): OpenSSL
// is built once first (timed with the first version), then each version.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { INPUTS } from './_context.mjs';
import { ROOT, fmt, median, timeRun } from './_util.mjs';

export default async function interpreterMatrix(ctx) {
  const named = process.argv.slice(2).includes('8-interpreter-matrix');
  if (!named && process.env.PYHERMETIC_BENCH_MATRIX !== '1') return [];
  const specDir = join(ROOT, 'examples', 'matrix');
  const specs = readdirSync(specDir)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const rootSha = JSON.parse(readFileSync(join(specDir, specs[0]), 'utf8')).buildRoot.sha256;
  const rootStore =
    process.env.PYHERMETIC_BENCH_ROOT_STORE ?? process.env.PYHERMETIC_HOME ?? join(homedir(), '.cache', 'pyhermetic');
  const rootBlob = join(rootStore, 'blobs', 'sha256', rootSha);
  if (!existsSync(rootBlob)) {
    return [
      {
        name: 'interpreter-matrix',
        figures: `skipped: the build root ${rootSha.slice(0, 16)}… is not in ${rootStore} (run npm run demo -- --matrix once)`,
      },
    ];
  }
  const store = ctx.scratch('matrix-store');
  timeRun(ctx.argv(['source', 'import', rootBlob, '--store', store]));
  for (const f of readdirSync(INPUTS))
    if (/^(python3\.\d+_|openssl_)/.test(f)) timeRun(ctx.argv(['source', 'import', join(INPUTS, f), '--store', store]));
  const rows = [];
  for (const spec of specs) {
    const file = join(specDir, spec);
    const cold = timeRun(ctx.argv(['interpreter', 'build', '--spec', file, '--store', store]));
    const hits = Array.from({ length: 3 }, () =>
      timeRun(ctx.argv(['interpreter', 'build', '--spec', file, '--store', store, '--json'])),
    );
    const hit = median(hits);
    rows.push({
      name: `interpreter-matrix/${spec.replace(/\.json$/, '')}`,
      figures: `cold build ${fmt(cold)}${rows.length === 0 ? ' (with the one OpenSSL build of the root)' : ''}, store hit ${fmt(hit)} (median of 3)`,
      ratio: hit / cold,
      goal: 5000,
      goalText: 'hit ≤ 5 s',
      ok: hit <= 5000,
    });
  }
  return rows;
}
