// `lock`: requirements.in → requirements.lock, resolved by the interpreter's own pip with
// `install --dry-run --ignore-installed --report` and `--only-binary :all:`, so nothing is built and
// the result is exactly what this interpreter would install. An sdist-only package stops the lock
// with a finding unless it is named in --allow-source; then that one name (and only it) may resolve
// from its sdist (`--no-binary NAME`, which runs its metadata build — an explicit permission).
import { ownedTempDir } from '../../shared/dead-temps.js';
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvironmentError, UsageError, type Finding } from '../../shared/errors.js';
import { type RunResult, tail } from '../../shared/exec.js';
import * as log from '../../shared/log.js';
import { writeFileAtomic } from '../../shared/atomic-file.js';
import { glibcFloorError, glibcFloorFindings } from './lock-glibc.js';
import { checkIndexReachable } from './index-page.js';
import { resolveInterpreter } from '../interpreter/interpreter-ref.js';
import { pythonLabel } from '../interpreter/fingerprint.js';
import type { FingerprintFields } from '../model/fingerprint-fields.js';
import { normalizeName } from './dist-metadata.js';
import { formatLock, type Lock, type LockEntry } from './lockfile.js';
import { runnableInterpreter } from '../interpreter/materialize.js';
import { explainMissing, missingWheelError, requirementName } from './missing-wheel.js';
import { prepareCacheRoot } from '../interpreter/interpreter-cache.js';
import { defaultCacheRoot, indexOptions, missingDistributions, pipCacheDir, runPip, type PipContext } from './pip.js';
import { ensureReportCapablePip } from './pip-bootstrap.js';
import { checkRequirementsFile } from './requirements-in.js';

export interface LockOptions {
  requirements: string;
  interpreter: string;
  indexUrls: string[];
  allowSource: string[];
  output: string;
  cacheRoot?: string;
  /** When set, a chosen wheel that needs a newer glibc stops the lock (exit 1) before anything is written. */
  glibcMax?: string;
}

export interface LockResult {
  output: string;
  fingerprint: string;
  cacheDir: string;
  pipVersion: string;
  entries: LockEntry[];
  /** The locked names that resolve to an sdist (all of them allowed by --allow-source). */
  fromSource: string[];
}

interface ReportItem {
  metadata: { name: string; version: string };
  download_info?: { url: string; archive_info?: { hash?: string; hashes?: Record<string, string> } };
}

async function sha256OfUrl(url: string): Promise<string> {
  const h = createHash('sha256');
  if (url.startsWith('file:')) h.update(await readFile(fileURLToPath(url)));
  else {
    const res = await fetch(url, { signal: AbortSignal.timeout(120_000) });
    if (!res.ok)
      throw new EnvironmentError(`cannot download ${url} to hash it (HTTP ${res.status})`, 'check the index');
    h.update(Buffer.from(await res.arrayBuffer()));
  }
  return h.digest('hex');
}

async function entryOf(item: ReportItem): Promise<{ entry: LockEntry; isSdist: boolean }> {
  const info = item.download_info;
  if (!info?.url)
    throw new EnvironmentError(
      `pip's report has no download URL for ${item.metadata.name}`,
      'lock only index packages (no paths, no VCS URLs)',
    );
  let sha = info.archive_info?.hashes?.sha256;
  if (!sha && info.archive_info?.hash?.startsWith('sha256=')) sha = info.archive_info.hash.slice('sha256='.length);
  // An index without sha256 fragments: hash the file ourselves (pip verifies against it at install).
  if (!sha) sha = await sha256OfUrl(info.url);
  const file = decodeURIComponent(new URL(info.url).pathname.split('/').pop() ?? '');
  return {
    entry: {
      name: normalizeName(item.metadata.name),
      version: item.metadata.version,
      hashes: [sha.toLowerCase()],
      line: 0,
    },
    isSdist: !file.endsWith('.whl'),
  };
}

async function resolveOnce(ctx: PipContext, requirements: string, reportFile: string, noBinary: Set<string>) {
  return runPip(ctx, 'install', [
    '--dry-run',
    '--ignore-installed',
    '--use-pep517',
    '--report',
    reportFile,
    '--quiet',
    '--progress-bar',
    'off',
    ...indexOptions(ctx.indexUrls),
    '--only-binary',
    ':all:',
    ...[...noBinary].sort().flatMap((n) => ['--no-binary', n]),
    '-r',
    requirements,
  ]);
}

/** A resolve that failed without naming a missing distribution: bad requirements (exit 2) or pip itself (exit 3). */
function resolveFailure(r: RunResult, requirements: string): Error {
  if (
    /ResolutionImpossible|conflicting dependencies|Invalid requirement|Could not open requirements file/i.test(r.stderr)
  ) {
    return new UsageError(
      `pip cannot resolve ${requirements}:\n${tail(r.stderr, 25)}`,
      'fix the requirements (conflicting or invalid pins)',
    );
  }
  return new EnvironmentError(
    `pip failed while resolving (exit ${r.exitCode ?? r.signal}):\n${tail(r.stderr || r.stdout || r.spawnError || '', 25)}`,
    "read pip's output above",
  );
}

