// The pipeline's test stage: the project's own test command, run with the test environment's python
// in a scrubbed environment, from the app snapshot. Only the env's bin/ is added in front of PATH, so
// `python` (and any console script the lock installed) means the env's, never the agent's.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { EXIT_FINDINGS, UsageError, type Finding } from '../../shared/errors.js';
import { run, scrubbedEnv, tail } from '../../shared/exec.js';
import { type JunitSummary, parseJunit } from '../junit-read.js';
import { StageError } from './stage-error.js';
import { shellQuote } from '../../shared/shell-quote.js';
import type { Stage } from './stage.js';

export interface TestStageInput {
  command: string[];
  envDir: string;
  /** The env's python relative to envDir (from pyhermetic-env.json); bin/python3 when unknown. */
  python?: string;
  cwd: string;
  junitPath: string;
}

/** Does the command run pytest? Then it gets --junitxml and no cache directory in the app tree. */
export function runsPytest(command: string[]): boolean {
  const m = command.indexOf('-m');
  return (m !== -1 && command[m + 1] === 'pytest') || ['pytest', 'py.test'].includes(basename(command[0]));
}

/** The argv actually run: `python` → the env's interpreter; pytest gets its junit file. */
export function testArgv(input: TestStageInput): string[] {
  const [first, ...rest] = input.command;
  let program = first;
  if (first === 'python' || first === 'python3') program = join(input.envDir, input.python ?? 'bin/python3');
  else if (!first.includes('/') && existsSync(join(input.envDir, 'bin', first)))
    program = join(input.envDir, 'bin', first);
  // pytest's cache provider would write .pytest_cache into the app snapshot, which is then packed:
  // the tests must leave the tree they test unchanged.
  const extra = runsPytest(input.command) ? ['-p', 'no:cacheprovider', `--junitxml=${input.junitPath}`] : [];
  return [program, ...rest, ...extra];
}

/** The junit file the tests wrote; a file that cannot be read or parsed says nothing (the exit code still does). */
async function readJunit(path: string): Promise<JunitSummary | undefined> {
  try {
    return parseJunit(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}

export async function runTestStage(
  input: TestStageInput,
): Promise<{ summary: string; command: string[]; cwd: string }> {
  const argv = testArgv(input);
  const line = `cd ${shellQuote([input.cwd])} && ${shellQuote(argv)}`;
  process.stderr.write(`pyhermetic:    $ ${line}\n`);
  await rm(input.junitPath, { force: true });
  const r = await run(argv[0], argv.slice(1), {
    cwd: input.cwd,
    stream: true,
    env: scrubbedEnv({
      PATH: `${join(input.envDir, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      // The tests must not change the env that verify compares the package with, nor the app tree.
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONNOUSERSITE: '1',
    }),
  });
  if (r.spawnError) {
    throw new UsageError(
      `the test command cannot be started: ${r.spawnError}`,
      `check "test.command" in the config: ${shellQuote(input.command)} (\`python\` means the test env's python)`,
    );
  }
  const junit = existsSync(input.junitPath) ? await readJunit(input.junitPath) : undefined;
  const counts = junit
    ? `${junit.tests} tests, ${junit.failures} failed, ${junit.errors} errors, ${junit.skipped} skipped`
    : undefined;
  if (r.exitCode === 0) return { summary: counts ?? 'the test command exited 0', command: argv, cwd: input.cwd };
  const fix = `run the tests in the tested env by hand: ${line}`;
  const findings: Finding[] =
    junit && junit.failed.length > 0
      ? junit.failed.map((t) => ({ path: t.id, message: `${t.kind}: ${t.message}`, fix }))
      : [
          {
            path: 'test.command',
            message: `${r.signal ? `killed by ${r.signal}` : `exit ${r.exitCode}`}: ${tail(r.stdout + r.stderr, 6)}`,
            fix,
          },
        ];
  // Any non-zero exit of the test command is a finding (exit 1): the chain ran and the project's
  // tests said no. Only a command that cannot be started at all is a config error (exit 2).
  throw new StageError(
    `test: the test command failed (${r.signal ?? `exit ${r.exitCode}`})${counts ? `: ${counts}` : ''}`,
    EXIT_FINDINGS,
    findings,
    fix,
  );
}

export const testStage: Stage = {
  name: 'test',
  title: ({ config }) => `the project's tests inside the test environment: ${shellQuote(config.test.command)}`,
  run: ({ config, layout, found }) =>
    runTestStage({
      command: config.test.command,
      envDir: layout.envTest,
      python: found.env?.interpreter.python,
      cwd: layout.app,
      junitPath: layout.testsJunit,
    }),
};
