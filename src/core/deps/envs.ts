// `env create`: a whole interpreter prefix with the locked distributions installed into it, made in
// a temp sibling of DEST and renamed into place only when complete — so a failed create leaves no
// half environment and never touches an existing DEST.
//
// Decisions (see README "Environments, locks and the pip cache"):
// - pip installs with --no-compile: no bytecode is written at create time (pip's pycs would carry the
//   temp directory's path, and pyc policy belongs to `pack`). Python writes pycs on first import.
// - allow-source: without names, `--only-binary :all:`; with names, `--only-binary` lists every
//   locked name except the allowed ones (those may use a wheel or build from their sdist;
//   `--prefer-binary` picks the wheel when the lock's hash is a wheel's). The lock's own
//   `allow-source` header lines count as allowed: they are a reviewed decision in the lock.
// - --use-pep517: an allowed sdist is always built into a wheel (isolated build, dist-info with a
//   RECORD we can verify, cached in the scoped cache) — never pip's legacy `setup.py install`, which
//   pip < 23.1 picks for a setup.py-only sdist when `wheel` is missing and which leaves no RECORD.
// - a lock made for another interpreter (its fingerprint header differs) is refused (exit 2).
// - the env keeps the lock it was installed from, byte for byte, at pyhermetic/requirements.lock:
//   pack ships it like any other file of the env, so a package describes itself (sbom, verify).
import { createHash } from 'node:crypto';
import { checkReplaceable } from './env-replace.js';
import { exists, makeTempTree, publish, removeOnSignal } from './env-tree.js';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { EnvironmentError, FindingsError, UsageError, type Finding } from '../../shared/errors.js';
import { tail } from '../../shared/exec.js';
import * as log from '../../shared/log.js';
import { readDistInfos, refreshFiles, rerecord, verifyDistributions } from './dist-record.js';
import { checkIndexReachable } from './index-page.js';
import { resolveInterpreter, type InterpreterRef } from '../interpreter/interpreter-ref.js';
import { pythonLabel } from '../interpreter/fingerprint.js';
import { rewriteLaunchers } from '../interpreter/launcher.js';
import { normalizeName } from './dist-metadata.js';
import { parseLock, type Lock } from './lockfile.js';
import { ENV_MANIFEST, LOCK_FILE, METADATA_DIR, type EnvManifest } from '../model/manifests.js';
import { materializeInterpreter } from '../interpreter/materialize.js';
import type { RemoteStore } from '../store/remote.js';
import {
  fetchSharedWheels,
  publishBuiltWheels,
  requirementsWithSharedWheels,
  sharedWheelRecords,
  sharedWheelScope,
  type SharedWheel,
} from './shared-wheels.js';
import { prepareCacheRoot } from '../interpreter/interpreter-cache.js';
import { explainMissing, missingWheelError } from './missing-wheel.js';
import {
  defaultCacheRoot,
  hashMismatches,
  indexOptions,
  missingDistributions,
  pipCacheDir,
  runPip,
  runPython,
  type PipContext,
} from './pip.js';

export interface EnvCreateOptions {
  interpreter: string;
  lockFile: string;
  dest: string;
  indexUrls: string[];
  cacheRoot?: string;
  allowSource: string[];
  force?: boolean;
  /** --remote: shared wheels of allowed sdists are fetched (audited) and, with --publish, published. */
  remote?: RemoteStore;
}

export interface EnvCreateResult {
  dest: string;
  fingerprint: string;
  cacheDir: string;
  manifest: EnvManifest;
}

const PROBE_PATHS = `
import sys, sysconfig, json
try:
    import pip
    pv = pip.__version__
except Exception:
    pv = None
sys.stdout.write(json.dumps({'prefix': sys.prefix, 'purelib': sysconfig.get_path('purelib'), 'platlib': sysconfig.get_path('platlib'), 'pip': pv}))
`;

interface PrefixPaths {
  siteDirs: string[];
  pip: string;
}

