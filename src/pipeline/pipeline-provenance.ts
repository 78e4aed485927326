// The pipeline's paperwork stages, after the package is made: `baseline` (changes since the last
// released package, into the report), `sbom` (OUT/report/sbom.cdx.json) and `attest` (OUT/report/
// provenance.intoto.jsonl, signed with the key named by PYHERMETIC_SIGNING_KEY; skipped without one).
// sbom and attest run as children of the runner like the other stages, so their line is the command
// to repeat them; the signing key reaches the child through the environment only, never an argument.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { REPORT_CONFIG_COPY, REPORT_LOCK_COPY, SIGNING_KEY_ENV } from '../core/provenance/attest.js';
import type { BaselineSection } from '../core/model/baseline-section.js';
import { compareWithBaseline } from '../core/provenance/baseline.js';
import { baselineLine } from '../core/report/baseline-render.js';
import type { PipelineConfig } from './pipeline-config.js';

export const SBOM_FILE = 'sbom.cdx.json';
export const ATTESTATION_FILE = 'provenance.intoto.jsonl';
/** Passed through to the attest stage: builder.id, invocationId and the build tag of the provenance. */
export const JENKINS_RUN_VARIABLES = ['JOB_URL', 'BUILD_URL', 'BUILD_TAG'];

export interface StageOutcome {
  summary?: string;
  command?: string[];
  cwd?: string;
  /** Set when the stage did not run; says why (the report shows it as skipped). */
  skipped?: string;
}

export interface ProvenanceContext {
  config: PipelineConfig;
  reportDir: string;
  packagePath: string;
  /** Runs `pyhermetic <args>` as a child of this runner (the pipeline's own stage runner). */
  runStage(stage: string, args: string[]): Promise<StageOutcome>;
}

/**
 * Copies the config and the lock, byte for byte, into the report directory: `attest` takes the
 * config as the provenance's externalParameters and the wheel hashes from the lock, and a person
 * reading the archived report sees exactly what the run was given.
 */
export async function copyProvenanceInputs(config: PipelineConfig, reportDir: string): Promise<void> {
  await mkdir(reportDir, { recursive: true });
  await copyFile(config.configPath, join(reportDir, REPORT_CONFIG_COPY));
  await copyFile(config.lock, join(reportDir, REPORT_LOCK_COPY)).catch(() => undefined); // the lock-check stage names a missing lock
}

export async function sbomStage(ctx: ProvenanceContext): Promise<StageOutcome> {
  const out = join(ctx.reportDir, SBOM_FILE);
  const r = await ctx.runStage('sbom', [
    'sbom',
    '--artifact',
    ctx.packagePath,
    '--lock',
    ctx.config.lock,
    '--name',
    ctx.config.name,
    '--out',
    out,
  ]);
  return { ...r, summary: out };
}

export async function attestStage(ctx: ProvenanceContext, env: NodeJS.ProcessEnv): Promise<StageOutcome> {
  if (!env[SIGNING_KEY_ENV])
    return { skipped: `no signing key: set ${SIGNING_KEY_ENV} to a PEM file (Jenkins: signingKeyCredentialsId)` };
  const out = join(ctx.reportDir, ATTESTATION_FILE);
  const r = await ctx.runStage('attest', [
    'attest',
    '--artifact',
    ctx.packagePath,
    '--report',
    ctx.reportDir,
    '--out',
    out,
  ]);
  return { ...r, summary: out };
}

export async function baselineStage(
  ctx: ProvenanceContext,
  baseline: string,
): Promise<StageOutcome & { section: BaselineSection }> {
  const section = await compareWithBaseline(baseline, ctx.packagePath);
  return { section, summary: baselineLine(section) };
}
