// `pyhermetic pipeline`: the whole chain for one project, as Jenkins runs it. Data flows one way:
// spec → OUT/interpreter → (lock check) → OUT/env-test → tests → OUT/dist/<name>.tar.gz → verify →
// OUT/report. Each stage is one module under stages/, listed in order in STAGES; the stages that have a
// command of their own run it as a child of this runner (child-command.ts). The first failing stage stops
// the chain; its exit code is the pipeline's, and the report of the stages that ran is written either way.
import { join, resolve } from 'node:path';
import { childCommandRunner, pickEnv } from './child-command.js';
import { copyRunInputs, outputLayout, prepareOut } from './out-dir.js';
import type { PipelineConfig } from './pipeline-config.js';
import type { RemoteTarget } from '../core/store/remote-config.js';
import { type PipelineResult, finishRun } from './pipeline-report.js';
import { writePipelineRerun } from './pipeline-rerun.js';
import { runStages } from './run-stages.js';
import { matrixEntries, onlyEntry, runMatrix } from './pipeline-matrix.js';
import { UsageError } from '../shared/errors.js';
import { appStage } from './stages/app.js';
import { attestStage } from './stages/attest.js';
import { auditPinsStage } from './stages/audit-pins.js';
import { baselineStage } from './stages/baseline.js';
import { envTestStage } from './stages/env-test.js';
import { interpreterStage } from './stages/interpreter.js';
import { lockCheckStage } from './stages/lock-check.js';
import { packStage } from './stages/pack.js';
import { sbomStage } from './stages/sbom.js';
import type { PipelineRun, Stage } from './stages/stage.js';
import { testStage } from './stages/test.js';
import { verifyStage } from './stages/verify.js';

export type { PipelineResult } from './pipeline-report.js';

/** The stages, in the order they run. A new stage is one module under stages/ and one line here. */
export const STAGES: Stage[] = [
  auditPinsStage,
  interpreterStage,
  lockCheckStage,
  envTestStage,
  appStage,
  testStage,
  packStage,
  baselineStage,
  verifyStage,
  sbomStage,
  attestStage,
];

export interface PipelineOptions {
  config: PipelineConfig;
  /** OUT; resolved by the caller (default <config dir>/.pyhermetic-out). */
  outDir: string;
  /** --store or the config's store; undefined leaves each stage to its own default ($PYHERMETIC_HOME). */
  store?: string;
  /**
   * --remote or the config's "remote", parsed once: the shared store for the interpreter and env stages,
   * which get it in PYHERMETIC_REMOTE (child-command.ts), never re-parsed from, or written into, their
   * command lines.
   */
  remote?: RemoteTarget;
  /** The remote was given as --remote: rerun.sh repeats it (from the config, the config says it). */
  remoteFromCommandLine?: boolean;
  /** --publish: those stages upload what the remote lacks (PYHERMETIC_PUBLISH=1 in their environment). */
  publish?: boolean;
  /** --trusted-key files (absolute): the stages get them in PYHERMETIC_TRUSTED_KEYS. */
  trustedKeys?: string[];
  /** --strict-keys: PYHERMETIC_STRICT_KEYS=1 for the stages. */
  strictKeys?: boolean;
  /** How a stage starts the runner: node and the runner script. Passed in because core never imports the CLI. */
  runner: { node: string; script: string };
  /** The directory the pipeline was started from (rerun.sh changes into it). */
  cwd: string;
  /** --baseline: the last released package, for the "changes since the baseline" section (overrides the config's). */
  baseline?: string;
  /** --only VERSION: of a config with several specs, run this version alone, straight into OUT. */
  only?: string;
}

/** What rerun.sh sets again: never a credential (rerun-text names those variables instead). */
export const RERUN_ENV = ['PYHERMETIC_HOME', 'PYHERMETIC_REMOTE', 'PYHERMETIC_PUBLISH'];

/** The parsed remote, --publish and the trusted keys, as the stages' environment (one value each). */
function remoteEnv(opts: PipelineOptions): Record<string, string> {
  if (!opts.remote) return {};
  return {
    PYHERMETIC_REMOTE: opts.remote.spec,
    ...(opts.publish ? { PYHERMETIC_PUBLISH: '1' } : {}),
    ...(opts.trustedKeys?.length ? { PYHERMETIC_TRUSTED_KEYS: opts.trustedKeys.join(':') } : {}),
    ...(opts.strictKeys ? { PYHERMETIC_STRICT_KEYS: '1' } : {}),
  };
}

