// `pyhermetic verify`: proves, before publish, that the package is what was tested and that it will
// load where it runs. The archive is read once (hashes and ELF info gathered while streaming) while
// the tested tree is hashed with the same pack policy, concurrently; then the five checks run on
// what was gathered, and the optional smoke test extracts the package to a fresh path. With --root, the
// package is also run inside each production root filesystem (verify-root.ts).
import { stat } from 'node:fs/promises';
import { basename, posix, resolve } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import { hashTree } from '../archive/archive.js';
import type { ElfInfo } from '../abi/elf.js';
import { isLibpython, parseGlibcVersion, SONAME_RE } from '../abi/linkage.js';
import type { EnvManifest, FileRecord } from '../model/manifests.js';
import type { TestedRecord } from '../model/tested-record.js';
import { readEnvManifest } from '../package/pack.js';
import { APP_DIR, APP_TREE_OPTIONS, ENV_TREE_OPTIONS } from '../package/pack-policy.js';
import { distributionPaths, topLevelExtensionModules } from '../package/package-layout.js';
import { readPackage, type PackageContents } from '../package/package-read.js';
import {
  makeReport,
  skippedCheck,
  type CheckResult,
  type Report,
  type RootRun,
  type SystemLibrary,
} from '../model/report.js';
import { distributionsCheck } from './verify-distributions.js';
import { filesCheck } from './verify-files.js';
import { interpreterCheck } from './verify-interpreter.js';
import { linkageCheck } from './verify-linkage.js';
import { statRoot } from './root-fs.js';
import { rootCheck } from './verify-root.js';
import { smokeCheck } from './verify-smoke.js';
import { packageEnvDigest, testedOnCheck } from './verify-tested-on.js';

export interface VerifyOptions {
  artifact: string;
  tested: string;
  /** The app tree the tests ran on; when given, the package's app/ is compared with it file by file. */
  app?: string;
  /** The glibc floor; undefined: the interpreter's own (interpreter.json glibcFloor, else its files'). */
  glibcMax?: string;
  /** Libraries (sonames) the production hosts provide besides glibc's: runtime requirements, not findings. */
  allowSystemLibs?: string[];
  /** Glibc's libraries only for every file: a wheel's manylinux policy allows nothing more. */
  strictHostLibs?: boolean;
  /** Root filesystems (directories or .tar/.tar.gz) to run the package in. */
  roots?: string[];
  /** Where the package is placed inside each root (default /opt/<package name>). */
  deployPath?: string;
  /** Modules to import in the smoke test, in addition to the default ones. */
  smoke: string[];
  /** Import every top-level extension module too (default true). */
  smokeDefaults: boolean;
  /** Skip the smoke test entirely (it is the only check that extracts and runs the package). */
  skipSmoke: boolean;
  /** Tested records (verify --tested-record): each shard's env must be the package's env part. */
  testedRecords?: { file: string; record: TestedRecord }[];
}

const MODULE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** An absolute, normal path without characters a mount option list or a shell reader would split on. */
export const DEPLOY_PATH_RE = /^(\/[A-Za-z0-9._+@-]+)+$/;

/** The package's name: the artifact's file name without .tar.gz (dist/demo-app.tar.gz → demo-app). */
export function packageName(artifact: string): string {
  return basename(artifact).replace(/\.(tar\.gz|tgz)$/, '');
}

export function validateVerifyOptions(opts: VerifyOptions): VerifyOptions {
  const glibc = opts.glibcMax === undefined ? undefined : parseGlibcVersion(opts.glibcMax);
  if (opts.glibcMax !== undefined && !glibc)
    throw new UsageError(
      `--glibc-max '${opts.glibcMax}' is not a glibc version`,
      "write it like 2.17 (the manylinux2014 floor) or 2.31 (Debian 11); without it, the interpreter's own floor applies",
    );
  for (const lib of opts.allowSystemLibs ?? []) {
    if (!SONAME_RE.test(lib))
      throw new UsageError(
        `--allow-system-lib '${lib}' is not a library name`,
        'name a library as DT_NEEDED names it (readelf -d): e.g. --allow-system-lib libssl.so.3',
      );
  }
  const deployPath = opts.deployPath ?? `/opt/${packageName(opts.artifact)}`;
  if (
    !DEPLOY_PATH_RE.test(deployPath) ||
    posix.normalize(deployPath) !== deployPath ||
    deployPath.split('/').includes('..')
  )
    throw new UsageError(
      `--deploy-path '${deployPath}' is not an absolute, normal path`,
      'write where the package is extracted on the production host, e.g. --deploy-path /opt/demo-app',
    );
  for (const m of opts.smoke) {
    if (!MODULE_NAME.test(m))
      throw new UsageError(
        `--smoke '${m}' is not a module name`,
        'name an importable module, e.g. --smoke markupsafe._speedups',
      );
  }
  return { ...opts, glibcMax: glibc, deployPath };
}

