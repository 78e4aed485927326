// How every build step runs (CPython's and OpenSSL's): at a fixed path under BUILD_ROOT, in a
// scrubbed environment, under the shared workers lock, logged, failing with the log's tail.
import { appendFile, lstat, mkdir } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { EnvironmentError } from '../../shared/errors.js';
import { run, scrubbedEnv, tail, type RunResult } from '../../shared/exec.js';
import * as log from '../../shared/log.js';
import type { BuildSandbox } from './build-sandbox.js';

export const BUILD_ROOT = '/tmp/pyhermetic-build';
/** make -j: two jobs at most (the machines this runs on have two cores, shared). */
export const buildJobs = (): number => Math.max(1, Math.min(cpus().length, 2));
/** 1980-01-01T00:00:00Z: a fixed date for __DATE__/__TIME__ and py_compile's checked-hash mode. */
export const SOURCE_DATE_EPOCH = '315532800';

export async function ensureBuildRoot(): Promise<void> {
  await mkdir(BUILD_ROOT, { recursive: true, mode: 0o755 });
  const st = await lstat(BUILD_ROOT);
  const uid = process.getuid?.();
  if (!st.isDirectory() || (uid !== undefined && st.uid !== uid) || (st.mode & 0o022) !== 0) {
    throw new EnvironmentError(
      `${BUILD_ROOT} is not a directory of your own that only you can write (owner uid ${st.uid}, mode ${(st.mode & 0o7777).toString(8)})`,
      `pyhermetic builds at this fixed path for reproducible bytes; remove it or have its owner build (rm -rf ${BUILD_ROOT})`,
    );
  }
}

export function buildEnv(buildDir: string): Record<string, string> {
  // scrubbedEnv keeps only PATH, HOME, LANG… so CFLAGS, LDFLAGS, CPPFLAGS, PYTHON* and PIP_* of the
  // caller never reach configure. What we set is part of the recipe: a fixed date and locale, a
  // fixed hash seed (set and frozenset constants in .pyc files are ordered by string hashes), and a
  // pip (ensurepip) that reads no configuration file of this machine.
  return scrubbedEnv({
    HOME: join(buildDir, 'home'),
    SOURCE_DATE_EPOCH,
    LC_ALL: 'C',
    LANG: 'C',
    TZ: 'UTC',
    PYTHONHASHSEED: '0',
    PIP_CONFIG_FILE: '/dev/null',
    PIP_NO_INPUT: '1',
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    TMPDIR: join(buildDir, 'tmp'),
    TERM: undefined,
    USER: undefined,
    LOGNAME: undefined,
    SHELL: undefined,
  });
}

/** Runs one build step under the shared workers lock, logs its output, fails with the log's tail. */
export async function step(
  name: string,
  workers: string,
  cmd: string[],
  cwd: string,
  env: Record<string, string>,
  logPath: string,
  sandbox: BuildSandbox,
): Promise<RunResult> {
  return log.stage(name, async () => {
    const started = Date.now();
    const beat = setInterval(() => log.info(`   ${name}: still running, ${log.seconds(Date.now() - started)}`), 60_000);
    let r: RunResult;
    try {
      await appendFile(logPath, `\n==== ${name}: ${cmd.join(' ')}\n`);
      // flock stays on the host: the step and all its children (inside the sandbox too) hold the lock.
      const w = sandbox.wrap(cmd, cwd, env);
      r = await run('flock', ['-s', workers, w.file, ...w.args], { cwd: w.cwd, env: w.env });
    } finally {
      clearInterval(beat);
    }
    await appendFile(logPath, `${r.stdout}\n---- stderr\n${r.stderr}\n`);
    if (r.spawnError) {
      throw new EnvironmentError(
        `${name}: could not start flock (${r.spawnError})`,
        'install util-linux, which provides flock',
      );
    }
    if (r.exitCode !== 0) {
      const lines = tail(`${r.stdout}\n${r.stderr}`, 25).replace(/^/gm, '    ');
      throw new EnvironmentError(
        `${name} failed (exit ${r.exitCode ?? r.signal}); the last lines:\n${lines}\nthe whole log: ${logPath}`,
        sandbox.kind === 'host'
          ? 'read the log; a missing compiler or header is fixed with apt-get install build-essential and the -dev packages (libssl-dev, zlib1g-dev, libffi-dev, libsqlite3-dev, liblzma-dev, libbz2-dev)'
          : `read the log; it ran inside the build root (${sandbox.kind}): a missing tool or header must be added to the root (a new buildroot create, a new buildRoot.sha256)`,
      );
    }
    return r;
  });
}

/** Waits until no process of an earlier, killed build of this key still works in its directory. */
export async function waitForOrphans(workers: string): Promise<void> {
  const probe = await run('flock', ['-n', '-x', workers, 'true']);
  if (probe.exitCode === 0) return;
  log.info(`processes of an interrupted build still hold ${workers}; waiting for them to exit`);
  const r = await run('flock', ['-x', workers, 'true']);
  if (r.exitCode !== 0) throw new EnvironmentError(`could not lock ${workers}: ${r.stderr.trim()}`);
}
