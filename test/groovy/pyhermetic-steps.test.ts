// The Jenkins steps (vars/pyhermetic.groovy) under the Groovy harness: Groovy 2.4 runs the library,
// `sh` runs for real, the runner is the real bundle copied out with libraryResource. Jenkins itself is
// faked (see test/groovy/FakeJenkinsScript.groovy); what that cannot prove is listed in the README.
import { copyDemo, onTheHost } from '../helpers/demo-app.js';
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { RULES } from '../../src/core/audit/rules.js';
import { basename, join } from 'node:path';
import { ROOT, sharedStore, tempDir } from '../helpers/runner.js';
import { builtInterpreter } from '../helpers/interpreters.js';
import { makeEnv } from '../helpers/package-env.js';
import { JAVA_HOME, paramsFiles, rerunArgv, runBuild, stepOutput, type HarnessRun } from './harness.js';

const DEBIAN = '/usr/bin/python3';
const OTHER = '/root/.pyenv/versions/3.11.7/bin/python3';

/** Runs a rerun.sh the way a person would: `sh FILE` from a plain shell, stdout and stderr in one stream. */
async function rerunFromShell(file: string, home: string): Promise<{ exitCode: number; output: string }> {
  const r = await execa('/bin/sh', ['-c', 'sh "$1" 2>&1', 'sh', file], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      NO_COLOR: '1',
      PYHERMETIC_HOME: join(home, '.cache', 'pyhermetic'),
    },
    extendEnv: false,
    reject: false,
    stripFinalNewline: false,
    cwd: '/',
  });
  return { exitCode: r.exitCode ?? -1, output: String(r.stdout) };
}

