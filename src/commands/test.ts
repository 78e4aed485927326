// `pyhermetic test --env DIR [--config pyhermetic.json | -- COMMAND…] [--shard I/N] --record FILE
//  [--junit FILE] [--json]`: the project's tests in an env, as the pipeline's test stage runs them, on
// one agent of a fleet; writes the tested record that `verify --tested-record` checks.
import { dirname, join, resolve } from 'node:path';
import { parseShard, shardText } from '../core/report/tested-record.js';
import { loadPipelineConfig } from '../pipeline/pipeline-config.js';
import { executeTests, junitCountsText, testFindings } from '../pipeline/pipeline-test-stage.js';
import { testedRecord, writeTestedRecord } from '../pipeline/tested-record-write.js';
import { readEnvManifest } from '../core/package/pack.js';
import { UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { printJson, stringOption, type Command } from './command.js';

export const testCommand: Command = {
  name: 'test',
  summary: "Run the project's tests (or one shard of them) in an env and write a tested record",
  usage:
    'test --env DIR [--config pyhermetic.json | -- COMMAND...] [--shard I/N] --record FILE [--junit FILE] [--json]',
  help: `options:
  --env DIR        the env to test in (made by \`pyhermetic env create\`, e.g. from the remote store)
  --config FILE    the pipeline config: its test.command, run from its app directory
  -- COMMAND...    the test command instead, run from the current directory (\`python\` means the env's)
  --shard I/N      pytest only: run the I-th of N shards. A test's shard is sha256(node id) mod N, so every
                   agent computes the same split; each test runs in exactly one shard; together the N shards
                   run what one unsharded run would (pytest's -k/-m selection applies first)
  --record FILE    the tested record to write (JSON): the env's tree digest (as verify hashes a tested env),
                   the interpreter's sha256 and fingerprint, the lock's sha256, the shard, the agent
                   (NODE_NAME, else the host name), the junit counts, the node ids run, the duration
  --junit FILE     pytest's junit XML (default: beside the record, <record>.junit.xml)
  --json           print the record on stdout

exit codes: 0 the tests passed (also a shard with no test in it) · 1 tests failed (the record is still
written: verify reports it) · 2 bad options, no env, --shard with a command that is not pytest ·
3 the tests could not be run`,
  options: {
    env: { type: 'string' },
    config: { type: 'string' },
    shard: { type: 'string' },
    record: { type: 'string' },
    junit: { type: 'string' },
  },
  positionals: { min: 0, max: 10_000, names: '-- COMMAND...' },
  async run({ values, positionals, json }) {
    const envDir = stringOption(values, 'env');
    const recordFile = stringOption(values, 'record');
    const configFile = stringOption(values, 'config');
    if (!envDir || !recordFile)
      throw new UsageError(
        `test needs ${!envDir ? '--env DIR' : '--record FILE'}`,
        `usage: pyhermetic ${testCommand.usage}`,
      );
    if ((configFile === undefined) === (positionals.length === 0))
      throw new UsageError(
        configFile
          ? 'test takes --config or a command after --, not both'
          : 'test needs --config FILE or -- COMMAND...',
        'e.g. pyhermetic test --env env-test --config pyhermetic.json --record tested.json',
      );
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
    const junitPath = resolve(
      stringOption(values, 'junit') ??
        join(dirname(resolve(recordFile)), `${recordFile.replace(/^.*\//, '').replace(/\.json$/, '')}.junit.xml`),
    );
    const run = await log.stage(`test ${shardText(shard)}`, () =>
      executeTests({ command, envDir: resolve(envDir), python: env.interpreter.python, cwd, junitPath, shard }),
    );
    const record = await testedRecord(envDir, run, shard);
    await writeTestedRecord(recordFile, record);
    if (json) printJson(record);
    const counts = junitCountsText(run.junit) ?? `exit ${run.exitCode}`;
    log.info(
      `shard ${shardText(shard)} on ${record.agent}: ${counts}; env digest ${record.env.treeDigest}; record ${resolve(recordFile)}`,
    );
    if (run.exitCode === 0) return 0;
    for (const f of testFindings(run)) log.info(`  ${f.path}: ${f.message}`);
    return 1;
  },
};
