// Provenance: an in-toto Statement v1 with an SLSA provenance v1 predicate, signed in a DSSE envelope.
// It binds the package (subject, by sha256) to what made it — the interpreter artifact, its source
// tarball, the build root, the lock and every wheel — and to the verify report that proved the package
// is the tested env (a byproduct, with its verdict). `attest verify` (attest-verify.ts) checks the three.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { UsageError } from '../../shared/errors.js';
import { sha256Hex } from '../../shared/canonical.js';
import { normalizeName } from '../deps/dist-metadata.js';
import { signEnvelope, type DsseEnvelope } from '../../shared/dsse.js';
import { buildRootOf, pypiPurl, readPackageFacts, type PackageFacts } from './package-facts.js';
import { findingCount, verdictLine, type Report } from '../model/report.js';

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const SLSA_PROVENANCE = 'https://slsa.dev/provenance/v1';
export const BUILD_TYPE = 'urn:pyhermetic:buildtype:pipeline:v1';
export const LOCAL_BUILDER = 'urn:pyhermetic:builder:local';
/** The byproduct that carries the verify verdict. */
export const VERIFY_BYPRODUCT = 'verify/report.json';
/** What `pipeline` copies into its report directory for attest to read (the raw bytes of each). */
export const REPORT_CONFIG_COPY = 'pipeline-config.json';
export const REPORT_LOCK_COPY = 'requirements.lock';
/** The variable that names the signing key's PEM file (Jenkins: withCredentials file). */
export const SIGNING_KEY_ENV = 'PYHERMETIC_SIGNING_KEY';

export interface ResourceDescriptor {
  name?: string;
  uri?: string;
  digest?: Record<string, string>;
  annotations?: Record<string, unknown>;
}

export interface Statement {
  _type: string;
  subject: ResourceDescriptor[];
  predicateType: string;
  predicate: {
    buildDefinition: {
      buildType: string;
      externalParameters: Record<string, unknown>;
      internalParameters?: Record<string, unknown>;
      resolvedDependencies: ResourceDescriptor[];
    };
    runDetails: {
      builder: { id: string; version?: Record<string, string> };
      metadata?: { invocationId?: string };
      byproducts?: ResourceDescriptor[];
    };
  };
}

/** The Jenkins variables that say which job and run built the package (absent outside Jenkins). */
export interface CiRun {
  JOB_URL?: string;
  BUILD_URL?: string;
  BUILD_TAG?: string;
}

export interface AttestOptions {
  artifact: string;
  reportDir: string;
  /** The lock; default: the copy the pipeline left in the report directory. */
  lock?: string;
  privateKey: KeyObject;
  ci: CiRun;
  toolVersion: string;
}

export interface VerifyByproduct {
  path: string;
  sha256: string;
  report: Report;
}

async function readJsonIn<T>(path: string, what: string): Promise<T> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (err) {
    throw new UsageError(`cannot read ${what} ${path}: ${(err as Error).message}`, 'run verify again to rewrite it');
  }
}

/**
 * The verify report of a report directory: DIR/verify/report.json (what `pipeline` writes) or
 * DIR/report.json when DIR is `verify --report DIR` itself. It must be about this very package.
 */
export async function findVerifyReport(reportDir: string, packageSha256: string): Promise<VerifyByproduct> {
  const candidates = [join(reportDir, 'verify', 'report.json'), join(reportDir, 'report.json')];
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    const bytes = await readFile(path);
    const report = await readJsonIn<Report>(path, 'the verify report');
    if (report.kind !== 'pyhermetic-report' || report.title !== 'pyhermetic verify') continue;
    const verified = report.artifact?.sha256;
    if (verified !== packageSha256)
      throw new UsageError(
        `${path} is the verify report of another package (sha256 ${String(verified)}, this package is ${packageSha256})`,
        'pass the report directory of the run that verified this package',
      );
    return { path, sha256: sha256Hex(bytes), report };
  }
  throw new UsageError(
    `no verify report in ${reportDir} (looked for ${candidates.join(' and ')})`,
    'pass the pipeline report directory (OUT/report) or the directory of `verify --report DIR`',
  );
}

