// CPython configure / make / make install into a staging prefix, at a fixed path, in a scrubbed
// environment, followed by the self-check of the installed interpreter.
//
// Why a fixed build path (/tmp/pyhermetic-build/<buildKey>): the source directory's absolute path
// leaks into _sysconfigdata, the installed Makefile and the debug info. Building every spec at the
// same path is what makes two builds byte-identical. Two builds of one key must then never share
// that directory at the same time, and a build killed with SIGKILL may leave make/gcc running in it:
//   <key>.lock     exclusive flock held by the builder for the whole build (one builder per key);
//   <key>.workers  every build step runs under `flock -s <key>.workers …`, so the step and all its
//                  children hold a shared lock; a new builder takes it exclusively before wiping the
//                  directory, i.e. it waits until every orphaned make/gcc of a killed build is gone.
import { lstat, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EnvironmentError, UsageError } from '../../shared/errors.js';
import { scrubbedEnv, tail } from '../../shared/exec.js';
import * as log from '../../shared/log.js';
import { extractTarGz } from '../archive/archive.js';
import type { PythonSpec } from '../model/manifests.js';
import { acquireFileLock, type FileLock } from '../store/store-lock.js';
import { hostSandbox, type BuildSandbox } from './build-sandbox.js';
import { BUILD_ROOT, buildEnv, buildJobs, ensureBuildRoot, step, waitForOrphans } from './build-step.js';
import { fixPyconfig, prepareStaticLibs } from './static-libs.js';
import { pythonName } from './versions.js';

export { BUILD_ROOT, SOURCE_DATE_EPOCH } from './build-step.js';

/** Recorded in the artifact as configuredPrefix; the artifact is relocatable, this only has to be fixed. */
export const prefixFor = (spec: PythonSpec): string => `/opt/pyhermetic/cpython-${spec.version}`;
/**
 * Makefile text, substituted verbatim by configure: make turns `$$` into `$`, the recipe's shell turns
 * `\$` into `$`, so the linker receives the literal `$ORIGIN/../lib`. LDFLAGS_NODIST (not LDFLAGS) so
 * that extensions built later against this interpreter do not inherit it.
 */
export const ORIGIN_RPATH_ARG = 'LDFLAGS_NODIST=-Wl,-rpath,\\$$ORIGIN/../lib';

/** Which Debian package usually provides what a stdlib module needs at build time. */
export const MODULE_PACKAGES: Record<string, string> = {
  ssl: 'libssl-dev',
  _ssl: 'libssl-dev',
  hashlib: 'libssl-dev',
  _hashlib: 'libssl-dev',
  sqlite3: 'libsqlite3-dev',
  _sqlite3: 'libsqlite3-dev',
  lzma: 'liblzma-dev',
  _lzma: 'liblzma-dev',
  bz2: 'libbz2-dev',
  _bz2: 'libbz2-dev',
  ctypes: 'libffi-dev',
  _ctypes: 'libffi-dev',
  zlib: 'zlib1g-dev',
  readline: 'libreadline-dev',
  uuid: 'uuid-dev',
  _uuid: 'uuid-dev',
  dbm: 'libgdbm-dev',
  _gdbm: 'libgdbm-dev',
  'dbm.gnu': 'libgdbm-dev',
  curses: 'libncurses-dev',
  _curses: 'libncurses-dev',
  tkinter: 'tk-dev',
  _tkinter: 'tk-dev',
};

export interface CompiledPrefix {
  /** The installed prefix (the artifact's root), inside the build directory. */
  prefix: string;
  /** The interpreter, relative to the prefix. */
  python: string;
  buildDir: string;
  logPath: string;
  /** Where the build's commands ran; the self-check and the fingerprint run the interpreter there too. */
  sandbox: BuildSandbox;
  /** Releases the build directory's lock and removes the directory. */
  done(): Promise<void>;
}

/** The CPython source tarball, extracted to `src`: one top directory holding a configure script. */
async function extractSource(sourceTarball: string, buildDir: string, src: string): Promise<void> {
  const unpacked = join(buildDir, 'unpacked');
  await extractTarGz(sourceTarball, unpacked);
  const top = await readdir(unpacked);
  if (top.length !== 1)
    throw new UsageError(
      `the source tarball ${sourceTarball} does not hold one top directory (found ${top.length})`,
      'use a CPython release tarball',
    );
  await rename(join(unpacked, top[0]), src);
  await rm(unpacked, { recursive: true });
  if (
    !(await lstat(join(src, 'configure')).then(
      (s) => s.isFile(),
      () => false,
    ))
  ) {
    throw new UsageError(
      `the source tarball ${sourceTarball} has no configure script at ${top[0]}/configure`,
      'use a CPython release tarball',
    );
  }
}

/**
 * Extracts, configures, builds and installs the spec's CPython into a staging directory under
 * BUILD_ROOT. The caller runs selfCheck on the result (after snapshotting the tree, see reproducible.ts).
 */
