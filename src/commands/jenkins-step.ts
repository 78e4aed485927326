// `pyhermetic jenkins-step STEP --params FILE --result FILE`: what every step of vars/pyhermetic.groovy
// runs. The parameter map arrives exactly as the Jenkinsfile wrote it; the step table decides the rest
// (src/jenkins). The step's command runs in this process, rerun.sh is written before it starts, and
// the result file is written whatever happens, so the Groovy only publishes and maps the exit code.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type StepPlan, planStep } from '../jenkins/step-plan.js';
import {
  NOTHING_TO_PUBLISH,
  oneLine,
  type StepResult,
  resultJson,
  stepMessage,
  summaryText,
} from '../jenkins/step-result.js';
import { STEPS } from '../jenkins/step-table.js';
import { writeFileAtomic } from '../shared/atomic-file.js';
import { EnvironmentError, PyhermeticError, UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { rerunCommand, rerunNotice, writeRerunScript } from './rerun.js';
import { type Command, stringOption } from './command.js';
import { reportError, runCommandLine } from './dispatch.js';
import { parseJsonStrict } from '../shared/json-strict.js';

/** A parameter map is a few lines; a FIFO, a device or a huge file is refused before it is read. */
const PARAMS_LIMIT = 1024 * 1024;

function readParams(file: string): unknown {
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > PARAMS_LIMIT) throw new Error(`not a regular file of at most ${PARAMS_LIMIT} bytes`);
    return parseJsonStrict(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(
      `cannot read the step parameters ${file}: ${(err as Error).message}`,
      'the Jenkins step writes them; run rerun.sh to repeat a step by hand',
    );
  }
}

async function writeResult(file: string, result: StepResult): Promise<void> {
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
async function runPlanned(plan: StepPlan): Promise<{ exitCode: number; detail: string }> {
  let lastLine = '';
  const previous = log.setLogSink((level, message) => {
    const lines = message.split('\n').filter((l) => l.trim() !== '');
    if (lines.length > 0) lastLine = lines[lines.length - 1]!.trim();
    previous(level, message);
  });
  let exitCode: number;
  let detail: string | undefined;
  try {
    exitCode = await runCommandLine(plan.argv);
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
  const { junit, html, archive } = plan.publish;
  return {
    junit: junit.filter((f) => existsSync(resolve(cwd, f))),
    html: html && existsSync(join(resolve(cwd, html.dir), html.file)) ? html : null,
    archive,
  };
}

export const jenkinsStepCommand: Command = {
  name: 'jenkins-step',
  summary: 'What the Jenkins steps run: check a step parameter map, run its command, write a result file',
  usage: 'jenkins-step STEP --params FILE.json --result FILE.json [--phase check|run]',
  help: `STEP: ${STEPS.map((s) => s.name).join(', ')} (see docs/jenkins-steps.md)

options:
  --params FILE   the step's parameters as the Jenkinsfile wrote them (a JSON object)
  --result FILE   written atomically whatever happens: {exitCode, message, publish: {junit, html, archive}, rerun,
                  credentials}
  --phase check   validate the map; run the command at once unless it names credentials, in which case
                  stop and list the withCredentials bindings in \`credentials\` (the Groovy binds them and
                  runs the \`run\` phase): a bad map fails before Jenkins looks up any credential
  --phase run     validate and run (the default)

Applies the step's defaults, refuses an unknown key, a wrong type or a missing required key (exit 2),
writes rerun.sh (the step's command for the agent's shell) and runs the command in this process.
The exit code is the command's: 0 ok · 1 findings · 2 usage or config error · 3 environment or tool failure.`,
  options: { params: { type: 'string' }, result: { type: 'string' }, phase: { type: 'string' } },
  positionals: { min: 1, max: 1, names: 'STEP' },
  async run({ values, positionals }) {
    const paramsFile = stringOption(values, 'params');
    const resultFile = stringOption(values, 'result');
    if (!paramsFile || !resultFile)
      throw new UsageError(
        `jenkins-step needs ${!paramsFile ? '--params FILE' : '--result FILE'}`,
        `usage: pyhermetic ${jenkinsStepCommand.usage}`,
      );
    const phase = stringOption(values, 'phase') ?? 'run';
    if (phase !== 'check' && phase !== 'run')
      throw new UsageError(`jenkins-step --phase must be check or run, got ${JSON.stringify(phase)}`);
    const stepName = positionals[0]!;
    const cwd = process.cwd();
    let plan: StepPlan;
    try {
      plan = planStep(stepName, readParams(paramsFile), cwd);
    } catch (err) {
      const exitCode = reportError(err);
      const message = oneLine(err instanceof PyhermeticError ? err.message : String(err));
      await writeResult(resultFile, { exitCode, message, publish: NOTHING_TO_PUBLISH, rerun: null, credentials: [] });
      return exitCode;
    }
    if (phase === 'check' && plan.credentials.length > 0) {
      await writeResult(resultFile, {
        exitCode: 0,
        message: `pyhermetic ${stepName}: parameters ok, credentials to bind: ${plan.credentials.map((c) => c.credentialsId).join(', ')}`,
        publish: NOTHING_TO_PUBLISH,
        rerun: null,
        credentials: plan.credentials,
      });
      return 0;
    }
    // Written before the command starts, so even a crash or a kill leaves the way to reproduce it.
    const rerunCmd = { ...rerunCommand(plan.argv, process.argv[1] ?? ''), needs: plan.needs };
    let outcome: { exitCode: number; detail: string };
    let rerun: string | null = null;
    try {
      rerun = await writeRerunScript(plan.rerun, rerunCmd);
      outcome = await runPlanned(plan);
    } catch (err) {
      outcome = { exitCode: reportError(err), detail: (err as Error).message };
    }
    for (const path of plan.notPublished)
      log.info(`not published or archived (outside the step's directory, or not a plain path): ${path}`);
    if (rerun !== null) log.info(rerunNotice(rerun, rerunCmd));
    await writeResult(resultFile, {
      exitCode: outcome.exitCode,
      message: stepMessage(stepName, outcome.exitCode, outcome.detail, rerun),
      publish: existing(plan, cwd),
      rerun,
      credentials: [],
    });
    return outcome.exitCode;
  },
};
