// The "tested on" check on its own: digests, shards missing or twice, tests in two shards or missing,
// failed shards; and the tree digest and the I/N parser it relies on.
import assert from 'node:assert/strict';
import type { TestedRecord } from '../../../src/core/model/tested-record.js';
import { parseShard } from '../../../src/core/model/tested-record.js';
import { envTreeDigest } from '../../../src/core/package/tree-digest.js';
import { testedOnCheck } from '../../../src/core/verify/verify-tested-on.js';
import { parseTestedRecord } from '../../../src/core/verify/tested-record-read.js';
import { shardOf } from '../../../src/pipeline/test-shard.js';

const D = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);

function record(agent: string, index: number, count: number, selected: string[], digest = D): TestedRecord {
  return {
    schema: 1,
    kind: 'pyhermetic-tested-record',
    env: { treeDigest: digest, files: 10, path: `/w/${agent}/env` },
    interpreter: { fingerprint: 'f', artifactSha256: 's', version: '3.11.2' },
    lock: { sha256: 'l' },
    shard: { index, count },
    agent,
    command: ['python', '-m', 'pytest'],
    exitCode: 0,
    junit: { tests: selected.length, failures: 0, errors: 0, skipped: 0 },
    tests: { collected: 4, selected },
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1000,
  };
}

const files = (rs: TestedRecord[]) => rs.map((r, i) => ({ file: `r${i}.json`, record: r }));

describe('tested on (verify --tested-record)', () => {
  const good = [record('a', 1, 2, ['t1', 't2']), record('b', 2, 2, ['t3', 't4'])];

  it('passes when every shard ran once on the package bytes and the suite is complete', () => {
    const { check, section } = testedOnCheck(files(good), D);
    assert.deepEqual(check.findings, []);
    assert.deepEqual(
      section.rows.map((r) => [r.agent, r.shard, r.sameBytes, r.tests]),
      [
        ['a', '1/2', true, 2],
        ['b', '2/2', true, 2],
      ],
    );
  });

  it('a record of other bytes names its agent and shard', () => {
    const { check } = testedOnCheck(files([good[0]!, record('c', 2, 2, ['t3', 't4'], OTHER)]), D);
    assert.deepEqual(
      check.findings.map((f) => f.path),
      ['agent c, shard 2/2'],
    );
    assert.match(check.findings[0]!.message, /tested other bytes/);
  });

  it('a shard missing, one run twice, mixed splits, a test missing, a failed shard', () => {
    assert.deepEqual(
      testedOnCheck(files([good[0]!]), D).check.findings.map((f) => f.path),
      ['shard 2/2'],
    );
    const twice = testedOnCheck(files([...good, record('c', 2, 2, ['t3', 't4'])]), D).check.findings;
    assert.deepEqual(
      twice.map((f) => [f.path, f.message]),
      [['shard 2/2', 'ran 2 times (b, c): which run counts is not clear']],
    );
    assert.match(
      testedOnCheck(files([good[0]!, record('c', 2, 3, ['t3'])]), D).check.findings[0]!.message,
      /split the suite in different ways/,
    );
    assert.match(
      testedOnCheck(files([good[0]!, record('b', 2, 2, ['t3'])]), D).check.findings[0]!.message,
      /3 of 4 collected tests ran/,
    );
    const failed = { ...good[1]!, exitCode: 1, junit: { tests: 2, failures: 1, errors: 0, skipped: 0 } };
    assert.match(testedOnCheck(files([good[0]!, failed]), D).check.findings[0]!.message, /the tests failed \(exit 1/);
  });

  it('a record file of the wrong shape is a usage error naming the field', () => {
    assert.throws(() => parseTestedRecord('x.json', { kind: 'other' }), /x\.json is not a tested record: kind/);
    assert.throws(() => parseTestedRecord('x.json', { ...good[0]!, env: { treeDigest: 'short' } }), /env\.treeDigest/);
    assert.equal(parseTestedRecord('x.json', JSON.parse(JSON.stringify(good[0]))).agent, 'a');
  });

  it('the tree digest ignores record order and sizes, and sees a changed hash, mode or link', () => {
    const a = { path: 'a', sha256: '1', size: 1, mode: 0o644 };
    const b = { path: 'b', sha256: '2', size: 2, mode: 0o755 };
    assert.equal(envTreeDigest([a, b]), envTreeDigest([b, { ...a, size: 99 }]));
    assert.notEqual(envTreeDigest([a, b]), envTreeDigest([a, { ...b, sha256: '3' }]));
    assert.notEqual(envTreeDigest([a, b]), envTreeDigest([a, { ...b, mode: 0o644 }]));
    assert.notEqual(envTreeDigest([a, b]), envTreeDigest([a, { ...b, link: 'x' }]));
  });

  it('parses I/N and refuses what is not one', () => {
    assert.deepEqual(parseShard('2/3'), { index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', '1/3/4', 'x', '1/1001']) assert.throws(() => parseShard(bad), /I\/N/);
  });

  it('shardOf spreads node ids over every shard and is stable', () => {
    const ids = Array.from({ length: 300 }, (_, i) => `tests/test_x.py::test_${i}`);
    const counts = [0, 0, 0];
    for (const id of ids) counts[shardOf(id, 3)]!++;
    assert.ok(
      counts.every((c) => c > 60),
      counts.join(','),
    );
    assert.equal(shardOf('tests/test_notes.py::test_a', 7), shardOf('tests/test_notes.py::test_a', 7));
  });
});