export async function compileInterpreter(
  spec: PythonSpec,
  sourceTarball: string,
  buildKey: string,
  inputs: { opensslArchive?: string } = {},
  enter: (binds: string[]) => BuildSandbox = () => hostSandbox,
): Promise<CompiledPrefix> {
  await ensureBuildRoot();
  const buildDir = join(BUILD_ROOT, buildKey);
  const lock: FileLock = await acquireFileLock(`${buildDir}.lock`, () =>
    log.info(`another build of key ${buildKey} is running on this machine (${buildDir}); waiting for it`),
  );
  try {
    const workers = `${buildDir}.workers`;
    await waitForOrphans(workers);
    await rm(buildDir, { recursive: true, force: true });
    await mkdir(join(buildDir, 'home'), { recursive: true });
    await mkdir(join(buildDir, 'tmp'), { recursive: true });
    const logPath = join(buildDir, 'build.log');
    await writeFile(logPath, `pyhermetic build of ${spec.name} ${spec.version} (key ${buildKey})\n`);

    const src = join(buildDir, 'src');
    await log.stage('extract source', () => extractSource(sourceTarball, buildDir, src));

    const env = buildEnv(buildDir);
    // A build root sees the build directory at the same path as the host, so the paths that end up
    // in the artifact do not depend on where it ran; the install goes to DESTDIR inside it.
    const sandbox = enter([buildDir]);
    const prefix = prefixFor(spec);
    const jobs = buildJobs();
    // A static interpreter links its libraries in (static-libs.ts); a shared one keeps the host's.
    const linkArgs =
      spec.configure.shared || !inputs.opensslArchive
        ? []
        : await prepareStaticLibs({
            buildDir,
            src,
            opensslArchive: inputs.opensslArchive,
            version: spec.version,
            systemLibraries: spec.systemLibraries,
            runStep: (name, cmd, cwd) => step(name, workers, cmd, cwd, env, logPath, sandbox),
          });
    const args = [
      `--prefix=${prefix}`,
      spec.configure.shared ? '--enable-shared' : '--disable-shared',
      ...(spec.freeThreaded ? ['--disable-gil'] : []),
      ...linkArgs,
      ...spec.configure.args,
    ];
    if (spec.configure.shared) args.push(ORIGIN_RPATH_ARG);
    await step('configure', workers, ['./configure', ...args], src, env, logPath, sandbox);
    if (linkArgs.length > 0) await fixPyconfig(src, spec.version);
    await step(`make -j${jobs}`, workers, ['make', `-j${jobs}`], src, env, logPath, sandbox);
    const destdir = join(buildDir, 'destdir');
    await step('make install', workers, ['make', 'install', `DESTDIR=${destdir}`], src, env, logPath, sandbox);

    const staged = join(destdir, prefix.replace(/^\/+/, ''));
    const python = `bin/${pythonName(spec.version, spec.freeThreaded)}`;
    return {
      prefix: staged,
      python,
      buildDir,
      logPath,
      sandbox,
      async done() {
        await rm(buildDir, { recursive: true, force: true });
        await lock.release();
      },
    };
  } catch (err) {
    // The directory stays for inspection (the error names its log); the next build of the key wipes it.
    await lock.release();
    throw err;
  }
}

const SELF_CHECK = `
import importlib, json, sys
bad = {}
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except BaseException as e:
        bad[name] = type(e).__name__ + ': ' + str(e)
v = sys.version_info
sys.stdout.write(json.dumps({'bad': bad, 'version': '%d.%d.%d' % (v[0], v[1], v[2]), 'rl': v[3], 'serial': v[4]}) + '\\n')
`;

/** The installed interpreter imports every required module and is the version the spec names. */
export async function selfCheck(spec: PythonSpec, python: string, sandbox = hostSandbox): Promise<void> {
  await log.stage('self-check', async () => {
    const r = await sandbox.run(python, ['-I', '-B', '-c', SELF_CHECK, ...spec.requireModules], {
      cwd: '/',
      env: scrubbedEnv(),
      timeoutMs: 120_000,
    });
    let doc: { bad: Record<string, string>; version: string; rl: string; serial: number };
    try {
      doc = JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
    } catch {
      throw new EnvironmentError(
        `the built interpreter ${python} does not run (exit ${r.exitCode ?? r.signal}):\n${tail(r.stderr, 15)}`,
        'read the build log; a shared build that cannot find libpython points at a linker problem',
      );
    }
    const rl = { alpha: 'a', beta: 'b', candidate: 'rc', final: '' }[doc.rl] ?? doc.rl;
    const actual = `${doc.version}${rl ? `${rl}${doc.serial}` : ''}`;
    if (actual !== spec.version) {
      throw new UsageError(
        `the source tarball built CPython ${actual}, but the spec's version says ${spec.version}`,
        'make version and source.sha256 in python.json name the same release',
      );
    }
    const missing = Object.entries(doc.bad);
    if (missing.length > 0) {
      const lines = missing.map(
        ([m, why]) => `  ${m}: ${why}${MODULE_PACKAGES[m] ? ` — install ${MODULE_PACKAGES[m]}` : ''}`,
      );
      const pkgs = [...new Set(missing.map(([m]) => MODULE_PACKAGES[m]).filter(Boolean))];
      throw new EnvironmentError(
        `the built interpreter cannot import ${missing.map(([m]) => m).join(', ')} (listed in requireModules):\n${lines.join('\n')}`,
        pkgs.length > 0
          ? `install the build dependencies and build again: apt-get install ${pkgs.join(' ')}`
          : 'install the library the module needs (see the build log) and build again',
      );
    }
  });
}
