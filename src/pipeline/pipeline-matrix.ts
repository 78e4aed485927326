// A pipeline over several interpreter specs (`"specs": [...]` in pyhermetic.json): the whole chain once per
// version, each into OUT/<version>/ with its own lock (the `lock` pattern with {version} replaced:
// requirements-3.9.2.lock, requirements-3.14.7t.lock), package (<name>-<version>.tar.gz), report and
// rerun.sh, one after the other (a build takes both cores). Then OUT/report/ holds a summary report: one
// check and one row per version (the html report's "Versions" table). The exit code is the worst one.
// `--only VERSION` runs one version straight into OUT, as a Jenkins matrix or parallel branch does.
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { loadSpec } from '../core/interpreter/spec.js';
import { type CheckResult, checkResult, makeReport, type VersionRun, verdictLine } from '../core/model/report.js';
import { writeReports } from '../core/report/index.js';
import { UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { outputLayout, prepareOut } from './out-dir.js';
import type { PipelineConfig } from './pipeline-config.js';
import type { PipelineResult } from './pipeline-report.js';
import { writePipelineRerun } from './pipeline-rerun.js';

export interface MatrixEntry {
  /** `3.9.2`, `3.14.7t`: the spec's version with the free-threaded ABI flag. */
  version: string;
  config: PipelineConfig;
}

/** The version label of a spec file (loads and validates it: a bad spec is exit 2 before anything runs). */
async function versionOf(spec: string): Promise<string> {
  const s = await loadSpec(spec);
  return `${s.version}${s.freeThreaded ? 't' : ''}`;
}

/** One single-spec config per version of a config with `specs`. */
export async function matrixEntries(config: PipelineConfig): Promise<MatrixEntry[]> {
  const matrix = config.matrix!;
  const entries: MatrixEntry[] = [];
  for (const spec of matrix.specs) {
    const version = await versionOf(spec);
    const twin = entries.find((e) => e.version === version);
    if (twin)
      throw new UsageError(
        `${config.configPath}: "specs" names CPython ${version} twice (${twin.config.spec} and ${spec})`,
        'one spec per version: each version has one lock, one package and one report',
      );
    entries.push({
      version,
      config: {
        ...config,
        spec,
        matrix: null,
        lock: matrix.lockPattern.replaceAll('{version}', version),
        name: `${config.name}-${version}`,
      },
    });
  }
  return entries;
}

/** The entry `--only VERSION` names, or exit 2 listing the versions there are. */
export function onlyEntry(entries: MatrixEntry[], only: string, configPath: string): MatrixEntry {
  const e = entries.find((x) => x.version === only);
  if (!e)
    throw new UsageError(
      `--only ${only}: ${configPath} has no spec of that version`,
      `name one of: ${entries.map((x) => x.version).join(', ')}`,
    );
  return e;
}

/** 3 > 2 > 1 > 0: a tool failure outranks a config error, which outranks findings. */
const worst = (codes: number[]): number => codes.reduce((a, b) => Math.max(a, b), 0);

export async function runMatrix(
  config: PipelineConfig,
  out: string,
  runOne: (entry: MatrixEntry, outDir: string) => Promise<PipelineResult>,
  rerun: { cwd: string; argv: string[]; env: Record<string, string> },
): Promise<PipelineResult> {
  const entries = await matrixEntries(config);
  await prepareOut(config, out);
  const layout = outputLayout(out);
  await writePipelineRerun(layout.rerun, rerun);
  const rows: VersionRun[] = [];
  const checks: CheckResult[] = [];
  const timings: Record<string, number> = {};
  for (const entry of entries) {
    log.info(`== CPython ${entry.version} (${relative(config.baseDir, entry.config.spec)})`);
    const started = Date.now();
    const r = await runOne(entry, join(out, entry.version));
    timings[entry.version] = Date.now() - started;
    const fingerprint = r.stages.find((s) => s.name === 'interpreter')?.ok ? await fingerprintIn(r.out) : null;
    rows.push({
      version: entry.version,
      spec: entry.config.spec,
      ok: r.ok,
      exitCode: r.exitCode,
      fingerprint,
      package: r.package,
      report: relative(layout.report, r.report.html),
    });
    const failed = r.stages.find((s) => !s.ok);
    checks.push(
      checkResult(
        `CPython ${entry.version}`,
        r.ok
          ? []
          : [
              {
                path: entry.version,
                message: `the pipeline of CPython ${entry.version} stopped with exit ${r.exitCode}${failed ? ` in ${failed.name}` : ''}`,
                fix: `read its report: ${r.report.html}`,
              },
            ],
        {
          summary: r.package ? `package ${relative(out, r.package)}` : 'no package',
          durationMs: timings[entry.version],
        },
      ),
    );
  }
  const report = makeReport({
    title: `pyhermetic pipeline: ${config.name} (${entries.length} CPython versions)`,
    checks,
    timings,
    versions: rows,
  });
  const files = await writeReports(report, layout.report);
  const exitCode = worst(rows.map((r) => r.exitCode));
  log.info(`${verdictLine(report)}${exitCode === 0 ? '' : ` (exit ${exitCode})`}`);
  return {
    ok: exitCode === 0 && report.ok,
    exitCode,
    out,
    stages: [],
    report: { dir: layout.report, html: files.html, json: files.json, junit: files.junit, summary: files.markdown },
    package: null,
    rerun: layout.rerun,
    provenance: { sbom: null, attestation: null },
    versions: rows,
  };
}

/** The fingerprint of the interpreter a version's run built (OUT/<version>/interpreter/interpreter.json). */
async function fingerprintIn(versionOut: string): Promise<string | null> {
  try {
    const doc = JSON.parse(await readFile(join(outputLayout(versionOut).interpreter, 'interpreter.json'), 'utf8'));
    return typeof doc.fingerprint === 'string' ? doc.fingerprint : null;
  } catch {
    return null;
  }
}