async function probePrefix(python: string): Promise<PrefixPaths> {
  const r = await runPython(python, PROBE_PATHS);
  if (r.exitCode !== 0)
    throw new EnvironmentError(
      `the interpreter copied into the env does not run:\n${tail(r.stderr || r.spawnError || '')}`,
      'check the interpreter artifact with `pyhermetic fingerprint`',
    );
  const p = JSON.parse(r.stdout) as { prefix: string; purelib: string; platlib: string; pip: string | null };
  if (!p.pip)
    throw new UsageError(
      'the interpreter has no pip',
      'build it with ensurepip (configure --with-ensurepip=install) so that envs can be installed with its own pip',
    );
  const rel = (abs: string): string => {
    if (!abs.startsWith(`${p.prefix}/`))
      throw new EnvironmentError(
        `site-packages ${abs} is outside the env prefix ${p.prefix}`,
        'use an interpreter whose sysconfig paths are prefix-relative',
      );
    return abs.slice(p.prefix.length + 1);
  };
  return { siteDirs: [rel(p.purelib), rel(p.platlib)], pip: p.pip };
}

async function readLock(lockFile: string): Promise<{ lock: Lock; sha256: string; bytes: Buffer }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(lockFile);
  } catch (err) {
    throw new UsageError(
      `cannot read the lock ${lockFile} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      'make it with `pyhermetic lock`',
    );
  }
  const lock = parseLock(bytes.toString('utf8'), lockFile);
  if (lock.entries.length === 0)
    throw new UsageError(`the lock ${lockFile} pins nothing`, 'make it with `pyhermetic lock -r requirements.in …`');
  return { lock, sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
}

function formatArgs(lock: Lock, allowSource: Set<string>): string[] {
  if (allowSource.size === 0) return ['--only-binary', ':all:'];
  const binaryOnly = lock.entries.map((e) => normalizeName(e.name)).filter((n) => !allowSource.has(n));
  return [...(binaryOnly.length ? ['--only-binary', binaryOnly.join(',')] : []), '--prefer-binary'];
}

async function installLock(
  ctx: PipContext,
  tmpRoot: string,
  lock: Lock,
  allowSource: Set<string>,
  shared: Map<string, SharedWheel> = new Map(),
): Promise<void> {
  // pip reads only what we parsed: a clean requirements file rebuilt from the lock's entries; an
  // allowed sdist with an audited shared wheel becomes a direct reference to that wheel and its sha256.
  const reqFile = join(tmpRoot, '.pyhermetic-requirements.txt');
  await writeFile(reqFile, requirementsWithSharedWheels(lock.entries, shared), { flag: 'wx' });
  try {
    const r = await runPip(ctx, 'install', [
      ...indexOptions(ctx.indexUrls),
      '--require-hashes',
      '--no-deps',
      ...formatArgs(lock, allowSource),
      '--use-pep517',
      '--no-compile',
      '--no-warn-script-location',
      '--progress-bar',
      'off',
      '-r',
      reqFile,
    ]);
    if (r.exitCode === 0) return;
    const mismatched = hashMismatches(r.stderr);
    if (mismatched.length > 0) {
      const findings: Finding[] = mismatched.map((m) => ({
        path: m.requirement,
        message: `the downloaded file's sha256 is ${m.got || '(unknown)'}, the lock expects ${m.expected.join(' or ')} (pip: THESE PACKAGES DO NOT MATCH THE HASHES)`,
        fix: 'someone changed the file on the index, or the lock is wrong: investigate before re-locking with `pyhermetic lock`',
      }));
      throw new FindingsError(`hash mismatch: ${mismatched.map((m) => m.requirement).join(', ')}`, findings);
    }
    const missing = missingDistributions(r.stderr);
    if (missing.length > 0) {
      const findings = await explainMissing(ctx.python, ctx.indexUrls, missing);
      if (findings.length > 0) throw missingWheelError(findings);
    }
    throw new EnvironmentError(
      `pip install failed (exit ${r.exitCode ?? r.signal}):\n${tail(r.stderr || r.stdout, 30)}`,
      "read pip's output above; the index or a build failed",
    );
  } finally {
    await rm(reqFile, { force: true });
  }
}