async function timed<T>(timings: Record<string, number>, name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings[name] = Math.round(performance.now() - t0);
  }
}

/** The package, the tested env, the roots and the app tree, checked before the long read. */
async function checkInputs(opts: VerifyOptions) {
  const artifact = resolve(opts.artifact);
  const testedDir = resolve(opts.tested);
  const st = await stat(artifact).catch(() => undefined);
  if (!st?.isFile())
    throw new UsageError(`--artifact ${artifact} is not a file`, 'pass the package that `pyhermetic pack --out` wrote');
  const tested = await readEnvManifest(testedDir);
  for (const root of opts.roots ?? []) await statRoot(root); // a mistyped --root fails before the long read
  if (opts.app !== undefined && !(await stat(opts.app).catch(() => undefined))?.isDirectory()) {
    throw new UsageError(
      `--app ${opts.app} is not a directory`,
      'pass the app tree the tests ran on (the one given to pack --app)',
    );
  }
  return { artifact, testedDir, size: st.size, tested };
}

/** The package run in each --root; a root named twice by its base name gets its position too. */
async function rootChecks(
  opts: VerifyOptions,
  artifact: string,
  pkg: PackageContents,
  modules: string[],
  hostLibraries: SystemLibrary[],
  timings: Record<string, number>,
): Promise<{ checks: CheckResult[]; roots: RootRun[] }> {
  const checks: CheckResult[] = [];
  const roots: RootRun[] = [];
  for (const [i, root] of (opts.roots ?? []).entries()) {
    const name = basename(resolve(root));
    const clash = (opts.roots ?? []).some((r, j) => j !== i && basename(resolve(r)) === name);
    const r = await timed(timings, `root ${i + 1}`, () =>
      rootCheck({
        root,
        checkName: `root: ${clash ? `${name} (${i + 1})` : name}`,
        artifact,
        manifest: pkg.manifest!,
        modules,
        deployPath: opts.deployPath!,
        hostLibraries,
        ...loadableFiles(pkg),
      }),
    );
    checks.push(r.check);
    roots.push(r.run);
  }
  return { checks, roots };
}

/** The checks on what was read: interpreter, distributions, files and linkage (no extraction, no run). */
function packageChecks(
  opts: VerifyOptions,
  pkg: PackageContents,
  tested: { dir: string; manifest: EnvManifest; records: FileRecord[] },
  appRecords: FileRecord[] | undefined,
) {
  const checks: CheckResult[] = [];
  const interpreter = interpreterCheck(pkg, tested.manifest, tested.dir);
  checks.push(interpreter);
  checks.push(distributionsCheck(pkg, tested.manifest));
  checks.push(
    filesCheck({
      pkg,
      testedDir: tested.dir,
      tested: tested.records,
      app: appRecords,
      skipInterpreterFiles: interpreter.ok ? undefined : distributionPaths(tested.manifest, pkg.manifest!.env),
    }),
  );
  const linkage = linkageCheck(pkg, {
    glibcMax: opts.glibcMax,
    allowSystemLibs: opts.allowSystemLibs ?? [],
    strictHostLibs: opts.strictHostLibs,
  });
  checks.push(linkage.check);
  const testedOn = opts.testedRecords?.length ? testedOnCheck(opts.testedRecords, packageEnvDigest(pkg)) : undefined;
  if (testedOn) checks.push(testedOn.check);
  return { checks, linkage, testedOn };
}