/**
 * Resolves wheels only; a distribution without a wheel is refused unless --allow-source names it, and
 * then the resolve runs again with that one allowed from source, until pip's report is written.
 */
async function resolveAll(
  ctx: PipContext,
  opts: LockOptions,
  requirements: string,
  reportFile: string,
  allowSource: Set<string>,
  fields: FingerprintFields,
): Promise<void> {
  const noBinary = new Set<string>();
  for (;;) {
    const r = await log.stage('resolve (pip install --dry-run --only-binary :all:)', () =>
      resolveOnce(ctx, requirements, reportFile, noBinary),
    );
    if (r.exitCode === 0) return;
    const missing = missingDistributions(r.stderr);
    if (missing.length === 0) throw resolveFailure(r, opts.requirements);
    const newlyAllowed = missing
      .map(requirementName)
      .map(normalizeName)
      .filter((n) => allowSource.has(n) && !noBinary.has(n));
    const refused = missing.filter((m) => !allowSource.has(normalizeName(requirementName(m))));
    if (refused.length > 0) {
      const findings: Finding[] = await explainMissing(ctx.python, opts.indexUrls, refused, fields);
      throw missingWheelError(findings);
    }
    if (newlyAllowed.length === 0) {
      throw new UsageError(
        `no distribution at all for ${missing.join(', ')} on ${opts.indexUrls.join(', ')}`,
        'check the name, the version and the --index-url',
      );
    }
    for (const n of newlyAllowed) noBinary.add(n);
    log.info(`allowed to build from source: ${newlyAllowed.join(', ')}`);
  }
}

/** The lock's entries from pip's report; an sdist not allowed by name is refused with why there is no wheel. */
async function entriesOf(
  report: { install: ReportItem[] },
  python: string,
  opts: LockOptions,
  allowSource: Set<string>,
  fields: FingerprintFields,
): Promise<{ entries: LockEntry[]; fromSource: string[] }> {
  const entries: LockEntry[] = [];
  const fromSource: string[] = [];
  for (const item of report.install) {
    const { entry, isSdist } = await entryOf(item);
    if (isSdist) {
      if (!allowSource.has(entry.name))
        throw missingWheelError(
          await explainMissing(python, opts.indexUrls, [`${entry.name}==${entry.version}`], fields),
        );
      fromSource.push(entry.name);
    }
    entries.push(entry);
  }
  if (opts.glibcMax) {
    const chosen = report.install.map((item) => ({
      name: item.metadata.name,
      version: item.metadata.version,
      fileName: decodeURIComponent((item.download_info?.url ?? '').split('/').pop() ?? ''),
    }));
    const tooNew = glibcFloorFindings(chosen, opts.glibcMax);
    if (tooNew.length > 0) throw glibcFloorError(tooNew, opts.glibcMax);
  }
  return { entries, fromSource };
}

export async function createLock(opts: LockOptions): Promise<LockResult> {
  if (opts.indexUrls.length === 0)
    throw new UsageError('lock needs --index-url', 'pass --index-url URL (repeat it for extra indexes)');
  const requirements = resolve(opts.requirements);
  await checkRequirementsFile(requirements);
  const ref = await resolveInterpreter(opts.interpreter);
  for (const url of opts.indexUrls) await checkIndexReachable(url);
  const allowSource = new Set(opts.allowSource.map(normalizeName));
  const cacheRoot = opts.cacheRoot ?? defaultCacheRoot();
  const cacheDir = pipCacheDir(cacheRoot, ref.fingerprint);
  prepareCacheRoot(cacheRoot); // no symlink, no foreign or loosely writable directory below it
  const work = await ownedTempDir(tmpdir(), 'pyhermetic-lock-'); // a killed lock's tree goes next run
  try {
    const python =
      ref.kind === 'artifact'
        ? await log.stage('interpreter (extracted once into the cache root, verified)', () =>
            runnableInterpreter(ref, cacheRoot),
          )
        : ref.python!;
    const pip = await ensureReportCapablePip(python, work, opts.indexUrls);
    const ctx: PipContext = { python, cacheDir, indexUrls: opts.indexUrls, pipHome: pip.home };
    const reportFile = join(work, 'report.json');
    await resolveAll(ctx, opts, requirements, reportFile, allowSource, ref.fields);
    const report = JSON.parse(await readFile(reportFile, 'utf8')) as { install: ReportItem[] };
    const { entries, fromSource } = await entriesOf(report, python, opts, allowSource, ref.fields);
    const lock: Lock = {
      header: {
        fingerprint: ref.fingerprint,
        python: pythonLabel(ref.fields),
        indexUrls: opts.indexUrls,
        allowSource: [...allowSource].sort(),
      },
      entries,
    };
    const output = resolve(opts.output);
    await writeFileAtomic(output, formatLock(lock));
    return {
      output,
      fingerprint: ref.fingerprint,
      cacheDir,
      pipVersion: pip.version,
      entries,
      fromSource: fromSource.sort(),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
