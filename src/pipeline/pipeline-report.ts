// The end of a pipeline run: its report (one check per stage, what ships, what was tested, where it
// runs, the baseline section), rerun.sh with each stage's command, and the result --json prints.
import { join } from 'node:path';
import { makeReport, type VersionRun, verdictLine } from '../core/model/report.js';
import { writeReports } from '../core/report/index.js';
import * as log from '../shared/log.js';
import { type RerunScript, writePipelineRerun } from './pipeline-rerun.js';
import type { StageRecord, StagesResult } from './run-stages.js';
import { ATTESTATION_FILE } from './stages/attest.js';
import { SBOM_FILE } from './stages/sbom.js';
import type { PipelineRun } from './stages/stage.js';

export interface PipelineResult {
  ok: boolean;
  exitCode: number;
  out: string;
  stages: StageRecord[];
  report: { dir: string; html: string; json: string; junit: string; summary: string };
  package: string | null;
  rerun: string;
  /** sbom.cdx.json and the signed attestation, when those stages ran. */
  provenance: { sbom: string | null; attestation: string | null };
  /** A config with several specs: one row per version (pipeline-matrix.ts). */
  versions?: VersionRun[];
}

export async function finishRun(
  run: PipelineRun,
  { records, checks, exitCode }: StagesResult,
  rerun: Omit<RerunScript, 'stages'>,
): Promise<PipelineResult> {
  const { config, layout, packagePath } = run;
  const { interpreter, env, verifyReport } = run.found;
  const packed = records.some((r) => r.name === 'pack' && r.ok);
  const report = makeReport({
    title: `pyhermetic pipeline: ${config.name}`,
    checks,
    artifact: packed
      ? { package: packagePath, interpreterFingerprint: interpreter?.fingerprint, ...(verifyReport?.artifact ?? {}) }
      : {},
    tested: env
      ? {
          env: layout.envTest,
          interpreterFingerprint: env.interpreter.fingerprint,
          lockSha256: env.lock.sha256,
          distributions: env.distributions.length,
        }
      : {},
    timings: Object.fromEntries(records.map((r) => [r.name, r.durationMs])),
    whereItRuns: verifyReport?.whereItRuns,
    baseline: run.found.baseline,
    pinAudit: run.found.pinAudit,
  });
  const files = await writeReports(report, layout.report);
  await writePipelineRerun(layout.rerun, { ...rerun, stages: records });
  log.info(`${verdictLine(report)}${exitCode === 0 ? '' : ` (exit ${exitCode})`}`);
  return {
    ok: exitCode === 0 && report.ok,
    exitCode,
    out: run.out,
    stages: records,
    report: { dir: layout.report, html: files.html, json: files.json, junit: files.junit, summary: files.markdown },
    package: packed ? packagePath : null,
    rerun: layout.rerun,
    provenance: {
      sbom: records.some((r) => r.name === 'sbom' && r.ok) ? join(layout.report, SBOM_FILE) : null,
      attestation: checks.some((c) => c.name === 'attest' && c.ok && c.skipped === undefined)
        ? join(layout.report, ATTESTATION_FILE)
        : null,
    },
  };
}
