// Planning a step from the map a Jenkinsfile wrote: defaults, validation messages, the command line,
// rerun.sh and what is published; and the result file's message and encoding.
import assert from 'node:assert/strict';
import { COMMANDS } from '../../../src/cli/registry.js';
import {
  commandArgv,
  planStep as planResolvedStep,
  relativeTo,
  resolveValues,
} from '../../../src/jenkins/step-plan.js';
import { resultJson, stepMessage, summaryText } from '../../../src/jenkins/step-result.js';
import { CREDENTIAL_PARAMS, type JenkinsStep, resolveSteps } from '../../../src/jenkins/step-table.js';
import { EXIT_USAGE, UsageError } from '../../../src/shared/errors.js';

const WS = '/ws/job';
const STEPS = resolveSteps(COMMANDS);

/** A step of the runner's own table, planned. */
const planStep = (step: string, given: unknown, cwd: string) => planResolvedStep(STEPS, step, given, cwd);

/** The UsageError message planStep throws for these parameters. */
function refusal(step: string, given: unknown): string {
  try {
    planStep(step, given, WS);
  } catch (err) {
    assert.ok(err instanceof UsageError, String(err));
    assert.equal(err.exitCode, EXIT_USAGE);
    return err.message;
  }
  assert.fail(`${step} accepted ${JSON.stringify(given)}`);
}

describe('step plan: defaults and the command line', () => {
  it('applies defaults and builds one --option=value word per value, in table order', () => {
    const plan = planStep(
      'lock',
      { interpreter: 'interp', indexUrls: ['file:///a', 'file:///b'], allowSource: 'x' },
      WS,
    );
    assert.deepEqual(plan.argv, [
      'lock',
      '--requirement=requirements.in',
      '--interpreter=interp',
      '--index-url=file:///a',
      '--index-url=file:///b',
      '--allow-source=x',
      '--output=requirements.lock',
    ]);
    assert.equal(plan.rerun, '/ws/job/.pyhermetic/lock/rerun.sh');
    assert.deepEqual(plan.publish.archive, ['requirements.lock', '.pyhermetic/lock/rerun.sh']);
  });

  it('booleans are flags when true; numbers become their text; a dash-leading value stays a value', () => {
    assert.deepEqual(planStep('pack', { env: '-e', out: 'o.tar.gz', level: 9 }, WS).argv, [
      'pack',
      '--env=-e',
      '--out=o.tar.gz',
      '--level=9',
    ]);
    assert.deepEqual(
      planStep('verify', { artifact: 'a', tested: 't', app: 'x', noSmoke: true, noDefaultSmoke: false }, WS).argv,
      ['verify', '--artifact=a', '--tested=t', '--app=x', '--report=pyhermetic-report', '--no-smoke'],
    );
    assert.deepEqual(planStep('fingerprint', { python: '--help', timeout: '12.5' }, WS).argv, [
      'fingerprint',
      '--python=--help',
      '--timeout=12.5',
    ]);
    assert.deepEqual(planStep('env', { interpreter: 'i', dest: 'd', indexUrls: 'u', force: false }, WS).argv, [
      'env',
      'create',
      '--interpreter=i',
      '--lock=requirements.lock',
      '--dest=d',
      '--index-url=u',
    ]);
  });

  it("the pipeline's out follows its config unless given; an explicit null unsets a default", () => {
    assert.deepEqual(planStep('pipeline', { config: 'app/p.json' }, WS).argv, [
      'pipeline',
      '--config=app/p.json',
      '--out=app/.pyhermetic-out',
    ]);
    assert.deepEqual(planStep('pipeline', {}, WS).argv, [
      'pipeline',
      '--config=pyhermetic.json',
      '--out=.pyhermetic-out',
    ]);
    assert.deepEqual(planStep('pipeline', { out: '/o', store: '/s' }, WS).argv.slice(2), ['--out=/o', '--store=/s']);
    assert.deepEqual(planStep('fingerprint', { python: 'p', compare: null }, WS).argv, ['fingerprint', '--python=p']);
  });

  it('an integer for a string parameter is its text', () => {
    assert.deepEqual(planStep('fingerprint', { python: 3 }, WS).argv, ['fingerprint', '--python=3']);
  });
});

