// Check `linkage`: every ELF file of the package under the shared rules of linkage.ts — DT_NEEDED
// resolves inside the package ($ORIGIN honoured) or is a system library, no libpython under a static
// interpreter, no absolute RUNPATH, GLIBC versions within the floor. A file that starts like an ELF
// but does not parse is a finding too (never a crash).
//
// The interpreter's own files (outside site-packages and app/, owned by no distribution) are held to
// the host they were built for, not to the floor: they may need the host libraries the interpreter
// was configured against (libssl, libsqlite3, libffi …, listed in the report) and the glibc of the
// build host (its fingerprint's libc). Libpython and search-path rules apply to them as to any file.
import { posix } from 'node:path';
import type { Finding } from '../errors.js';
import { isLibpython, isSystemLibrary, linkageFindings } from './linkage.js';
import { distributionPaths, isInterpreterPath } from './package-layout.js';
import type { PackageContents } from './package-read.js';
import { checkResult, type CheckResult } from './report/index.js';

export interface LinkageResult {
  check: CheckResult;
  /** Libraries the interpreter's own files need from the host (not in the package, not on the allowlist). */
  hostLibraries: string[];
}

/** No glibc limit: used for the interpreter's own files when its build host's glibc is unknown. */
const NO_GLIBC_LIMIT = '999.0';

export function linkageCheck(pkg: PackageContents, glibcMax: string): LinkageResult {
  const env = pkg.manifest!.env;
  const staticInterpreter = !env.interpreter.shared;
  const [major, minor] = env.interpreter.version.split('.');
  const libpython = staticInterpreter ? undefined : `libpython${major}.${minor}.so.1.0`;
  const exists = (p: string): boolean => pkg.records.has(p);
  const owned = distributionPaths(env);
  const fields = pkg.interpreterManifest?.fields;
  const interpreterGlibc = fields?.libc_family === 'glibc' && /^\d+\.\d+/.test(fields.libc_version) ? fields.libc_version : NO_GLIBC_LIMIT;
  const findings: Finding[] = [];
  const hostLibraries = new Set<string>();
  let elfCount = 0;
  for (const [path, info] of [...pkg.elf].sort(([a], [b]) => (a < b ? -1 : 1))) {
    elfCount++;
    if ('error' in info) {
      findings.push({ path, message: `starts like an ELF file but cannot be read: ${info.error}`,
        fix: 'the file is damaged or truncated: recreate the env (or the wheel it came from) and pack again' });
      continue;
    }
    if (info.type !== 'dyn' && info.type !== 'exec') continue; // object files and core dumps load nothing
    const dirInTree = posix.dirname(path) === '.' ? '' : posix.dirname(path);
    const ownFile = isInterpreterPath(path, owned);
    let extraAllowed: string[] | undefined;
    if (ownFile) {
      extraAllowed = info.needed.filter((n) => !isLibpython(n) && !isSystemLibrary(n));
      for (const n of extraAllowed) if (!resolves(n, dirInTree, info, exists)) hostLibraries.add(n);
    }
    findings.push(...linkageFindings(info, {
      path, staticInterpreter, libpython, dirInTree, existsInTree: exists,
      glibcMax: ownFile ? interpreterGlibc : glibcMax,
      extraAllowed,
    }));
  }
  const summary = `${elfCount} ELF files read; glibc floor ${glibcMax}; ${staticInterpreter ? 'static' : 'shared'} interpreter`
    + (hostLibraries.size ? `; host libraries the interpreter needs: ${[...hostLibraries].sort().join(', ')}` : '');
  return { check: checkResult('linkage', findings, { summary }), hostLibraries: [...hostLibraries].sort() };
}

/** Whether a host library is also shipped (then it is not a host need): next to the file or in lib/. */
function resolves(name: string, dir: string, _info: unknown, exists: (p: string) => boolean): boolean {
  return exists(dir === '' ? name : `${dir}/${name}`) || exists(`lib/${name}`);
}
