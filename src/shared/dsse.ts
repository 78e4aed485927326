// DSSE (Dead Simple Signing Envelope, v1): the signature covers PAE(payloadType, payload), never the
// JSON around it, so no canonicalisation is needed and the payload type cannot be swapped.
//   PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body   (LEN: byte count, ASCII decimal)
// Keys: ed25519 (pure EdDSA over PAE) or ECDSA P-256 (SHA-256, DER signature), as PEM files read with
// node:crypto. keyid is the sha256 of the public key's SPKI DER: informational only (verification
// tries the key it is given), it lets a failure say "signed by another key".
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { UsageError } from './errors.js';

export interface DsseSignature {
  keyid: string;
  sig: string;
}

export interface DsseEnvelope {
  payloadType: string;
  /** base64 of the payload bytes. */
  payload: string;
  signatures: DsseSignature[];
}

export function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

/** What a key is, or a UsageError naming the supported kinds. */
function keyKind(key: KeyObject, source: string): 'ed25519' | 'p256' {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'p256';
  const what = key.asymmetricKeyType === 'ec' ? `ec ${key.asymmetricKeyDetails?.namedCurve}` : key.asymmetricKeyType;
  throw new UsageError(
    `${source} is a ${what} key; pyhermetic signs with ed25519 or ECDSA P-256`,
    'make one with `openssl genpkey -algorithm ed25519 -out key.pem` (public part: `openssl pkey -in key.pem -pubout`)',
  );
}

export function keyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** A private key from PEM text; `source` names where it came from (never its content) in errors. */
export function privateKeyFromPem(pem: Buffer, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (err) {
    throw new UsageError(
      `${source} is not a PEM private key (${(err as Error).message})`,
      'pass an unencrypted PKCS#8 PEM key (ed25519 or P-256)',
    );
  }
  keyKind(key, source);
  return key;
}

/** A public key from PEM text (a public key, or a private key whose public half is taken). */
export function publicKeyFromPem(pem: Buffer, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (err) {
    throw new UsageError(
      `${source} is not a PEM public or private key (${(err as Error).message})`,
      'pass the public key in PEM (`openssl pkey -in key.pem -pubout -out key.pub.pem`)',
    );
  }
  keyKind(key, source);
  return key;
}

export function signEnvelope(payloadType: string, payload: Buffer, privateKey: KeyObject): DsseEnvelope {
  const message = pae(payloadType, payload);
  const kind = keyKind(privateKey, 'the signing key');
  const sig = kind === 'ed25519' ? sign(null, message, privateKey) : sign('sha256', message, privateKey);
  return {
    payloadType,
    payload: payload.toString('base64'),
    signatures: [{ keyid: keyId(createPublicKey(privateKey)), sig: sig.toString('base64') }],
  };
}

/** True when some signature of the envelope verifies with `publicKey`. */
export function envelopeSignedBy(envelope: DsseEnvelope, publicKey: KeyObject): boolean {
  const message = pae(envelope.payloadType, Buffer.from(envelope.payload, 'base64'));
  const kind = keyKind(publicKey, 'the verification key');
  return envelope.signatures.some((s) => {
    try {
      const sig = Buffer.from(s.sig, 'base64');
      return kind === 'ed25519' ? verify(null, message, publicKey, sig) : verify('sha256', message, publicKey, sig);
    } catch {
      return false;
    }
  });
}

/** Checks the shape of a parsed envelope; the JSON path of what is wrong, or undefined when it is one. */
export function envelopeShapeError(doc: unknown): string | undefined {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return '$: not a JSON object';
  const e = doc as Record<string, unknown>;
  if (typeof e.payloadType !== 'string') return '$.payloadType: not a string';
  if (typeof e.payload !== 'string' || !/^[A-Za-z0-9+/=_-]*$/.test(e.payload)) return '$.payload: not base64 text';
  if (!Array.isArray(e.signatures) || e.signatures.length === 0) return '$.signatures: not a non-empty list';
  for (const [i, s] of e.signatures.entries()) {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) return `$.signatures[${i}]: not an object`;
    if (typeof (s as DsseSignature).sig !== 'string') return `$.signatures[${i}].sig: not a string`;
    const keyid = (s as DsseSignature).keyid;
    if (keyid !== undefined && typeof keyid !== 'string') return `$.signatures[${i}].keyid: not a string`;
  }
  return undefined;
}
