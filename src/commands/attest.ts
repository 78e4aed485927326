// `pyhermetic attest --artifact PKG --report DIR [--key KEY.pem] --out FILE.intoto.jsonl`
// `pyhermetic attest verify --artifact PKG --attestation FILE --key PUB.pem`
// The signing key's path comes from --key or, in Jenkins, from PYHERMETIC_SIGNING_KEY (withCredentials
// file): the environment keeps it out of the command line, rerun.sh and the log. Errors name where the
// key came from, never its path or content.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../shared/errors.js';
import { writeFileAtomic } from '../shared/atomic-file.js';
import { SIGNING_KEY_ENV, attest } from '../core/provenance/attest.js';
import { verifyAttestation } from '../core/provenance/attest-verify.js';
import { privateKeyFromPem, publicKeyFromPem } from '../core/provenance/dsse.js';
import * as log from '../shared/log.js';
import { printJson, stringOption, type Command } from './command.js';
import { TOOL_VERSION } from './tool-version.js';

async function readKeyFile(path: string, source: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    throw new UsageError(
      `cannot read the key named by ${source}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      `pass a PEM file with --key, or set ${SIGNING_KEY_ENV} to its path (Jenkins: withCredentials file)`,
    );
  }
}

export const attestCommand: Command = {
  name: 'attest',
  summary: 'Sign SLSA provenance for a verified package: a DSSE envelope around an in-toto Statement v1',
  usage: 'attest --artifact PKG.tar.gz --report DIR [--lock FILE] [--key KEY.pem] --out FILE.intoto.jsonl',
  help: `options:
  --artifact FILE  the package (the statement's subject, by sha256)
  --report DIR     the pipeline's report directory (OUT/report) or verify's --report DIR: the verify report
                   there becomes a byproduct with its sha256 and verdict; the pipeline config and lock the
                   pipeline copied there become externalParameters and resolvedDependencies
  --lock FILE      the requirements.lock (default: DIR/requirements.lock); each wheel's sha256 comes from it
  --key FILE       an ed25519 or ECDSA P-256 private key in PEM; default: the file named by $${SIGNING_KEY_ENV}
                   (prefer the variable: an argument lands in rerun.sh and build logs)
  --out FILE       where to write the envelope (one JSON line)
  --json           print {out, subject, verdict, resolvedDependencies} on stdout

Jenkins' JOB_URL, BUILD_URL and BUILD_TAG become builder.id and the run's invocationId when set.
exit codes: 0 written · 2 bad input (no verify report for this package, a lock that is not the package's,
an unreadable or unsupported key)`,
  options: {
    artifact: { type: 'string' },
    report: { type: 'string' },
    lock: { type: 'string' },
    key: { type: 'string' },
    out: { type: 'string' },
  },
  async run({ values, json }) {
    const artifact = stringOption(values, 'artifact');
    const report = stringOption(values, 'report');
    const out = stringOption(values, 'out');
    if (!artifact || !report || !out)
      throw new UsageError(
        `attest needs ${!artifact ? '--artifact PKG.tar.gz' : !report ? '--report DIR' : '--out FILE.intoto.jsonl'}`,
        `usage: pyhermetic ${attestCommand.usage}`,
      );
    const keyArg = stringOption(values, 'key');
    const keyPath = keyArg ?? process.env[SIGNING_KEY_ENV];
    const source = keyArg ? '--key' : SIGNING_KEY_ENV;
    if (!keyPath)
      throw new UsageError(
        `attest needs a signing key: --key KEY.pem or ${SIGNING_KEY_ENV}`,
        `in Jenkins: withCredentials([file(credentialsId: ..., variable: '${SIGNING_KEY_ENV}')])`,
      );
    const privateKey = privateKeyFromPem(await readKeyFile(keyPath, source), `the key of ${source}`);
    const lock = stringOption(values, 'lock');
    const result = await attest({
      artifact: resolve(artifact),
      reportDir: resolve(report),
      lock: lock ? resolve(lock) : undefined,
      privateKey,
      ci: { JOB_URL: process.env.JOB_URL, BUILD_URL: process.env.BUILD_URL, BUILD_TAG: process.env.BUILD_TAG },
      toolVersion: TOOL_VERSION,
    });
    await writeFileAtomic(resolve(out), `${JSON.stringify(result.envelope)}\n`);
    const verdict = result.statement.predicate.runDetails.byproducts?.[0]?.annotations?.verdict;
    if (result.unhashed.length > 0)
      log.warn(`no lock found: the ${result.unhashed.length} wheel(s) are not in resolvedDependencies (pass --lock)`);
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
};

export const attestVerifyCommand: Command = {
  name: 'attest verify',
  summary: 'Check an attestation before publishing: signature, subject sha256 = the package, verify verdict ok',
  usage: 'attest verify --artifact PKG.tar.gz --attestation FILE.intoto.jsonl --key PUB.pem [--json]',
  help: `options:
  --artifact FILE     the package about to be published
  --attestation FILE  the envelope \`pyhermetic attest\` wrote
  --key FILE          the public key in PEM (a private key works too: its public half is used)
  --json              print {ok, reasons, packageSha256, subject, verdict, signedBy, key}
exit codes: 0 the signature holds, the subject is this package and verify passed · 1 not so (each reason
printed) · 2 an unreadable or malformed attestation, key or package`,
  options: {
    artifact: { type: 'string' },
    attestation: { type: 'string' },
    key: { type: 'string' },
  },
  async run({ values, json }) {
    const artifact = stringOption(values, 'artifact');
    const attestation = stringOption(values, 'attestation');
    const key = stringOption(values, 'key');
    if (!artifact || !attestation || !key)
      throw new UsageError(
        `attest verify needs ${!artifact ? '--artifact PKG.tar.gz' : !attestation ? '--attestation FILE' : '--key PUB.pem'}`,
        `usage: pyhermetic ${attestVerifyCommand.usage}`,
      );
    const publicKey = publicKeyFromPem(await readKeyFile(key, '--key'), `--key ${key}`);
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
};
