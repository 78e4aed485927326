// The sandbox and CPS check of vars/pyhermetic.groovy (test/groovy/sandbox-check.groovy): every call's
// signature in the stock script-security whitelist lines recorded in sandbox-whitelist.txt, no static
// method, no closure calling a sibling, only CPS-plain locals. Red on the library as it was before
// issue 19 (kept as a fixture), green on today's.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../helpers/runner.js';
import { JAVA_HOME } from './harness.js';

const HERE = join(ROOT, 'test', 'groovy');

async function check(library: string): Promise<{ exitCode: number; lines: string[] }> {
  const r = await execa('groovy', [join(HERE, 'sandbox-check.groovy'), join(HERE, 'sandbox-whitelist.txt'), library], {
    env: { ...process.env, JAVA_HOME },
    reject: false,
    all: true,
  });
  return { exitCode: r.exitCode ?? -1, lines: String(r.all).split('\n').filter(Boolean) };
}

describe('sandbox and CPS check of the Jenkins library (Groovy 2.4 AST walk)', function () {
  this.timeout(120_000);

  it('red: the library before issue 19 has static methods, closures calling siblings, JsonSlurperClassic', async () => {
    const r = await check(join(HERE, 'fixtures', 'pyhermetic-before-issue-19.groovy'));
    assert.equal(r.exitCode, 1, r.lines.join('\n'));
    const text = r.lines.join('\n');
    for (const expected of [
      /plain: static method plain/,
      /toJson: static method toJson/,
      /jsonString: static method jsonString/,
      /plain: a closure calls plain\(…\) of this file unqualified/,
      /toJson: a closure calls toJson\(…\) of this file unqualified/,
      /toJson: a closure calls jsonString\(…\) of this file unqualified/,
      /readResult: .*new groovy\.json\.JsonSlurperClassic$/m,
      /readResult: a step runs inside the arguments of parseText\(…\) while its receiver is held across it/,
      /markUnstable: currentBuild is neither a local nor a global variable/,
    ])
      assert.match(text, expected);
  });

  it('green: vars/pyhermetic.groovy passes', async () => {
    const r = await check(join(ROOT, 'vars', 'pyhermetic.groovy'));
    assert.equal(r.exitCode, 0, r.lines.join('\n'));
    assert.match(r.lines.join('\n'), /^ok: pyhermetic\.groovy/);
  });

  it('the check can fail on one bad line: a closure calling a sibling in an otherwise clean library', async () => {
    const source = readFileSync(join(ROOT, 'vars', 'pyhermetic.groovy'), 'utf8').replace(
      'List bindings = credentialBindings((List) result.credentials)',
      'List bindings = [(List) result.credentials].collect { credentialBindings(it) }[0]',
    );
    assert.ok(source.includes('.collect {'), 'the mutation applied');
    const file = join(tempDir('sandbox-check-'), 'pyhermetic.groovy');
    writeFileSync(file, source);
    const r = await check(file);
    assert.equal(r.exitCode, 1);
    assert.match(r.lines.join('\n'), /runStep: a closure calls credentialBindings\(…\) of this file unqualified/);
  });

  it('the recorded whitelist lines name the script-security commit they come from', () => {
    const text = readFileSync(join(HERE, 'sandbox-whitelist.txt'), 'utf8');
    assert.match(text, /jenkinsci\/script-security-plugin @ [0-9a-f]{40}/);
    const signatures = text.split('\n').filter((l) => /^(method|staticMethod|new) /.test(l));
    assert.ok(signatures.length > 10);
  });
});
