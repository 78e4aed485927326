// How a stage runs a command of its own (interpreter build, env create, pack, verify, sbom, attest): as a
// child process of this very runner with an argument array, so the line printed for a stage is exactly
// what a person runs to repeat it, and the pipeline cannot drift from the commands it composes.
import { EXIT_ENVIRONMENT } from '../shared/errors.js';
import { run, scrubbedEnv, tail } from '../shared/exec.js';
import * as log from '../shared/log.js';
import { shellQuote } from '../shared/shell-quote.js';
import { StageError } from './stages/stage-error.js';
import type { StageOutcome } from './stages/stage.js';

/** Passed through to the attest stage: builder.id, invocationId and the build tag of the provenance. */
export const JENKINS_RUN_VARIABLES = ['JOB_URL', 'BUILD_URL', 'BUILD_TAG'];

export function pickEnv(names: string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const n of names) if (process.env[n] !== undefined) picked[n] = process.env[n]!;
  return picked;
}

/**
 * What the children get: pyhermetic's own variables, NO_COLOR, and which Jenkins run this is (JOB_URL,
 * BUILD_URL, BUILD_TAG, for the attest stage's provenance), in a scrubbed environment.
 */
export function childEnv(extra: Record<string, string> = {}): ReturnType<typeof scrubbedEnv> {
  return scrubbedEnv({
    ...pickEnv(
      Object.keys(process.env).filter(
        (k) => k.startsWith('PYHERMETIC_') || k === 'NO_COLOR' || JENKINS_RUN_VARIABLES.includes(k),
      ),
    ),
    ...extra,
  });
}

/** The first `pyhermetic: error:` line of a stage's stderr with its hint, else the last lines. */
function errorText(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  const at = lines.findIndex((l) => l.startsWith('pyhermetic: error:'));
  if (at === -1) return tail(stderr, 8);
  const hint = [];
  for (let i = at + 1; i < lines.length && lines[i].startsWith('  '); i++) hint.push(lines[i]);
  return [lines[at].replace(/^pyhermetic: error: /, ''), ...hint].join('\n');
}

/** A function that runs `pyhermetic <args>` as a child of this runner; a non-zero exit becomes the stage's failure. */
export function childCommandRunner(
  runner: { node: string; script: string },
  cwd: string,
  /** The parsed remote and its settings (pipeline.ts remoteEnv): one value each, over the inherited ones. */
  extraEnv: Record<string, string> = {},
): (stage: string, args: string[]) => Promise<StageOutcome> {
  const env = childEnv(extraEnv);
  return async (stage, args) => {
    const argv = [runner.script, ...args];
    const line = shellQuote([runner.node, ...argv]);
    log.info(`   $ ${line}`);
    const r = await run(runner.node, argv, { env, cwd, stream: true });
    if (r.exitCode === 0) return { command: [runner.node, ...argv] };
    const code = r.exitCode === 1 || r.exitCode === 2 || r.exitCode === 3 ? r.exitCode : EXIT_ENVIRONMENT;
    const why = r.spawnError ?? (r.signal ? `killed by ${r.signal}` : `exit ${r.exitCode}`);
    const text = errorText(r.stderr);
    // No hint: the child's own error and hint were streamed just above.
    throw new StageError(`${stage}: \`pyhermetic ${args.slice(0, 2).join(' ')}\` failed (${why})`, code, [
      { path: stage, message: text || why, fix: `re-run this stage by hand: ${line}` },
    ]);
  };
}
