// Signed remote documents (DESIGN.md "Trust model", docs/remote-store.md "Signed entries"). A publisher
// holding PYHERMETIC_STORE_SIGNING_KEY puts a DSSE envelope beside each document it publishes (an
// entry's entry.json, a shared wheel's wheel.json): `<document>.dsse`, whose payload is the canonical
// JSON of the document. A reader given trusted public keys takes a document only when its envelope's
// payload is that same document and one of its signatures verifies with a trusted key (Nix's
// trusted-public-keys). The document names every blob by sha256, so the signature covers the bytes.
import type { KeyObject } from 'node:crypto';
import { canonicalJson } from '../../shared/canonical.js';
import { type DsseEnvelope, envelopeShapeError, envelopeSignedBy, signEnvelope } from '../../shared/dsse.js';

export const STORE_PAYLOAD_TYPE = 'application/vnd.pyhermetic.store-document+json';
/** The signature of `entries/t/k/entry.json` is `entries/t/k/entry.json.dsse`. */
export const SIGNATURE_SUFFIX = '.dsse';

export interface StoreKey {
  key: KeyObject;
  /** sha256 of the public key (SPKI DER), as DSSE's keyid. */
  id: string;
  /** Where it came from (`--trusted-key main.pub.pem`, `PYHERMETIC_STORE_SIGNING_KEY`), for messages. */
  source: string;
  /** The file it was read from, absolute (a pipeline hands trusted keys to its stages by path). */
  path: string;
}

export interface StoreKeys {
  /** Signs what this run publishes. */
  signing?: StoreKey;
  /** When non-empty, only documents signed by one of these are taken. */
  trusted: StoreKey[];
}

export const NO_KEYS: StoreKeys = { trusted: [] };

/** The envelope (one JSON line) signing `doc` with `key`. */
export function signDocument(doc: unknown, key: StoreKey): Buffer {
  const envelope = signEnvelope(STORE_PAYLOAD_TYPE, Buffer.from(canonicalJson(doc)), key.key);
  return Buffer.from(`${JSON.stringify(envelope)}\n`);
}

/**
 * Why `envelope` does not make `doc` trusted, or undefined when one trusted key signed exactly this
 * document. `envelope` is the parsed signature file, undefined when the remote has none.
 */
export function signatureProblem(envelope: unknown, doc: unknown, trusted: StoreKey[]): string | undefined {
  if (envelope === undefined) return 'it has no signature';
  const shape = envelopeShapeError(envelope);
  if (shape) return `its signature is not a DSSE envelope (${shape})`;
  const e = envelope as DsseEnvelope;
  if (e.payloadType !== STORE_PAYLOAD_TYPE) return `its signature has payloadType ${JSON.stringify(e.payloadType)}`;
  if (Buffer.from(e.payload, 'base64').toString('utf8') !== canonicalJson(doc))
    return 'its signature is over another document';
  if (trusted.some((k) => envelopeSignedBy(e, k.key))) return undefined;
  const ids = e.signatures.map((s) => (typeof s.keyid === 'string' ? s.keyid.slice(0, 64) : '?'));
  return `it is signed by key ${ids.join(', ')}, which is not a trusted one (trusted: ${trusted.map((k) => k.id).join(', ')})`;
}