async function pipCheck(ctx: PipContext): Promise<void> {
  const r = await runPip(ctx, 'check', []);
  if (r.exitCode === 0) return;
  const lines = (r.stdout + r.stderr)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  throw new FindingsError(
    `pip check: the locked set is inconsistent (${lines.length} problem(s))`,
    lines.map((l) => ({
      path: l.split(' ')[0],
      message: l,
      fix: 'the lock is incomplete or inconsistent: regenerate it with `pyhermetic lock`',
    })),
  );
}

function allowedNames(opts: EnvCreateOptions, lock: Lock): Set<string> {
  return new Set([...opts.allowSource, ...lock.header.allowSource].map(normalizeName));
}

/** The inputs of env create, checked before anything is written: DEST, the lock, the indexes, the interpreter. */
async function checkInputs(opts: EnvCreateOptions) {
  const dest = resolve(opts.dest);
  if (opts.force) checkReplaceable(dest);
  if (!opts.force && (await exists(dest))) {
    throw new UsageError(
      `${dest} already exists; env create never touches an existing directory`,
      'choose a new --dest, or pass --force to replace it (the old tree is swapped out only once the new one is complete)',
    );
  }
  const { lock, sha256: lockSha256, bytes: lockBytes } = await readLock(opts.lockFile);
  const indexUrls = opts.indexUrls.length > 0 ? opts.indexUrls : lock.header.indexUrls;
  if (indexUrls.length === 0)
    throw new UsageError(
      'env create needs --index-url (the lock names none)',
      'pass --index-url URL (repeat it for extra indexes)',
    );
  const ref: InterpreterRef = await resolveInterpreter(opts.interpreter);
  if (ref.kind === 'python') {
    throw new UsageError(
      `--interpreter ${opts.interpreter} is a python executable; an env is a copy of a whole interpreter prefix`,
      'pass the interpreter artifact (interpreter.tar.gz or its --out directory) or the installed prefix directory',
    );
  }
  if (lock.header.fingerprint && lock.header.fingerprint !== ref.fingerprint) {
    throw new UsageError(
      `the lock ${opts.lockFile} was made for CPython ${lock.header.python ?? '(version not recorded)'} (interpreter ${lock.header.fingerprint.slice(0, 16)}…), not for ${opts.interpreter}: CPython ${pythonLabel(ref.fields)} (${ref.fingerprint.slice(0, 16)}…)`,
      `run \`pyhermetic lock --interpreter ${opts.interpreter} …\` to make a lock for this interpreter`,
    );
  }
  for (const url of indexUrls) await checkIndexReachable(url);
  return { dest, lock, lockSha256, lockBytes, indexUrls, ref };
}

interface Installed {
  tmpRoot: string;
  python: string;
  ctx: PipContext;
  siteDirs: string[];
  pip: string;
}