describe('step plan: refusals name the step, the key and what is wrong', () => {
  it('an unknown key lists the allowed ones', () => {
    assert.equal(
      refusal('fingerprint', { pyton: '/usr/bin/python3' }),
      "pyhermetic.fingerprint(...): unknown parameter 'pyton'. Allowed parameters: python, compare, timeout, rerun, archive (see the help page pyhermetic.txt)",
    );
    assert.match(refusal('pipeline', { configFile: 'x' }), /^pyhermetic\(\.\.\.\): unknown parameter 'configFile'/);
  });

  it('a missing or empty required key, also one set to null', () => {
    const required =
      "pyhermetic.verify(...): parameter 'tested' is required (see the help page pyhermetic.txt for an example)";
    assert.equal(refusal('verify', { artifact: 'a' }), required);
    assert.equal(refusal('verify', { artifact: 'a', tested: '' }), required);
    assert.equal(
      refusal('verify', { artifact: 'a', tested: 't', report: null }),
      "pyhermetic.verify(...): parameter 'report' is required (see the help page pyhermetic.txt for an example)",
    );
    assert.equal(
      refusal('lock', { interpreter: 'i', indexUrls: [] }),
      "pyhermetic.lock(...): parameter 'indexUrls' is required (see the help page pyhermetic.txt for an example)",
    );
  });

  it('wrong types', () => {
    assert.equal(
      refusal('pack', { env: 'e', out: 'o', archive: 'yes' }),
      "pyhermetic.pack(...): parameter 'archive' must be true or false, got a string: yes",
    );
    assert.equal(
      refusal('env', { interpreter: 'i', dest: 'd', indexUrls: 5 }),
      "pyhermetic.env(...): parameter 'indexUrls' must be a list of strings, e.g. indexUrls: ['value'], got a number: 5",
    );
    assert.equal(
      refusal('lock', { interpreter: 'i', indexUrls: ['a', 7] }),
      "pyhermetic.lock(...): parameter 'indexUrls' must be a list of strings; one item is a number: 7",
    );
    assert.equal(
      refusal('fingerprint', { python: ['a', 'b'] }),
      "pyhermetic.fingerprint(...): parameter 'python' must be a string, got a list: [a, b]",
    );
    assert.equal(
      refusal('fingerprint', { python: { a: 1 } }),
      "pyhermetic.fingerprint(...): parameter 'python' must be a string, got a map: [a:1]",
    );
    assert.equal(
      refusal('pack', { env: 'e', out: 'o', level: 'max' }),
      "pyhermetic.pack(...): parameter 'level' must be a number, got a string: max",
    );
    assert.equal(
      refusal('verify', { artifact: 'a', tested: 't', glibcMax: 2.1 }),
      "pyhermetic.verify(...): parameter 'glibcMax' must be a string, got a number: 2.1 (write it in quotes, e.g. glibcMax: '2.1')",
    );
    assert.equal(
      refusal('fingerprint', { python: 'p', rerun: '' }),
      "pyhermetic.fingerprint(...): parameter 'rerun' must be a file path",
    );
  });

  it('an unknown step, or parameters that are not a map', () => {
    assert.match(refusal('deploy', {}), /^unknown pyhermetic step 'deploy'/);
    assert.equal(
      refusal('fingerprint', ['python']),
      'pyhermetic.fingerprint(...): the parameters must be a map, got a list: [python]',
    );
  });
});

