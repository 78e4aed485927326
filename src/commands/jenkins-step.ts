// `pyhermetic jenkins-step STEP --params FILE --result FILE`: what every step of vars/pyhermetic.groovy
// runs. The parameter map arrives exactly as the Jenkinsfile wrote it; the step table decides the rest
// (src/jenkins). The step's command runs in this process, rerun.sh is written before it starts, and
// the result file is written whatever happens, so the Groovy only publishes and maps the exit code.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { StepPlan } from '../jenkins/step-plan.js';
import type { StepResult } from '../jenkins/step-result.js';
import { STEP_ROWS } from '../jenkins/step-table.js';
import { EnvironmentError, PyhermeticError, UsageError } from '../shared/errors.js';
import { parseJsonStrict } from '../shared/json-strict.js';
import * as log from '../shared/log.js';
import { readUserText } from '../shared/user-json.js';
import { type CommandContext, defineCommand, stringOption } from './command.js';
import { reportError } from './report-error.js';

/** The parameter map the step wrote: a regular file of at most 1 MiB (a FIFO or a device is refused unread). */
function readParams(file: string): unknown {
  const hint = 'the Jenkins step writes them; run rerun.sh to repeat a step by hand';
  const text = readUserText(file, { what: 'the step parameters', hint });
  try {
    return parseJsonStrict(text);
  } catch (err) {
    throw new UsageError(`cannot read the step parameters ${file}: ${(err as Error).message}`, hint);
  }
}

async function writeResult(file: string, result: StepResult): Promise<void> {
  const { writeFileAtomic } = await import('../shared/atomic-file.js');
  const { resultJson } = await import('../jenkins/step-result.js');
  try {
    await mkdir(dirname(resolve(file)), { recursive: true });
    await writeFileAtomic(resolve(file), resultJson(result));
  } catch (err) {
    throw new EnvironmentError(
      `cannot write the step result ${file}: ${(err as Error).message}`,
      'pass --result a path in a writable directory',
    );
  }
}

/** Runs the planned command; returns its exit code and the line that best says what happened. */
async function runPlanned(plan: StepPlan, context: CommandContext): Promise<{ exitCode: number; detail: string }> {
  const { summaryText } = await import('../jenkins/step-result.js');
  let lastLine = '';
  const previous = log.setLogSink((level, message) => {
    const lines = message.split('\n').filter((l) => l.trim() !== '');
    if (lines.length > 0) lastLine = lines[lines.length - 1]!.trim();
    previous(level, message);
  });
  let exitCode: number;
  let detail: string | undefined;
  try {
    exitCode = await context.runCommandLine(plan.argv);
  } catch (err) {
    exitCode = reportError(err);
    detail = err instanceof PyhermeticError ? err.message : `internal error: ${(err as Error)?.message ?? err}`;
  } finally {
    log.setLogSink(previous);
  }
  // A report's summary says more than the last line (the pipeline ends with where its files are).
  if (exitCode !== 0 && detail === undefined && plan.summary && existsSync(plan.summary)) {
    const summary = summaryText(readFileSync(plan.summary, 'utf8'));
    if (summary) detail = summary;
  }
  return { exitCode, detail: detail ?? (lastLine || '(the command printed nothing)') };
}

/** What to publish of what the run left: junit files and the html report only when they exist. */
function existing(plan: StepPlan, cwd: string): StepResult['publish'] {
  const { junit, html, archive, sarif } = plan.publish;
  return {
    junit: junit.filter((f) => existsSync(resolve(cwd, f))),
    html: html && existsSync(join(resolve(cwd, html.dir), html.file)) ? html : null,
    archive,
    sarif: sarif.filter((s) => existsSync(resolve(cwd, s.pattern))),
  };
}

/** The plan of the step, or the exit code after its refusal was reported and written to the result file. */
async function plan(
  stepName: string,
  paramsFile: string,
  resultFile: string,
  context: CommandContext,
): Promise<StepPlan | number> {
  const { planStep } = await import('../jenkins/step-plan.js');
  const { resolveSteps } = await import('../jenkins/step-table.js');
  const { NOTHING_TO_PUBLISH, oneLine } = await import('../jenkins/step-result.js');
  try {
    return planStep(resolveSteps(context.commands), stepName, readParams(paramsFile), process.cwd());
  } catch (err) {
    const exitCode = reportError(err);
    const message = oneLine(err instanceof PyhermeticError ? err.message : String(err));
    await writeResult(resultFile, { exitCode, message, publish: NOTHING_TO_PUBLISH, rerun: null, credentials: [] });
    return exitCode;
  }
}

