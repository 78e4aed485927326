// Runs the pipeline's stages in order. Each stage's outcome becomes a record (for rerun.sh and --json)
// and a check of the pipeline's report; the first failing stage stops the chain and its exit code is
// the pipeline's. A stage may also return findings that do not stop the chain (the pin audit): it is
// recorded as failed with exit 1, which is the pipeline's unless a later stage fails.
import { checkResult, skippedCheck, type CheckResult } from '../core/model/report.js';
import { EXIT_ENVIRONMENT, EXIT_FINDINGS, PyhermeticError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { StageError } from './stages/stage-error.js';
import type { PipelineRun, Stage, StageOutcome } from './stages/stage.js';

export interface StageRecord {
  name: string;
  ok: boolean;
  exitCode: number;
  durationMs: number;
  /** The exact argv of a stage that ran a command (a child of the runner, or the test command). */
  command?: string[];
  /** Where that command ran, when not from the config directory (the test command: OUT/app). */
  cwd?: string;
  summary?: string;
}

export interface StagesResult {
  records: StageRecord[];
  checks: CheckResult[];
  /** 0 when every stage passed, else the exit code of the one that failed (1 for findings that did not stop it). */
  exitCode: number;
}

function passed(stage: Stage, r: StageOutcome, durationMs: number, result: StagesResult): void {
  const found = r.findings ?? [];
  if (found.length > 0 && result.exitCode === 0) result.exitCode = EXIT_FINDINGS;
  result.records.push({
    name: stage.name,
    ok: found.length === 0,
    exitCode: found.length > 0 ? EXIT_FINDINGS : 0,
    durationMs,
    command: r.command,
    cwd: r.cwd,
    summary: r.summary,
  });
  result.checks.push(
    r.skipped !== undefined
      ? { ...skippedCheck(stage.name, r.skipped), durationMs }
      : checkResult(stage.name, found, { summary: r.summary, durationMs }),
  );
  const verdict = found.length > 0 ? `${found.length} finding(s), the chain goes on` : 'ok';
  log.info(
    `== ${stage.name} (${log.seconds(durationMs)}): ${r.skipped !== undefined ? `skipped (${r.skipped})` : `${verdict}${r.summary ? ` (${r.summary})` : ''}`}`,
  );
}

function failed(stage: Stage, err: unknown, durationMs: number, result: StagesResult): void {
  const pe = err instanceof PyhermeticError ? err : undefined;
  const exitCode = pe?.exitCode ?? EXIT_ENVIRONMENT;
  const findings =
    err instanceof StageError
      ? err.findings
      : [
          {
            path: stage.name,
            message: (err as Error).message,
            fix: pe?.hint ?? 'an internal error: report it with the log',
          },
        ];
  if (!pe) process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  result.exitCode = exitCode;
  result.records.push({ name: stage.name, ok: false, exitCode, durationMs, summary: (err as Error).message });
  result.checks.push(checkResult(stage.name, findings, { summary: (err as Error).message, durationMs }));
  log.info(`== ${stage.name} (${log.seconds(durationMs)}): FAILED (exit ${exitCode})`);
  log.error((err as Error).message);
  if (pe?.hint) process.stderr.write(`${pe.hint.replace(/^/gm, '  ')}\n`);
}

export async function runStages(run: PipelineRun, stages: Stage[]): Promise<StagesResult> {
  const result: StagesResult = { records: [], checks: [], exitCode: 0 };
  for (const [i, stage] of stages.entries()) {
    log.info(`== [${i + 1}/${stages.length}] ${stage.name}: ${stage.title(run)}`);
    const started = Date.now();
    try {
      passed(stage, await stage.run(run), Date.now() - started, result);
    } catch (err) {
      failed(stage, err, Date.now() - started, result);
      break;
    }
  }
  return result;
}
