// Reading the tested records given to `verify --tested-record`: each file checked by shape, so a wrong
// one is a usage error naming the file and the field, never a crash inside the check.
import { readFile, stat } from 'node:fs/promises';
import { UsageError } from '../../shared/errors.js';
import { TESTED_RECORD_KIND, type JunitCounts, type TestedRecord } from '../model/tested-record.js';

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
