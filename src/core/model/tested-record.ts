// A tested record: what one test run (one shard, on one agent) tested, written by `pyhermetic test`
// and checked by `verify --tested-record`. Its centre is the env's tree digest (core/package/tree-digest.ts):
// one sha256 over the records verify's `files` check compares, so a record proves that the tests ran on
// exactly the bytes the package's env part holds. Also the "tested on" section of a verify report.
import { UsageError } from '../../shared/errors.js';

export const TESTED_RECORD_KIND = 'pyhermetic-tested-record';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface JunitCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

export interface TestedRecord {
  schema: 1;
  kind: typeof TESTED_RECORD_KIND;
  env: {
    /** envTreeDigest of the env the tests ran in. */
    treeDigest: string;
    files: number;
    /** Where the env was on the agent (for people; not compared). */
    path: string;
  };
  interpreter: { fingerprint: string; artifactSha256: string | null; version: string };
  lock: { sha256: string };
  /** null: the whole suite in one run. */
  shard: Shard | null;
  /** NODE_NAME of the Jenkins agent, else the host name. */
  agent: string;
  command: string[];
  /** The test command's exit code (0 also when a shard selected no test). */
  exitCode: number;
  junit: JunitCounts | null;
  /** pytest: how many tests the whole suite has, and the node ids this run selected. */
  tests: { collected: number; selected: string[] } | null;
  startedAt: string;
  durationMs: number;
}

/** "2/3", or "all" for an unsharded run. */
export function shardText(shard: Shard | null): string {
  return shard ? `${shard.index}/${shard.count}` : 'all';
}

/** Parses `I/N` (1 ≤ I ≤ N ≤ 1000). */
export function parseShard(text: string): Shard {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || index < 1 || count < 1 || index > count || count > 1000)
    throw new UsageError(
      `--shard ${JSON.stringify(text)} is not I/N with 1 ≤ I ≤ N ≤ 1000`,
      'e.g. --shard 2/3 runs the second of three shards',
    );
  return { index, count };
}

export interface TestedOnRow {
  agent: string;
  shard: string;
  /** The record file as given. */
  record: string;
  /** Its digest equals the package's env part. */
  sameBytes: boolean;
  tests: number | null;
  failures: number | null;
  errors: number | null;
  skipped: number | null;
  exitCode: number;
  durationMs: number;
}

export interface TestedOn {
  /** The digest of the package's env part (what every record must have tested). */
  packageEnvDigest: string;
  rows: TestedOnRow[];
}