export async function verifyPackage(optsIn: VerifyOptions): Promise<Report> {
  const opts = validateVerifyOptions(optsIn);
  const { artifact, testedDir, size, tested } = await checkInputs(opts);
  const timings: Record<string, number> = {};
  const started = performance.now();
  // One pass over the archive (its own sha256 from the same read), the tested tree hashed meanwhile.
  const [pkg, testedRecords, appRecords] = await Promise.all([
    timed(timings, 'read package', () => readPackage(artifact)),
    timed(timings, 'hash tested env', () => hashTree(testedDir, ENV_TREE_OPTIONS)),
    opts.app === undefined
      ? Promise.resolve(undefined)
      : hashTree(resolve(opts.app), APP_TREE_OPTIONS).then((rs): FileRecord[] =>
          rs.map((r) => ({ ...r, path: `${APP_DIR}/${r.path}` })),
        ),
  ]);
  const artifactSha256 = pkg.sha256;
  const t0 = performance.now();
  const { checks, linkage, testedOn } = packageChecks(
    opts,
    pkg,
    { dir: testedDir, manifest: tested, records: testedRecords },
    appRecords,
  );
  timings.checks = Math.round(performance.now() - t0);

  const modules = [
    ...new Set([...opts.smoke, ...(opts.smokeDefaults ? topLevelExtensionModules(pkg.records.keys()) : [])]),
  ];
  if (opts.skipSmoke) checks.push(skippedCheck('smoke', 'skipped with --no-smoke'));
  else checks.push(await timed(timings, 'smoke', () => smokeCheck({ artifact, manifest: pkg.manifest!, modules })));
  const hostLibraries = linkage.systemLibraries.filter((l) => l.neededBy.length > 0);
  const inRoots = await rootChecks(opts, artifact, pkg, modules, hostLibraries, timings);
  checks.push(...inRoots.checks);
  timings.total = Math.round(performance.now() - started);

  const env = pkg.manifest!.env;
  return makeReport({
    title: 'pyhermetic verify',
    checks,
    artifact: {
      path: artifact,
      sha256: artifactSha256,
      size,
      files: pkg.records.size,
      interpreterFingerprint: env.interpreter.fingerprint,
      interpreterArtifactSha256: env.interpreter.artifactSha256,
      python: `${env.interpreter.version} (${env.interpreter.shared ? 'shared' : 'static'})`,
      app: pkg.manifest!.app,
      pycPolicy: pkg.manifest!.pycPolicy,
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
    whereItRuns: {
      glibcFloor: linkage.glibcFloor,
      hostLibraryRules: linkage.hostLibraryRules,
      systemLibraries: linkage.systemLibraries,
      hostLibraries: linkage.hostLibraries,
      roots: inRoots.roots,
    },
    testedOn: testedOn?.section,
  });
}

/**
 * What the root check needs from the package's ELF files: the ones to list with the root's loader, the
 * loader, shipped libpythons. Listed are the files nothing else in the package needs (executables,
 * extension modules, plugins): the root's loader then loads everything below them as it will in
 * production. A bundled library listed on its own would not find its siblings (auditwheel's
 * `pkg.libs/` resolve through the RPATH of the extension that loads them) and be a false finding.
 */
function loadableFiles(pkg: PackageContents): { elfFiles: string[]; loader: string; shippedLibpython: string[] } {
  const loadable: [string, ElfInfo][] = [];
  for (const [path, info] of pkg.elf)
    if (!('error' in info) && (info.type === 'dyn' || info.type === 'exec')) loadable.push([path, info]);
  const needed = new Set(loadable.flatMap(([, info]) => info.needed));
  const elfFiles = loadable
    .filter(([path, info]) => !needed.has(posix.basename(path)) && !(info.soname && needed.has(info.soname)))
    .map(([path]) => path);
  const py = pkg.elf.get(pkg.manifest!.env.interpreter.python);
  const loader = py && !('error' in py) && py.interpreter ? py.interpreter : '/lib64/ld-linux-x86-64.so.2';
  const shippedLibpython = loadable.map(([p]) => posix.basename(p)).filter((n) => isLibpython(n));
  return { elfFiles: elfFiles.sort(), loader, shippedLibpython };
}
