// Relocation that is complete: the installed prefix names the configured prefix (/opt/pyhermetic/…) in
// _sysconfigdata (INCLUDEPY, LIBDIR, LIBPL, prefix…) and in the pkg-config files. Instead of rewriting
// every copy (an env, the extraction cache, a deployed package), the build makes those paths computed
// from where the interpreter is:
//   - _sysconfigdata_*.py replaces the configured prefix by sys.base_prefix when it is imported;
//   - lib/pkgconfig/*.pc say prefix=${pcfiledir}/../.. ;
//   - bin/python3.X-config (CPython's shell version) already derives its prefix from its own path.
// The installed Makefile (lib/python3.X/config-*/Makefile) keeps the configured prefix: it documents the
// build and is not read by sysconfig, python3-config or setuptools at run time. See docs/relocation.md.
import { lstat, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EnvironmentError } from '../../shared/errors.js';
import { run, scrubbedEnv, tail } from '../../shared/exec.js';

export const SYSCONFIG_MARK = '# pyhermetic: relocatable';

/** The text appended to _sysconfigdata: every string naming the configured prefix names sys.base_prefix. */
export function sysconfigRelocation(configuredPrefix: string): string {
  return `
${SYSCONFIG_MARK}: paths below the configured prefix are computed from where this interpreter is.
def _pyhermetic_relocate(configured=${JSON.stringify(configuredPrefix)}):
    import sys
    real = sys.base_prefix
    if not real or real == configured:
        return
    for key, value in build_time_vars.items():
        if isinstance(value, str) and configured in value:
            build_time_vars[key] = value.replace(configured, real)
_pyhermetic_relocate()
del _pyhermetic_relocate
`;
}

/** `prefix=<configured>` → `prefix=${pcfiledir}/../..` (the .pc files live in <prefix>/lib/pkgconfig). */
export function relocatePc(text: string, configuredPrefix: string): string {
  return text
    .split('\n')
    .map((line) => (line === `prefix=${configuredPrefix}` ? 'prefix=${pcfiledir}/../..' : line))
    .join('\n');
}

async function filesIn(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => [] as string[]);
}

/**
 * Rewrites the staged prefix so its paths follow the interpreter wherever it is extracted, then
 * recompiles the rewritten module's .pyc files (checked-hash, as make install wrote them, so the
 * artifact stays reproducible). Returns the rewritten files, relative to the prefix.
 */
export async function makeRelocatable(prefix: string, configuredPrefix: string, python: string): Promise<string[]> {
  const changed: string[] = [];
  const libRoots = (await filesIn(join(prefix, 'lib'))).filter((d) => /^python\d+\.\d+t?$/.test(d));
  const sysconfigFiles: string[] = [];
  for (const lib of libRoots) {
    for (const f of await filesIn(join(prefix, 'lib', lib))) {
      if (!/^_sysconfigdata_.*\.py$/.test(f)) continue;
      const path = join(prefix, 'lib', lib, f);
      const text = await readFile(path, 'utf8');
      if (text.includes(SYSCONFIG_MARK)) continue;
      await writeFile(path, text + sysconfigRelocation(configuredPrefix));
      sysconfigFiles.push(path);
      changed.push(`lib/${lib}/${f}`);
    }
  }
  for (const f of await filesIn(join(prefix, 'lib', 'pkgconfig'))) {
    const path = join(prefix, 'lib', 'pkgconfig', f);
    if (!f.endsWith('.pc') || !(await lstat(path)).isFile()) continue;
    const text = await readFile(path, 'utf8');
    const out = relocatePc(text, configuredPrefix);
    if (out !== text) {
      await writeFile(path, out);
      changed.push(`lib/pkgconfig/${f}`);
    }
  }
  for (const file of sysconfigFiles) {
    // -d: the file name recorded in the code objects is the configured one, like make install's.
    const rel = file.slice(prefix.length);
    const r = await run(
      python,
      [
        '-I',
        '-m',
        'compileall',
        '-q',
        '--invalidation-mode',
        'checked-hash',
        '-o',
        '0',
        '-o',
        '1',
        '-o',
        '2',
        '-d',
        `${configuredPrefix}${rel.slice(0, rel.lastIndexOf('/'))}`,
        file,
      ],
      { cwd: '/', env: scrubbedEnv({ SOURCE_DATE_EPOCH: '315532800', PYTHONHASHSEED: '0' }), timeoutMs: 120_000 },
    );
    if (r.exitCode !== 0)
      throw new EnvironmentError(
        `recompiling ${file} after making it relocatable failed (exit ${r.exitCode ?? r.signal}):\n${tail(`${r.stdout}\n${r.stderr}`, 15)}`,
      );
  }
  return changed;
}