describe('Jenkins steps (vars/pyhermetic.groovy under the Groovy harness)', () => {
  describe('exit code mapping (fingerprint)', () => {
    let run: HarnessRun;
    before(async () => {
      run = await runBuild([
        { step: 'fingerprint', config: { python: DEBIAN } },
        { step: 'fingerprint', config: { python: DEBIAN, compare: OTHER, rerun: 'reruns/compare.sh' } },
        { step: 'fingerprint', config: { python: DEBIAN, rerun: 'reruns/after-unstable.sh' } },
      ]);
    });

    it('0 → ok: returns 0, no unstable, no error, build SUCCESS until the findings', () => {
      assert.equal(run.record.returns[0], 0);
      assert.equal(run.events('sh')[0].status, 0);
      assert.ok(run.events('echo').some((e) => e.message === 'pyhermetic fingerprint: ok'));
    });

    it('1 → unstable(message) with the summary, build UNSTABLE, and the build goes on', () => {
      assert.equal(run.record.returns[1], 1);
      const unstable = run.events('unstable');
      assert.equal(unstable.length, 1);
      assert.match(
        unstable[0].message,
        /^pyhermetic fingerprint: findings \(exit 1\): version_info: \[3,11,2,"final",0\] ≠ \[3,11,7,"final",0\]/,
      );
      assert.match(unstable[0].message, /re-run on the agent: sh '.*\/reruns\/compare\.sh'$/);
      assert.equal(run.record.returns[2], 0, 'the call after the unstable one still ran');
      assert.equal(run.record.result, 'UNSTABLE');
      assert.equal(run.record.thrown, null);
      assert.equal(run.events('error').length, 0);
    });

    it('runs sh with one constant script; the values only travel through withEnv', () => {
      const scripts = new Set(run.events('sh').map((e) => e.script));
      assert.equal(scripts.size, 1, [...scripts].join('\n'));
      const [script] = [...scripts];
      assert.equal(
        script,
        'node "$PYHERMETIC_RUNNER" jenkins-step "$PYHERMETIC_STEP" --params "$PYHERMETIC_PARAMS" --result "$PYHERMETIC_RESULT" --phase "$PYHERMETIC_PHASE"',
      );
      assert.doesNotMatch(script, /\/usr\/bin|python/);
      for (const e of run.events('sh')) {
        assert.deepEqual(Object.keys(e.env).sort(), [
          'NO_COLOR',
          'PYHERMETIC_PARAMS',
          'PYHERMETIC_PHASE',
          'PYHERMETIC_RESULT',
          'PYHERMETIC_RUNNER',
          'PYHERMETIC_STEP',
        ]);
        assert.equal(e.env.PYHERMETIC_PHASE, 'check', 'a step without credentials runs in the check phase');
        assert.ok(
          e.env.PYHERMETIC_RUNNER.startsWith(`${run.workspace}@tmp/pyhermetic/`),
          'the runner lives in pwd(tmp: true)',
        );
      }
      assert.deepEqual(paramsFiles(run)[1], { python: DEBIAN, compare: OTHER, rerun: 'reruns/compare.sh' });
      assert.deepEqual(rerunArgv(join(run.workspace, 'reruns', 'compare.sh')), [
        'fingerprint',
        `--python=${DEBIAN}`,
        `--compare=${OTHER}`,
      ]);
    });

    it('copies the runner out of the library byte for byte (UTF-8 both ways)', () => {
      const copy = run.events('withEnv')[0].overrides.PYHERMETIC_RUNNER as string;
      assert.ok(readFileSync(copy).equals(readFileSync(join(ROOT, 'resources', 'pyhermetic', 'runner.mjs'))));
      assert.ok(run.events('libraryResource').every((e) => e.encoding === 'UTF-8'));
    });

    it('archives rerun.sh with fingerprinting and prints the re-run line in the log', () => {
      const archived = run.events('archiveArtifacts');
      assert.equal(archived.length, 3);
      assert.deepEqual(
        archived.map((a) => a.files),
        [['.pyhermetic/fingerprint/rerun.sh'], ['reruns/compare.sh'], ['reruns/after-unstable.sh']],
      );
      assert.ok(archived.every((a) => a.fingerprint === true));
      assert.match(
        run.log,
        /pyhermetic: rerun with: sh '.*\/workspace\/reruns\/compare\.sh'\npyhermetic: {3}\(cd '.*\/workspace' && PYHERMETIC_HOME='[^']*' 'node' '.*@tmp\/pyhermetic\/runner\.mjs' 'fingerprint' '--python=\/usr\/bin\/python3' '--compare=/,
      );
      const mode = statSync(join(run.workspace, 'reruns', 'compare.sh')).mode & 0o777;
      assert.equal(mode, 0o755);
    });

    it('rerun.sh from a plain shell gives the same exit code and output as the step', async () => {
      const r = await rerunFromShell(join(run.workspace, 'reruns', 'compare.sh'), run.home);
      assert.equal(r.exitCode, 1);
      assert.equal(r.output, stepOutput(run, 1));
      assert.match(r.output, /different: 1 field\(s\) differ/);
    });
  });

  describe('exit codes 2 and 3 → error(), the build fails and stops', () => {
    it('2 (a python that does not exist): error names the problem and the re-run script', async () => {
      const run = await runBuild([
        { step: 'fingerprint', config: { python: '/nonexistent/python3' } },
        { step: 'fingerprint', config: { python: DEBIAN } },
      ]);
      assert.equal(run.record.result, 'FAILURE');
      assert.equal(run.record.thrown?.type, 'AbortException');
      const errors = run.events('error');
      assert.equal(errors.length, 1);
      assert.match(
        errors[0].message,
        /^pyhermetic fingerprint failed \(exit 2: usage or config error\): no such file: \/nonexistent\/python3/,
      );
      assert.match(errors[0].message, / \| re-run on the agent: sh '.*\/\.pyhermetic\/fingerprint\/rerun\.sh'$/);
      assert.doesNotMatch(errors[0].message, /\n/, 'one line');
      assert.equal(run.events('sh').length, 1, 'the second call never ran');
      assert.deepEqual(
        run.events('archiveArtifacts')[0].files,
        ['.pyhermetic/fingerprint/rerun.sh'],
        'rerun.sh is archived before error()',
      );
      const r = await rerunFromShell(join(run.workspace, '.pyhermetic', 'fingerprint', 'rerun.sh'), run.home);
      assert.equal(r.exitCode, 2);
      assert.equal(r.output, stepOutput(run, 0));
    });

    it('ESC and U+2028 in a value reach error() as visible escapes, never as raw characters (fix 3)', async () => {
      const run = await runBuild([{ step: 'fingerprint', config: { python: '/nonexistent/\u001b[31mred\u2028x' } }]);
      const message: string = run.events('error')[0].message;
      assert.match(message, /no such file: \/nonexistent\/\\u001b\[31mred\\u2028x/);
      assert.doesNotMatch(message, /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    });

    it('3 (/bin/true answers nothing): error says environment or tool failure', async () => {
      const run = await runBuild([{ step: 'fingerprint', config: { python: '/bin/true' } }]);
      assert.equal(run.record.result, 'FAILURE');
      assert.match(
        run.events('error')[0].message,
        /^pyhermetic fingerprint failed \(exit 3: environment or tool failure\): \/bin\/true is not a python/,
      );
      const r = await rerunFromShell(join(run.workspace, '.pyhermetic', 'fingerprint', 'rerun.sh'), run.home);
      assert.equal(r.exitCode, 3);
      assert.equal(r.output, stepOutput(run, 0));
    });

    it('127 (no node on PATH): error says the runner could not start', async () => {
      const bin = tempDir('nonode-');
      symlinkSync('/bin/sh', join(bin, 'sh'));
      const run = await runBuild([{ step: 'fingerprint', config: { python: DEBIAN } }], { agentEnv: { PATH: bin } });
      assert.equal(run.events('sh')[0].status, 127);
      assert.match(
        run.events('error')[0].message,
        /^pyhermetic fingerprint: the runner wrote no result \(exit 127; 127: it could not start, is Node\.js 18 or newer on the agent's PATH as `node`\?\)/,
      );
    });
  });

  describe('parameters (checked by the runner against the step table)', () => {
    it('an unknown key is rejected with the allowed keys, before the command runs', async () => {
      const run = await runBuild([{ step: 'fingerprint', config: { pyton: DEBIAN } }]);
      assert.equal(run.record.result, 'FAILURE');
      assert.equal(
        run.events('error')[0].message,
        "pyhermetic.fingerprint(...): unknown parameter 'pyton'. Allowed parameters: python, compare, timeout, rerun, archive (see the help page pyhermetic.txt)",
      );
      assert.equal(existsSync(join(run.workspace, '.pyhermetic')), false, 'no command ran, no rerun.sh');
      assert.equal(run.events('archiveArtifacts').length, 0);
    });

    it('a missing required key, a wrong type, and an unknown key of pyhermetic(...) are rejected by name', async () => {
      const run = await runBuild(
        [
          { step: 'verify', config: { artifact: 'dist/app.tar.gz' } },
          { step: 'env', config: { interpreter: 'i', dest: 'd', indexUrls: 5 } },
          { step: 'pack', config: { env: 'e', out: 'o', archive: 'yes' } },
          { step: 'pipeline', config: { configFile: 'x.json' } },
          { step: 'lock', config: { interpreter: 'i', indexUrls: ['file:///a', 7] } },
          { step: 'verify', config: { artifact: 'a', tested: 't', glibcMax: 2.1 } },
          { step: 'pack', config: { env: 'e', out: 'o', level: 'max' } },
        ],
        { continueAfterErrors: true },
      );
      const messages = run.record.callErrors.map((e) => e?.message);
      assert.equal(
        messages[0],
        "pyhermetic.verify(...): parameter 'tested' is required (see the help page pyhermetic.txt for an example)",
      );
      assert.equal(
        messages[1],
        "pyhermetic.env(...): parameter 'indexUrls' must be a list of strings, e.g. indexUrls: ['value'], got a number: 5",
      );
      assert.equal(messages[2], "pyhermetic.pack(...): parameter 'archive' must be true or false, got a string: yes");
      assert.match(
        messages[3] ?? '',
        /^pyhermetic\(\.\.\.\): unknown parameter 'configFile'\. Allowed parameters: config, out, store, baseline, only, trustedKeys, strictKeys, signingKeyCredentialsId, remote, publish, credentialsId, tokenCredentialsId, storeSigningKeyCredentialsId, rerun, archive/,
      );
      assert.equal(
        messages[4],
        "pyhermetic.lock(...): parameter 'indexUrls' must be a list of strings; one item is a number: 7",
      );
      assert.equal(
        messages[5],
        "pyhermetic.verify(...): parameter 'glibcMax' must be a string, got a number: 2.1 (write it in quotes, e.g. glibcMax: '2.1')",
      );
      assert.equal(messages[6], "pyhermetic.pack(...): parameter 'level' must be a number, got a string: max");
      assert.equal(existsSync(join(run.workspace, '.pyhermetic')), false, 'no command ran, no rerun.sh');
    });

    it('each step builds the documented command line (read back from its rerun.sh)', async () => {
      // The commands fail here (the inputs do not exist); only the command lines and rerun.sh are compared.
      const cases: Array<[string, Record<string, unknown>, string[]]> = [
        [
          'pipeline',
          { config: 'app/pyhermetic.json', store: '/srv/store' },
          ['pipeline', '--config=app/pyhermetic.json', '--out=app/.pyhermetic-out', '--store=/srv/store'],
        ],
        [
          'interpreter',
          { spec: 'python.json', store: '/srv/store', out: 'interp' },
          ['interpreter', 'build', '--spec=python.json', '--store=/srv/store', '--out=interp'],
        ],
        [
          'lock',
          { interpreter: 'interp', indexUrls: ['file:///a', 'file:///b'], allowSource: 'markupsafe', cacheRoot: '/c' },
          [
            'lock',
            '--requirement=requirements.in',
            '--interpreter=interp',
            '--index-url=file:///a',
            '--index-url=file:///b',
            '--allow-source=markupsafe',
            '--cache-root=/c',
            '--output=requirements.lock',
          ],
        ],
        [
          'env',
          { interpreter: 'interp', dest: 'env-test', indexUrls: 'file:///a', cacheRoot: '/c', force: true },
          [
            'env',
            'create',
            '--interpreter=interp',
            '--lock=requirements.lock',
            '--dest=env-test',
            '--index-url=file:///a',
            '--cache-root=/c',
            '--force',
          ],
        ],
        [
          'test',
          { env: 'env-test', shard: '2/3', record: 'tested-2.json' },
          [
            'test',
            '--env=env-test',
            '--config=pyhermetic.json',
            '--shard=2/3',
            '--record=tested-2.json',
            '--junit=tested-2.junit.xml',
          ],
        ],
        [
          'pack',
          { env: 'env-test', app: 'src', out: 'dist/app.tar.gz' },
          ['pack', '--env=env-test', '--app=src', '--out=dist/app.tar.gz'],
        ],
        [
          'verify',
          { artifact: 'dist/app.tar.gz', tested: 'env-test', glibcMax: '2.17', smoke: ['a', 'b'] },
          [
            'verify',
            '--artifact=dist/app.tar.gz',
            '--tested=env-test',
            '--report=pyhermetic-report',
            '--glibc-max=2.17',
            '--smoke=a',
            '--smoke=b',
          ],
        ],
      ];
      const run = await runBuild(
        cases.map(([step, config]) => ({ step, config })),
        { continueAfterErrors: true },
      );
      assert.deepEqual(
        cases.map(([step]) => rerunArgv(join(run.workspace, '.pyhermetic', step, 'rerun.sh'))),
        cases.map(([, , expected]) => expected),
      );
      assert.equal(run.events('sh').length, cases.length, 'each step ran the runner');
      cases.forEach(([step, , expected]) => {
        const rerun = readFileSync(join(run.workspace, '.pyhermetic', step, 'rerun.sh'), 'utf8');
        assert.ok(rerun.includes(expected.map((w) => `'${w}'`).join(' ')), `${step} rerun.sh:\n${rerun}`);
      });
    });

    it('works from a Jenkinsfile line with GStrings, and inside dir(): rerun.sh cds into that directory', async () => {
      const run = await runBuild([
        { script: 'def py = \'/usr/bin/python3\'\npyhermetic.fingerprint(python: "${py}", compare: "${py}")' },
        { dir: 'sub dir', step: 'fingerprint', config: { python: DEBIAN } },
      ]);
      assert.deepEqual(run.record.returns, [0, 0]);
      assert.deepEqual(rerunArgv(join(run.workspace, '.pyhermetic', 'fingerprint', 'rerun.sh')), [
        'fingerprint',
        `--python=${DEBIAN}`,
        `--compare=${DEBIAN}`,
      ]);
      const rerun = readFileSync(join(run.workspace, 'sub dir', '.pyhermetic', 'fingerprint', 'rerun.sh'), 'utf8');
      assert.match(rerun, new RegExp(`^cd '${run.workspace}/sub dir' && PYHERMETIC_HOME='[^']*' exec 'node' `, 'm'));
      assert.deepEqual(run.events('archiveArtifacts')[1].files, ['.pyhermetic/fingerprint/rerun.sh']);
    });
  });

  describe('the parameter encoder (toJson)', () => {
    it('writes maps, lists, strings, numbers as written, booleans and null; strings json-lib would parse stay strings', async () => {
      const run = await runBuild([
        {
          script:
            "def g = 'gs'\npyhermetic.toJson([s: 'null', l: ['[1]', '{x}', 7, 2.10, -1.5e3, true, false, null], m: [k: \"${g}\", 'a b': [:]], e: []])",
        },
      ]);
      const text = run.record.returns[0] as string;
      assert.equal(
        text,
        '{"s":"null","l":["[1]","{x}",7,2.10,-1.5E+3,true,false,null],"m":{"k":"gs","a b":{}},"e":[]}',
      );
      assert.deepEqual(JSON.parse(text), {
        s: 'null',
        l: ['[1]', '{x}', 7, 2.1, -1500, true, false, null],
        m: { k: 'gs', 'a b': {} },
        e: [],
      });
    });
  });

  describe('hostile parameter values', () => {
    const tag = `${process.pid}-${Date.now()}`;
    const marker = `/tmp/pwned-${tag}`;
    const names = [
      `'; touch ${marker}; '`,
      `$(touch ${marker})`,
      `\`touch ${marker}\``,
      `"; touch ${marker}; "`,
      'new\nline',
      '  spaces  around  ',
      'ünïcödé ✓ 🐍 日本',
      'null',
      '[bracketed]',
      '{braced}',
      '"double quoted"',
      'back\\slash\\u0041',
      '$HOME ${PATH} *',
      'tab\tand\rcr',
    ];
    let run: HarnessRun;
    let pythons: string[];

    before(async () => {
      // The workspace path is hostile too (Jenkins derives it from job names): the runner copy, the
      // argument file and rerun.sh all live below it.
      const workspace = join(tempDir('hostile-'), `work space '$(touch ${marker}) \`touch ${marker}\``);
      mkdirSync(workspace, { recursive: true });
      pythons = names.map((name, i) => {
        const dir = join(workspace, 'hostile', `${i}-${name}`);
        mkdirSync(dir, { recursive: true });
        symlinkSync(DEBIAN, join(dir, 'python3'));
        return join(dir, 'python3');
      });
      // A relative path starting with a dash: must stay a value, not become an option.
      mkdirSync(join(workspace, '--help'));
      symlinkSync(DEBIAN, join(workspace, '--help', 'python3'));
      pythons.push('--help/python3');
      run = await runBuild(
        pythons.map((python, i) => ({ step: 'fingerprint', config: { python, rerun: `reruns/${i}.sh` } })),
        { workspace },
      );
    });

    it('reach the runner byte for byte: every call succeeds because the exact path exists', () => {
      assert.equal(run.record.thrown, null, run.record.thrown?.message);
      assert.deepEqual(
        run.record.returns,
        pythons.map(() => 0),
      );
      assert.deepEqual(
        paramsFiles(run),
        pythons.map((python, i) => ({ python, rerun: `reruns/${i}.sh` })),
      );
      assert.deepEqual(
        pythons.map((_, i) => rerunArgv(join(run.workspace, 'reruns', `${i}.sh`))),
        pythons.map((p) => ['fingerprint', `--python=${p}`]),
      );
    });

    it('the parameter files are pure ASCII JSON (independent of the agent charset)', () => {
      for (const e of run.events('writeFile').filter((w) => String(w.file).endsWith('.params.json'))) {
        const bytes = readFileSync(e.file);
        assert.ok(
          bytes.every((b) => b >= 0x20 && b < 0x7f),
          basename(e.file),
        );
      }
    });

    it('nothing is executed: no marker file appears', () => {
      assert.equal(existsSync(marker), false, `${marker} exists: a parameter was run by a shell`);
    });

    it('rerun.sh holds them exactly: each re-run from a plain shell succeeds with the same output', async () => {
      for (let i = 0; i < pythons.length; i++) {
        const file = join(run.workspace, 'reruns', `${i}.sh`);
        const r = await rerunFromShell(file, run.home);
        assert.equal(r.exitCode, 0, `${JSON.stringify(names[i] ?? pythons[i])}: ${r.output}`);
        assert.equal(r.output, stepOutput(run, i));
      }
      assert.equal(existsSync(marker), false);
    });
  });

  describe('credentials (withCredentials around the runner, from the bindings the runner lists)', () => {
    it('a map the runner refuses fails before any credential is bound (fix 3: the message names the key)', async () => {
      // Before issue 19 the Groovy bound credentialsId first: Jenkins failed on the credentials lookup and
      // the person never saw "unknown parameter".
      const run = await runBuild([{ step: 'fingerprint', config: { python: DEBIAN, credentialsId: 'x' } }]);
      assert.equal(run.events('withCredentials').length, 0, 'nothing bound');
      assert.equal(run.events('sh').length, 1, 'only the check phase ran');
      assert.match(
        run.events('error')[0]?.message ?? '',
        /^pyhermetic\.fingerprint\(\.\.\.\): unknown parameter 'credentialsId'/,
      );
    });

    it('binds the variables each id names; the runner gets the ids, the secrets only in its environment', async () => {
      const config = {
        config: 'missing.json',
        credentialsId: 'repo-user',
        tokenCredentialsId: 'repo-token',
        signingKeyCredentialsId: 'signing-key',
      };
      const run = await runBuild(
        [
          { step: 'pipeline', config },
          { step: 'interpreter', config: { spec: 'missing.json', tokenCredentialsId: 'only-token' } },
          { step: 'fingerprint', config: { python: DEBIAN } },
        ],
        { continueAfterErrors: true },
      );
      const bound = run.events('withCredentials');
      assert.equal(bound.length, 2, 'a step without ids binds nothing');
      assert.deepEqual(bound[0].bindings, [
        { kind: 'file', credentialsId: 'signing-key', variable: 'PYHERMETIC_SIGNING_KEY' },
        {
          kind: 'usernamePassword',
          credentialsId: 'repo-user',
          usernameVariable: 'PYHERMETIC_REMOTE_USER',
          passwordVariable: 'PYHERMETIC_REMOTE_PASSWORD',
        },
        { kind: 'string', credentialsId: 'repo-token', variable: 'PYHERMETIC_REMOTE_TOKEN' },
      ]);
      assert.deepEqual(bound[1].bindings, [
        { kind: 'string', credentialsId: 'only-token', variable: 'PYHERMETIC_REMOTE_TOKEN' },
      ]);
      const sh = run.events('sh');
      assert.deepEqual(
        sh.map((e) => e.env.PYHERMETIC_PHASE),
        ['check', 'run', 'check', 'run', 'check'],
        'check, then run inside withCredentials; a step without ids runs in its check',
      );
      assert.equal(sh[0].env.PYHERMETIC_REMOTE_USER, undefined, 'nothing is bound during the check');
      assert.equal(sh[1].env.PYHERMETIC_REMOTE_USER, 'user-of-repo-user');
      assert.equal(sh[1].env.PYHERMETIC_REMOTE_PASSWORD, 'secret-password-of-repo-user');
      assert.equal(sh[1].env.PYHERMETIC_REMOTE_TOKEN, 'secret-token-of-repo-token');
      assert.equal(readFileSync(sh[1].env.PYHERMETIC_SIGNING_KEY, 'utf8'), 'secret-key-of-signing-key');
      assert.deepEqual(
        Object.keys(sh[3].env).filter((k) => k.startsWith('PYHERMETIC_REMOTE')),
        ['PYHERMETIC_REMOTE_TOKEN'],
      );
      assert.equal(sh[4].env.PYHERMETIC_REMOTE_TOKEN, undefined);
      assert.deepEqual(paramsFiles(run)[0], config, 'the ids reach the runner as written');
      for (const e of run.events('writeFile')) assert.doesNotMatch(readFileSync(e.file, 'utf8'), /secret-/);
      assert.match(run.record.callErrors[0]?.message ?? '', /^pyhermetic pipeline failed \(exit 2/);
      assert.equal(run.record.callErrors[2], null);
    });
  });

  describe('every option of a command is reachable: pack level, verify app and noSmoke, on a real env @slow', () => {
    it('pyhermetic.pack(..., level: 9) and pyhermetic.verify(..., app: , noSmoke: true) run clean', async () => {
      const t = await makeEnv('static');
      const workspace = join(tempDir('groovy-pack-'), 'workspace');
      mkdirSync(join(workspace, 'src', 'service'), { recursive: true });
      writeFileSync(join(workspace, 'src', 'service', '__init__.py'), 'ANSWER = 42\n');
      mkdirSync(join(workspace, 'dist'));
      const run = await runBuild(
        [
          { step: 'pack', config: { env: t.env, app: 'src', out: 'dist/service.tar.gz', level: 9 } },
          { step: 'verify', config: { artifact: 'dist/service.tar.gz', tested: t.env, app: 'src', noSmoke: true } },
        ],
        { workspace },
      );
      assert.equal(run.record.thrown, null, run.log.slice(-4000));
      assert.deepEqual(run.record.returns, [0, 0]);
      assert.equal(run.record.result, 'SUCCESS');
      assert.deepEqual(rerunArgv(join(workspace, '.pyhermetic', 'pack', 'rerun.sh')), [
        'pack',
        `--env=${t.env}`,
        '--app=src',
        '--out=dist/service.tar.gz',
        '--level=9',
      ]);
      assert.deepEqual(rerunArgv(join(workspace, '.pyhermetic', 'verify', 'rerun.sh')), [
        'verify',
        '--artifact=dist/service.tar.gz',
        `--tested=${t.env}`,
        '--app=src',
        '--report=pyhermetic-report',
        '--no-smoke',
      ]);
      const report = JSON.parse(readFileSync(join(workspace, 'pyhermetic-report', 'report.json'), 'utf8'));
      const smoke = report.checks.find((c: { name: string }) => c.name === 'smoke');
      assert.ok(smoke?.skipped, JSON.stringify(smoke));
      assert.deepEqual(
        run.events('junit').map((j) => j.testResults),
        ['pyhermetic-report/junit.xml'],
      );
      assert.equal(run.events('publishHTML')[0]?.target.reportDir, 'pyhermetic-report');
      const archived = run.events('archiveArtifacts').map((a) => a.files);
      assert.deepEqual(archived[0], ['.pyhermetic/pack/rerun.sh', 'dist/service.tar.gz']);
      assert.ok(
        archived[1].includes('pyhermetic-report/report.html') && archived[1].includes('.pyhermetic/verify/rerun.sh'),
      );
      // The gzip header's XFL byte is 2 only for level 9 (the default level 6 writes 0).
      assert.equal(readFileSync(join(workspace, 'dist', 'service.tar.gz'))[8], 2);
    });
  });

  describe('Jenkinsfile and Jenkinsfile.example', () => {
    it('parse as Groovy; the example pins the library to a tag and publishes only after a clean verify', async () => {
      const files = ['Jenkinsfile', 'Jenkinsfile.example'].map((f) => join(ROOT, f));
      const r = await execa('groovy', [join(ROOT, 'test', 'groovy', 'parse-check.groovy'), ...files], {
        env: { ...process.env, JAVA_HOME },
        reject: false,
        all: true,
      });
      assert.equal(r.exitCode, 0, String(r.all));
      const example = readFileSync(files[1], 'utf8');
      assert.match(example, /^@Library\('pyhermetic@v\d+\.\d+\.\d+'\) _$/m, 'a pinned tag, never a branch');
      const stages = [...example.matchAll(/stage\('([^']+)'\)/g)].map((m) => m[1]);
      assert.deepEqual(stages, [
        'audit pins',
        'interpreter',
        'test',
        'every CPython',
        'pipeline',
        'package, verify, publish',
        'package',
        'verify',
        'sbom and provenance',
        'publish',
      ]);
      // The versions run as a declarative matrix, one branch per CPython, each into its own out.
      assert.match(example, /matrix \{\s+agent \{[^}]*\}\s+axes \{\s+axis \{\s+name 'PYTHON'/);
      assert.match(example, /pyhermetic\(config: 'pyhermetic-matrix\.json', only: env\.PYTHON,/);
      // The fleet shape: N shards in parallel, each from the remote store, each stashing its record; the
      // last stage verifies with every record.
      assert.match(example, /parallel shards/);
      assert.match(example, /pyhermetic\.test\(env: 'build\/env-test', shard: "\$\{i\}\/\$\{SHARDS\}"/);
      assert.match(example, /stash\(name: "tested-\$\{i\}"/);
      assert.match(example, /testedRecords: records/);
      assert.match(example, /publish: env\.BRANCH_NAME == 'main'/);
      const audit = example.slice(example.indexOf("stage('audit pins')"), example.indexOf("stage('interpreter')"));
      assert.match(audit, /^\s*pyhermetic\.auditPins\(\)$/m, 'the audit runs first');
      const publish = example.slice(example.indexOf("stage('publish')"));
      assert.match(publish, /when \{ expression \{ currentBuild\.currentResult == 'SUCCESS' \} \}/);
      // No Groovy interpolation inside any sh string: values go through the environment.
      for (const m of example.matchAll(/\bsh\s*\(?\s*("[^"]*"|'[^']*')/g)) assert.ok(m[1].startsWith("'"), m[0]);
      const own = readFileSync(files[0], 'utf8');
      for (const step of ['npm ci', 'npm test', 'archiveArtifacts']) assert.ok(own.includes(step), step);
    });
  });

  describe('optional plugins', () => {
    it('without readJSON (Pipeline Utility Steps) the result file is read with readFile + JsonSlurper', async () => {
      const run = await runBuild(
        [
          { step: 'fingerprint', config: { python: DEBIAN } },
          { step: 'fingerprint', config: { python: DEBIAN, compare: OTHER, rerun: 'reruns/compare.sh' } },
        ],
        { absentSteps: ['readJSON'] },
      );
      assert.deepEqual(run.record.returns, [0, 1]);
      assert.equal(run.record.result, 'UNSTABLE');
      assert.ok(run.events('readFile').length >= 2);
      assert.equal(run.events('readJSON').length, 0, 'readJSON is never used');
      assert.match(run.events('unstable')[0].message, /^pyhermetic fingerprint: findings \(exit 1\): version_info/);
    });

    it('the unstable step is required (Pipeline: Basic Steps 2.16 or newer): without it the build fails by name', async () => {
      // The fallback that set currentBuild.result needs RunWrapper, which no stock script-security
      // whitelist lists; Pipeline: Basic Steps has had `unstable` since 2019.
      const run = await runBuild([{ step: 'fingerprint', config: { python: DEBIAN, compare: OTHER } }], {
        absentSteps: ['unstable'],
      });
      assert.equal(run.record.result, 'FAILURE');
      assert.equal(run.record.thrown?.type, 'NoSuchMethodError');
      assert.match(run.record.thrown?.message ?? '', /No such DSL method 'unstable'/);
    });
  });

  describe('auditPins: the SARIF through Warnings NG, one JUnit testcase per rule', () => {
    const CORPUS = join(ROOT, 'test', 'fixtures', 'pins');
    let floating: string;
    before(() => {
      floating = join(tempDir('groovy-pins-'), 'workspace');
      mkdirSync(join(floating, 'ci'), { recursive: true });
      cpSync(join(CORPUS, 'jenkins', 'library-branch.floating.Jenkinsfile'), join(floating, 'Jenkinsfile'));
      cpSync(join(CORPUS, 'shell', 'pyenv-clone.floating.sh'), join(floating, 'ci', 'image.sh'));
      cpSync(join(CORPUS, 'docker', 'from-tag.floating.Dockerfile'), join(floating, 'Dockerfile'));
    });

    it('findings: recordIssues(tools: [sarif(pattern)]) gets the SARIF, junit the rules, the build is UNSTABLE', async () => {
      const run = await runBuild([{ step: 'auditPins' }], { workspace: floating });
      assert.equal(run.record.thrown, null, run.log.slice(-3000));
      assert.deepEqual(run.record.returns, [1]);
      assert.equal(run.record.result, 'UNSTABLE');
      const issues = run.events('recordIssues');
      assert.equal(issues.length, 1);
      assert.equal(issues[0].enabledForFailure, true);
      assert.deepEqual(issues[0].tools, [
        {
          tool: 'sarif',
          pattern: '.pyhermetic/auditPins/pins.sarif',
          id: 'pyhermetic-pins',
          name: 'pyhermetic: floating inputs',
          files: ['.pyhermetic/auditPins/pins.sarif'],
          results: 5,
        },
      ]);
      const junit = run.events('junit');
      assert.deepEqual(
        junit.map((j) => [j.testResults, j.failures]),
        [['.pyhermetic/auditPins/junit.xml', 4]],
      );
      assert.equal(junit[0].tests, RULES.length);
      assert.deepEqual(run.events('archiveArtifacts')[0].files, [
        '.pyhermetic/auditPins/junit.xml',
        '.pyhermetic/auditPins/pins.sarif',
        '.pyhermetic/auditPins/rerun.sh',
      ]);
      assert.match(run.events('unstable')[0].message, /^pyhermetic auditPins: findings \(exit 1\): /);
      assert.deepEqual(rerunArgv(join(floating, '.pyhermetic', 'auditPins', 'rerun.sh')), [
        'audit',
        'pins',
        '--sarif=.pyhermetic/auditPins/pins.sarif',
        '--junit=.pyhermetic/auditPins/junit.xml',
        '--fail-on=error',
      ]);
    });

    it('without Warnings NG: a log line, the SARIF still archived; a clean tree returns 0', async () => {
      const run = await runBuild([{ step: 'auditPins', config: { paths: ['ci'], failOn: 'never' } }], {
        workspace: floating,
        absentSteps: ['recordIssues', 'sarif'],
      });
      assert.deepEqual(run.record.returns, [0]);
      assert.equal(run.events('recordIssues').length, 0);
      assert.ok(
        run
          .events('echo')
          .some((e) =>
            /Warnings NG plugin not installed, \.pyhermetic\/auditPins\/pins\.sarif not published as issues/.test(
              e.message,
            ),
          ),
      );
      assert.ok(run.events('archiveArtifacts')[0].files.includes('.pyhermetic/auditPins/pins.sarif'));
      const clean = join(tempDir('groovy-pins-clean-'), 'workspace');
      mkdirSync(clean, { recursive: true });
      cpSync(join(CORPUS, 'shell', 'pyenv-clone.pinned.sh'), join(clean, 'image.sh'));
      const green = await runBuild([{ step: 'auditPins' }], { workspace: clean });
      assert.deepEqual(green.record.returns, [0]);
      assert.equal(green.record.result, 'SUCCESS');
      assert.equal(green.events('recordIssues')[0].tools[0].results, 0);
    });
  });

  describe('the demo pipeline through pyhermetic(config), end to end with the real runner @slow', () => {
    let store: string;
    let demo: string;
    before(async () => {
      store = sharedStore();
      // On the host the demo's python.json is the suite's static spec: reuse the suite's build of it.
      await builtInterpreter('static');
      demo = join(tempDir('groovy-demo-'), 'workspace');
      copyDemo(demo);
      onTheHost(demo);
    });

    it('runs green: returns 0, publishes junit, publishHTML, the archive (fingerprinted) and rerun.sh', async () => {
      const run = await runBuild([{ step: 'pipeline', config: { store } }], { workspace: demo });
      assert.equal(run.record.thrown, null, run.log.slice(-4000));
      assert.deepEqual(run.record.returns, [0]);
      assert.equal(run.record.result, 'SUCCESS');
      assert.deepEqual(rerunArgv(join(demo, '.pyhermetic', 'pipeline', 'rerun.sh')), [
        'pipeline',
        '--config=pyhermetic.json',
        '--out=.pyhermetic-out',
        `--store=${store}`,
      ]);
      const junit = run.events('junit');
      assert.deepEqual(
        junit.map((j) => j.testResults),
        ['.pyhermetic-out/report/junit.xml', '.pyhermetic-out/report/tests-junit.xml'],
      );
      assert.ok(
        junit.every((j) => j.files.length === 1 && j.failures === 0 && j.tests > 0),
        JSON.stringify(junit),
      );
      const archived = run.events('archiveArtifacts')[0];
      assert.equal(archived.fingerprint, true);
      for (const f of [
        '.pyhermetic-out/report/report.html',
        '.pyhermetic-out/report/summary.md',
        '.pyhermetic-out/rerun.sh',
        '.pyhermetic-out/dist/demo-app.tar.gz',
        '.pyhermetic/pipeline/rerun.sh',
      ])
        assert.ok(archived.files.includes(f), `${f} archived`);
      const html = run.events('publishHTML');
      assert.equal(html.length, 1);
      assert.equal(html[0].target.reportDir, '.pyhermetic-out/report');
      assert.equal(html[0].exists, true);
      // rerun.sh of the pipeline step is run from a plain shell in the failing case below (it stops
      // after the tests, so it costs less than a second green pipeline).
      assert.ok(statSync(join(demo, '.pyhermetic', 'pipeline', 'rerun.sh')).isFile());
    });

    it('failing tests → UNSTABLE with the summary from summary.md; without HTML Publisher a log line; rerun.sh exits 1 too', async () => {
      const failing = join(tempDir('groovy-demo-fail-'), 'workspace');
      cpSync(demo, failing, { recursive: true, filter: (src) => basename(src) !== '.pyhermetic-out' });
      const testFile = join(failing, 'tests', 'test_break_on_purpose.py');
      writeFileSync(testFile, 'def test_fails_on_purpose():\n    assert 1 == 2\n');
      const run = await runBuild([{ step: 'pipeline', config: { store } }], {
        workspace: failing,
        absentSteps: ['publishHTML'],
      });
      assert.equal(run.record.thrown, null, run.log.slice(-4000));
      assert.deepEqual(run.record.returns, [1]);
      assert.equal(run.record.result, 'UNSTABLE');
      const summary = readFileSync(join(failing, '.pyhermetic-out', 'report', 'summary.md'), 'utf8');
      const verdict = summary
        .split('\n')
        .find((l) => l.trim())!
        .trim()
        .replace(/\*\*/g, '');
      const message: string = run.events('unstable')[0].message;
      assert.ok(
        // The verdict first, then (after the pin audit's line) the failing test.
        message.startsWith(`pyhermetic pipeline: findings (exit 1): ${verdict}`) && message.includes(' - test: '),
        `${message}\nvs ${verdict}`,
      );
      assert.match(message, /test_fails_on_purpose/);
      assert.doesNotMatch(message, /\| check/, 'no markdown table in the message');
      assert.ok(
        run.events('junit').some((j) => j.failures > 0),
        'the failing test is in the junit results',
      );
      assert.equal(run.events('publishHTML').length, 0);
      assert.ok(
        run
          .events('echo')
          .some((e) => /HTML Publisher plugin not installed, report\.html not published/.test(e.message)),
      );
      const r = await rerunFromShell(join(failing, '.pyhermetic', 'pipeline', 'rerun.sh'), run.home);
      assert.equal(r.exitCode, 1, r.output.slice(-3000));
    });
  });
});
