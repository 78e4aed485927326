// A tested record: what one test run (one shard, on one agent) tested, written by `pyhermetic test`
// and checked by `verify --tested-record`. Its centre is the env's tree digest: one sha256 over the
// records verify's `files` check compares (the env hashed with the pack policy), so a record proves
// that the tests ran on exactly the bytes the package's env part holds.
import { readFile, stat } from 'node:fs/promises';
import type { FileRecord } from '../package/manifests.js';
import { canonicalJson, sha256Hex } from '../../shared/canonical.js';
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

/**
 * The digest of a tree's file records: sha256 over the canonical JSON of [path, sha256, mode, link]
 * sorted by path (sizes are implied by the hashes). The same records give the same digest whether
 * they come from hashing a directory or from reading a package.
 */
export function envTreeDigest(records: Iterable<FileRecord>): string {
  const rows = [...records]
    .map((r) => [r.path, r.sha256, r.mode, r.link ?? null])
    .sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  return sha256Hex(canonicalJson(rows));
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

const HEX64 = /^[0-9a-f]{64}$/;

function isCounts(v: unknown): v is JunitCounts {
  if (v === null || typeof v !== 'object') return false;
  const c = v as Record<string, unknown>;
  return ['tests', 'failures', 'errors', 'skipped'].every((k) => Number.isSafeInteger(c[k]) && (c[k] as number) >= 0);
}

/** A record is a few kilobytes (plus the node ids it ran); anything far larger is not one. */
const RECORD_LIMIT = 64 * 1024 * 1024;

/** Reads and checks one record file (verify --tested-record). */
export async function readTestedRecord(file: string): Promise<TestedRecord> {
  const st = await stat(file).catch(() => undefined);
  if (!st?.isFile() || st.size > RECORD_LIMIT)
    throw new UsageError(
      `--tested-record ${file} is not a file of at most ${RECORD_LIMIT} bytes`,
      'pass the record file `pyhermetic test --record` wrote (unstash it first on the verifying agent)',
    );
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${file} is not JSON: ${(err as Error).message}`, 'pass the record `pyhermetic test` wrote');
  }
  return parseTestedRecord(file, value);
}

/** The record's fields checked by shape; a wrong one is a usage error naming the file and the field. */
export function parseTestedRecord(file: string, value: unknown): TestedRecord {
  const bad = (what: string): never => {
    throw new UsageError(
      `${file} is not a tested record: ${what}`,
      'pass the record file `pyhermetic test --record` wrote (one per shard)',
    );
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return bad('not a JSON object');
  // biome-ignore lint/suspicious/noExplicitAny: a parsed document, checked field by field below
  const r = value as Record<string, any>;
  if (r.kind !== TESTED_RECORD_KIND || r.schema !== 1) return bad(`kind is not ${TESTED_RECORD_KIND} (schema 1)`);
  if (typeof r.env?.treeDigest !== 'string' || !HEX64.test(r.env.treeDigest)) return bad('env.treeDigest');
  if (typeof r.agent !== 'string' || r.agent === '') return bad('agent');
  if (r.shard !== null) {
    const s = r.shard;
    if (!Number.isSafeInteger(s?.index) || !Number.isSafeInteger(s?.count) || s.index < 1 || s.index > s.count)
      return bad('shard');
  }
  if (!Number.isSafeInteger(r.exitCode)) return bad('exitCode');
  if (r.junit !== null && !isCounts(r.junit)) return bad('junit');
  if (r.tests !== null && !(Number.isSafeInteger(r.tests?.collected) && Array.isArray(r.tests?.selected)))
    return bad('tests');
  if (typeof r.interpreter?.fingerprint !== 'string' || typeof r.lock?.sha256 !== 'string')
    return bad('interpreter or lock');
  return r as TestedRecord;
}
