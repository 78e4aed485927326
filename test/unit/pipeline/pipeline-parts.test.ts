import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snapshotApp } from '../../../src/pipeline/stages/app.js';
import { parseJunit } from '../../../src/pipeline/junit-read.js';
import { checkLockForInterpreter } from '../../../src/pipeline/stages/lock-check.js';
import { rerunScriptText, writePipelineRerun } from '../../../src/pipeline/pipeline-rerun.js';
import { runsPytest, testArgv } from '../../../src/pipeline/stages/test.js';
import { UsageError } from '../../../src/shared/errors.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'pyh-pipeparts-'));
const FP = 'a'.repeat(64);
const HASH = 'b'.repeat(64);

describe('pipeline parts', () => {
  describe('junit reading', () => {
    it('counts tests and names the failed ones with their message', () => {
      const xml = `<?xml version="1.0"?><testsuites><testsuite name="pytest" tests="4">
<testcase classname="tests.test_a" name="test_ok" time="0.1"/>
<testcase classname="tests.test_a" name="test_bad[&lt;x&gt;]" time="0.1"><failure message="assert 1 == 2&#10;more">trace</failure></testcase>
<testcase classname="tests.test_b" name="test_err"><error message="fixture &quot;db&quot; not found">e</error></testcase>
<testcase classname="tests.test_b" name="test_skip"><skipped message="later"/></testcase>
</testsuite></testsuites>`;
      const s = parseJunit(xml);
      assert.deepEqual([s.tests, s.failures, s.errors, s.skipped], [4, 1, 1, 1]);
      assert.deepEqual(s.failed, [
        { id: 'tests.test_a::test_bad[<x>]', kind: 'failure', message: 'assert 1 == 2' },
        { id: 'tests.test_b::test_err', kind: 'error', message: 'fixture "db" not found' },
      ]);
    });

    it('reads XML as XML: CDATA, comments, single quotes, a bare testsuite; a cut-off file still counts', () => {
      const xml = `<testsuite><!-- <testcase name="commented"/> --><testcase classname='m' name='t'>
<failure message='a &amp; b'><![CDATA[<testcase name="inside"/>]]></failure></testcase><testcase name="u"/></testsuite>`;
      const s = parseJunit(xml);
      assert.deepEqual([s.tests, s.failures], [2, 1]);
      assert.deepEqual(s.failed, [{ id: 'm::t', kind: 'failure', message: 'a & b' }]);
      const cut = parseJunit('<testsuites><testsuite><testcase classname="a" name="b"><failure message="x">');
      assert.deepEqual([cut.tests, cut.failures], [1, 1]);
    });

    it('does not expand nested DOCTYPE entities (an entity bomb stays small)', () => {
      const defs =
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">';
      const xml = `<!DOCTYPE l [${defs}]><testsuite><testcase name="x"><failure message="${'&c;'.repeat(1000)}"/></testcase></testsuite>`;
      const s = parseJunit(xml);
      assert.equal(s.tests, 1);
      assert.ok(s.failed[0]!.message.length < 10_000, `expanded to ${s.failed[0]!.message.length} characters`);
    });
  });

  describe('rerun.sh', () => {
    const hostile = ["it's", '$(touch PWNED)', '`touch PWNED`', 'a b', 'line\nbreak', 'ünï', '; touch PWNED;'];
    it('passes every word byte for byte and executes nothing', () => {
      const dir = tmp();
      const script = join(dir, 'rerun.sh');
      const text = rerunScriptText({
        cwd: dir,
        argv: ['/usr/bin/printf', '[%s]\\n', ...hostile],
        env: { PYHERMETIC_HOME: "/x/it's" },
        stages: [
          { name: 'pack', command: ['p', 'x\ny'] },
          { name: 'verify', command: ['v', "'q'"] },
          { name: 'test', command: ['t'], cwd: '/a b' },
        ],
      });
      writeFileSync(script, text);
      const out = execFileSync('/bin/sh', [script], { cwd: '/', encoding: 'utf8' });
      assert.equal(out, hostile.map((w) => `[${w}]\n`).join(''));
      assert.equal(existsSync(join(dir, 'PWNED')), false);
      assert.match(text, /^# pack: \(an argument holds a newline; see the log\)$/m);
      assert.match(text, /^# verify: 'v' ''\\''q'\\'''$/m);
      assert.match(text, /^# test: cd '\/a b' && 't'$/m);
    });
    it('a remote from the config: rerun.sh says the stages read it from PYHERMETIC_REMOTE, and names no secret', () => {
      const text = rerunScriptText({
        cwd: '/w',
        argv: ['node', 'runner.mjs', 'pipeline', '--config', 'pyhermetic.json'],
        env: {},
        remote: 'nexus+https://n.example.org/repository/raw/',
        stages: [{ name: 'interpreter', command: ['node', 'runner.mjs', 'interpreter', 'build'] }],
      });
      assert.match(text, /credentials are not written here/);
      assert.match(text, /the remote store nexus\+https:\/\/n\.example\.org\/repository\/raw\/ from PYHERMETIC_REMOTE/);
      assert.doesNotMatch(
        text,
        /'--remote'/,
        'the stages get the remote in their environment, not on their command line',
      );
    });
    it('exports the environment it names and is written executable', async () => {
      const dir = tmp();
      const script = join(dir, 'rerun.sh');
      await writePipelineRerun(script, {
        cwd: dir,
        argv: ['/bin/sh', '-c', 'printf %s "$PYHERMETIC_HOME"; pwd'],
        env: { PYHERMETIC_HOME: '/h $HOME' },
      });
      assert.equal(statSync(script).mode & 0o777, 0o755);
      assert.equal(execFileSync(script, { cwd: '/', encoding: 'utf8' }), `/h $HOME${dir}\n`);
    });
  });

  describe('test command', () => {
    it('runs python from the env and adds junit output to pytest only', () => {
      const input = {
        command: ['python', '-m', 'pytest', '-q'],
        envDir: '/o/env-test',
        python: 'bin/python3.11',
        cwd: '/o/app',
        junitPath: '/o/report/t.xml',
      };
      assert.deepEqual(testArgv(input), [
        '/o/env-test/bin/python3.11',
        '-m',
        'pytest',
        '-q',
        '-p',
        'no:cacheprovider',
        '--junitxml=/o/report/t.xml',
      ]);
      assert.deepEqual(testArgv({ ...input, command: ['/bin/sh', 'check.sh'] }), ['/bin/sh', 'check.sh']);
      assert.equal(runsPytest(['pytest', '-x']), true);
      assert.equal(runsPytest(['python', '-c', 'pytest']), false);
    });
  });

  describe('app snapshot', () => {
    it('copies the app without caches, VCS data and the pipeline output inside it', async () => {
      const app = tmp();
      mkdirSync(join(app, 'pkg', '__pycache__'), { recursive: true });
      writeFileSync(join(app, 'pkg', '__init__.py'), 'x = 1\n');
      writeFileSync(join(app, 'pkg', '__pycache__', '__init__.cpython-311.pyc'), 'pyc');
      writeFileSync(join(app, 'pkg', 'stray.pyc'), 'pyc');
      mkdirSync(join(app, '.git'));
      writeFileSync(join(app, '.git', 'HEAD'), 'ref');
      mkdirSync(join(app, 'out', 'env-test'), { recursive: true });
      writeFileSync(join(app, 'out', 'env-test', 'big'), 'env');
      symlinkSync('pkg/__init__.py', join(app, 'link.py'));
      const dest = join(app, 'out', 'app');
      await snapshotApp(app, dest, [join(app, 'out')]);
      const list = execFileSync('find', ['.', '-mindepth', '1'], { cwd: dest, encoding: 'utf8' })
        .trim()
        .split('\n')
        .sort();
      assert.deepEqual(list, ['./link.py', './pkg', './pkg/__init__.py']);
      assert.equal(readFileSync(join(dest, 'link.py'), 'utf8'), 'x = 1\n');
      // A second snapshot replaces the first (a re-run of the pipeline).
      writeFileSync(join(app, 'pkg', '__init__.py'), 'x = 2\n');
      await snapshotApp(app, dest, [join(app, 'out')]);
      assert.equal(readFileSync(join(dest, 'pkg', '__init__.py'), 'utf8'), 'x = 2\n');
    });
  });

  describe('lock check', () => {
    const lockText = (fp: string | null, line = `markupsafe==3.0.3 --hash=sha256:${HASH}`) =>
      `# pyhermetic-lock version=1\n${fp ? `# pyhermetic-lock fingerprint=${fp}\n# pyhermetic-lock python=3.9.2\n` : ''}${line}\n`;
    async function check(text: string | null): Promise<unknown> {
      const dir = tmp();
      const lock = join(dir, 'requirements.lock');
      if (text !== null) writeFileSync(lock, text);
      return checkLockForInterpreter(lock, FP, "'node' 'runner.mjs' 'lock' '…'", '3.14.7t').then(
        () => 'ok',
        (e: unknown) => e,
      );
    }
    const usage = (e: unknown, re: RegExp): void => {
      assert.ok(e instanceof UsageError, `expected a UsageError, got ${String(e)}`);
      assert.match(e.message, re);
      assert.match(e.hint ?? '', /run `pyhermetic lock` .*\n {2}'node' 'runner.mjs' 'lock'/);
    };
    it('accepts a hashed lock made for this fingerprint', async () => assert.equal(await check(lockText(FP)), 'ok'));
    it('refuses a lock made for another interpreter, naming both versions', async () =>
      usage(
        await check(lockText('c'.repeat(64))),
        /was made for CPython 3\.9\.2 \(interpreter cccccccccccccccc…\), not for this pipeline's CPython 3\.14\.7t \(aaaaaaaaaaaaaaaa…\)/,
      ));
    it('refuses a lock without a fingerprint header', async () =>
      usage(await check(lockText(null)), /no '# pyhermetic-lock fingerprint=' header/));
    it('refuses a line without a hash', async () =>
      usage(await check(lockText(FP, 'orjson==3.12.0')), /:4: no --hash for orjson==3.12.0/));
    it('refuses a missing lock', async () => usage(await check(null), /cannot be read \(ENOENT\)/));
  });
});
