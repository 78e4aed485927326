// The pipeline's test stage: the project's own test command, run with the test environment's python
// in a scrubbed environment, from the app snapshot. Only the env's bin/ is added in front of PATH, so
// `python` (and any console script the lock installed) means the env's, never the agent's.
// `pyhermetic test` runs the same code (executeTests), with a shard and a tested record.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { EXIT_FINDINGS, UsageError, type Finding } from '../../shared/errors.js';
import { run, scrubbedEnv, tail } from '../../shared/exec.js';
import { parseJunit, type JunitSummary } from '../junit-read.js';
import { StageError } from './stage-error.js';
import { shellQuote } from '../../shared/shell-quote.js';
import type { Stage } from './stage.js';
import { SHARD_PLUGIN_MODULE, writeShardPlugin } from '../test-shard.js';

export interface TestStageInput {
  command: string[];
  envDir: string;
  /** The env's python relative to envDir (from pyhermetic-env.json); bin/python3 when unknown. */
  python?: string;
  cwd: string;
  junitPath: string;
  /** pytest only: run the I-th of N shards (1-based); null or absent: the whole suite. */
  shard?: { index: number; count: number } | null;
}

/** What one run of the test command did. */
export interface TestRun {
  argv: string[];
  cwd: string;
  /** The command's exit code; a shard that selected no test counts as 0 (pytest says 5). */
  exitCode: number;
  signal?: string;
  junit?: JunitSummary;
  /** pytest: the whole suite's size and the node ids this run kept. */
  tests: { collected: number; selected: string[] } | null;
  outputTail: string;
  startedAt: string;
  durationMs: number;
}

/** Does the command run pytest? Then it gets --junitxml and no cache directory in the app tree. */
export function runsPytest(command: string[]): boolean {
  const m = command.indexOf('-m');
  return (m !== -1 && command[m + 1] === 'pytest') || ['pytest', 'py.test'].includes(basename(command[0]));
}

