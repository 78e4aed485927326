// The keys of the shared store (docs/remote-store.md "Signed entries"): the publisher's signing key
// from PYHERMETIC_STORE_SIGNING_KEY (a path; Jenkins: storeSigningKeyCredentialsId, a secret file), and
// the public keys a reader trusts from --trusted-key (repeatable) and PYHERMETIC_TRUSTED_KEYS
// (a:b:c). Key files are read with the limits of shared/key-file.ts.
import { publicKeyFromPem, privateKeyFromPem, keyId } from '../shared/dsse.js';
import { createPublicKey } from 'node:crypto';
import { resolve } from 'node:path';
import { UsageError } from '../shared/errors.js';
import { readKeyFile } from '../shared/key-file.js';
import type { StoreKey, StoreKeys } from '../core/store/remote-signing.js';
import { listOption, type OptionValues } from './command.js';
import { strictKeys } from './key-options.js';

export const STORE_SIGNING_KEY_ENV = 'PYHERMETIC_STORE_SIGNING_KEY';
export const TRUSTED_KEYS_ENV = 'PYHERMETIC_TRUSTED_KEYS';

const KEY_HINT =
  'make a key with `openssl genpkey -algorithm ed25519 -out store.pem` and its public half with `openssl pkey -in store.pem -pubout -out store.pub.pem`';

/** The trusted keys (--trusted-key, else PYHERMETIC_TRUSTED_KEYS) and the signing key of a publishing run. */
export async function storeKeysFromOptions(
  values: OptionValues,
  env: NodeJS.ProcessEnv,
  publish: boolean,
): Promise<StoreKeys> {
  const given = listOption(values, 'trusted-key');
  const paths = given.length > 0 ? given : (env[TRUSTED_KEYS_ENV] ?? '').split(':').filter((p) => p !== '');
  const from = given.length > 0 ? '--trusted-key' : TRUSTED_KEYS_ENV;
  const trusted: StoreKey[] = [];
  for (const path of paths) {
    const source = `${from} ${path}`;
    const key = publicKeyFromPem(await readKeyFile(path, { source, hint: KEY_HINT }), source);
    trusted.push({ key, id: keyId(key), source, path: resolve(path) });
  }
  const signingPath = env[STORE_SIGNING_KEY_ENV];
  if (trusted.length > 0 && publish && !signingPath)
    throw new UsageError(
      `--publish with trusted keys (${from}) needs ${STORE_SIGNING_KEY_ENV}: what this run publishes would be unsigned, and every reader that trusts those keys would refuse it`,
      `set ${STORE_SIGNING_KEY_ENV} to the signing key's PEM file (Jenkins: storeSigningKeyCredentialsId), or do not publish from this job`,
    );
  if (!publish || !signingPath) return { trusted };
  const strict = strictKeys(values, env);
  const key = privateKeyFromPem(
    await readKeyFile(signingPath, { source: STORE_SIGNING_KEY_ENV, secret: true, strict, hint: KEY_HINT }),
    `the key of ${STORE_SIGNING_KEY_ENV}`,
  );
  const signing: StoreKey = {
    key,
    id: keyId(createPublicKey(key)),
    source: STORE_SIGNING_KEY_ENV,
    path: resolve(signingPath),
  };
  if (trusted.length > 0 && !trusted.some((t) => t.id === signing.id))
    throw new UsageError(
      `${STORE_SIGNING_KEY_ENV} (key ${signing.id}) is not one of the trusted keys (${trusted.map((t) => t.id).join(', ')}): this run would publish entries it refuses to read`,
      'give the public half of the signing key to --trusted-key, or sign with a trusted key',
    );
  return { trusted, signing };
}
