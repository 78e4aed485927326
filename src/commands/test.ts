// `pyhermetic test --env DIR [--config pyhermetic.json | -- COMMAND…] [--shard I/N] --record FILE
//  [--junit FILE] [--json]`: the project's tests in an env, as the pipeline's test stage runs them, on
// one agent of a fleet; writes the tested record that `verify --tested-record` checks.
import { UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { defineCommand, printJson, stringOption } from './command.js';

/** `dir/shard-1.json` → `dir/shard-1.junit.xml`. */
function junitBeside(record: string): string {
  return `${record.replace(/\.json$/, '')}.junit.xml`;
}

export const testCommand = defineCommand({
  name: 'test',
  summary: "Run the project's tests (or one shard of them) in an env and write a tested record",
  positionals: [
    {
      name: 'COMMAND',
      repeatable: true,
      description:
        "the test command instead of --config's, after `--`, run from the current directory (`python` means the env's)",
    },
  ],
  options: {
    env: {
      type: 'string',
      value: 'DIR',
      required: true,
      description: 'the env to test in (made by `pyhermetic env create`, e.g. from the remote store)',
    },
    config: {
      type: 'string',
      value: 'FILE',
      description: 'the pipeline config: its test.command, run from its app directory',
    },
    shard: {
      type: 'string',
      value: 'I/N',
      description:
        "pytest only: run the I-th of N shards; a test's shard is sha256(node id) mod N, so every agent computes the same split",
    },
    record: {
      type: 'string',
      value: 'FILE',
      required: true,
      description:
        "the tested record to write: the env's tree digest (as verify hashes a tested env), the interpreter's sha256 and fingerprint, the lock's sha256, the shard, the agent, the junit counts, the node ids, the duration",
    },
    junit: {
      type: 'string',
      value: 'FILE',
      default: '<record without .json>.junit.xml',
      description: "pytest's junit XML",
    },
  },
  json: 'the tested record',
  details: `Give --config or a command after --. The agent is $NODE_NAME (Jenkins sets it), else the host name.
With --shard, each test runs in exactly one shard and the N shards together run what one unsharded run
would (pytest's -k and -m select first). A shard that holds no test passes with 0 tests.
\`verify --tested-record\` (repeatable) then proves that every shard tested the bytes that ship.`,
  exitCodes:
    '0 the tests passed · 1 tests failed (the record is still written; verify reports it) · 2 bad options, no env, --shard with a command that is not pytest · 3 the tests could not be run',
  async run({ values, positionals, json }) {
    const envDir = stringOption(values, 'env');
    const recordFile = stringOption(values, 'record');
    const configFile = stringOption(values, 'config');
    if (!envDir || !recordFile)
      throw new UsageError(`test needs ${!envDir ? '--env DIR' : '--record FILE'}`, `usage: pyhermetic ${this.usage}`);
    if ((configFile === undefined) === (positionals.length === 0))
      throw new UsageError(
        configFile
          ? 'test takes --config or a command after --, not both'
          : 'test needs --config FILE or -- COMMAND...',
        'e.g. pyhermetic test --env env-test --config pyhermetic.json --shard 1/3 --record tested-1.json',
      );
    const { resolve } = await import('node:path');
    const { parseShard, shardText } = await import('../core/model/tested-record.js');
    const { readEnvManifest } = await import('../core/package/pack.js');
    const { loadPipelineConfig } = await import('../pipeline/pipeline-config.js');
    const { executeTests, junitCountsText, testFindings } = await import('../pipeline/stages/test.js');
    const { testedRecord, writeTestedRecord } = await import('../pipeline/tested-record-write.js');
    const shardValue = stringOption(values, 'shard');
    const shard = shardValue === undefined ? null : parseShard(shardValue);
    const env = await readEnvManifest(resolve(envDir));
    let command = positionals;
    let cwd = process.cwd();
    if (configFile) {
      const config = await loadPipelineConfig(configFile);
      command = config.test.command;
      cwd = config.app;
    }
    const junitPath = resolve(stringOption(values, 'junit') ?? junitBeside(recordFile));
    const run = await log.stage(`test ${shardText(shard)}`, () =>
      executeTests({ command, envDir: resolve(envDir), python: env.interpreter.python, cwd, junitPath, shard }),
    );
    const record = await testedRecord(envDir, run, shard);
    await writeTestedRecord(recordFile, record);
    if (json) printJson(record);
    log.info(
      `shard ${shardText(shard)} on ${record.agent}: ${junitCountsText(run.junit) ?? `exit ${run.exitCode}`}; env digest ${record.env.treeDigest}; record ${resolve(recordFile)}`,
    );
    if (run.exitCode === 0) return 0;
    for (const f of testFindings(run)) log.info(`  ${f.path}: ${f.message}`);
    return 1;
  },
});
