// `audit pins` over a tree of 10,000 files made from the test corpus (test/fixtures/pins/, copied over
// and over into numbered directories, the way a fleet's repositories repeat the same Jenkinsfiles and
// requirements), with SARIF written, against the plain tool reading the same files: `grep -rE` for a few
// of the same patterns. Goal: ≤ 3 s wall time, with peak RSS reported (memory holds one file at a time
// plus the findings). Requirement lines repeat across copies, so the parser's memo of distinct lines
// is part of what is measured.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fmt, median, ROOT, RUNNER, timeRun } from './_util.mjs';

const FILES = 10_000;
const CORPUS = join(ROOT, 'test', 'fixtures', 'pins');

function corpusFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? corpusFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}

function makeTree(root) {
  const files = corpusFiles(CORPUS).map((f) => [relative(CORPUS, f), readFileSync(f)]);
  let n = 0;
  for (let copy = 0; n < FILES; copy++) {
    for (const [rel, bytes] of files) {
      if (n === FILES) break;
      const dest = join(root, `repo-${copy}`, rel);
      mkdirSync(join(dest, '..'), { recursive: true });
      writeFileSync(dest, bytes);
      n++;
    }
  }
}

/**
 * Wall time, CPU time (user + system) and peak RSS (MiB) of one run under GNU time. The CPU time is the
 * work done; on a machine shared with other jobs the wall time also holds the waiting.
 */
function measured(argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'PINS_TIME %U %S %M', ...argv], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /PINS_TIME ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  return {
    ms,
    cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : Number.NaN,
    peakMiB: m ? Number(m[3]) / 1024 : Number.NaN,
    status: r.status,
    stderr: r.stderr,
  };
}

export default async function auditPinsBench() {
  const work = mkdtempSync(join(tmpdir(), 'pyhermetic-bench-pins-'));
  try {
    const tree = join(work, 'tree');
    makeTree(tree);
    const sarif = join(work, 'pins.sarif');
    const audit = [process.execPath, RUNNER, 'audit', 'pins', tree, '--sarif', sarif, '--fail-on', 'never'];
    const grep = ['grep', '-rEn', 'pip3? install|git clone|curl|FROM |@Library|docker\\.image|--index-url', tree];
    const n = 3;
    timeRun(audit, { cwd: work }); // warm-up: the page cache holds the tree for both tools
    const runs = Array.from({ length: n }, () => measured(audit));
    if (runs.some((r) => r.status !== 0)) throw new Error(`bench: audit pins failed:\n${runs[0].stderr.slice(-2000)}`);
    const a = median(runs.map((r) => r.ms));
    const cpu = median(runs.map((r) => r.cpuMs));
    const load = loadavg()[0].toFixed(1);
    const peak = Math.max(...runs.map((r) => r.peakMiB));
    const g = median(Array.from({ length: n }, () => timeRun(grep, { allowFail: true })));
    const results = JSON.parse(readFileSync(sarif, 'utf8')).runs[0].results.length;
    return [
      {
        name: 'audit-pins-10k',
        figures: `audit pins ${fmt(a)} wall, ${fmt(cpu)} CPU (${FILES} files, ${results} findings, SARIF written, peak RSS ${peak.toFixed(0)} MiB) vs grep -rE ${fmt(g)} (median of ${n}; load average ${load} on ${cpus().length} cores)`,
        ratio: a / g,
        goal: 3000,
        goalText: '≤ 3 s',
        ok: a <= 3000,
      },
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
