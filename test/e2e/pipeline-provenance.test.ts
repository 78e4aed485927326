// `pyhermetic pipeline` on the demo app with a baseline and a signing key, black-box through the built
// runner: the baseline is the demo packed with an older pytest (8.4.2, a second lock made by `pyhermetic
// lock` from the local mirror), the new run has the demo's own lock (pytest 9.1.1) and one app file
// changed. The report must show the upgrade, the unchanged interpreter and the app change, with an
// inline SVG chart; the run writes sbom.cdx.json and a signed attestation that `attest verify` accepts.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { appendFileSync, copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { demoCopy } from '../helpers/demo-app.js';
import { builtInterpreter } from '../helpers/interpreters.js';
import { LOCAL_INDEX, parseJson, runPyhermetic, sharedStore, tempDir } from '../helpers/runner.js';

// Every directory a test makes here, removed at the end: packages are tens of MB and /tmp is shared.
const made: string[] = [];
function scratch(prefix: string): string {
  const dir = tempDir(prefix);
  made.push(dir);
  return dir;
}
function copy(): { dir: string; config: string } {
  const c = demoCopy();
  made.push(dirname(c.dir));
  return c;
}

describe('pyhermetic pipeline --baseline, sbom and attest (demo app, end to end)', () => {
  let store: string;
  let baselinePkg: string;

  after(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  before(async () => {
    store = sharedStore();
    const interp = await builtInterpreter('static');
    // The baseline release: the demo with pytest 8.4.2 (the mirror has 8.4.2 and 9.1.1).
    const old = copy();
    writeFileSync(join(old.dir, 'requirements.in'), 'markupsafe\norjson\npytest==8.4.2\n');
    const l = await runPyhermetic([
      'lock',
      '-r',
      join(old.dir, 'requirements.in'),
      '--interpreter',
      interp.artifact,
      '--index-url',
      LOCAL_INDEX,
      '-o',
      join(old.dir, 'requirements.lock'),
    ]);
    assert.equal(l.exitCode, 0, l.stderr);
    assert.match(readFileSync(join(old.dir, 'requirements.lock'), 'utf8'), /^pytest==8\.4\.2 /m);
    const out = join(scratch('out-'), 'out');
    const r = await runPyhermetic(['pipeline', '--config', old.config, '--out', out, '--store', store]);
    assert.equal(r.exitCode, 0, r.stderr.slice(-4000));
    baselinePkg = join(scratch('release-'), 'demo-app-1.0.tar.gz');
    copyFileSync(join(out, 'dist', 'demo-app.tar.gz'), baselinePkg);
  });

  it('reports the changes since the baseline, writes a schema-valid SBOM and a signed attestation that verifies', async () => {
    const { dir, config } = copy();
    appendFileSync(join(dir, 'demo_app', 'notes.py'), '\n# release 1.1\n');
    const key = generateKeyPairSync('ed25519');
    const keys = scratch('keys-');
    const priv = join(keys, 'signing.pem');
    const pub = join(keys, 'signing.pub.pem');
    writeFileSync(priv, key.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(pub, key.publicKey.export({ type: 'spki', format: 'pem' }));
    const out = join(scratch('out-'), 'out');
    const r = await runPyhermetic(
      ['pipeline', '--config', config, '--out', out, '--store', store, '--baseline', baselinePkg, '--json'],
      { env: { PYHERMETIC_SIGNING_KEY: priv, JOB_URL: 'https://ci.example.invalid/job/demo/' } },
    );
    assert.equal(r.exitCode, 0, r.stderr.slice(-4000));
    const doc = parseJson(r);
    assert.deepEqual(
      doc.stages.map((s: any) => s.name),
      [
        'audit-pins',
        'interpreter',
        'lock-check',
        'env-test',
        'app',
        'test',
        'pack',
        'baseline',
        'verify',
        'sbom',
        'attest',
      ],
    );
    const report = JSON.parse(readFileSync(join(out, 'report', 'report.json'), 'utf8'));
    const b = report.baseline;
    assert.deepEqual(b.distributions.upgraded, [{ name: 'pytest', from: '8.4.2', to: '9.1.1' }]);
    assert.deepEqual([b.distributions.downgraded, b.distributions.added, b.distributions.removed], [[], [], []]);
    assert.equal(b.interpreter.changed, false);
    assert.deepEqual(
      b.app.changed.map((c: any) => c.path),
      // The app is the config directory, so its lock (the new pins) is an app file too.
      ['app/demo_app/notes.py', 'app/requirements.in', 'app/requirements.lock'],
    );
    const pytestSize = b.sizes.find((s: any) => s.name === 'pytest');
    assert.ok(pytestSize.before > 0 && pytestSize.after > 0 && pytestSize.before !== pytestSize.after);

    const html = readFileSync(join(out, 'report', 'report.html'), 'utf8');
    assert.match(html, /Changes since the baseline/);
    assert.match(html, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*pytest.*<\/svg>/s);
    assert.doesNotMatch(html, /<script|<link|<img|src=|url\(/, 'no external assets, no scripts');
    assert.match(readFileSync(join(out, 'report', 'summary.md'), 'utf8'), /upgraded pytest 8\.4\.2 → 9\.1\.1/);

    const sbom = readFileSync(join(out, 'report', 'sbom.cdx.json'), 'utf8');
    assert.equal(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(sbom), null);
    assert.equal(doc.provenance.sbom, join(out, 'report', 'sbom.cdx.json'));
    const attestation = join(out, 'report', 'provenance.intoto.jsonl');
    assert.equal(doc.provenance.attestation, attestation);
    const envelope = JSON.parse(readFileSync(attestation, 'utf8'));
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
    assert.deepEqual(
      statement.predicate.buildDefinition.externalParameters.config,
      JSON.parse(readFileSync(config, 'utf8')),
    );
    assert.equal(statement.predicate.runDetails.builder.id, 'https://ci.example.invalid/job/demo/');
    const v = await runPyhermetic([
      'attest',
      'verify',
      '--artifact',
      join(out, 'dist', 'demo-app.tar.gz'),
      '--attestation',
      attestation,
      '--key',
      pub,
    ]);
    assert.equal(v.exitCode, 0, v.stderr);
    // The key's path reaches the attest stage through the environment only.
    assert.ok(!readFileSync(join(out, 'rerun.sh'), 'utf8').includes(priv), 'rerun.sh names the signing key');
    assert.ok(!r.stderr.includes(priv) && !r.stdout.includes(priv), 'the log names the signing key');
    assert.ok(existsSync(join(out, 'report', 'requirements.lock')));
  });

  it('a baseline that is not a package stops the run with exit 2 after pack, naming it', async () => {
    const { config } = copy();
    const bogus = join(scratch('bogus-'), 'last.tar.gz');
    writeFileSync(bogus, 'not a package');
    const out = join(scratch('out-'), 'out');
    const r = await runPyhermetic([
      'pipeline',
      '--config',
      config,
      '--out',
      out,
      '--store',
      store,
      '--baseline',
      bogus,
    ]);
    assert.equal(r.exitCode, 2, r.stderr.slice(-3000));
    assert.match(r.stderr, /the baseline: /);
    const report = JSON.parse(readFileSync(join(out, 'report', 'report.json'), 'utf8'));
    assert.deepEqual(report.checks.at(-1).name, 'baseline');
  });
});
