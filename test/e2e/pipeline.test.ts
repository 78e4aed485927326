// `pyhermetic pipeline` end to end on the demo app, black-box through the built runner: the real
// static CPython 3.11.2 of the suite (built once per run into the shared store), the demo's committed
// lock against the local wheel mirror, its real pytest tests, pack and verify.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { debianRootTarball } from '../helpers/debian-root.js';
import { demoCopy } from '../helpers/demo-app.js';
import { builtInterpreter } from '../helpers/interpreters.js';
import { parseJson, ROOT, runPyhermetic, sharedStore, tempDir } from '../helpers/runner.js';

const STAGES = [
  'audit-pins',
  'interpreter',
  'lock-check',
  'env-test',
  'app',
  'test',
  'pack',
  'verify',
  'sbom',
  'attest',
];
/** Without PYHERMETIC_SIGNING_KEY the attest stage is skipped (and says so). */
const SKIPPED = ['attest'];

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const readReport = (out: string): any => JSON.parse(readFileSync(join(out, 'report', 'report.json'), 'utf8'));

describe('pyhermetic pipeline (demo app, end to end) @slow', () => {
  let store: string;

  before(async () => {
    store = sharedStore();
    // The demo's python.json is the suite's static spec: this build is the one every test shares.
    await builtInterpreter('static');
  });

  it('runs green on the demo app, writes the documented layout, and rerun.sh repeats it to the same result', async () => {
    const { config } = demoCopy();
    const out = join(tempDir('out-'), 'out');
    const r = await runPyhermetic(['pipeline', '--config', config, '--out', out, '--store', store, '--json']);
    assert.equal(r.exitCode, 0, r.stderr.slice(-4000));
    const doc = parseJson(r);
    assert.equal(doc.ok, true);
    assert.deepEqual(
      doc.stages.map((s: any) => [s.name, s.ok]),
      STAGES.map((s) => [s, true]),
    );
    for (const stage of STAGES)
      assert.match(
        r.stderr,
        new RegExp(`== ${stage} \\(\\d+\\.\\d s\\): ${SKIPPED.includes(stage) ? 'skipped' : 'ok'}`),
        `stage line of ${stage}`,
      );

    for (const p of [
      'interpreter/interpreter.tar.gz',
      'interpreter/interpreter.json',
      'env-test/pyhermetic-env.json',
      'app/demo_app/__init__.py',
      'dist/demo-app.tar.gz',
      'report/report.html',
      'report/report.json',
      'report/junit.xml',
      'report/summary.md',
      'report/tests-junit.xml',
      'report/verify/report.json',
      'report/sbom.cdx.json',
      'rerun.sh',
    ]) {
      assert.ok(existsSync(join(out, p)), `${p} is missing from the output`);
    }
    // The tests ran in the app snapshot and left no cache in it; OUT (inside the config dir) is not in it.
    const appFiles = (await execa('find', ['.'], { cwd: join(out, 'app') })).stdout.split('\n');
    assert.deepEqual(
      appFiles.filter((p) => /(__pycache__|\.pytest_cache|\.pyhermetic-out|\.pyc$)/.test(p)),
      [],
    );
    assert.ok(appFiles.includes('./tests/test_render.py'));
    const report = readReport(out);
    assert.equal(report.ok, true);
    assert.deepEqual(
      report.checks.map((c: any) => c.name),
      STAGES,
    );
    const tests = report.checks.find((c: any) => c.name === 'test');
    assert.match(tests.summary, /^12 tests, 0 failed, 0 errors, 0 skipped$/);
    // The test stage's tested record went to verify: its "tested on" row says the tests ran on these bytes.
    const record = JSON.parse(readFileSync(join(out, 'report', 'tested-record.json'), 'utf8'));
    assert.equal(record.shard, null);
    assert.equal(record.junit.tests, 12);
    const verifyReport = JSON.parse(readFileSync(join(out, 'report', 'verify', 'report.json'), 'utf8'));
    assert.ok(verifyReport.checks.some((c: any) => c.name === 'tested on' && c.ok));
    assert.deepEqual(
      verifyReport.testedOn.rows.map((r: any) => [r.shard, r.sameBytes, r.tests]),
      [['all', true, 12]],
    );
    // The audit ran first: the demo pins everything; this host-built copy has no buildRoot (a warning only).
    assert.deepEqual(report.pinAudit.counts, { error: 0, warning: 1, suppressed: 0, failing: 0 });
    assert.deepEqual(
      report.pinAudit.findings.map((f: any) => `${f.file}:${f.line} ${f.rule}`),
      ['python.json:10 spec-no-build-root'],
    );
    assert.ok(existsSync(join(out, 'report', 'pins.sarif')));
    assert.match(
      readFileSync(join(out, 'report', 'report.html'), 'utf8'),
      /<h2 id="floating-inputs">Floating inputs \(audit pins\)<\/h2>/,
    );

    // The package runs the app with the packaged interpreter, from a different place, with nothing inherited.
    const unpacked = tempDir('unpacked-');
    await execa('tar', ['-xzf', join(out, 'dist', 'demo-app.tar.gz'), '-C', unpacked]);
    const self = await execa('env', ['-i', join(unpacked, 'bin', 'python3'), '-m', 'demo_app', '--self-check'], {
      cwd: join(unpacked, 'app'),
      reject: false,
    });
    assert.equal(self.exitCode, 0, self.stderr);
    assert.match(self.stdout, /speedups=yes/);

    const packageSha = sha256(join(out, 'dist', 'demo-app.tar.gz'));
    const rerun = await execa('/bin/sh', [join(out, 'rerun.sh')], {
      cwd: '/',
      env: { PATH: '/usr/bin:/bin', NO_COLOR: '1' },
      extendEnv: false,
      reject: false,
    });
    assert.equal(rerun.exitCode, 0, rerun.stderr.slice(-4000));
    assert.match(rerun.stderr, /== interpreter .*: ok/);
    assert.equal(readReport(out).ok, true);
    assert.equal(sha256(join(out, 'dist', 'demo-app.tar.gz')), packageSha, 'the re-run packs the same bytes');
  });

  it('examples/floating-app: the audit stage finds what floats, the chain still runs, the verdict is FAILED (exit 1)', async () => {
    const dir = join(tempDir('floating-'), 'floating-app');
    cpSync(join(ROOT, 'examples', 'floating-app'), dir, { recursive: true });
    const out = join(tempDir('out-'), 'out');
    const r = await runPyhermetic([
      'pipeline',
      '--config',
      join(dir, 'pyhermetic.json'),
      '--out',
      out,
      '--store',
      store,
    ]);
    assert.equal(r.exitCode, 1, r.stderr.slice(-4000));
    assert.match(r.stderr, /== audit-pins \(\d+\.\d s\): 10 finding\(s\), the chain goes on/);
    const report = readReport(out);
    assert.equal(report.ok, false);
    assert.deepEqual(
      report.checks.map((c: any) => [c.name, c.ok]),
      STAGES.map((s) => [s, s !== 'audit-pins']),
    );
    assert.deepEqual([...new Set(report.pinAudit.findings.map((f: any) => f.rule))].sort(), [
      'apt-unpinned',
      'curl-pipe-shell',
      'floating-docker-image',
      'floating-library',
      'git-clone-floating',
      'pip-unpinned',
      'pyenv-floating',
      'requirement-unhashed',
      'spec-no-build-root',
      'unchecked-add-url',
    ]);
    assert.deepEqual(report.pinAudit.counts, { error: 10, warning: 2, suppressed: 0, failing: 10 });
    const html = readFileSync(join(out, 'report', 'report.html'), 'utf8');
    assert.match(html, /ci\/agent-image\.sh:7:1/);
    assert.match(html, /pyenv install runs a pyenv that was installed floating on line 6/);
    assert.match(
      readFileSync(join(out, 'report', 'summary.md'), 'utf8'),
      /\*\*Floating inputs \(audit pins\)\*\*: 8 files scanned: 10 errors, 2 warnings, 0 suppressed; 10 at or above fail-on error$/m,
    );
    // Everything else ran: the package exists and verified clean.
    assert.ok(existsSync(join(out, 'dist', 'floating-app.tar.gz')));
    assert.equal(report.checks.find((c: any) => c.name === 'verify').ok, true);
  });

  it('refuses a lock made for another interpreter with exit 2 and the exact `pyhermetic lock` command', async () => {
    const { dir, config } = demoCopy();
    // The real fingerprint of another real interpreter (Debian's shared 3.11.2): the lock of a project
    // that was resolved on a developer machine instead of for the pipeline's interpreter.
    const other = parseJson(await runPyhermetic(['fingerprint', '--python', '/usr/bin/python3', '--json']))
      .fingerprint as string;
    const lock = join(dir, 'requirements.lock');
    const text = readFileSync(lock, 'utf8');
    assert.match(text, /^# pyhermetic-lock fingerprint=[0-9a-f]{64}$/m);
    writeFileSync(lock, text.replace(/^(# pyhermetic-lock fingerprint=)[0-9a-f]{64}$/m, `$1${other}`));

    const out = join(tempDir('out-'), 'out');
    const r = await runPyhermetic(['pipeline', '--config', config, '--out', out, '--store', store, '--json']);
    assert.equal(r.exitCode, 2, r.stderr.slice(-3000));
    assert.match(
      r.stderr,
      new RegExp(
        `was made for CPython 3\\.11\\.2 \\(interpreter ${other.slice(0, 16)}…\\), not for this pipeline's CPython 3\\.11\\.2`,
      ),
    );
    assert.match(r.stderr, /run `pyhermetic lock` for this interpreter/);
    assert.ok(
      r.stderr.includes(
        `'lock' '-r' '${join(dir, 'requirements.in')}' '--interpreter' '${join(out, 'interpreter')}' '--index-url' 'file:///opt/pypi/simple' '-o' '${lock}'`,
      ),
      r.stderr,
    );
    const report = readReport(out);
    assert.equal(report.ok, false);
    assert.deepEqual(
      report.checks.map((c: any) => [c.name, c.ok]),
      [
        ['audit-pins', true],
        ['interpreter', true],
        ['lock-check', false],
      ],
    );
    assert.equal(existsSync(join(out, 'env-test')), false, 'nothing after the lock check ran');
  });

  it('stops at failing project tests with exit 1, naming the test, and still writes the report', async () => {
    const { dir, config } = demoCopy();
    writeFileSync(
      join(dir, 'tests', 'test_regression.py'),
      'from demo_app.render import render_html\n\n\ndef test_title_is_escaped_twice():\n    assert render_html([], title="&") == "broken on purpose"\n',
    );
    const out = join(tempDir('out-'), 'out');
    const r = await runPyhermetic(['pipeline', '--config', config, '--out', out, '--store', store, '--json']);
    assert.equal(r.exitCode, 1, r.stderr.slice(-3000));
    const doc = parseJson(r);
    assert.equal(doc.ok, false);
    assert.equal(doc.package, null);
    assert.deepEqual(
      doc.stages.map((s: any) => s.name),
      ['audit-pins', 'interpreter', 'lock-check', 'env-test', 'app', 'test'],
    );
    const report = readReport(out);
    const test = report.checks.find((c: any) => c.name === 'test');
    assert.equal(test.ok, false);
    assert.deepEqual(
      test.findings.map((f: any) => f.path),
      ['tests.test_regression::test_title_is_escaped_twice'],
    );
    assert.match(test.findings[0].fix, /run the tests in the tested env by hand: cd .*\/app' && .*'-m' 'pytest'/);
    assert.match(readFileSync(join(out, 'report', 'report.html'), 'utf8'), /test_title_is_escaped_twice/);
    assert.equal(existsSync(join(out, 'dist', 'demo-app.tar.gz')), false, 'nothing is packed after failing tests');
  });

  it('productionRoot: verify runs the package in the Debian 11 root; the host-built demo does not start there (exit 1, GLIBC_2.34)', async () => {
    const { config } = demoCopy();
    const root = await debianRootTarball('bullseye');
    const doc = JSON.parse(readFileSync(config, 'utf8'));
    writeFileSync(config, JSON.stringify({ ...doc, productionRoot: root, deployPath: '/srv/demo' }));
    const out = join(tempDir('out-'), 'out');
    const r = await runPyhermetic(['pipeline', '--config', config, '--out', out, '--store', store, '--json']);
    assert.equal(r.exitCode, 1, r.stderr.slice(-3000));
    const report = readReport(out);
    const verify = report.checks.find((c: any) => c.name === 'verify');
    const messages = verify.findings.map((f: any) => `${f.path}: ${f.message}`).join('\n');
    assert.match(messages, /\/srv\/demo\/bin\/python3\.11: \[root: bullseye-minbase\.tar\] .*GLIBC_2\.34' not found/);
    // Every other check passed: the static interpreter needs nothing from the host but glibc.
    assert.ok(
      verify.findings.every((f: any) => f.message.startsWith('[root: ')),
      messages,
    );
    assert.equal(report.whereItRuns.roots[0].deployPath, '/srv/demo');
    assert.equal(report.whereItRuns.roots[0].sha256, sha256(root));
    assert.deepEqual(report.whereItRuns.systemLibraries, []);
    assert.match(readFileSync(join(out, 'rerun.sh'), 'utf8'), /--config/);
  });
});

describe('pyhermetic pipeline: refusals before any work (no compile)', () => {
  let store: string;
  before(() => {
    store = sharedStore();
  });

  it('names the bad field of a config with exit 2 before doing anything', async () => {
    const { config } = demoCopy();
    const doc = JSON.parse(readFileSync(config, 'utf8'));
    writeFileSync(config, JSON.stringify({ ...doc, smoke: 'demo_app' }));
    const r = await runPyhermetic(['pipeline', '--config', config, '--store', store]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /"smoke" must be an array of strings, got a string/);
  });

  it('never clears a directory it did not write: --out at the project or at a foreign non-empty directory is exit 2', async () => {
    const { dir, config } = demoCopy();
    const atProject = await runPyhermetic(['pipeline', '--config', config, '--out', dir, '--store', store]);
    assert.equal(atProject.exitCode, 2);
    assert.match(atProject.stderr, /is the config directory or contains it/);
    const foreign = tempDir('foreign-');
    mkdirSync(join(foreign, 'dist'));
    writeFileSync(join(foreign, 'dist', 'keep.txt'), 'precious');
    const r = await runPyhermetic(['pipeline', '--config', config, '--out', foreign, '--store', store]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /already holds files that an earlier pipeline did not write/);
    assert.equal(readFileSync(join(foreign, 'dist', 'keep.txt'), 'utf8'), 'precious');
  });
});
