// OUT, the pipeline's output directory: its layout, clearing it safely before a run, copying the run's
// inputs into its report, and reading back what a stage wrote there.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { REPORT_CONFIG_COPY, REPORT_LOCK_COPY } from '../core/provenance/attest.js';
import { UsageError } from '../shared/errors.js';
import { ensureOutputDir } from '../shared/safe-dirs.js';
import type { PipelineConfig } from './pipeline-config.js';

export function outputLayout(out: string) {
  return {
    interpreter: join(out, 'interpreter'),
    envTest: join(out, 'env-test'),
    app: join(out, 'app'),
    dist: join(out, 'dist'),
    report: join(out, 'report'),
    verifyReport: join(out, 'report', 'verify'),
    testsJunit: join(out, 'report', 'tests-junit.xml'),
    testedRecord: join(out, 'report', 'tested-record.json'),
    rerun: join(out, 'rerun.sh'),
    marker: join(out, '.pyhermetic-pipeline'),
  };
}

export type OutputLayout = ReturnType<typeof outputLayout>;

function within(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`));
}

/**
 * OUT is cleared stage by stage, so it must never be a directory that holds anything else: refuse
 * the config or app directory (or a parent of them), and an existing non-empty directory that an
 * earlier pipeline did not create.
 */
export async function prepareOut(config: PipelineConfig, out: string): Promise<void> {
  for (const [what, dir] of [
    ['config directory', config.baseDir],
    ['app directory', config.app],
  ] as const) {
    if (within(dir, out)) {
      throw new UsageError(
        `--out ${out} is the ${what} or contains it; the pipeline replaces what is in --out`,
        `pass a directory of its own, e.g. --out ${join(config.baseDir, '.pyhermetic-out')}`,
      );
    }
  }
  const layout = outputLayout(out);
  const entries = await readdir(out).catch(() => undefined);
  if (entries && entries.length > 0 && !existsSync(layout.marker)) {
    throw new UsageError(
      `--out ${out} already holds files that an earlier pipeline did not write`,
      'pass a new or empty directory (the pipeline clears env-test/, app/, dist/ and report/ in it)',
    );
  }
  // A symlinked --out (or one another user can write) would be cleared and written through.
  ensureOutputDir(out, 'the --out directory');
  await writeFile(
    layout.marker,
    'This directory is the output of `pyhermetic pipeline`; it replaces env-test/, app/, dist/ and report/ on every run.\n',
  );
  // A re-run starts clean, so nothing from the previous run (a green report, an old package) can be
  // mistaken for this run's result. The interpreter/ directory stays: the build writes it atomically.
  for (const dir of [layout.envTest, layout.app, layout.dist, layout.report])
    await rm(dir, { recursive: true, force: true });
  await mkdir(layout.report, { recursive: true });
}

/**
 * Copies the config and the lock, byte for byte, into the report directory: `attest` takes the
 * config as the provenance's externalParameters and the wheel hashes from the lock, and a person
 * reading the archived report sees exactly what the run was given.
 */
export async function copyRunInputs(config: PipelineConfig, reportDir: string): Promise<void> {
  await mkdir(reportDir, { recursive: true });
  await copyFile(config.configPath, join(reportDir, REPORT_CONFIG_COPY));
  await copyFile(config.lock, join(reportDir, REPORT_LOCK_COPY)).catch(() => undefined); // the lock-check stage names a missing lock
}

/** A JSON document a stage's command wrote into OUT; undefined when it is missing or unreadable. */
export async function readOutputJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
