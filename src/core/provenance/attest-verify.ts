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
import { envelopeShapeError, envelopeSignedBy, keyId, type DsseEnvelope } from '../../shared/dsse.js';

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

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The first field of the statement that is not what `attest` writes, as a JSON path with what is wrong
 * (`$.predicate.runDetails.byproducts: not a list`), or undefined. Every field verify reads is checked
 * here, so a hostile attestation is exit 2 naming it, never a TypeError.
 */
export function statementShapeError(st: unknown): string | undefined {
  if (!isObject(st)) return '$: not a JSON object';
  if (st._type !== STATEMENT_TYPE) return `$._type: not ${STATEMENT_TYPE}`;
  if (st.predicateType !== SLSA_PROVENANCE) return `$.predicateType: not ${SLSA_PROVENANCE}`;
  if (!Array.isArray(st.subject)) return '$.subject: not a list';
  for (const [i, s] of st.subject.entries()) {
    if (!isObject(s)) return `$.subject[${i}]: not an object`;
    if (s.name !== undefined && typeof s.name !== 'string') return `$.subject[${i}].name: not a string`;
    if (!isObject(s.digest)) return `$.subject[${i}].digest: not an object`;
    if (typeof s.digest.sha256 !== 'string') return `$.subject[${i}].digest.sha256: not a string`;
  }
  if (!isObject(st.predicate)) return '$.predicate: not an object';
  const run = st.predicate.runDetails;
  if (run === undefined) return undefined;
  if (!isObject(run)) return '$.predicate.runDetails: not an object';
  if (run.byproducts === undefined) return undefined;
  if (!Array.isArray(run.byproducts)) return '$.predicate.runDetails.byproducts: not a list';
  for (const [i, b] of run.byproducts.entries()) {
    const at = `$.predicate.runDetails.byproducts[${i}]`;
    if (!isObject(b)) return `${at}: not an object`;
    if (b.name !== undefined && typeof b.name !== 'string') return `${at}.name: not a string`;
    if (b.annotations !== undefined && !isObject(b.annotations)) return `${at}.annotations: not an object`;
  }
  return undefined;
}

function readStatement(file: string, envelope: DsseEnvelope): Statement {
  let statement: unknown;
  try {
    statement = parseJsonStrict(Buffer.from(envelope.payload, 'base64').toString('utf8'));
  } catch (err) {
    throw malformed(file, `the payload is not JSON (${(err as Error).message})`);
  }
  const shape = statementShapeError(statement);
  if (shape) throw malformed(file, `the statement's ${shape}`);
  return statement as Statement;
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
