// `pyhermetic jenkins-step` through the built runner: the result file is written for every outcome
// (0 ok, 1 findings, 2 refused parameters or a usage error of the command, 3 a tool failure), its exit
// code is the step's, and rerun.sh runs the same command.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPyhermetic, tempDir, type RunnerResult } from '../helpers/runner.js';

const DEBIAN = '/usr/bin/python3';
const OTHER = '/root/.pyenv/versions/3.11.7/bin/python3';

interface Outcome {
  run: RunnerResult;
  result: any;
  work: string;
  home: string;
}

/** Runs one step in a fresh directory with the map as the Groovy would write it. */
async function step(name: string, params: unknown, paramsText?: string): Promise<Outcome> {
  const work = tempDir('jenkins-step-');
  const home = tempDir('home-');
  writeFileSync(join(work, 'p.json'), paramsText ?? JSON.stringify(params));
  const run = await runPyhermetic(['jenkins-step', name, '--params', 'p.json', '--result', 'out/r.json'], {
    cwd: work,
    home,
  });
  const file = join(work, 'out', 'r.json');
  assert.ok(existsSync(file), `no result file (exit ${run.exitCode}):\n${run.stderr}`);
  assert.deepEqual(readdirSync(join(work, 'out')), ['r.json'], 'no temp file left beside the result');
  return { run, result: JSON.parse(readFileSync(file, 'utf8')), work, home };
}

describe('pyhermetic jenkins-step (the built runner)', () => {
  it('0: the result says ok, names rerun.sh and archives it; the exit code is 0', async () => {
    const { run, result, work } = await step('fingerprint', { python: DEBIAN });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.deepEqual(result, {
      exitCode: 0,
      message: 'pyhermetic fingerprint: ok',
      publish: { junit: [], sarif: [], html: null, archive: ['.pyhermetic/fingerprint/rerun.sh'] },
      rerun: join(work, '.pyhermetic', 'fingerprint', 'rerun.sh'),
      credentials: [],
    });
    assert.match(run.stdout, /^fingerprint [0-9a-f]{64}$/m, 'the command ran and printed as usual');
    assert.match(run.stderr, /pyhermetic: rerun with: sh '.*\/\.pyhermetic\/fingerprint\/rerun\.sh'\n/);
  });

  it('1: findings with the differing field and the re-run path; rerun.sh exits 1 with the same stdout', async () => {
    const { run, result, home } = await step('fingerprint', { python: DEBIAN, compare: OTHER, rerun: 'r.sh' });
    assert.equal(run.exitCode, 1);
    assert.equal(result.exitCode, 1);
    assert.match(
      result.message,
      /^pyhermetic fingerprint: findings \(exit 1\): version_info: .* \| re-run on the agent: sh '.*\/r\.sh'$/,
    );
    const again = await execa('sh', [result.rerun], {
      reject: false,
      env: { PATH: process.env.PATH, HOME: home, PYHERMETIC_HOME: join(home, '.cache', 'pyhermetic') },
      extendEnv: false,
      cwd: '/',
    });
    assert.equal(again.exitCode, 1);
    assert.equal(`${again.stdout}\n`, run.stdout);
  });

  it('2: refused parameters → the message names the key, no rerun.sh, nothing to publish', async () => {
    const { run, result, work } = await step('verify', { artifact: 'a', tested: 't', smoke: [1] });
    assert.equal(run.exitCode, 2);
    assert.deepEqual(result, {
      exitCode: 2,
      message: "pyhermetic.verify(...): parameter 'smoke' must be a list of strings; one item is a number: 1",
      publish: { junit: [], sarif: [], html: null, archive: [] },
      rerun: null,
      credentials: [],
    });
    assert.equal(existsSync(join(work, '.pyhermetic')), false);
    assert.match(run.stderr, /^pyhermetic: error: pyhermetic\.verify\(\.\.\.\): parameter 'smoke'/m);
  });

  it('2: an unreadable parameter file (bad JSON, a FIFO) or an unknown step still gets a result file', async () => {
    const bad = await step('fingerprint', null, '{"python": ');
    assert.equal(bad.run.exitCode, 2);
    assert.match(bad.result.message, /^cannot read the step parameters p\.json: /);
    const dir = tempDir('jenkins-step-fifo-');
    await execa('mkfifo', [join(dir, 'p.json')]);
    const r = await runPyhermetic(['jenkins-step', 'fingerprint', '--params', 'p.json', '--result', 'r.json'], {
      cwd: dir,
    });
    assert.equal(r.exitCode, 2);
    assert.match(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).message, /not a regular file/);
    const unknown = await step('deploy', {});
    assert.equal(unknown.run.exitCode, 2);
    assert.equal(unknown.result.message, "unknown pyhermetic step 'deploy'");
  });

  it("2: the command's own usage error, with rerun.sh; reports that were not written are not published", async () => {
    const { run, result } = await step('verify', { artifact: 'missing.tar.gz', tested: 'missing-env' });
    assert.equal(run.exitCode, 2, run.stderr);
    assert.match(result.message, /^pyhermetic verify failed \(exit 2: usage or config error\): .*missing/);
    assert.deepEqual(result.publish, {
      junit: [],
      sarif: [],
      html: null,
      archive: ['pyhermetic-report/**', '.pyhermetic/verify/rerun.sh'],
    });
    assert.ok(existsSync(result.rerun));
  });

  it('3: a tool failure', async () => {
    const { run, result } = await step('fingerprint', { python: '/bin/true' });
    assert.equal(run.exitCode, 3);
    assert.match(result.message, /^pyhermetic fingerprint failed \(exit 3: environment or tool failure\): /);
  });

  it('the usage of jenkins-step itself: --result is required (exit 2, nothing to write to)', async () => {
    const r = await runPyhermetic(['jenkins-step', 'fingerprint', '--params', 'p.json']);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /jenkins-step needs --result FILE/);
  });
});