describe('step plan: what is published', () => {
  it('verify: junit, html and the report directory, relative to the step directory', () => {
    const plan = planStep('verify', { artifact: 'a', tested: 't', report: `${WS}/build/parity` }, WS);
    assert.deepEqual(plan.publish, {
      junit: ['build/parity/junit.xml'],
      html: { dir: 'build/parity', file: 'report.html', name: 'pyhermetic verify report' },
      archive: ['build/parity/**', '.pyhermetic/verify/rerun.sh'],
      sarif: [],
    });
    assert.equal(plan.summary, `${WS}/build/parity/summary.md`);
  });

  it('auditPins: the SARIF for Warnings NG, the JUnit, both archived; paths become positionals after --', () => {
    const plan = planStep('auditPins', {}, WS);
    assert.deepEqual(plan.argv, [
      'audit',
      'pins',
      '--sarif=.pyhermetic/auditPins/pins.sarif',
      '--junit=.pyhermetic/auditPins/junit.xml',
      '--fail-on=error',
    ]);
    assert.deepEqual(plan.publish, {
      junit: ['.pyhermetic/auditPins/junit.xml'],
      html: null,
      archive: [
        '.pyhermetic/auditPins/pins.sarif',
        '.pyhermetic/auditPins/junit.xml',
        '.pyhermetic/auditPins/rerun.sh',
      ],
      sarif: [
        { pattern: '.pyhermetic/auditPins/pins.sarif', id: 'pyhermetic-pins', name: 'pyhermetic: floating inputs' },
      ],
    });
    const paths = planStep('auditPins', { paths: ['-rf', 'ci'], failOn: 'warning', sarif: 'out/p.sarif' }, WS);
    assert.deepEqual(paths.argv.slice(-3), ['--', '-rf', 'ci']);
    assert.ok(paths.argv.includes('--fail-on=warning'));
    assert.deepEqual(paths.publish.sarif[0]?.pattern, 'out/p.sarif');
  });

  it('paths outside the step directory, with a comma, or that json-lib would misread are not published', () => {
    const plan = planStep('verify', { artifact: 'a', tested: 't', report: '/elsewhere/r', rerun: 'a,b.sh' }, WS);
    assert.deepEqual(plan.publish, { junit: [], html: null, archive: [], sarif: [] });
    assert.deepEqual(plan.notPublished.sort(), ['/elsewhere/r', '/elsewhere/r/**', '/elsewhere/r/junit.xml', 'a,b.sh']);
    for (const odd of ['null', '[1]', '{x}', '../up', '/ws/jobber/x', '.'])
      assert.equal(relativeTo(WS, odd), null, odd);
    assert.equal(relativeTo(WS, './a//b/**'), 'a/b/**');
    assert.equal(relativeTo(`${WS}/`, `${WS}/x`), 'x');
  });

  it('archive: false archives nothing, rerun.sh included; optional entries without a value are left out', () => {
    assert.deepEqual(planStep('pack', { env: 'e', out: 'o', archive: false }, WS).publish.archive, []);
    assert.deepEqual(planStep('interpreter', {}, WS).publish.archive, ['.pyhermetic/interpreter/rerun.sh']);
    assert.deepEqual(planStep('interpreter', { out: 'i' }, WS).publish.archive, [
      'i/**/*.json',
      '.pyhermetic/interpreter/rerun.sh',
    ]);
  });
});

describe('step plan: credential parameters and maps (a step that declares them)', () => {
  const step: JenkinsStep = {
    name: 'push',
    command: ['store', 'push'],
    summary: 'test step',
    params: [
      { name: 'labels', type: 'map', option: 'label', description: 'labels of the push' },
      CREDENTIAL_PARAMS.tokenCredentialsId,
    ],
    publish: {},
    examples: [],
  };

  it('passes no credential id to the command, and a map as KEY=VALUE words', () => {
    const values = resolveValues(step, { labels: { team: 'a', n: 2 }, tokenCredentialsId: 'tok' });
    assert.deepEqual(commandArgv(step, values), ['store', 'push', '--label=team=a', '--label=n=2']);
  });

  it('refuses a map of lists by key', () => {
    assert.throws(() => resolveValues(step, { labels: { a: ['x'] } }), /the value of 'a' is a list: \[x\]/);
  });
});

