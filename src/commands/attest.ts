// `pyhermetic attest --artifact PKG --report DIR [--key KEY.pem] --out FILE.intoto.jsonl`
// `pyhermetic attest verify --artifact PKG --attestation FILE --key PUB.pem`
// The signing key's path comes from --key or, in Jenkins, from PYHERMETIC_SIGNING_KEY (withCredentials
// file): the environment keeps it out of the command line, rerun.sh and the log. Errors name where the
// key came from, never its path or content.
import { dirname, resolve } from 'node:path';
import { UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { VERSION } from '../shared/version.js';
import { defineCommand, printJson, stringOption } from './command.js';
import { STRICT_KEYS_OPTION, strictKeys } from './key-options.js';

/** A key file, read as shared/key-file.ts reads every key: a regular file of at most 64 KiB. */
async function readKey(
  path: string,
  source: string,
  keyEnv: string,
  opts: { secret?: boolean; strict?: boolean } = {},
): Promise<Buffer> {
  const { readKeyFile } = await import('../shared/key-file.js');
  return readKeyFile(path, {
    source,
    ...opts,
    hint: `pass a PEM file with --key, or set ${keyEnv} to its path (Jenkins: withCredentials file)`,
  });
}

const ARTIFACT = {
  type: 'string',
  value: 'PKG.tar.gz',
  required: true,
  description: "the package (the statement's subject, by sha256)",
} as const;

export const attestCommand = defineCommand({
  name: 'attest',
  summary: 'Sign SLSA provenance for a verified package: a DSSE envelope around an in-toto Statement v1',
  options: {
    artifact: ARTIFACT,
    report: {
      type: 'string',
      value: 'DIR',
      required: true,
      description:
        "the pipeline's report directory (OUT/report) or verify's --report DIR: the verify report there becomes a byproduct with its sha256 and verdict; the pipeline config and lock the pipeline copied there become externalParameters and resolvedDependencies",
    },
    lock: {
      type: 'string',
      value: 'FILE',
      default: 'DIR/requirements.lock',
      description:
        "a cross-check of the lock the package carries (used when there); each wheel's sha256 comes from the lock, and one that differs from the package's is refused",
    },
    key: {
      type: 'string',
      value: 'KEY.pem',
      env: 'PYHERMETIC_SIGNING_KEY',
      secret: true,
      description: 'an ed25519 or ECDSA P-256 private key in PEM',
    },
    out: {
      type: 'string',
      value: 'FILE.intoto.jsonl',
      required: true,
      description: 'where to write the envelope (one JSON line)',
    },
    'strict-keys': STRICT_KEYS_OPTION,
  },
  json: '{out, subject, verdict, resolvedDependencies}',
  details: "Jenkins' JOB_URL, BUILD_URL and BUILD_TAG become builder.id and the run's invocationId when set.",
  exitCodes:
    "0 written · 2 bad input (no verify report for this package, a lock that is not the package's, an unreadable or unsupported key)",
  async run({ values, json }) {
    const artifact = stringOption(values, 'artifact');
    const report = stringOption(values, 'report');
    const out = stringOption(values, 'out');
    if (!artifact || !report || !out)
      throw new UsageError(
        `attest needs ${!artifact ? '--artifact PKG.tar.gz' : !report ? '--report DIR' : '--out FILE.intoto.jsonl'}`,
        `usage: pyhermetic ${this.usage}`,
      );
    const { SIGNING_KEY_ENV, attest } = await import('../core/provenance/attest.js');
    const { privateKeyFromPem } = await import('../shared/dsse.js');
    const { writeFileAtomic } = await import('../shared/atomic-file.js');
    const keyArg = stringOption(values, 'key');
    const keyPath = keyArg ?? process.env[SIGNING_KEY_ENV];
    const source = keyArg ? '--key' : SIGNING_KEY_ENV;
    if (!keyPath)
      throw new UsageError(
        `attest needs a signing key: --key KEY.pem or ${SIGNING_KEY_ENV}`,
        `in Jenkins: withCredentials([file(credentialsId: ..., variable: '${SIGNING_KEY_ENV}')])`,
      );
    const { ensureOutputDir } = await import('../shared/safe-dirs.js');
    ensureOutputDir(dirname(resolve(out)), 'the --out directory');
    const privateKey = privateKeyFromPem(
      await readKey(keyPath, source, SIGNING_KEY_ENV, { secret: true, strict: strictKeys(values) }),
      `the key of ${source}`,
    );
    const lock = stringOption(values, 'lock');
    const result = await attest({
      artifact: resolve(artifact),
      reportDir: resolve(report),
      lock: lock ? resolve(lock) : undefined,
      privateKey,
      ci: { JOB_URL: process.env.JOB_URL, BUILD_URL: process.env.BUILD_URL, BUILD_TAG: process.env.BUILD_TAG },
      toolVersion: VERSION,
    });
    await writeFileAtomic(resolve(out), `${JSON.stringify(result.envelope)}\n`);
    const verdict = result.statement.predicate.runDetails.byproducts?.[0]?.annotations?.verdict;
    if (result.unhashed.length > 0)
      log.warn(
        `the package carries no lock (an older pack) and none was found: the ${result.unhashed.length} wheel(s) are not in resolvedDependencies (pass --lock)`,
      );
    if (verdict !== 'ok')
      log.warn(`the verify verdict recorded is "${String(verdict)}": \`attest verify\` will refuse it`);
    log.info(`attestation: ${resolve(out)} (subject ${result.statement.subject[0].name}, verify verdict ${verdict})`);
    if (json)
      printJson({
        out: resolve(out),
        subject: result.statement.subject,
        verdict,
        resolvedDependencies: result.statement.predicate.buildDefinition.resolvedDependencies,
      });
    return 0;
  },
});

export const attestVerifyCommand = defineCommand({
  name: 'attest verify',
  summary: 'Check an attestation before publishing: signature, subject sha256 = the package, verify verdict ok',
  options: {
    artifact: { ...ARTIFACT, description: 'the package about to be published' },
    attestation: {
      type: 'string',
      value: 'FILE.intoto.jsonl',
      required: true,
      description: 'the envelope `pyhermetic attest` wrote',
    },
    key: {
      type: 'string',
      value: 'PUB.pem',
      required: true,
      description: 'the public key in PEM (a private key works too: its public half is used)',
    },
  },
  json: '{ok, reasons, packageSha256, subject, verdict, signedBy, key}',
  exitCodes:
    '0 the signature holds, the subject is this package and verify passed · 1 not so (each reason printed) · 2 an unreadable or malformed attestation, key or package',
  async run({ values, json }) {
    const artifact = stringOption(values, 'artifact');
    const attestation = stringOption(values, 'attestation');
    const key = stringOption(values, 'key');
    if (!artifact || !attestation || !key)
      throw new UsageError(
        `attest verify needs ${!artifact ? '--artifact PKG.tar.gz' : !attestation ? '--attestation FILE' : '--key PUB.pem'}`,
        `usage: pyhermetic ${this.usage}`,
      );
    const { SIGNING_KEY_ENV } = await import('../core/provenance/attest.js');
    const { verifyAttestation } = await import('../core/provenance/attest-verify.js');
    const { publicKeyFromPem } = await import('../shared/dsse.js');
    const publicKey = publicKeyFromPem(await readKey(key, '--key', SIGNING_KEY_ENV), `--key ${key}`);
    const result = await verifyAttestation({
      artifact: resolve(artifact),
      attestation: resolve(attestation),
      publicKey,
      keySource: `--key ${key}`,
    });
    if (!result.ok) {
      log.error(`${artifact} does not pass its attestation (${result.reasons.length} reason(s))`);
      for (const r of result.reasons) process.stderr.write(`  ${r}\n`);
      process.stderr.write(
        '  fix: publish only the package the pipeline verified and attested, with its own attestation\n',
      );
    }
    if (json) printJson(result);
    else if (result.ok)
      log.out(`ok: ${artifact} (sha256 ${result.packageSha256}) is attested, signed by ${result.key}, verify ok`);
    return result.ok ? 0 : 1;
  },
});
