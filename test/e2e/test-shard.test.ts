// `pyhermetic test --shard I/N` on the demo app's tests (examples/demo-app/tests), in a real env made from
// the suite's static interpreter and the demo's lock: for several N the shards are disjoint and together
// are exactly the unsharded run; the split the pytest plugin makes is the one shardOf computes. Also the
// refusals (not pytest, a bad I/N) and a failing test (exit 1, the record written and saying so).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shardOf } from '../../src/pipeline/test-shard.js';
import { copyDemo, onTheHost } from '../helpers/demo-app.js';
import { builtInterpreter } from '../helpers/interpreters.js';
import { LOCAL_INDEX } from '../helpers/runner.js';
import { scratch } from '../helpers/scratch.js';

const scratchDirs = scratch();

describe('pyhermetic test --shard on the demo app tests @slow', function () {
  this.timeout(30 * 60 * 1000);
  let demo: string;
  let env: string;
  let all: string[];

  const test = async (extra: string[], record: string) =>
    scratchDirs.run(['test', '--env', env, '--config', join(demo, 'pyhermetic.json'), '--record', record, ...extra]);

  before(async () => {
    const interp = await builtInterpreter('static');
    demo = join(scratchDirs.dir('shard-demo-'), 'demo-app');
    copyDemo(demo);
    onTheHost(demo);
    env = join(scratchDirs.dir('shard-env-'), 'env-test');
    const made = await scratchDirs.run([
      'env',
      'create',
      '--interpreter',
      interp.artifact,
      '--lock',
      join(demo, 'requirements.lock'),
      '--dest',
      env,
      '--index-url',
      LOCAL_INDEX,
      '--cache-root',
      scratchDirs.dir('shard-cache-'),
    ]);
    assert.equal(made.exitCode, 0, made.stderr);
    const record = join(scratchDirs.dir('shard-all-'), 'all.json');
    const r = await test([], record);
    assert.equal(r.exitCode, 0, r.stderr);
    const doc = JSON.parse(readFileSync(record, 'utf8'));
    all = doc.tests.selected;
    assert.equal(doc.shard, null);
    assert.equal(doc.tests.collected, all.length);
    assert.equal(doc.junit.tests, all.length);
  });
  after(() => scratchDirs.cleanup());

  for (const n of [2, 3, 5]) {
    it(`N=${n}: the shards are disjoint, their union is the unsharded run, each as shardOf says`, async () => {
      const dir = scratchDirs.dir(`shards-${n}-`);
      const shards: string[][] = [];
      for (let i = 1; i <= n; i++) {
        const record = join(dir, `shard-${i}.json`);
        const r = await test(['--shard', `${i}/${n}`], record);
        assert.equal(r.exitCode, 0, r.stderr);
        const doc = JSON.parse(readFileSync(record, 'utf8'));
        assert.deepEqual(doc.shard, { index: i, count: n });
        assert.equal(doc.tests.collected, all.length, 'every shard collects the whole suite');
        assert.equal(doc.junit.tests, doc.tests.selected.length, 'junit counts what the shard selected');
        for (const id of doc.tests.selected) assert.equal(shardOf(id, n), i - 1, `${id} in shard ${i}/${n}`);
        shards.push(doc.tests.selected);
      }
      const union = shards.flat();
      assert.equal(new Set(union).size, union.length, 'disjoint');
      assert.deepEqual([...union].sort(), [...all].sort(), 'complete');
    });
  }

  it('refuses --shard for a command that is not pytest, and a bad I/N (exit 2)', async () => {
    const dir = scratchDirs.dir('shard-bad-');
    const notPytest = await scratchDirs.run([
      'test',
      '--env',
      env,
      '--shard',
      '1/2',
      '--record',
      join(dir, 'r.json'),
      '--',
      'python',
      '-c',
      'print(1)',
    ]);
    assert.equal(notPytest.exitCode, 2);
    assert.match(notPytest.stderr, /--shard needs a pytest command/);
    for (const bad of ['0/3', '4/3', '1/0', 'two/3', '1/3/4']) {
      const r = await test(['--shard', bad], join(dir, 'r.json'));
      assert.equal(r.exitCode, 2, bad);
      assert.match(r.stderr, /is not I\/N with 1 ≤ I ≤ N/);
    }
    const both = await scratchDirs.run(['test', '--env', env, '--record', join(dir, 'r.json')]);
    assert.equal(both.exitCode, 2);
    assert.match(both.stderr, /test needs --config FILE or -- COMMAND/);
  });

  it('a failing test: exit 1, and the record says so (verify turns it into a finding)', async () => {
    writeFileSync(join(demo, 'tests', 'test_fails_on_purpose.py'), 'def test_fails():\n    assert 1 == 2\n');
    const record = join(scratchDirs.dir('shard-fail-'), 'fail.json');
    const r = await test([], record);
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /test_fails_on_purpose\.py::test_fails|test_fails_on_purpose::test_fails/);
    const doc = JSON.parse(readFileSync(record, 'utf8'));
    assert.equal(doc.exitCode, 1);
    assert.equal(doc.junit.failures, 1);
  });
});
