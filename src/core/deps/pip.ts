// The one way pyhermetic runs pip: the interpreter's own pip, with every outside influence removed.
//
// This machine (like many CI images) configures pip globally: /etc/pip.conf, ~/.config/pip/pip.conf,
// PIP_FIND_LINKS, PIP_CONSTRAINT … Any of them silently changes what gets installed. So:
// - python runs with -I (no PYTHONPATH, no user site, no cwd on sys.path) and -B (no pyc writes into
//   the tree being built);
// - the environment is the scrubbed allowlist of exec.ts (no PIP_* at all), plus
//   PIP_CONFIG_FILE=/dev/null, which makes pip skip every config file (global, user, site);
// - pip runs with --isolated as a second belt (it ignores env vars and user config);
// - the index is explicit: --index-url (first) and --extra-index-url (the rest);
// - the cache is scoped by interpreter fingerprint: <cache-root>/pip/<fingerprint>. pip's own wheel
//   cache key is the source URL plus the interpreter's name and major.minor, which is how a wheel
//   built by a shared interpreter reached a static one (the poison-wheel outage). --isolated makes
//   pip ignore PIP_CACHE_DIR, so the directory goes on the command line; the variable is set as well
//   for the pip subprocesses of build isolation, which read the environment.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { run, scrubbedEnv, type RunResult } from '../../shared/exec.js';
import { defaultStoreRoot } from '../store/store.js';

/** The cache root: <store root>/cache unless --cache-root says otherwise. */
export function defaultCacheRoot(): string {
  return join(defaultStoreRoot(), 'cache');
}

/** The pip cache of one interpreter fingerprint: wheels built by one ABI never reach another. */
export function pipCacheDir(cacheRoot: string, fingerprint: string): string {
  if (!/^[0-9a-f]{64}$/.test(fingerprint)) throw new Error(`not a fingerprint: ${fingerprint}`);
  return join(resolve(cacheRoot), 'pip', fingerprint);
}

export interface PipContext {
  /** The python whose pip runs (inside the env or the extracted interpreter). */
  python: string;
  /** The scoped cache directory (created on first use). */
  cacheDir: string;
  /** Index URLs in order: the first is --index-url, the rest --extra-index-url. */
  indexUrls: string[];
  /** A pip wheel file (or directory) put first on sys.path to run instead of the interpreter's own (pip-bootstrap.ts). */
  pipHome?: string;
}

/** The child environment of every pip run. */
export function pipEnv(cacheDir: string): Record<string, string> {
  return scrubbedEnv({
    PIP_CONFIG_FILE: '/dev/null',
    PIP_CACHE_DIR: cacheDir,
    PYTHONNOUSERSITE: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    // pip prints wide progress and colour for terminals; CI logs want neither.
    TERM: 'dumb',
  });
}

/** Options every pip subcommand accepts. */
export function generalOptions(cacheDir: string): string[] {
  return ['--isolated', '--no-input', '--disable-pip-version-check', '--no-color', '--cache-dir', cacheDir];
}

/** --index-url / --extra-index-url for the finder-using subcommands (install, download, wheel). */
export function indexOptions(indexUrls: string[]): string[] {
  if (indexUrls.length === 0) throw new Error('indexOptions needs at least one index URL');
  const [first, ...rest] = indexUrls;
  return ['--index-url', first, ...rest.flatMap((u) => ['--extra-index-url', u])];
}

export interface PipRunOptions {
  timeoutMs?: number;
  /** Stream pip's output to stderr (long installs). */
  stream?: boolean;
  cwd?: string;
}

/** Runs `<python> -I -B -m pip <subcommand> <general options> <args…>`. Never throws for a non-zero exit. */
export async function runPip(
  ctx: PipContext,
  subcommand: string,
  args: string[],
  opts: PipRunOptions = {},
): Promise<RunResult> {
  await mkdir(ctx.cacheDir, { recursive: true, mode: 0o700 });
  const launch = ctx.pipHome
    ? [
        '-I',
        '-B',
        '-c',
        `import sys, runpy; sys.path.insert(0, ${JSON.stringify(ctx.pipHome)}); sys.argv[0] = 'pip'; runpy.run_module('pip', run_name='__main__', alter_sys=True)`,
      ]
    : ['-I', '-B', '-m', 'pip'];
  return run(ctx.python, [...launch, subcommand, ...generalOptions(ctx.cacheDir), ...args], {
    env: pipEnv(ctx.cacheDir),
    cwd: opts.cwd ?? '/',
    timeoutMs: opts.timeoutMs ?? 60 * 60 * 1000,
    stream: opts.stream,
  });
}

/** Runs a python snippet hermetically (-I -B, scrubbed env, cwd /). */
export async function runPython(python: string, code: string, input?: string, timeoutMs = 120_000): Promise<RunResult> {
  return run(python, ['-I', '-B', '-c', code], {
    env: scrubbedEnv({ PYTHONNOUSERSITE: '1', PYTHONDONTWRITEBYTECODE: '1' }),
    cwd: '/',
    input,
    timeoutMs,
  });
}

/** The names pip lists after "THESE PACKAGES DO NOT MATCH THE HASHES …": `name==version from URL`. */
export function hashMismatches(stderr: string): { requirement: string; expected: string[]; got: string }[] {
  const at = stderr.indexOf('THESE PACKAGES DO NOT MATCH THE HASHES');
  if (at === -1) return [];
  const out: { requirement: string; expected: string[]; got: string }[] = [];
  let current: { requirement: string; expected: string[]; got: string } | undefined;
  for (const raw of stderr.slice(at).split('\n').slice(1)) {
    const line = raw.trim();
    // `name==version from URL (from -r FILE (line N)):` — the pin is the first word.
    const req = /^([A-Za-z0-9][A-Za-z0-9._-]*==[^\s:]+)(?:\s.*)?:$/.exec(line);
    if (req) {
      current = { requirement: req[1], expected: [], got: '' };
      out.push(current);
      continue;
    }
    const exp = /^Expected sha256 ([0-9a-f]{64})$/.exec(line) ?? /^or ([0-9a-f]{64})$/.exec(line);
    if (exp && current) current.expected.push(exp[1]);
    const got = /^Got\s+([0-9a-f]{64})$/.exec(line);
    if (got && current) current.got = got[1];
  }
  return out;
}

/** The requirements pip could not find a distribution for ("No matching distribution found for X"). */
export function missingDistributions(stderr: string): string[] {
  const out: string[] = [];
  for (const m of stderr.matchAll(/No matching distribution found for ([^\r\n]+)/g)) out.push(m[1].trim());
  return [...new Set(out)];
}