export const jenkinsStepCommand = defineCommand({
  name: 'jenkins-step',
  summary: 'What the Jenkins steps run: check a step parameter map, run its command, write a result file',
  positionals: [
    { name: 'STEP', description: `${STEP_ROWS.map((s) => s.name).join(', ')} (see docs/jenkins-steps.md)` },
  ],
  options: {
    params: {
      type: 'string',
      value: 'FILE.json',
      required: true,
      description: "the step's parameters as the Jenkinsfile wrote them (a JSON object)",
    },
    result: {
      type: 'string',
      value: 'FILE.json',
      required: true,
      description:
        'written atomically whatever happens: {exitCode, message, publish: {junit, html, archive}, rerun, credentials}',
    },
    phase: {
      type: 'string',
      value: 'check|run',
      default: 'run',
      description:
        'check: validate the map, and run at once unless it names credentials (then list them in `credentials` and stop); run: validate and run',
    },
  },
  details: `Applies the step's defaults, refuses an unknown key, a wrong type or a missing required key (exit 2),
writes rerun.sh (the step's command for the agent's shell) and runs the command in this process. The Groovy
calls the check phase first, so a bad map fails before Jenkins looks up any credential; when the map names
credentials, it binds the ones the result lists with withCredentials and calls the run phase.`,
  exitCodes: "the command's: 0 ok · 1 findings · 2 usage or config error · 3 environment or tool failure",
  async run({ values, positionals }, context) {
    const paramsFile = stringOption(values, 'params');
    const resultFile = stringOption(values, 'result');
    if (!paramsFile || !resultFile)
      throw new UsageError(
        `jenkins-step needs ${!paramsFile ? '--params FILE' : '--result FILE'}`,
        `usage: pyhermetic ${this.usage}`,
      );
    const phase = stringOption(values, 'phase') ?? 'run';
    if (phase !== 'check' && phase !== 'run')
      throw new UsageError(`jenkins-step --phase must be check or run, got ${JSON.stringify(phase)}`);
    const stepName = positionals[0]!;
    const cwd = process.cwd();
    const planned = await plan(stepName, paramsFile, resultFile, context);
    if (typeof planned === 'number') return planned;
    const { rerunCommand, rerunNotice, writeRerunScript } = await import('./rerun.js');
    const { NOTHING_TO_PUBLISH, stepMessage } = await import('../jenkins/step-result.js');
    if (phase === 'check' && planned.credentials.length > 0) {
      await writeResult(resultFile, {
        exitCode: 0,
        message: `pyhermetic ${stepName}: parameters ok, credentials to bind: ${planned.credentials.map((c) => c.credentialsId).join(', ')}`,
        publish: NOTHING_TO_PUBLISH,
        rerun: null,
        credentials: planned.credentials,
      });
      return 0;
    }
    // Written before the command starts, so even a crash or a kill leaves the way to reproduce it.
    const rerunCmd = { ...rerunCommand(planned.argv, process.argv[1] ?? ''), needs: planned.needs };
    let outcome: { exitCode: number; detail: string };
    let rerun: string | null = null;
    try {
      rerun = await writeRerunScript(planned.rerun, rerunCmd);
      outcome = await runPlanned(planned, context);
    } catch (err) {
      outcome = { exitCode: reportError(err), detail: (err as Error).message };
    }
    for (const path of planned.notPublished)
      log.info(`not published or archived (outside the step's directory, or not a plain path): ${path}`);
    if (rerun !== null) log.info(rerunNotice(rerun, rerunCmd));
    await writeResult(resultFile, {
      exitCode: outcome.exitCode,
      message: stepMessage(stepName, outcome.exitCode, outcome.detail, rerun),
      publish: existing(planned, cwd),
      rerun,
      credentials: [],
    });
    return outcome.exitCode;
  },
});
