// Writes the tested record of one test run (`pyhermetic test --record`, and the pipeline's test stage):
// the env hashed exactly as verify hashes a tested tree (pack policy applied), its interpreter and
// lock from pyhermetic-env.json, the shard, the agent, the junit counts, the node ids, the duration.
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { hashTree } from '../core/archive/archive.js';
import { readEnvManifest } from '../core/package/pack.js';
import { ENV_TREE_OPTIONS } from '../core/package/pack-policy.js';
import { envTreeDigest } from '../core/package/tree-digest.js';
import { TESTED_RECORD_KIND, type Shard, type TestedRecord } from '../core/model/tested-record.js';
import { writeFileAtomic } from '../shared/atomic-file.js';
import type { JunitSummary } from './junit-read.js';

/** What the record needs of a test run (stages/test.ts's TestRun has it). */
export interface RecordedRun {
  argv: string[];
  exitCode: number;
  junit?: JunitSummary;
  tests: { collected: number; selected: string[] } | null;
  startedAt: string;
  durationMs: number;
}

/** The Jenkins agent's name (NODE_NAME), else this host's name. */
export function agentName(env: NodeJS.ProcessEnv = process.env): string {
  const node = env.NODE_NAME?.trim();
  return node ? node : hostname();
}

export async function testedRecord(envDir: string, run: RecordedRun, shard: Shard | null): Promise<TestedRecord> {
  const dir = resolve(envDir);
  const [env, files] = await Promise.all([readEnvManifest(dir), hashTree(dir, ENV_TREE_OPTIONS)]);
  return {
    schema: 1,
    kind: TESTED_RECORD_KIND,
    env: { treeDigest: envTreeDigest(files), files: files.length, path: dir },
    interpreter: {
      fingerprint: env.interpreter.fingerprint,
      artifactSha256: env.interpreter.artifactSha256,
      version: env.interpreter.version,
    },
    lock: { sha256: env.lock.sha256 },
    shard,
    agent: agentName(),
    command: run.argv,
    exitCode: run.exitCode,
    junit: run.junit
      ? { tests: run.junit.tests, failures: run.junit.failures, errors: run.junit.errors, skipped: run.junit.skipped }
      : null,
    tests: run.tests,
    startedAt: run.startedAt,
    durationMs: run.durationMs,
  };
}

export async function writeTestedRecord(file: string, record: TestedRecord): Promise<void> {
  await mkdir(dirname(resolve(file)), { recursive: true });
  await writeFileAtomic(resolve(file), `${JSON.stringify(record, null, 2)}\n`);
}