/** The argv actually run: `python` → the env's interpreter; pytest gets its junit file (and the shard plugin). */
export function testArgv(input: TestStageInput, withShardPlugin = false): string[] {
  const [first, ...rest] = input.command;
  let program = first;
  if (first === 'python' || first === 'python3') program = join(input.envDir, input.python ?? 'bin/python3');
  else if (!first.includes('/') && existsSync(join(input.envDir, 'bin', first)))
    program = join(input.envDir, 'bin', first);
  // pytest's cache provider would write .pytest_cache into the app snapshot, which is then packed:
  // the tests must leave the tree they test unchanged.
  const extra = runsPytest(input.command)
    ? [
        '-p',
        'no:cacheprovider',
        ...(withShardPlugin ? ['-p', SHARD_PLUGIN_MODULE] : []),
        `--junitxml=${input.junitPath}`,
      ]
    : [];
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

/** Runs the test command once and reports what happened; never throws for a failing test. */
export async function executeTests(input: TestStageInput): Promise<TestRun> {
  const pytest = runsPytest(input.command);
  if (input.shard && !pytest)
    throw new UsageError(
      `--shard needs a pytest command, got ${shellQuote(input.command)}`,
      'shard a pytest suite (python -m pytest …), or run the whole suite without --shard',
    );
  // The plugin records which tests ran (all of them without a shard): it lives outside the env and the app.
  const pluginDir = pytest ? await mkdtemp(join(tmpdir(), 'pyhermetic-shard-')) : undefined;
  try {
    if (pluginDir) await writeShardPlugin(pluginDir);
    const argv = testArgv(input, pluginDir !== undefined);
    const line = `cd ${shellQuote([input.cwd])} && ${shellQuote(argv)}`;
    process.stderr.write(`pyhermetic:    $ ${line}\n`);
    await rm(input.junitPath, { force: true });
    const shardFile = pluginDir ? join(pluginDir, 'selected.json') : undefined;
    const startedAt = new Date();
    const r = await run(argv[0], argv.slice(1), {
      cwd: input.cwd,
      stream: true,
      env: scrubbedEnv({
        PATH: `${join(input.envDir, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        // The tests must not change the env that verify compares the package with, nor the app tree.
        PYTHONDONTWRITEBYTECODE: '1',
        PYTHONNOUSERSITE: '1',
        ...(pluginDir
          ? {
              PYTHONPATH: pluginDir,
              PYHERMETIC_SHARD: input.shard ? `${input.shard.index}/${input.shard.count}` : '1/1',
              PYHERMETIC_SHARD_OUT: shardFile,
            }
          : {}),
      }),
    });
    const durationMs = Date.now() - startedAt.getTime();
    if (r.spawnError) {
      throw new UsageError(
        `the test command cannot be started: ${r.spawnError}`,
        `check the test command: ${shellQuote(input.command)} (\`python\` means the test env's python)`,
      );
    }
    const junit = existsSync(input.junitPath) ? await readJunit(input.junitPath) : undefined;
    const tests =
      shardFile && existsSync(shardFile)
        ? (JSON.parse(await readFile(shardFile, 'utf8')) as { collected: number; selected: string[] })
        : null;
    // pytest exits 5 when no test was selected: an empty shard of a small suite is not a failure.
    const emptyShard = r.exitCode === 5 && tests !== null && tests.selected.length === 0;
    return {
      argv,
      cwd: input.cwd,
      exitCode: emptyShard ? 0 : (r.exitCode ?? 1),
      signal: r.signal ?? undefined,
      junit,
      tests,
      outputTail: tail(r.stdout + r.stderr, 6),
      startedAt: startedAt.toISOString(),
      durationMs,
    };
  } finally {
    if (pluginDir) await rm(pluginDir, { recursive: true, force: true });
  }
}

export function junitCountsText(junit: JunitSummary | undefined): string | undefined {
  return junit
    ? `${junit.tests} tests, ${junit.failures} failed, ${junit.errors} errors, ${junit.skipped} skipped`
    : undefined;
}

/** The findings of a failed run: the failed tests from junit, else the command's last lines. */
export function testFindings(t: TestRun): Finding[] {
  const fix = `run the tests in the tested env by hand: cd ${shellQuote([t.cwd])} && ${shellQuote(t.argv)}`;
  return t.junit && t.junit.failed.length > 0
    ? t.junit.failed.map((f) => ({ path: f.id, message: `${f.kind}: ${f.message}`, fix }))
    : [
        {
          path: 'test.command',
          message: `${t.signal ? `killed by ${t.signal}` : `exit ${t.exitCode}`}: ${t.outputTail}`,
          fix,
        },
      ];
}

export async function runTestStage(
  input: TestStageInput,
): Promise<{ summary: string; command: string[]; cwd: string; run: TestRun }> {
  const t = await executeTests(input);
  const counts = junitCountsText(t.junit);
  if (t.exitCode === 0)
    return { summary: counts ?? 'the test command exited 0', command: t.argv, cwd: input.cwd, run: t };
  const findings = testFindings(t);
  // Any non-zero exit of the test command is a finding (exit 1): the chain ran and the project's
  // tests said no. Only a command that cannot be started at all is a config error (exit 2).
  throw new StageError(
    `test: the test command failed (${t.signal ?? `exit ${t.exitCode}`})${counts ? `: ${counts}` : ''}`,
    EXIT_FINDINGS,
    findings,
    findings[0]!.fix,
  );
}

export const testStage: Stage = {
  name: 'test',
  title: ({ config }) => `the project's tests inside the test environment: ${shellQuote(config.test.command)}`,
  async run({ config, layout, found }) {
    const { run, ...outcome } = await runTestStage({
      command: config.test.command,
      envDir: layout.envTest,
      python: found.env?.interpreter.python,
      cwd: layout.app,
      junitPath: layout.testsJunit,
    });
    // The tested record of this run (one shard: the whole suite); the verify stage passes it on.
    const { testedRecord, writeTestedRecord } = await import('../tested-record-write.js');
    await writeTestedRecord(layout.testedRecord, await testedRecord(layout.envTest, run, null));
    return outcome;
  },
};