/** After pip install: pip check, the RECORD hashes verified, launchers rewritten; the env's manifest. */
async function checkInstalled(
  env: Installed,
  inputs: Awaited<ReturnType<typeof checkInputs>>,
  allowSource: Set<string>,
  sharedUsed: NonNullable<EnvManifest['sharedWheels']>,
): Promise<EnvManifest> {
  const { tmpRoot, python } = env;
  const { ref } = inputs;
  // Both only read the tree: pip check runs while the RECORD hashes are checked.
  const [, dists, verified] = await (async () => {
    const check = pipCheck(env.ctx);
    check.catch(() => undefined); // awaited below; no unhandled rejection if reading RECORDs throws first
    const d = await readDistInfos(tmpRoot, env.siteDirs);
    const v = await verifyDistributions(tmpRoot, d);
    return [await check, d, v] as const;
  })();
  if (verified.findings.length > 0)
    throw new FindingsError(`RECORD mismatch in ${verified.findings.length} file(s)`, verified.findings);
  const rewritten = await rewriteLaunchers(tmpRoot, basename(python));
  const relaunched = new Set([...rewritten, ...verified.launcherRows]);
  const rerecorded = await rerecord(tmpRoot, dists, relaunched);
  // Launchers and RECORD files changed after hashing: hash those (and only those) once more.
  const distributions = await refreshFiles(tmpRoot, verified.distributions, new Set([...relaunched, ...rerecorded]));
  return {
    schema: 1,
    kind: 'pyhermetic-env',
    interpreter: {
      fingerprint: ref.fingerprint,
      artifactSha256: ref.artifactSha256 ?? null,
      python: python.slice(tmpRoot.length + 1),
      shared: Boolean(ref.fields.Py_ENABLE_SHARED),
      version: ref.fields.version_info.slice(0, 3).join('.'),
    },
    lock: { sha256: inputs.lockSha256 },
    indexUrls: inputs.indexUrls,
    allowSource: [...allowSource].sort(),
    pip: { version: env.pip },
    distributions,
    launchersRewritten: [...new Set([...rewritten, ...verified.launcherRows])].sort(),
    ...(sharedUsed.length > 0 ? { sharedWheels: sharedUsed } : {}),
  };
}

export async function createEnv(opts: EnvCreateOptions): Promise<EnvCreateResult> {
  const inputs = await checkInputs(opts);
  const { dest, lock, indexUrls, ref } = inputs;
  const allowSource = allowedNames(opts, lock);
  const cacheRoot = opts.cacheRoot ?? defaultCacheRoot();
  const cacheDir = pipCacheDir(cacheRoot, ref.fingerprint);
  prepareCacheRoot(cacheRoot); // no symlink, no foreign or loosely writable directory below it

  const tmpRoot = await makeTempTree(dest);
  let published = false;
  const onSignal = removeOnSignal(tmpRoot, dest);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const python = await log.stage(
      ref.kind === 'artifact' ? 'interpreter: extract once into the cache, copy, verify' : 'copy interpreter prefix',
      () => materializeInterpreter(ref, tmpRoot, cacheRoot),
    );
    const paths = await probePrefix(python);
    const ctx: PipContext = { python, cacheDir, indexUrls };
    const scope = opts.remote ? await sharedWheelScope(opts.remote, ref, lock.entries, allowSource) : undefined;
    const shared = scope ? await fetchSharedWheels(scope) : undefined;
    try {
      await log.stage(`pip install ${lock.entries.length} locked distribution(s)`, () =>
        installLock(ctx, tmpRoot, lock, allowSource, shared?.wheels),
      );
    } finally {
      await shared?.done();
    }
    const sharedUsed = sharedWheelRecords(shared?.wheels);
    const installed: Installed = { tmpRoot, python, ctx, siteDirs: paths.siteDirs, pip: paths.pip };
    const manifest = await log.stage('pip check, verify RECORD hashes, rewrite launchers', () =>
      checkInstalled(installed, inputs, allowSource, sharedUsed),
    );
    // The env keeps the exact lock it was installed from: pack ships it, so the package describes itself.
    await mkdir(join(tmpRoot, METADATA_DIR), { mode: 0o755 });
    await writeFile(join(tmpRoot, LOCK_FILE), inputs.lockBytes, { flag: 'wx', mode: 0o644 });
    await writeFile(join(tmpRoot, ENV_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
    await publish(tmpRoot, dest, Boolean(opts.force));
    published = true;
    if (scope?.remote.publish) await publishBuiltWheels(scope, cacheDir);
    return { dest, fingerprint: ref.fingerprint, cacheDir, manifest };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (!published) await rm(tmpRoot, { recursive: true, force: true });
  }
}
