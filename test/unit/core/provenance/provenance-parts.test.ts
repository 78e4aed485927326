// The pure parts behind sbom, attest and the baseline section: DSSE's PAE (the spec's own example),
// signing and verifying with both key kinds, PEP 440 ordering, licences from METADATA, and the SVG
// chart's escaping of names that come from archives.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IN_TOTO_PAYLOAD_TYPE, SLSA_PROVENANCE, STATEMENT_TYPE } from '../../../../src/core/provenance/attest.js';
import { verifyAttestation } from '../../../../src/core/provenance/attest-verify.js';
import { UsageError } from '../../../../src/shared/errors.js';
import { fixupSpdxId } from '@cyclonedx/cyclonedx-library/SPDX';
import { distLicences } from '../../../../src/core/provenance/dist-licences.js';
import { envelopeSignedBy, pae, signEnvelope } from '../../../../src/shared/dsse.js';
import { comparePep440 } from '../../../../src/core/provenance/pep440.js';
import { sizeChartSvg } from '../../../../src/core/report/baseline-render.js';

describe('DSSE', () => {
  it('PAE is the spec example byte for byte', () => {
    assert.equal(
      pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString(),
      'DSSEv1 29 http://example.com/HelloWorld 11 hello world',
    );
    // Lengths are byte counts, not characters.
    assert.equal(pae('t', Buffer.from('é')).toString(), 'DSSEv1 1 t 2 é');
  });

  for (const [kind, pair] of [
    ['ed25519', () => generateKeyPairSync('ed25519')],
    ['P-256', () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' })],
  ] as const) {
    it(`signs and verifies with ${kind}; another key or another payload type fails`, () => {
      const { privateKey, publicKey } = pair();
      const env = signEnvelope('application/vnd.in-toto+json', Buffer.from('{"a":1}'), privateKey);
      assert.equal(envelopeSignedBy(env, publicKey), true);
      assert.equal(envelopeSignedBy(env, pair().publicKey), false);
      assert.equal(envelopeSignedBy({ ...env, payloadType: 'text/plain' }, publicKey), false);
    });
  }

  it('refuses a key of another kind (P-384) with a usage error', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    assert.throws(() => signEnvelope('t', Buffer.from('x'), privateKey), /ed25519 or ECDSA P-256/);
  });
});

describe('PEP 440 ordering', () => {
  const ordered = ['1.0.dev1', '1.0a1', '1.0b2', '1.0rc1', '1.0', '1.0.post1', '1.0.1', '1.10', '2!0.1'];
  it('orders dev < pre < final < post and numbers numerically', () => {
    for (let i = 0; i + 1 < ordered.length; i++)
      assert.ok(comparePep440(ordered[i], ordered[i + 1]) < 0, `${ordered[i]} < ${ordered[i + 1]}`);
    assert.equal(comparePep440('1.0', '1.0.0'), 0);
    assert.ok(comparePep440('9.1.1', '8.4.2') > 0);
  });
});

describe('licences from METADATA', () => {
  const meta = (headers: string) => `Metadata-Version: 2.1\nName: x\nVersion: 1\n${headers}\n\nbody: MIT\n`;
  it('prefers License-Expression, then an SPDX License, then unambiguous classifiers', () => {
    assert.deepEqual(distLicences(meta('License-Expression: MIT OR Apache-2.0'), fixupSpdxId), [
      { expression: 'MIT OR Apache-2.0' },
    ]);
    assert.deepEqual(distLicences(meta('License-Expression: BSD-3-Clause'), fixupSpdxId), [{ spdx: 'BSD-3-Clause' }]);
    assert.deepEqual(distLicences(meta('License: bsd-3-clause'), fixupSpdxId), [{ spdx: 'BSD-3-Clause' }]);
    assert.deepEqual(
      distLicences(
        meta(
          'License: Copyright 2010 Pallets\n        Redistribution and use in source ...\nClassifier: License :: OSI Approved :: MIT License\nClassifier: License :: OSI Approved :: BSD License',
        ),
        fixupSpdxId,
      ),
      [{ spdx: 'MIT' }, { name: 'BSD License' }],
    );
    assert.deepEqual(distLicences(meta('Summary: nothing declared'), fixupSpdxId), []);
  });
});

describe('the baseline size chart', () => {
  it('is inline SVG with every name escaped', () => {
    const svg = sizeChartSvg([
      { name: '<script>x</script>', before: 100, after: 2000 },
      { name: 'gone', before: 50, after: null },
    ]);
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.doesNotMatch(svg, /<script/);
    assert.match(svg, /&lt;script&gt;/);
    assert.match(svg, /removed/);
  });
});

describe('attest verify: a malformed attestation is exit 2 naming the JSON path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'attest-shape-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const pkg = join(dir, 'pkg.tar.gz');
  writeFileSync(pkg, 'package bytes');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const statement = (predicate: unknown) => ({
    _type: STATEMENT_TYPE,
    subject: [{ name: 'pkg.tar.gz', digest: { sha256: 'a'.repeat(64) } }],
    predicateType: SLSA_PROVENANCE,
    predicate,
  });
  for (const [what, doc, path] of [
    [
      'byproducts: "x"',
      statement({ runDetails: { byproducts: 'x' } }),
      /\$\.predicate\.runDetails\.byproducts: not a list/,
    ],
    ['a byproduct that is a number', statement({ runDetails: { byproducts: [1] } }), /byproducts\[0\]: not an object/],
    [
      'annotations: []',
      statement({ runDetails: { byproducts: [{ annotations: [] }] } }),
      /\.annotations: not an object/,
    ],
    ['subject digest 5', { ...statement({}), subject: [{ digest: 5 }] }, /\$\.subject\[0\]\.digest: not an object/],
    ['predicate: null', statement(null), /\$\.predicate: not an object/],
  ] as const) {
    it(what, async () => {
      const file = join(dir, 'att.intoto.jsonl');
      const env = signEnvelope(IN_TOTO_PAYLOAD_TYPE, Buffer.from(JSON.stringify(doc)), privateKey);
      writeFileSync(file, `${JSON.stringify(env)}\n`);
      await assert.rejects(
        verifyAttestation({ artifact: pkg, attestation: file, publicKey, keySource: '--key k' }),
        (e: unknown) => e instanceof UsageError && path.test((e as Error).message),
      );
    });
  }

  it('an envelope whose signatures[0].sig is a number', async () => {
    const file = join(dir, 'env.intoto.jsonl');
    writeFileSync(file, JSON.stringify({ payloadType: IN_TOTO_PAYLOAD_TYPE, payload: '', signatures: [{ sig: 5 }] }));
    await assert.rejects(
      verifyAttestation({ artifact: pkg, attestation: file, publicKey, keySource: '--key k' }),
      /\$\.signatures\[0\]\.sig: not a string/,
    );
  });
});
