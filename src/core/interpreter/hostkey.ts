// The build host key: what of the build machine ends up in the binaries (the compiler that made
// them, the glibc they were linked against, the machine). Together with the spec it forms the build
// key, the store key of an interpreter artifact. With a build root, the root's sha256 takes the host
// key's place in the build key: the root pins compiler and glibc, so agents on different OSes that
// build one spec in one root share one key (and make the same bytes).
import { machine as osMachine } from 'node:os';
import { EnvironmentError } from '../../shared/errors.js';
import { scrubbedEnv } from '../../shared/exec.js';
import { hostSandbox, type BuildSandbox } from './build-sandbox.js';
import { canonicalJson, sha256Hex } from '../../shared/canonical.js';
import type { InterpreterManifest } from '../model/manifests.js';

export type HostKey = InterpreterManifest['hostKey'];

/**
 * Bumped whenever build.ts changes how it turns a spec into bytes (flags, post-processing), so that
 * artifacts made by an older recipe are not served for a newer one under the same key.
 * 2: relative launchers for the interpreter's own scripts (pip3, pydoc3, 2to3, idle3).
 * 3: interpreter.json records the build root (null for a host build); builds may run in a build root.
 * 4: static builds link their libraries in (OpenSSL 3.0.22 from source, Debian's .a files; static-libs.ts),
 *    relocatable sysconfig and pkg-config files (relocate.ts), the linkage self-check.
 */
export const BUILD_RECIPE = 4;

/** configure's AC_PROG_CC looks for gcc first, then cc: ask the same compiler configure will use. */
async function compilerLine(sandbox: BuildSandbox): Promise<string> {
  for (const cc of ['gcc', 'cc']) {
    const r = await sandbox.run(cc, ['--version'], { env: scrubbedEnv(), timeoutMs: 30_000 });
    if (r.exitCode === 0) {
      const first = r.stdout.split('\n')[0].trim();
      if (first) return first;
    }
  }
  throw new EnvironmentError('no C compiler found (tried gcc and cc)', 'install one: apt-get install build-essential');
}

async function glibcVersion(sandbox: BuildSandbox): Promise<string> {
  if (sandbox.kind !== 'host') return glibcOf(sandbox);
  const header = (process.report?.getReport() as unknown as { header?: { glibcVersionRuntime?: string } })?.header;
  if (header?.glibcVersionRuntime) return header.glibcVersionRuntime;
  return glibcOf(sandbox);
}

async function glibcOf(sandbox: BuildSandbox): Promise<string> {
  const r = await sandbox.run('getconf', ['GNU_LIBC_VERSION'], { env: scrubbedEnv(), timeoutMs: 30_000 });
  const m = /glibc\s+(\S+)/.exec(r.stdout);
  if (r.exitCode === 0 && m) return m[1];
  throw new EnvironmentError(
    'cannot determine the glibc version of this machine',
    'pyhermetic builds interpreters on glibc Linux hosts',
  );
}

/** The compiler and glibc the build will use: the host's, or those inside the build root's sandbox. */
export async function hostKey(sandbox: BuildSandbox = hostSandbox): Promise<HostKey> {
  const [compiler, glibc] = await Promise.all([compilerLine(sandbox), glibcVersion(sandbox)]);
  return { compiler, glibc, machine: osMachine() };
}

/**
 * sha256 over the spec's identity hash, the recipe version and either the host key (a host build) or
 * the build root's sha256 (then the host key is left out: it is what the root pins).
 */
export function buildKeyOf(specSha: string, host: HostKey | null, buildRootSha?: string): string {
  if (buildRootSha) return sha256Hex(canonicalJson({ spec: specSha, buildRoot: buildRootSha, recipe: BUILD_RECIPE }));
  if (!host) throw new Error('buildKeyOf: a host build needs the host key');
  return sha256Hex(canonicalJson({ spec: specSha, host, recipe: BUILD_RECIPE }));
}
