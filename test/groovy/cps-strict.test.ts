// Strict CPS mode: before every step call, what CPS would keep (every local in scope, and values held on
// the stack while a step in the same expression runs) is Java-serialized and read back, as Jenkins does
// with the program state under its default durability (test/groovy/CpsCheckpoint.groovy). Red on the
// library before issue 19, which held a JsonSlurperClassic across readFile where Pipeline Utility Steps
// is missing; green on today's library, for a step without and a step with credentials.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT } from '../helpers/runner.js';
import { runBuild } from './harness.js';

const DEBIAN = '/usr/bin/python3';
const BEFORE = join(ROOT, 'test', 'groovy', 'fixtures', 'pyhermetic-before-issue-19.groovy');

describe('strict CPS: program state serialized before every step', function () {
  this.timeout(10 * 60 * 1000);

  it('RED: the library before issue 19 holds a JsonSlurperClassic across readFile (NotSerializableException)', async () => {
    const run = await runBuild([{ step: 'fingerprint', config: { python: DEBIAN } }], {
      library: BEFORE,
      strictCps: true,
      absentSteps: ['readJSON'],
    });
    assert.equal(run.record.result, 'FAILURE');
    assert.equal(run.record.thrown?.type, 'CpsNotSerializable');
    assert.match(
      run.record.thrown?.message ?? '',
      /^CPS at readResult:\d+: a value held across a step is not serializable \(groovy\.json\.JsonSlurperClassic\)/,
    );
  });

  it('GREEN: every step of today’s library passes, with and without credentials, inside closures too', async () => {
    const run = await runBuild(
      [
        { step: 'fingerprint', config: { python: DEBIAN } },
        { step: 'fingerprint', config: { python: DEBIAN, compare: '/root/.pyenv/versions/3.11.7/bin/python3' } },
        { step: 'interpreter', config: { spec: 'missing.json', tokenCredentialsId: 'token' } },
      ],
      { strictCps: true, absentSteps: ['readJSON'], continueAfterErrors: true },
    );
    assert.deepEqual(run.record.returns, [0, 1, null]);
    assert.match(run.record.callErrors[2]?.message ?? '', /^pyhermetic interpreter failed \(exit 2/);
    const where = new Set(run.events('cpsCheckpoint').map((e) => String(e.where).replace(/:\d+$/, '')));
    for (const method of ['fingerprint', 'interpreter', 'runStep', 'runRunner', 'credentialBindings', 'publishResult'])
      assert.ok(where.has(method), `checkpoints in ${method}: ${[...where].join(', ')}`);
    // What lives across a step: only Strings, Lists, Maps, numbers (and null).
    const types = new Set(
      run.events('cpsCheckpoint').flatMap((e) => Object.values(e.locals as Record<string, string>)),
    );
    assert.deepEqual(
      [...types].filter(
        (t) => !/^(java\.lang\.(String|Integer|Boolean)|java\.util\.(LinkedHashMap|ArrayList)|null)$/.test(t),
      ),
      [],
    );
  });
});
