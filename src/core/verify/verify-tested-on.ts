// The "tested on" check of `verify --tested-record`: every record must have tested the package's env
// (same tree digest), the shards must be complete and each run once, every test of the suite in exactly
// one shard, and no shard may have failed. It also builds the report's section, one row per agent and shard.
import type { Finding } from '../../shared/errors.js';
import { PACKAGE_MANIFEST } from '../model/manifests.js';
import { checkResult, type CheckResult } from '../model/report.js';
import { shardText, type TestedOn, type TestedOnRow, type TestedRecord } from '../model/tested-record.js';
import { isAppPath } from '../package/package-layout.js';
import type { PackageContents } from '../package/package-read.js';
import { envTreeDigest } from '../package/tree-digest.js';

/** The digest of the package's env part: every file but app/ and the package manifest, as packed. */
export function packageEnvDigest(pkg: PackageContents): string {
  return envTreeDigest([...pkg.records.values()].filter((r) => r.path !== PACKAGE_MANIFEST && !isAppPath(r.path)));
}

const RETEST =
  'run the shard again on an agent whose env was made from the same interpreter and lock (env create --remote), then verify with its new record';

function who(r: TestedRecord): string {
  return `agent ${r.agent}, shard ${shardText(r.shard)}`;
}

function shardFindings(records: { file: string; record: TestedRecord }[]): Finding[] {
  const findings: Finding[] = [];
  const counts = [...new Set(records.map(({ record }) => record.shard?.count ?? 1))];
  if (counts.length > 1) {
    findings.push({
      path: 'shards',
      message: `the records split the suite in different ways (${[...new Set(records.map(({ record }) => shardText(record.shard)))].join(', ')})`,
      fix: 'pass the records of one run: every shard I/N of the same N',
    });
    return findings;
  }
  const n = counts[0] ?? 1;
  for (let i = 1; i <= n; i++) {
    const runs = records.filter(({ record }) => (record.shard ? record.shard.index : 1) === i);
    const name = n === 1 ? 'the whole suite' : `shard ${i}/${n}`;
    if (runs.length === 0)
      findings.push({
        path: name,
        message: 'no record: these tests did not run, or their record was not passed',
        fix: `pass the record of ${name} (stash it on its agent, unstash it here)`,
      });
    if (runs.length > 1)
      findings.push({
        path: name,
        message: `ran ${runs.length} times (${runs.map(({ record }) => record.agent).join(', ')}): which run counts is not clear`,
        fix: 'pass one record per shard',
      });
  }
  // pytest shards name their tests: each test in exactly one shard, and all of them somewhere.
  // (Only when every shard ran once: a shard run twice already says why its tests appear twice.)
  const withIds = records.filter(({ record }) => record.tests !== null);
  if (findings.length === 0 && withIds.length === records.length && records.length > 0) {
    const seen = new Map<string, string>();
    for (const { record } of records) {
      for (const id of record.tests!.selected) {
        const before = seen.get(id);
        if (before !== undefined)
          findings.push({
            path: id,
            message: `ran in ${before} and in ${who(record)}`,
            fix: 'pass one record per shard',
          });
        else seen.set(id, who(record));
      }
    }
    const collected = new Set(records.map(({ record }) => record.tests!.collected));
    if (collected.size > 1)
      findings.push({
        path: 'shards',
        message: `the shards collected different suites (${[...collected].join(', ')} tests)`,
        fix: 'run every shard on the same commit of the app',
      });
    else if (findings.length === 0 && seen.size !== [...collected][0])
      findings.push({
        path: 'shards',
        message: `${seen.size} of ${[...collected][0]} collected tests ran`,
        fix: 'pass the record of every shard',
      });
  }
  return findings;
}

export function testedOnCheck(
  records: { file: string; record: TestedRecord }[],
  packageEnvDigest: string,
): { check: CheckResult; section: TestedOn } {
  const findings: Finding[] = [];
  for (const { record } of records) {
    if (record.env.treeDigest !== packageEnvDigest)
      findings.push({
        path: who(record),
        message: `tested other bytes than the package's env: tree digest ${record.env.treeDigest.slice(0, 16)}… ≠ ${packageEnvDigest.slice(0, 16)}… (the env at ${record.env.path} on that agent)`,
        fix: RETEST,
      });
    const failed = (record.junit?.failures ?? 0) + (record.junit?.errors ?? 0);
    if (record.exitCode !== 0 || failed > 0)
      findings.push({
        path: who(record),
        message: `the tests failed (exit ${record.exitCode}${record.junit ? `, ${record.junit.failures} failed, ${record.junit.errors} errors` : ''})`,
        fix: 'fix the failing tests, then run the shard again',
      });
  }
  findings.push(...shardFindings(records));
  const rows = records.map(
    ({ file, record }): TestedOnRow => ({
      agent: record.agent,
      shard: shardText(record.shard),
      record: file,
      sameBytes: record.env.treeDigest === packageEnvDigest,
      tests: record.junit?.tests ?? null,
      failures: record.junit?.failures ?? null,
      errors: record.junit?.errors ?? null,
      skipped: record.junit?.skipped ?? null,
      exitCode: record.exitCode,
      durationMs: record.durationMs,
    }),
  );
  const tests = rows.reduce((n, r) => n + (r.tests ?? 0), 0);
  const agents = new Set(rows.map((r) => r.agent)).size;
  const check = checkResult('tested on', findings, {
    summary: `${rows.length} record(s) from ${agents} agent(s), ${tests} tests, against env digest ${packageEnvDigest.slice(0, 16)}…`,
  });
  return { check, section: { packageEnvDigest, rows } };
}
