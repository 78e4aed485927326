// `npm run bench`: each benchmark in scripts/bench/ measures pyhermetic against the plain tools doing
// the same work in the same run, and prints ratios. Run one with `npm run bench -- NAME`.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && !f.startsWith('_'))
  .sort();
const results = [];
for (const file of files) {
  const name = file.replace(/\.mjs$/, '');
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`bench: ${name}\n`);
  const mod = await import(pathToFileURL(join(dir, file)).href);
  const rows = await mod.default();
  for (const row of rows) results.push({ bench: name, ...row });
}
process.stdout.write('\nbench results (ratio = pyhermetic / plain tools; lower is better)\n');
for (const r of results) {
  const goal = r.goal === undefined ? '' : `  goal ${r.goalText ?? `≤ ${r.goal}`}: ${r.ok ? 'met' : 'NOT met'}`;
  process.stdout.write(
    `  ${r.bench}/${r.name}: ${r.figures}${r.ratio === undefined ? '' : `  ratio ${r.ratio.toFixed(2)}×`}${goal}\n`,
  );
}
