// Black-box helpers: run the built bundle (resources/pyhermetic/runner.mjs) as a person would, with a
// temporary HOME and a store of the test run's own.
import { execa } from 'execa';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RUNNER = join(ROOT, 'resources', 'pyhermetic', 'runner.mjs');
export const INPUTS = join(ROOT, 'test', 'inputs');
export const CPYTHON_TARBALL = join(INPUTS, 'python3.11_3.11.2.orig.tar.gz');
export const CPYTHON_SHA256 = '2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849';
export const MARKUPSAFE_SDIST = join(INPUTS, 'markupsafe_2.1.2.orig.tar.gz');
/** The pinned OpenSSL 3 source a static interpreter build links in (src/core/interpreter/openssl.ts). */
export const OPENSSL_TARBALL = join(INPUTS, 'openssl_3.0.22.orig.tar.gz');
/** The matrix's CPython sources (scripts/fetch-sources.sh): Debian's orig tarballs = python.org's .tar.xz. */
export const CPYTHON_SOURCES = {
  '3.9.2': join(INPUTS, 'python3.9_3.9.2.orig.tar.xz'),
  '3.11.2': join(INPUTS, 'python3.11_3.11.2.orig.tar.gz'),
  '3.13.5': join(INPUTS, 'python3.13_3.13.5.orig.tar.xz'),
  '3.14.7': join(INPUTS, 'python3.14_3.14.7.orig.tar.xz'),
} as const;
export const LOCAL_INDEX = 'file:///opt/pypi/simple';

/** A fresh temporary directory under the test run's work area. */
export function tempDir(prefix = 'pyh-'): string {
  const base = join(tmpdir(), 'pyhermetic-tests');
  mkdirSync(base, { recursive: true, mode: 0o700 });
  return mkdtempSync(join(base, prefix));
}

/**
 * The store shared by all tests of one run, so each distinct interpreter spec is built once per run.
 * scripts/test.sh sets PYHERMETIC_TEST_STORE; a lone mocha run falls back to a per-process directory.
 */
export function sharedStore(): string {
  if (!process.env.PYHERMETIC_TEST_STORE) process.env.PYHERMETIC_TEST_STORE = tempDir('store-');
  mkdirSync(process.env.PYHERMETIC_TEST_STORE, { recursive: true, mode: 0o700 });
  return process.env.PYHERMETIC_TEST_STORE;
}

export interface RunnerResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunnerOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  home?: string;
  timeoutMs?: number;
  runner?: string;
  input?: string;
}

/** Runs the bundled runner with a temporary HOME; never throws on a non-zero exit. */
export async function runPyhermetic(args: string[], opts: RunnerOptions = {}): Promise<RunnerResult> {
  const home = opts.home ?? tempDir('home-');
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: home,
    NO_COLOR: '1',
    PYHERMETIC_HOME: join(home, '.cache', 'pyhermetic'),
    ...opts.env,
  };
  const r = await execa(process.execPath, [opts.runner ?? RUNNER, ...args], {
    cwd: opts.cwd ?? home,
    env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<string, string>,
    extendEnv: false,
    reject: false,
    timeout: opts.timeoutMs ?? 30 * 60 * 1000,
    input: opts.input,
    stripFinalNewline: false,
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

export function parseJson<T = any>(r: RunnerResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(
      `expected one JSON document on stdout (exit ${r.exitCode}), got:\n${r.stdout}\nstderr:\n${r.stderr}`,
    );
  }
}