function resolvedDependencies(facts: PackageFacts): ResourceDescriptor[] {
  const deps: ResourceDescriptor[] = [];
  const env = facts.env;
  const im = facts.interpreter;
  if (env.interpreter.artifactSha256)
    deps.push({
      name: 'interpreter.tar.gz',
      digest: { sha256: env.interpreter.artifactSha256 },
      annotations: { fingerprint: env.interpreter.fingerprint, version: env.interpreter.version },
    });
  if (im?.sourceSha256)
    deps.push({ name: 'cpython-source', uri: im.spec.source.urls[0], digest: { sha256: im.sourceSha256 } });
  const root = buildRootOf(im);
  if (root) deps.push({ name: 'build-root', uri: root.urls?.[0], digest: { sha256: root.sha256 } });
  deps.push({ name: 'requirements.lock', digest: { sha256: env.lock.sha256 } });
  for (const d of facts.distributions) {
    if (d.lockHashes.length === 0) continue;
    // Named as the lock writes the pin (PEP 503 name), so a reader can grep one for the other.
    deps.push({
      name: `${normalizeName(d.name)}==${d.version}`,
      uri: pypiPurl(d.name, d.version),
      digest: { sha256: d.lockHashes[0] },
    });
  }
  return deps;
}

export function makeStatement(
  facts: PackageFacts,
  verifyReport: VerifyByproduct,
  config: unknown,
  ci: CiRun,
  toolVersion: string,
): Statement {
  const env = facts.env;
  return {
    _type: STATEMENT_TYPE,
    subject: [{ name: facts.name, digest: { sha256: facts.sha256 } }],
    predicateType: SLSA_PROVENANCE,
    predicate: {
      buildDefinition: {
        buildType: BUILD_TYPE,
        externalParameters: { package: facts.name, ...(config === undefined ? {} : { config }) },
        internalParameters: {
          interpreterFingerprint: env.interpreter.fingerprint,
          indexUrls: env.indexUrls,
          allowSource: env.allowSource,
          pip: env.pip.version,
          ...(ci.BUILD_TAG ? { buildTag: ci.BUILD_TAG } : {}),
        },
        resolvedDependencies: resolvedDependencies(facts),
      },
      runDetails: {
        builder: { id: ci.JOB_URL || LOCAL_BUILDER, version: { pyhermetic: toolVersion } },
        ...(ci.BUILD_URL || ci.BUILD_TAG ? { metadata: { invocationId: ci.BUILD_URL || ci.BUILD_TAG } } : {}),
        byproducts: [
          {
            name: VERIFY_BYPRODUCT,
            digest: { sha256: verifyReport.sha256 },
            annotations: {
              verdict: verifyReport.report.ok ? 'ok' : 'failed',
              summary: verdictLine(verifyReport.report),
              findings: findingCount(verifyReport.report),
            },
          },
        ],
      },
    },
  };
}

export interface AttestResult {
  envelope: DsseEnvelope;
  statement: Statement;
  /** The distributions whose wheels are missing because no lock was found: listed so the caller can warn. */
  unhashed: string[];
}

export async function attest(opts: AttestOptions): Promise<AttestResult> {
  const lockCopy = join(opts.reportDir, REPORT_LOCK_COPY);
  const lock = opts.lock ?? (existsSync(lockCopy) ? lockCopy : undefined);
  const facts = await readPackageFacts(opts.artifact, lock);
  const verifyReport = await findVerifyReport(opts.reportDir, facts.sha256);
  const configCopy = join(opts.reportDir, REPORT_CONFIG_COPY);
  const config = existsSync(configCopy) ? await readJsonIn<unknown>(configCopy, 'the pipeline config copy') : undefined;
  const statement = makeStatement(facts, verifyReport, config, opts.ci, opts.toolVersion);
  const envelope = signEnvelope(IN_TOTO_PAYLOAD_TYPE, Buffer.from(JSON.stringify(statement)), opts.privateKey);
  return {
    envelope,
    statement,
    unhashed: facts.lock ? [] : facts.distributions.map((d) => `${d.name}==${d.version}`),
  };
}
