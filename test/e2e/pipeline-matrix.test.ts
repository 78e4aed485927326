// `pyhermetic pipeline` over several interpreter specs, end to end on examples/matrix-app (pure-python
// dependencies, which the local mirror has for every version): CPython 3.9.2 and the free-threaded
// 3.14.7t of the suite (built once per run in the Debian 11 build root), the app's committed locks
// requirements-3.9.2.lock and requirements-3.14.7t.lock, its unittest tests, pack and verify per version;
// a summary report with one row per version. Then a lock made for 3.9.2 given to 3.14.7t: exit 2 naming
// both versions. (3.11, 3.13 and the GIL build of 3.14 of examples/matrix-app run in the matrix demo's
// builds; the suite keeps to the interpreters it builds anyway.)
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { builtInterpreter, specFileOf } from '../helpers/interpreters.js';
import { parseJson, ROOT, runPyhermetic, sharedStore, tempDir } from '../helpers/runner.js';

const APP = join(ROOT, 'examples', 'matrix-app');
const VERSIONS = ['3.9.2', '3.14.7t'];

/** A private copy of the matrix app whose config names the suite's py39 and py314t specs. */
async function appCopy(): Promise<{ dir: string; config: string }> {
  const dir = join(tempDir('matrix-app-'), 'matrix-app');
  cpSync(APP, dir, {
    recursive: true,
    filter: (src) => !['.pyhermetic-out', '__pycache__'].includes(basename(src)),
  });
  const config = join(dir, 'pyhermetic.json');
  const doc = JSON.parse(readFileSync(config, 'utf8'));
  doc.specs = [await specFileOf('py39'), await specFileOf('py314t')];
  delete doc.productionRoot;
  writeFileSync(config, `${JSON.stringify(doc, null, 2)}\n`);
  return { dir, config };
}

describe('pyhermetic pipeline over several CPython versions (examples/matrix-app) @slow', function () {
  this.timeout(90 * 60 * 1000);

  before(async () => {
    await Promise.all([builtInterpreter('py39'), builtInterpreter('py314t')]);
  });

  it('builds, tests, packs and verifies each version: one package and one report each, and a summary table', async () => {
    const { config } = await appCopy();
    const out = join(tempDir('matrix-out-'), 'out');
    const r = await runPyhermetic(['pipeline', '--config', config, '--out', out, '--store', sharedStore(), '--json']);
    assert.equal(r.exitCode, 0, r.stderr.slice(-4000));
    const doc = parseJson<any>(r);
    assert.equal(doc.ok, true);
    assert.deepEqual(
      doc.versions.map((v: any) => [v.version, v.ok, v.exitCode]),
      VERSIONS.map((v) => [v, true, 0]),
    );
    for (const v of VERSIONS) {
      for (const p of [`dist/matrix-app-${v}.tar.gz`, 'report/report.html', 'report/junit.xml', 'rerun.sh'])
        assert.ok(existsSync(join(out, v, p)), `${v}/${p} is missing`);
      const rerun = readFileSync(join(out, v, 'rerun.sh'), 'utf8');
      assert.match(rerun, new RegExp(`'--only' '${v.replace('.', '\\.')}'`));
      const report = JSON.parse(readFileSync(join(out, v, 'report', 'report.json'), 'utf8'));
      assert.equal(report.ok, true);
      assert.equal(report.checks.find((c: any) => c.name === 'test').ok, true);
    }
    const summary = JSON.parse(readFileSync(join(out, 'report', 'report.json'), 'utf8'));
    assert.deepEqual(
      summary.checks.map((c: any) => [c.name, c.ok]),
      VERSIONS.map((v) => [`CPython ${v}`, true]),
    );
    const py39 = await builtInterpreter('py39');
    const ft = await builtInterpreter('py314t');
    assert.deepEqual(
      summary.versions.map((v: any) => v.fingerprint),
      [py39.fingerprint, ft.fingerprint],
    );
    const html = readFileSync(join(out, 'report', 'report.html'), 'utf8');
    assert.match(html, /<h2>Versions<\/h2>/);
    for (const v of VERSIONS) assert.ok(html.includes(`href="../${v}/report/report.html"`), v);
    assert.match(readFileSync(join(out, 'report', 'summary.md'), 'utf8'), /\| 3\.14\.7t \| PASSED \|/);
  });

  it('a lock made for 3.9.2 given to 3.14.7t is refused with exit 2 naming both; --only runs that version alone', async () => {
    const { dir, config } = await appCopy();
    copyFileSync(join(dir, 'requirements-3.9.2.lock'), join(dir, 'requirements-3.14.7t.lock'));
    const out = join(tempDir('matrix-bad-'), 'out');
    const r = await runPyhermetic([
      'pipeline',
      '--config',
      config,
      '--out',
      out,
      '--store',
      sharedStore(),
      '--only',
      '3.14.7t',
      '--json',
    ]);
    assert.equal(r.exitCode, 2, r.stderr.slice(-3000));
    assert.match(
      r.stderr,
      /the lock .*requirements-3\.14\.7t\.lock was made for CPython 3\.9\.2 \(interpreter [0-9a-f]{16}…\), not for this pipeline's CPython 3\.14\.7t/,
    );
    assert.equal(existsSync(join(out, '3.9.2')), false, '--only ran the one version, into --out itself');
    const report = JSON.parse(readFileSync(join(out, 'report', 'report.json'), 'utf8'));
    assert.deepEqual(
      report.checks.map((c: any) => [c.name, c.ok]),
      [
        ['audit-pins', false],
        ['interpreter', true],
        ['lock-check', false],
      ],
    );
    // The pin audit, the first stage, sees the same swap before anything is built (at the config line
    // naming the spec and its lock), and nothing else.
    assert.deepEqual(
      report.pinAudit.findings.filter((f: any) => f.failing).map((f: any) => [f.rule, f.file]),
      [['lock-fingerprint-mismatch', 'pyhermetic.json']],
    );
    const unknown = await runPyhermetic(['pipeline', '--config', config, '--out', out, '--only', '3.12.0']);
    assert.equal(unknown.exitCode, 2);
    assert.match(unknown.stderr, /--only 3\.12\.0: .* has no spec of that version/);
    assert.match(unknown.stderr, /3\.9\.2, 3\.14\.7t/);
  });
});
