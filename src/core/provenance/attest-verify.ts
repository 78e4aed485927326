// `attest verify`: a package may be published only when its attestation (1) is signed by the given key,
// (2) names this package's sha256 as its subject and (3) records that verify passed. Each failure is a
// reason (exit 1); an attestation that cannot be read or is not a DSSE in-toto statement is a usage
// error (exit 2). The package is only hashed, never unpacked: a damaged package is a digest mismatch.
import type { KeyObject } from 'node:crypto';
import { UsageError } from '../../shared/errors.js';
import { parseJsonStrict } from '../../shared/json-strict.js';
import { readUserText } from '../../shared/user-json.js';
import { sha256OfFile } from '../../shared/canonical.js';
import { IN_TOTO_PAYLOAD_TYPE, SLSA_PROVENANCE, STATEMENT_TYPE, VERIFY_BYPRODUCT, type Statement } from './attest.js';
import { envelopeShapeError, envelopeSignedBy, keyId, type DsseEnvelope } from './dsse.js';

export interface AttestVerifyResult {
  ok: boolean;
  /** Why it is not ok, one line each (empty when ok). */
  reasons: string[];
  packageSha256: string;
  subject: { name?: string; sha256?: string }[];
  verdict?: string;
  signedBy: string[];
  key: string;
}

const ATTESTATION_HINT = 'pass the .intoto.jsonl file that `pyhermetic attest --out` wrote';
/** An attestation is one line; generous, as it lists every distribution of the package. */
const ATTESTATION_LIMIT = 16 * 1024 * 1024;

function malformed(file: string, why: string): UsageError {
  return new UsageError(`${file} is not a DSSE in-toto attestation: ${why}`, ATTESTATION_HINT);
}

function readEnvelope(file: string): DsseEnvelope {
  const text = readUserText(file, { what: 'the attestation', hint: ATTESTATION_HINT, maxBytes: ATTESTATION_LIMIT });
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== 1) throw malformed(file, `expected one envelope line, found ${lines.length}`);
  let doc: unknown;
  try {
    // Strict: a repeated key would let two verifiers read two different envelopes from the same bytes.
    doc = parseJsonStrict(lines[0]);
  } catch (err) {
    throw malformed(file, `not JSON (${(err as Error).message})`);
  }
  const shape = envelopeShapeError(doc);
  if (shape) throw malformed(file, shape);
  const envelope = doc as DsseEnvelope;
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE)
    throw malformed(file, `payloadType is ${JSON.stringify(envelope.payloadType)}, not ${IN_TOTO_PAYLOAD_TYPE}`);
  return envelope;
}

function readStatement(file: string, envelope: DsseEnvelope): Statement {
  let statement: Statement;
  try {
    statement = parseJsonStrict(Buffer.from(envelope.payload, 'base64').toString('utf8')) as Statement;
  } catch (err) {
    throw malformed(file, `the payload is not JSON (${(err as Error).message})`);
  }
  if (statement?._type !== STATEMENT_TYPE) throw malformed(file, `the payload's _type is not ${STATEMENT_TYPE}`);
  if (statement.predicateType !== SLSA_PROVENANCE) throw malformed(file, `the predicateType is not ${SLSA_PROVENANCE}`);
  if (!Array.isArray(statement.subject)) throw malformed(file, 'the statement has no subject list');
  return statement;
}

export async function verifyAttestation(opts: {
  artifact: string;
  attestation: string;
  publicKey: KeyObject;
  keySource: string;
}): Promise<AttestVerifyResult> {
  const envelope = readEnvelope(opts.attestation);
  const statement = readStatement(opts.attestation, envelope);
  const digest = await sha256OfFile(opts.artifact).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(
      `cannot read the package ${opts.artifact}: ${err.code ?? err.message}`,
      'pass the package the attestation was made for',
    );
  });
  const reasons: string[] = [];
  const key = keyId(opts.publicKey);
  const signedBy = envelope.signatures.map((s) => s.keyid ?? '');
  if (!envelopeSignedBy(envelope, opts.publicKey)) {
    const other = signedBy.filter((k) => k && k !== key);
    reasons.push(
      other.length > 0
        ? `the signature does not verify with ${opts.keySource}: the attestation was signed by key ${other.join(', ')}, this key is ${key}`
        : `the signature does not verify with ${opts.keySource} (key ${key}): the attestation was altered after signing`,
    );
  }
  const subject = statement.subject.map((s) => ({ name: s?.name, sha256: s?.digest?.sha256 }));
  if (!subject.some((s) => s.sha256 === digest.sha256)) {
    reasons.push(
      `the package's sha256 is ${digest.sha256}; the attestation is for ${subject.map((s) => `${s.name} ${s.sha256}`).join(', ') || 'no subject'}: the package is not the one that was attested (changed or replaced)`,
    );
  }
  const byproduct = statement.predicate?.runDetails?.byproducts?.find((b) => b?.name === VERIFY_BYPRODUCT);
  const verdict = typeof byproduct?.annotations?.verdict === 'string' ? byproduct.annotations.verdict : undefined;
  if (verdict !== 'ok') {
    reasons.push(
      verdict === undefined
        ? 'the attestation records no verify verdict: the package was not verified before it was attested'
        : `the recorded verify verdict is "${verdict}" (${String(byproduct?.annotations?.summary ?? '')}): the package is not what was tested`,
    );
  }
  return { ok: reasons.length === 0, reasons, packageSha256: digest.sha256, subject, verdict, signedBy, key };
}