describe('step result', () => {
  it('one line per outcome, with the re-run path except when ok', () => {
    assert.equal(stepMessage('pack', 0, 'whatever', '/r.sh'), 'pyhermetic pack: ok');
    assert.equal(
      stepMessage('verify', 1, 'FINDINGS: 2\nfiles changed', "/w/it's.sh"),
      "pyhermetic verify: findings (exit 1): FINDINGS: 2 files changed | re-run on the agent: sh '/w/it'\\''s.sh'",
    );
    assert.equal(
      stepMessage('lock', 3, 'pip failed', '/r.sh'),
      "pyhermetic lock failed (exit 3: environment or tool failure): pip failed | re-run on the agent: sh '/r.sh'",
    );
    assert.equal(stepMessage('lock', 2, 'bad', null), 'pyhermetic lock failed (exit 2: usage or config error): bad');
  });

  it('the result file is ASCII JSON that parses back to the same values', () => {
    const result = {
      exitCode: 1,
      message: 'ünïcödé ✓ 🐍 "q" \\ \u007f',
      publish: { junit: [], html: null, archive: ['a b/**'], sarif: [] },
      rerun: '/x',
      credentials: [],
    };
    const text = resultJson(result);
    assert.ok([...Buffer.from(text)].every((b) => b === 0x0a || (b >= 0x20 && b < 0x7f)));
    assert.deepEqual(JSON.parse(text), result);
  });

  it('ESC, U+2028 and the other controls a log viewer would act on are shown as escapes in messages', () => {
    const hostile = 'a\u001b[31mred\u2028b\u2029c\u202eevil\u0085d\u007f\u0000e\u200ff';
    const message = stepMessage('fingerprint', 2, `no such file: ${hostile}`, null);
    assert.equal(
      message,
      'pyhermetic fingerprint failed (exit 2: usage or config error): no such file: ' +
        'a\\u001b[31mred\\u2028b\\u2029c\\u202eevil\\u0085d\\u007f\\u0000e\\u200ff',
    );
    assert.doesNotMatch(message, /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u200e\u200f]/);
    // Printable text, non-ASCII letters included, stays as it was.
    assert.equal(stepMessage('x', 1, 'ünïcödé ✓ 🐍', null), 'pyhermetic x: findings (exit 1): ünïcödé ✓ 🐍');
  });

  it('summary.md becomes its verdict and first findings, without tables or headings', () => {
    const md =
      '# pyhermetic\n\n**FINDINGS**: 2 finding(s)\n\n| check | state |\n|---|---|\n- files: changed x\n- smoke: failed\n- more\n';
    assert.equal(summaryText(md), 'FINDINGS: 2 finding(s) - files: changed x - smoke: failed - more');
  });
});

describe('credential bindings (what the Groovy binds after the check phase)', () => {
  it('lists one binding per credential id the map names, in table order; none without ids', () => {
    const plan = planStep(
      'pipeline',
      { credentialsId: 'store-user', tokenCredentialsId: 'store-token', signingKeyCredentialsId: 'key' },
      WS,
    );
    assert.deepEqual(plan.credentials, [
      { kind: 'file', credentialsId: 'key', variable: 'PYHERMETIC_SIGNING_KEY' },
      {
        kind: 'usernamePassword',
        credentialsId: 'store-user',
        usernameVariable: 'PYHERMETIC_REMOTE_USER',
        passwordVariable: 'PYHERMETIC_REMOTE_PASSWORD',
      },
      { kind: 'string', credentialsId: 'store-token', variable: 'PYHERMETIC_REMOTE_TOKEN' },
    ]);
    assert.deepEqual(planStep('pipeline', {}, WS).credentials, []);
  });
});
