// Check `linkage`: every ELF file of the package under the shared rules of linkage.ts, resolved as
// ld.so loads the tree (treeLinkageFindings): DT_NEEDED resolves inside the package ($ORIGIN honoured,
// RPATH inherited) or is a system library, no libpython under a static interpreter, no absolute
// RUNPATH, GLIBC versions within the floor. A file that starts like an ELF but does not parse is a
// finding too (never a crash).
//
// The interpreter's own files (outside site-packages and app/, owned by no distribution) are held to
// the host they were built for: they may need the host libraries the interpreter was configured
// against (libssl, libsqlite3, libffi …, listed in the report) — every host that runs the interpreter
// has them, so any file may rely on them — and the glibc of the build host (the libc of its
// fingerprint). The glibc floor (--glibc-max) applies to everything else: the distributions and the app.
import type { Finding } from '../../shared/errors.js';
import { glibcVersions } from '../abi/elf.js';
import { compareGlibc, isLibpython, isSystemLibrary, treeLinkageFindings, type TreeElf } from '../abi/linkage.js';
import { distributionPaths, isInterpreterPath } from '../package/package-layout.js';
import type { PackageContents } from '../package/package-read.js';
import { checkResult, type CheckResult } from '../report/index.js';

export interface LinkageResult {
  check: CheckResult;
  /** Libraries the interpreter's own files need from the host (not in the package, not on the allowlist). */
  hostLibraries: string[];
}

/** Passed to the shared rules so that they judge no glibc version: this check applies two floors itself. */
const NO_GLIBC_LIMIT = '999.0';

function glibcFinding(path: string, versions: string[], floor: string, interpreterFile: boolean): Finding | undefined {
  const above = versions.filter((v) => compareGlibc(v, floor) > 0);
  if (above.length === 0) return undefined;
  const highest = above[above.length - 1];
  if (interpreterFile) {
    return {
      path,
      message: `needs GLIBC_${highest}, newer than the glibc ${floor} of the host the interpreter was built on`,
      fix: 'the interpreter artifact was changed after its build: rebuild it with `pyhermetic interpreter build`',
    };
  }
  return {
    path,
    message: `needs GLIBC_${highest} (${above.map((v) => `GLIBC_${v}`).join(', ')}), above the glibc floor ${floor}: it does not load on a host with an older glibc`,
    fix: `use a wheel built for manylinux_${floor.replace('.', '_')} or older (pin a version that has one), or raise --glibc-max to ${highest} if every production host has glibc ${highest} or newer`,
  };
}

export function linkageCheck(pkg: PackageContents, glibcMax: string): LinkageResult {
  const env = pkg.manifest!.env;
  const staticInterpreter = !env.interpreter.shared;
  const [major, minor] = env.interpreter.version.split('.');
  const libpython = staticInterpreter ? undefined : `libpython${major}.${minor}.so.1.0`;
  const owned = distributionPaths(env);
  const fields = pkg.interpreterManifest?.fields;
  const interpreterGlibc =
    fields?.libc_family === 'glibc' && /^\d+\.\d+/.test(fields.libc_version) ? fields.libc_version : NO_GLIBC_LIMIT;
  const findings: Finding[] = [];
  const loadable: TreeElf[] = [];
  for (const [path, info] of pkg.elf) {
    if ('error' in info) {
      findings.push({
        path,
        message: `starts like an ELF file but cannot be read: ${info.error}`,
        fix: 'the file is damaged or truncated: recreate the env (or the wheel it came from) and pack again',
      });
    } else if (info.type === 'dyn' || info.type === 'exec') {
      loadable.push({ path, info }); // object files and core dumps load nothing
    }
  }
  const inTree = new Set(loadable.flatMap((f) => [f.path.slice(f.path.lastIndexOf('/') + 1), f.info.soname ?? '']));
  const hostLibraries = new Set<string>();
  for (const f of loadable) {
    if (!isInterpreterPath(f.path, owned)) continue;
    for (const n of f.info.needed) if (!isLibpython(n) && !isSystemLibrary(n) && !inTree.has(n)) hostLibraries.add(n);
  }
  findings.push(
    ...treeLinkageFindings(loadable, {
      staticInterpreter,
      libpython,
      glibcMax: NO_GLIBC_LIMIT,
      extraAllowed: [...hostLibraries],
    }),
  );
  for (const f of loadable) {
    const own = isInterpreterPath(f.path, owned);
    const g = glibcFinding(f.path, glibcVersions(f.info), own ? interpreterGlibc : glibcMax, own);
    if (g) findings.push(g);
  }
  findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const summary =
    `${pkg.elf.size} ELF files read; glibc floor ${glibcMax} (the interpreter's own files: ${interpreterGlibc === NO_GLIBC_LIMIT ? 'its build host' : `glibc ${interpreterGlibc} of its build host`}); ${staticInterpreter ? 'static' : 'shared'} interpreter` +
    (hostLibraries.size ? `; host libraries the interpreter needs: ${[...hostLibraries].sort().join(', ')}` : '');
  return { check: checkResult('linkage', findings, { summary }), hostLibraries: [...hostLibraries].sort() };
}
