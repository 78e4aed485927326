// `pyhermetic verify`: proves, before publish, that the package is what was tested and that it will
// load where it runs. The archive is read once (hashes and ELF info gathered while streaming) while
// the tested tree is hashed with the same pack policy, concurrently; then the five checks run on
// what was gathered, and the optional smoke test extracts the package to a fresh path.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import { hashTree } from '../archive/archive.js';
import { sha256File } from '../interpreter/interpreter-ref.js';
import { parseGlibcVersion } from '../abi/linkage.js';
import type { FileRecord } from '../package/manifests.js';
import { readEnvManifest } from '../package/pack.js';
import { APP_DIR, APP_TREE_OPTIONS, ENV_TREE_OPTIONS } from '../package/pack-policy.js';
import { distributionPaths, topLevelExtensionModules } from '../package/package-layout.js';
import { readPackage } from '../package/package-read.js';
import { makeReport, skippedCheck, type CheckResult, type Report } from '../report/index.js';
import { distributionsCheck } from './verify-distributions.js';
import { filesCheck } from './verify-files.js';
import { interpreterCheck } from './verify-interpreter.js';
import { linkageCheck } from './verify-linkage.js';
import { smokeCheck } from './verify-smoke.js';

export interface VerifyOptions {
  artifact: string;
  tested: string;
  /** The app tree the tests ran on; when given, the package's app/ is compared with it file by file. */
  app?: string;
  glibcMax: string;
  /** Modules to import in the smoke test, in addition to the default ones. */
  smoke: string[];
  /** Import every top-level extension module too (default true). */
  smokeDefaults: boolean;
  /** Skip the smoke test entirely (it is the only check that extracts and runs the package). */
  skipSmoke: boolean;
}

const MODULE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export function validateVerifyOptions(opts: VerifyOptions): VerifyOptions {
  const glibc = parseGlibcVersion(opts.glibcMax);
  if (!glibc)
    throw new UsageError(
      `--glibc-max '${opts.glibcMax}' is not a glibc version`,
      'write it like 2.17 (the manylinux2014 floor) or 2.28',
    );
  for (const m of opts.smoke) {
    if (!MODULE_NAME.test(m))
      throw new UsageError(
        `--smoke '${m}' is not a module name`,
        'name an importable module, e.g. --smoke markupsafe._speedups',
      );
  }
  return { ...opts, glibcMax: glibc };
}

async function timed<T>(timings: Record<string, number>, name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings[name] = Math.round(performance.now() - t0);
  }
}

export async function verifyPackage(optsIn: VerifyOptions): Promise<Report> {
  const opts = validateVerifyOptions(optsIn);
  const artifact = resolve(opts.artifact);
  const testedDir = resolve(opts.tested);
  const st = await stat(artifact).catch(() => undefined);
  if (!st?.isFile())
    throw new UsageError(`--artifact ${artifact} is not a file`, 'pass the package that `pyhermetic pack --out` wrote');
  const tested = await readEnvManifest(testedDir);
  if (opts.app !== undefined && !(await stat(opts.app).catch(() => undefined))?.isDirectory()) {
    throw new UsageError(
      `--app ${opts.app} is not a directory`,
      'pass the app tree the tests ran on (the one given to pack --app)',
    );
  }
  const timings: Record<string, number> = {};
  const started = performance.now();
  // One pass over the archive, the tested tree hashed meanwhile, the archive's own hash alongside.
  const [pkg, testedRecords, appRecords, artifactSha256] = await Promise.all([
    timed(timings, 'read package', () => readPackage(artifact)),
    timed(timings, 'hash tested env', () => hashTree(testedDir, ENV_TREE_OPTIONS)),
    opts.app === undefined
      ? Promise.resolve(undefined)
      : hashTree(resolve(opts.app), APP_TREE_OPTIONS).then((rs): FileRecord[] =>
          rs.map((r) => ({ ...r, path: `${APP_DIR}/${r.path}` })),
        ),
    sha256File(artifact),
  ]);
  const checks: CheckResult[] = [];
  const t0 = performance.now();
  const interpreter = interpreterCheck(pkg, tested, testedDir);
  checks.push(interpreter);
  checks.push(distributionsCheck(pkg, tested));
  checks.push(
    filesCheck({
      pkg,
      testedDir,
      tested: testedRecords,
      app: appRecords,
      skipInterpreterFiles: interpreter.ok ? undefined : distributionPaths(tested, pkg.manifest!.env),
    }),
  );
  const linkage = linkageCheck(pkg, opts.glibcMax);
  checks.push(linkage.check);
  timings.checks = Math.round(performance.now() - t0);

  const modules = [
    ...new Set([...opts.smoke, ...(opts.smokeDefaults ? topLevelExtensionModules(pkg.records.keys()) : [])]),
  ];
  if (opts.skipSmoke) checks.push(skippedCheck('smoke', 'skipped with --no-smoke'));
  else checks.push(await timed(timings, 'smoke', () => smokeCheck({ artifact, manifest: pkg.manifest!, modules })));
  timings.total = Math.round(performance.now() - started);

  const env = pkg.manifest!.env;
  return makeReport({
    title: 'pyhermetic verify',
    checks,
    artifact: {
      path: artifact,
      sha256: artifactSha256,
      size: st.size,
      files: pkg.records.size,
      interpreterFingerprint: env.interpreter.fingerprint,
      interpreterArtifactSha256: env.interpreter.artifactSha256,
      python: `${env.interpreter.version} (${env.interpreter.shared ? 'shared' : 'static'})`,
      app: pkg.manifest!.app,
      pycPolicy: pkg.manifest!.pycPolicy,
      hostLibraries: linkage.hostLibraries,
    },
    tested: {
      path: testedDir,
      files: testedRecords.length,
      app: opts.app ? resolve(opts.app) : null,
      interpreterFingerprint: tested.interpreter.fingerprint,
      interpreterArtifactSha256: tested.interpreter.artifactSha256,
      lockSha256: tested.lock?.sha256 ?? null,
      distributions: tested.distributions.length,
    },
    timings,
  });
}
