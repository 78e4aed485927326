// The pure parts of remote trust: range-checked settings, signatures over documents, interpreter.json
// against the key and the spec.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { keyId } from '../../../../src/shared/dsse.js';
import { UsageError } from '../../../../src/shared/errors.js';
import { httpSettings } from '../../../../src/core/store/remote-http.js';
import { signDocument, signatureProblem, type StoreKey } from '../../../../src/core/store/remote-signing.js';
import { specImpliedProblems } from '../../../../src/core/interpreter/interpreter-trust.js';
import type { FingerprintFields } from '../../../../src/core/model/fingerprint-fields.js';
import type { PythonSpec } from '../../../../src/core/model/manifests.js';

/** A signing key and the trusted (public) key a reader holds for it. */
function storeKey(name: string): { signing: StoreKey; trusted: StoreKey } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const id = keyId(publicKey);
  return {
    signing: { key: privateKey, id, source: name, path: `/keys/${name}.pem` },
    trusted: { key: publicKey, id, source: name, path: `/keys/${name}.pub.pem` },
  };
}

describe('remote trust parts', () => {
  it('HTTP settings: defaults, and exit 2 for what is out of range or not a number', () => {
    const d = httpSettings({});
    assert.deepEqual([d.idleMs, d.attempts, d.deadlineMs, d.minBytesPerSecond], [30_000, 4, 900_000, 32 * 1024]);
    assert.equal(httpSettings({ PYHERMETIC_REMOTE_TIMEOUT: '3600' }).idleMs, 3_600_000);
    for (const [k, v] of [
      ['PYHERMETIC_REMOTE_TIMEOUT', '3000000'],
      ['PYHERMETIC_REMOTE_TIMEOUT', 'abc'],
      ['PYHERMETIC_REMOTE_TIMEOUT', '-5'],
      ['PYHERMETIC_REMOTE_RETRIES', '12'],
      ['PYHERMETIC_REMOTE_RETRIES', '1.5'],
      ['PYHERMETIC_REMOTE_DEADLINE', '1e9'],
      ['PYHERMETIC_REMOTE_MIN_RATE', '-1'],
      ['PYHERMETIC_REMOTE_MAX_BLOB', '0'],
    ])
      assert.throws(
        () => httpSettings({ [k]: v }),
        (e: unknown) => e instanceof UsageError && e.message.startsWith(k),
      );
  });

  it('a signed document is trusted only with the key that signed exactly it', () => {
    const a = storeKey('a');
    const b = storeKey('b');
    const doc = { kind: 'pyhermetic-store-entry', key: 'k', files: { x: { sha256: '0'.repeat(64), size: 1 } } };
    const env = JSON.parse(signDocument(doc, a.signing).toString());
    const reordered = { files: doc.files, key: 'k', kind: doc.kind };
    assert.equal(signatureProblem(env, reordered, [a.trusted]), undefined, 'key order does not matter');
    assert.match(
      signatureProblem(env, doc, [b.trusted])!,
      new RegExp(`signed by key ${a.signing.id}, which is not a trusted one`),
    );
    assert.match(signatureProblem(env, { ...doc, key: 'other' }, [a.trusted])!, /over another document/);
    assert.match(signatureProblem(undefined, doc, [a.trusted])!, /no signature/);
    assert.match(signatureProblem({ payload: 1 }, doc, [a.trusted])!, /not a DSSE envelope \(\$\.payloadType/);
  });

  it('fingerprint fields against the spec: a static build under a shared spec, the version, debug', () => {
    const spec = {
      version: '3.11.2',
      configure: { shared: true, args: ['--with-ensurepip=install'] },
    } as PythonSpec;
    const fields = {
      implementation: 'cpython',
      version_info: [3, 11, 2, 'final', 0],
      SOABI: 'cpython-311-x86_64-linux-gnu',
      Py_ENABLE_SHARED: 0,
      Py_DEBUG: 0,
      Py_GIL_DISABLED: 0,
      abi_switches: [],
    } as unknown as FingerprintFields;
    assert.deepEqual(specImpliedProblems(spec, fields), [
      'fields.Py_ENABLE_SHARED is 0 (a static build), the spec asks for configure.shared true',
      'fields.abi_switches is [], the spec\'s configure implies ["--enable-shared"]',
    ]);
    const shared = { ...fields, Py_ENABLE_SHARED: 1, abi_switches: ['--enable-shared'] } as FingerprintFields;
    assert.deepEqual(specImpliedProblems(spec, shared), []);
    const rc = { ...spec, version: '3.11.3rc1' } as PythonSpec;
    assert.match(
      specImpliedProblems(rc, shared).join(),
      /version_info is \[3,11,2,"final",0\], the spec asks for 3\.11\.3rc1/,
    );
    const debug = { ...spec, configure: { shared: true, args: ['--with-pydebug'] } } as PythonSpec;
    assert.match(
      specImpliedProblems(debug, shared).join(),
      /Py_DEBUG is 0, the spec implies 1.*SOABI .* cpython-311d-/,
    );
  });
});
