// One stage of `pyhermetic pipeline`. A stage is a module under stages/ that exports one Stage; the
// pipeline (pipeline.ts) lists them in order and runs them one after another until one fails. A stage
// reads the run (the config, OUT's layout, what earlier stages found) and returns its outcome, or throws:
// a StageError carries its findings and exit code, any PyhermeticError its message and hint.
import type { BaselineSection } from '../../core/model/baseline-section.js';
import type { EnvManifest, InterpreterManifest } from '../../core/model/manifests.js';
import type { PinAuditSection } from '../../core/model/pin-audit-section.js';
import type { Report } from '../../core/model/report.js';
import type { Finding } from '../../shared/errors.js';
import type { OutputLayout } from '../out-dir.js';
import type { PipelineConfig } from '../pipeline-config.js';

/** What a stage returns when it succeeds. */
export interface StageOutcome {
  /** One line for the log and the report (e.g. "12 distributions installed"). */
  summary?: string;
  /** The exact argv of the command it ran (a child of the runner, or the test command): rerun.sh lists it. */
  command?: string[];
  /** Where that command ran, when not from the config directory (the test command: OUT/app). */
  cwd?: string;
  /** Set when the stage had nothing to do; says why (the report shows it as skipped). */
  skipped?: string;
  /** Findings that do not stop the chain (the pin audit's): the stage fails, the next ones still run. */
  findings?: Finding[];
}

/** One run of the pipeline, as every stage sees it. */
export interface PipelineRun {
  readonly config: PipelineConfig;
  /** The directory the pipeline was started from: titles name paths relative to it. */
  readonly cwd: string;
  readonly out: string;
  readonly layout: OutputLayout;
  /** OUT/dist/<name>.tar.gz */
  readonly packagePath: string;
  /** `--store DIR` for the stages that use the store, or nothing. */
  readonly storeArgs: string[];
  /** The pip cache root of env create: the config's, else <store>/cache, else env create's default. */
  readonly cacheRoot: string | undefined;
  /** The last released package (--baseline or the config's), if any. */
  readonly baseline: string | undefined;
  /** How a child of this runner is started: node and the runner script. */
  readonly runner: { node: string; script: string };
  /** The pipeline's own environment (the attest stage looks for the signing key there). */
  readonly env: NodeJS.ProcessEnv;
  /** Runs `pyhermetic <args>` as a child of this runner; a non-zero exit throws the stage's StageError. */
  runCommand(stage: string, args: string[]): Promise<StageOutcome>;
  /** What the stages found, for the stages after them and for the pipeline's report. */
  readonly found: {
    interpreter?: InterpreterManifest;
    env?: EnvManifest;
    verifyReport?: Report;
    baseline?: BaselineSection;
    pinAudit?: PinAuditSection;
  };
}

export interface Stage {
  /** Short stable name: the report's check, the log, rerun.sh. */
  name: string;
  /** Whether this run has the stage at all (baseline: only with a baseline package); absent: always. */
  when?(run: PipelineRun): boolean;
  /** One line saying what the stage does in this run, printed before it starts. */
  title(run: PipelineRun): string;
  run(run: PipelineRun): Promise<StageOutcome>;
}
