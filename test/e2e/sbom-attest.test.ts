// `pyhermetic sbom`, `attest` and `attest verify` on a real package: a real env (the suite's static
// CPython, real wheels from the local mirror, installed by `env create`), packed and verified by the
// real commands. The SBOM is checked against the CycloneDX 1.6 JSON schema with the library's strict
// validator; keys are made with node:crypto (ed25519 and P-256).
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { execa } from 'execa';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { linkedCopy, makeEnv, pack, replaceFile, type TestEnv } from '../helpers/package-env.js';
import { parseJson, runPyhermetic, tempDir } from '../helpers/runner.js';
import { parseLock } from '../../src/core/deps/lockfile.js';
import { normalizeName } from '../../src/core/deps/dist-metadata.js';

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

function keyPair(dir: string, name: string, type: 'ed25519' | 'p256'): { priv: string; pub: string } {
  const { privateKey, publicKey } =
    type === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const priv = join(dir, `${name}.pem`);
  const pub = join(dir, `${name}.pub.pem`);
  writeFileSync(priv, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  return { priv, pub };
}

function statementOf(attestation: string): any {
  const envelope = JSON.parse(readFileSync(attestation, 'utf8').trim());
  return JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
}

describe('pyhermetic sbom / attest / attest verify (a real package)', () => {
  let t: TestEnv;
  let work: string;
  let pkg: string;
  let report: string;
  let ed: { priv: string; pub: string };
  let p256: { priv: string; pub: string };

  before(async () => {
    t = await makeEnv('static');
    work = tempDir('sbom-');
    pkg = (await pack(t.env, join(work, 'app.tar.gz'))).artifact;
    report = join(work, 'report');
    const v = await runPyhermetic(['verify', '--artifact', pkg, '--tested', t.env, '--report', report, '--no-smoke']);
    assert.equal(v.exitCode, 0, v.stderr);
    ed = keyPair(work, 'ed', 'ed25519');
    p256 = keyPair(work, 'p256', 'p256');
  });

  // Packages and envs are tens of MB each, and /tmp is shared: leave nothing behind.
  after(() => {
    for (const dir of [work, t?.work]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('sbom', () => {
    let doc: any;
    let text: string;

    before(async () => {
      // The package alone: it carries its lock (pyhermetic/requirements.lock).
      const out = join(work, 'sbom.cdx.json');
      const r = await runPyhermetic(['sbom', '--artifact', pkg, '--name', 'app', '--out', out]);
      assert.doesNotMatch(r.stderr, /no lock|without the wheel sha256/);
      assert.equal(r.exitCode, 0, r.stderr);
      text = readFileSync(out, 'utf8');
      doc = JSON.parse(text);
    });

    it('is valid CycloneDX 1.6 JSON per the strict schema validator (which does reject a broken document)', async () => {
      const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
      assert.equal(await validator.validate(text), null);
      const broken = JSON.parse(text);
      broken.components[0].hashes[0].alg = 'SHA-999';
      assert.notEqual(await validator.validate(JSON.stringify(broken)), null);
      assert.equal(doc.specVersion, '1.6');
    });

    it("lists every locked distribution with its purl and the lock's wheel sha256, and licences from METADATA", () => {
      const lock = parseLock(readFileSync(t.lock, 'utf8'));
      assert.ok(lock.entries.length >= 2);
      for (const e of lock.entries) {
        const purl = `pkg:pypi/${normalizeName(e.name)}@${e.version}`;
        const c = doc.components.find((x: any) => x.purl === purl);
        assert.ok(c, `${purl} is not in the SBOM`);
        assert.deepEqual(c.hashes, [{ alg: 'SHA-256', content: e.hashes[0] }], purl);
      }
      const markupsafe = doc.components.find((x: any) => x.name.toLowerCase() === 'markupsafe');
      assert.deepEqual(markupsafe.licenses, [{ license: { id: 'BSD-3-Clause' } }]);
    });

    it('describes the app (the package sha256) and the interpreter (version, options, fingerprint, artifact and source sha256)', () => {
      assert.equal(doc.metadata.component.name, 'app');
      assert.deepEqual(doc.metadata.component.hashes, [{ alg: 'SHA-256', content: sha256(pkg) }]);
      const env = JSON.parse(readFileSync(join(t.env, 'pyhermetic-env.json'), 'utf8'));
      const cpython = doc.components.find((x: any) => x.name === 'cpython');
      assert.equal(cpython.version, '3.11.2');
      assert.deepEqual(cpython.hashes, [{ alg: 'SHA-256', content: sha256(t.interp.artifact) }]);
      const props = Object.fromEntries(cpython.properties.map((p: any) => [p.name, p.value]));
      assert.equal(props['pyhermetic:interpreter:fingerprint'], env.interpreter.fingerprint);
      assert.equal(props['pyhermetic:interpreter:configure:shared'], 'false');
      assert.match(props['pyhermetic:interpreter:configure:args'], /^\[.*\]$/);
      assert.equal(
        props['pyhermetic:interpreter:source:sha256'],
        '2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849',
      );
    });

    it('is reproducible: the same package gives the same bytes, with its own lock given beside it too', async () => {
      const again = join(work, 'again.cdx.json');
      const r = await runPyhermetic(['sbom', '--artifact', pkg, '--lock', t.lock, '--name', 'app', '--out', again]);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.equal(readFileSync(again, 'utf8'), text);
    });

    it('the package carries the exact lock it was installed from, at pyhermetic/requirements.lock', async () => {
      const r = await execa('tar', ['-xzOf', pkg, 'pyhermetic/requirements.lock'], {
        encoding: 'buffer',
        stripFinalNewline: false,
      });
      assert.deepEqual(Buffer.from(r.stdout), readFileSync(t.lock));
      const env = JSON.parse(readFileSync(join(t.env, 'pyhermetic-env.json'), 'utf8'));
      assert.equal(sha256(t.lock), env.lock.sha256);
    });

    it("adds the interpreter's linked libraries as sub-components when interpreter.json records them", async () => {
      const env2 = await linkedCopy(t.env, join(work, 'env-linked'));
      const im = JSON.parse(readFileSync(join(env2, 'interpreter.json'), 'utf8'));
      im.linkedLibraries = [
        { name: 'openssl', version: '3.0.11', inputSha256: 'a'.repeat(64), licence: 'Apache-2.0' },
        { name: 'zlib', version: '1.2.13', inputSha256: 'b'.repeat(64), licence: 'Zlib' },
      ];
      replaceFile(join(env2, 'interpreter.json'), JSON.stringify(im));
      const pkg2 = (await pack(env2, join(work, 'linked.tar.gz'))).artifact;
      const r = await runPyhermetic(['sbom', '--artifact', pkg2, '--lock', t.lock]);
      assert.equal(r.exitCode, 0, r.stderr);
      const cpython = parseJson(r).components.find((x: any) => x.name === 'cpython');
      assert.deepEqual(
        cpython.components.map((c: any) => [c.name, c.version, c.hashes[0].content, c.licenses[0].license.id]),
        [
          ['openssl', '3.0.11', 'a'.repeat(64), 'Apache-2.0'],
          ['zlib', '1.2.13', 'b'.repeat(64), 'Zlib'],
        ],
      );
      const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
      assert.equal(await validator.validate(r.stdout), null);
    });

    it('--lock is a cross-check: a lock that differs from the one inside is exit 2, naming both hashes', async () => {
      const other = join(work, 'other.lock');
      writeFileSync(other, `${readFileSync(t.lock, 'utf8')}# edited\n`);
      const r = await runPyhermetic(['sbom', '--artifact', pkg, '--lock', other]);
      assert.equal(r.exitCode, 2);
      assert.ok(r.stderr.includes(`(sha256 ${sha256(other)}) differs from the lock inside`), r.stderr);
      assert.ok(r.stderr.includes(`(sha256 ${sha256(t.lock)})`), r.stderr);
    });
  });

  describe('attest and attest verify', () => {
    const attest = (out: string, extra: string[] = [], env: Record<string, string> = {}) =>
      runPyhermetic(['attest', '--artifact', pkg, '--report', report, '--lock', t.lock, '--out', out, ...extra], {
        env,
      });
    const verify = (attestation: string, pub: string, artifact = pkg) =>
      runPyhermetic(['attest', 'verify', '--artifact', artifact, '--attestation', attestation, '--key', pub]);
    let edFile: string;

    before(async () => {
      edFile = join(work, 'ed.intoto.jsonl');
      const r = await attest(edFile, [], {
        PYHERMETIC_SIGNING_KEY: ed.priv,
        JOB_URL: 'https://ci.example.invalid/job/app/',
        BUILD_URL: 'https://ci.example.invalid/job/app/42/',
        BUILD_TAG: 'jenkins-app-42',
      });
      assert.equal(r.exitCode, 0, r.stderr);
      assert.ok(!r.stderr.includes(ed.priv) && !r.stdout.includes(ed.priv), 'the key path is never printed');
    });

    it('writes a DSSE envelope around an in-toto Statement v1 with SLSA provenance v1 (ed25519 key from the environment)', () => {
      const envelope = JSON.parse(readFileSync(edFile, 'utf8'));
      assert.equal(envelope.payloadType, 'application/vnd.in-toto+json');
      assert.equal(envelope.signatures.length, 1);
      const s = statementOf(edFile);
      assert.equal(s._type, 'https://in-toto.io/Statement/v1');
      assert.equal(s.predicateType, 'https://slsa.dev/provenance/v1');
      assert.deepEqual(s.subject, [{ name: 'app.tar.gz', digest: { sha256: sha256(pkg) } }]);
      const deps = s.predicate.buildDefinition.resolvedDependencies;
      const env = JSON.parse(readFileSync(join(t.env, 'pyhermetic-env.json'), 'utf8'));
      const digestOf = (name: string) => deps.find((d: any) => d.name === name)?.digest.sha256;
      assert.equal(digestOf('interpreter.tar.gz'), sha256(t.interp.artifact));
      assert.equal(digestOf('cpython-source'), '2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849');
      assert.equal(digestOf('requirements.lock'), sha256(t.lock));
      assert.equal(env.lock.sha256, sha256(t.lock));
      for (const e of parseLock(readFileSync(t.lock, 'utf8')).entries)
        assert.equal(digestOf(`${normalizeName(e.name)}==${e.version}`), e.hashes[0], e.name);
      assert.equal(s.predicate.runDetails.builder.id, 'https://ci.example.invalid/job/app/');
      assert.equal(s.predicate.runDetails.metadata.invocationId, 'https://ci.example.invalid/job/app/42/');
      assert.deepEqual(s.predicate.runDetails.byproducts[0].digest, { sha256: sha256(join(report, 'report.json')) });
      assert.equal(s.predicate.runDetails.byproducts[0].annotations.verdict, 'ok');
    });

    it('attest verify passes for the package, its attestation and the public key (ed25519 and P-256)', async () => {
      const ok = await verify(edFile, ed.pub);
      assert.equal(ok.exitCode, 0, ok.stderr);
      const pFile = join(work, 'p256.intoto.jsonl');
      const r = await attest(pFile, ['--key', p256.priv]);
      assert.equal(r.exitCode, 0, r.stderr);
      const pv = await runPyhermetic([
        'attest',
        'verify',
        '--artifact',
        pkg,
        '--attestation',
        pFile,
        '--key',
        p256.pub,
        '--json',
      ]);
      assert.equal(pv.exitCode, 0, pv.stderr);
      assert.deepEqual(parseJson(pv).reasons, []);
    });

    it('fails with exit 1 on a package with one byte changed', async () => {
      const changed = join(work, 'changed.tar.gz');
      copyFileSync(pkg, changed);
      const bytes = readFileSync(changed);
      bytes[Math.floor(bytes.length / 2)] ^= 0x01;
      writeFileSync(changed, bytes);
      const r = await verify(edFile, ed.pub, changed);
      assert.equal(r.exitCode, 1, r.stderr);
      assert.match(r.stderr, /the package is not the one that was attested/);
    });

    it('fails with exit 1 on a wrong key, naming both key ids', async () => {
      const other = keyPair(work, 'other', 'ed25519');
      const r = await verify(edFile, other.pub);
      assert.equal(r.exitCode, 1);
      assert.match(r.stderr, /the signature does not verify .* signed by key [0-9a-f]{64}, this key is [0-9a-f]{64}/);
      const p = await verify(edFile, p256.pub);
      assert.equal(p.exitCode, 1);
    });

    it('fails with exit 1 on a statement altered after signing', async () => {
      const envelope = JSON.parse(readFileSync(edFile, 'utf8'));
      const s = statementOf(edFile);
      s.predicate.runDetails.byproducts[0].annotations.verdict = 'ok';
      s.subject[0].name = 'renamed.tar.gz';
      envelope.payload = Buffer.from(JSON.stringify(s)).toString('base64');
      const altered = join(work, 'altered.intoto.jsonl');
      writeFileSync(altered, `${JSON.stringify(envelope)}\n`);
      const r = await verify(altered, ed.pub);
      assert.equal(r.exitCode, 1);
      assert.match(r.stderr, /altered after signing/);
    });

    it('fails with exit 1 on an attestation whose recorded verify verdict was not ok', async () => {
      // A real failing verify: the tested env differs from the package by one file.
      const tested = await linkedCopy(t.env, join(work, 'env-differs'));
      replaceFile(join(tested, 'lib/python3.11/site-packages/markupsafe/__init__.py'), '# not what was packed\n');
      const badReport = join(work, 'bad-report');
      const v = await runPyhermetic([
        'verify',
        '--artifact',
        pkg,
        '--tested',
        tested,
        '--report',
        badReport,
        '--no-smoke',
      ]);
      assert.equal(v.exitCode, 1);
      const out = join(work, 'bad.intoto.jsonl');
      const a = await runPyhermetic(
        ['attest', '--artifact', pkg, '--report', badReport, '--lock', t.lock, '--out', out],
        { env: { PYHERMETIC_SIGNING_KEY: ed.priv } },
      );
      assert.equal(a.exitCode, 0, a.stderr);
      assert.match(a.stderr, /verdict recorded is "failed"/);
      const r = await verify(out, ed.pub);
      assert.equal(r.exitCode, 1);
      assert.match(r.stderr, /the recorded verify verdict is "failed" \(FAILED: \d+ findings? in /);
    });

    it('exit 2 for unreadable or malformed inputs, and for a report directory without this package’s verify report', async () => {
      const garbage = join(work, 'garbage.jsonl');
      writeFileSync(garbage, 'not json\n');
      assert.equal((await verify(garbage, ed.pub)).exitCode, 2);
      assert.equal((await verify(join(work, 'missing.jsonl'), ed.pub)).exitCode, 2);
      assert.equal((await verify(edFile, garbage)).exitCode, 2);
      assert.equal((await verify(edFile, ed.pub, join(work, 'missing.tar.gz'))).exitCode, 2);
      const noReport = await runPyhermetic(
        ['attest', '--artifact', pkg, '--report', tempDir('empty-'), '--out', join(work, 'x.jsonl')],
        { env: { PYHERMETIC_SIGNING_KEY: ed.priv } },
      );
      assert.equal(noReport.exitCode, 2);
      assert.match(noReport.stderr, /no verify report in/);
      const noKey = await runPyhermetic([
        'attest',
        '--artifact',
        pkg,
        '--report',
        report,
        '--out',
        join(work, 'y.jsonl'),
      ]);
      assert.equal(noKey.exitCode, 2);
      assert.match(noKey.stderr, /needs a signing key: --key KEY.pem or PYHERMETIC_SIGNING_KEY/);
    });

    it('keys are read only from regular files of at most 64 KiB: /dev/zero is exit 2 at once, not gigabytes', async () => {
      const out = join(work, 'zero.jsonl');
      const verifyZero = await runPyhermetic(
        ['attest', 'verify', '--artifact', pkg, '--attestation', edFile, '--key', '/dev/zero'],
        { timeoutMs: 60_000 },
      );
      assert.equal(verifyZero.exitCode, 2, verifyZero.stderr);
      assert.match(verifyZero.stderr, /the key named by --key is not a regular file \(a character device\)/);
      const signZero = await attest(out, [], { PYHERMETIC_SIGNING_KEY: '/dev/zero' });
      assert.equal(signZero.exitCode, 2, signZero.stderr);
      assert.match(signZero.stderr, /the key named by PYHERMETIC_SIGNING_KEY is not a regular file/);
    });

    it('a private key readable by group or others: a warning, and exit 2 with --strict-keys', async () => {
      const open = join(work, 'open.pem');
      copyFileSync(ed.priv, open);
      chmodSync(open, 0o644);
      const warned = await attest(join(work, 'open.jsonl'), [], { PYHERMETIC_SIGNING_KEY: open });
      assert.equal(warned.exitCode, 0, warned.stderr);
      assert.match(
        warned.stderr,
        /warning: the private key named by PYHERMETIC_SIGNING_KEY is readable by everyone \(mode 644\)/,
      );
      const strict = await attest(join(work, 'strict.jsonl'), ['--strict-keys'], { PYHERMETIC_SIGNING_KEY: open });
      assert.equal(strict.exitCode, 2, strict.stderr);
      assert.match(strict.stderr, /readable by everyone .*\(--strict-keys\)/);
    });

    it('an envelope whose statement has byproducts: "x" is exit 2 naming $.predicate.runDetails.byproducts', async () => {
      const s = statementOf(edFile);
      s.predicate.runDetails.byproducts = 'x';
      const { privateKey } = generateKeyPairSync('ed25519');
      const { signEnvelope } = await import('../../src/shared/dsse.js');
      const bad = join(work, 'byproducts.jsonl');
      writeFileSync(
        bad,
        `${JSON.stringify(signEnvelope('application/vnd.in-toto+json', Buffer.from(JSON.stringify(s)), privateKey))}\n`,
      );
      const r = await verify(bad, ed.pub);
      assert.equal(r.exitCode, 2, r.stderr);
      assert.match(r.stderr, /\$\.predicate\.runDetails\.byproducts: not a list/);
      assert.doesNotMatch(r.stderr, /TypeError|\n\s+at /);
    });

    it('sbom --out and attest --out refuse a symlinked directory and one everyone can write (exit 2, nothing written)', async () => {
      const elsewhere = tempDir('out-elsewhere-');
      const link = join(tempDir('out-link-'), 'dir');
      symlinkSync(elsewhere, link);
      const open = join(tempDir('out-open-'), 'dir');
      mkdirSync(open);
      chmodSync(open, 0o777);
      for (const dir of [link, open]) {
        const sbom = await runPyhermetic(['sbom', '--artifact', pkg, '--out', join(dir, 'sbom.cdx.json')]);
        assert.equal(sbom.exitCode, 2, sbom.stderr);
        assert.match(sbom.stderr, /the --out directory .* (is a symlink|is writable by everyone)/);
        const att = await attest(join(dir, 'a.intoto.jsonl'), [], { PYHERMETIC_SIGNING_KEY: ed.priv });
        assert.equal(att.exitCode, 2, att.stderr);
        assert.match(att.stderr, /the --out directory .* (is a symlink|is writable by everyone)/);
      }
      assert.deepEqual(readdirSync(elsewhere), []);
      assert.deepEqual(readdirSync(open), []);
    });
  });
});