/** The pipeline command itself, as rerun.sh repeats it. */
function pipelineArgv(opts: PipelineOptions, out: string, storeArgs: string[], remoteArgs: string[]): string[] {
  return [
    opts.runner.node,
    opts.runner.script,
    'pipeline',
    '--config',
    opts.config.configPath,
    '--out',
    out,
    ...storeArgs,
    ...remoteArgs,
    ...(opts.baseline ? ['--baseline', opts.baseline] : []),
    ...(opts.only ? ['--only', opts.only] : []),
  ];
}

/** The store and remote options the pipeline passes on to its stages and writes into rerun.sh. */
function commandArgs(opts: PipelineOptions): { storeArgs: string[]; remoteArgs: string[] } {
  const storeArgs = opts.store ? ['--store', opts.store] : [];
  const remoteArgs = opts.remote
    ? [
        ...(opts.remoteFromCommandLine ? ['--remote', opts.remote.spec] : []),
        ...(opts.publish ? ['--publish'] : []),
        ...(opts.trustedKeys ?? []).flatMap((k) => ['--trusted-key', k]),
        ...(opts.strictKeys ? ['--strict-keys'] : []),
      ]
    : [];
  return { storeArgs, remoteArgs };
}

/** Clears OUT, copies the run's inputs into its report, writes rerun.sh: the run every stage sees. */
async function startRun(opts: PipelineOptions): Promise<{ run: PipelineRun; argv: string[] }> {
  const { config } = opts;
  const out = resolve(opts.outDir);
  const layout = outputLayout(out);
  await prepareOut(config, out);
  const { storeArgs, remoteArgs } = commandArgs(opts);
  await copyRunInputs(config, layout.report);
  const argv = pipelineArgv(opts, out, storeArgs, remoteArgs);
  await writePipelineRerun(layout.rerun, { cwd: opts.cwd, argv, env: pickEnv(RERUN_ENV), remote: opts.remote?.spec });
  const run: PipelineRun = {
    config,
    cwd: opts.cwd,
    out,
    layout,
    packagePath: join(layout.dist, `${config.name}.tar.gz`),
    storeArgs,
    cacheRoot: config.cacheRoot ?? (opts.store ? join(opts.store, 'cache') : undefined),
    baseline: opts.baseline ?? config.baseline ?? undefined,
    runner: opts.runner,
    env: process.env,
    runCommand: childCommandRunner(opts.runner, config.baseDir, remoteEnv(opts)),
    found: {},
  };
  return { run, argv };
}

/**
 * The whole chain for the config's spec; with several specs (`"specs"`), once per version and a summary
 * report (pipeline-matrix.ts), or the one version `--only` names.
 */
export async function runPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  const { config } = opts;
  if (!config.matrix) {
    if (opts.only)
      throw new UsageError(
        `--only ${opts.only}: ${config.configPath} names one spec ("spec"); --only picks one of several ("specs")`,
        'leave --only out, or list the versions\' specs in "specs"',
      );
    return runOneSpec(opts);
  }
  const entries = await matrixEntries(config);
  if (opts.only) return runOneSpec({ ...opts, config: onlyEntry(entries, opts.only, config.configPath).config });
  const out = resolve(opts.outDir);
  const { storeArgs, remoteArgs } = commandArgs(opts);
  return runMatrix(
    config,
    out,
    (entry, outDir) => runOneSpec({ ...opts, config: entry.config, outDir, only: entry.version }),
    { cwd: opts.cwd, argv: pipelineArgv(opts, out, storeArgs, remoteArgs), env: pickEnv(RERUN_ENV) },
  );
}

async function runOneSpec(opts: PipelineOptions): Promise<PipelineResult> {
  const { run, argv } = await startRun(opts);
  const result = await runStages(
    run,
    STAGES.filter((stage) => stage.when?.(run) ?? true),
  );
  return finishRun(run, result, { cwd: opts.cwd, argv, env: pickEnv(RERUN_ENV), remote: opts.remote?.spec });
}
