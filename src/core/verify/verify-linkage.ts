// Check `linkage`: every ELF file of the package — the interpreter's own included — under the shared
// rules of linkage.ts, resolved as ld.so loads the tree (treeLinkageFindings): DT_NEEDED resolves inside
// the package ($ORIGIN honoured, RPATH inherited) or may come from the host, no libpython under a
// static interpreter, no absolute RUNPATH, GLIBC versions within the floor. A file that starts like an
// ELF but does not parse is a finding too (never a crash).
//
// The floor defaults to the interpreter's own (interpreter.json `glibcFloor`, else the highest
// GLIBC_x.y its files need): a package never runs below its interpreter, so a lower default would be a
// report that lies. What may come from the host is verify-host-libraries.ts's to say: glibc's libraries
// for the interpreter's files and the app, plus the manylinux policy's list for a wheel's files, plus
// what is declared (--allow-system-lib); the report lists each library with what allows it.
import type { Finding } from '../../shared/errors.js';
import { glibcVersions } from '../abi/elf.js';
import { compareGlibc, treeLinkageFindings, type TreeElf } from '../abi/linkage.js';
import { declaredGlibcFloor, highestGlibc } from '../interpreter/glibc-floor.js';
import { isAppPath, isInterpreterPath } from '../package/package-layout.js';
import type { PackageContents } from '../package/package-read.js';
import { checkResult, type CheckResult, type WhereItRuns } from '../model/report.js';
import { distributionRules, hostLibraryCheck, systemLibrarySummary } from './verify-host-libraries.js';

export interface LinkageResult {
  check: CheckResult;
  glibcFloor: WhereItRuns['glibcFloor'];
  hostLibraryRules: WhereItRuns['hostLibraryRules'];
  systemLibraries: WhereItRuns['systemLibraries'];
  hostLibraries: WhereItRuns['hostLibraries'];
}

export interface LinkageOptions {
  /** The glibc floor; undefined: the interpreter's own. */
  glibcMax?: string;
  /** Libraries the production hosts provide besides glibc's (--allow-system-lib). */
  allowSystemLibs: string[];
  /** --strict-host-libs: glibc's libraries only for every file, the manylinux policies' lists not allowed. */
  strictHostLibs?: boolean;
}

/** Passed to the shared rules so that they judge no glibc version: this check judges it with owners named. */
const NO_GLIBC_LIMIT = '999.0';

/** Who a file of the package belongs to: `interpreter`, `app`, or the distribution `name version`. */
function ownerOf(pkg: PackageContents): (path: string) => string {
  const env = pkg.manifest!.env;
  const byPath = new Map<string, string>();
  for (const d of env.distributions) for (const f of d.files) byPath.set(f.path, `${d.name} ${d.version}`);
  const owned = new Set(byPath.keys());
  return (path) => {
    if (isAppPath(path)) return 'app';
    if (isInterpreterPath(path, owned)) return 'interpreter';
    return byPath.get(path) ?? 'site-packages (no distribution owns it)';
  };
}

function glibcFinding(
  path: string,
  owner: string,
  versions: string[],
  floor: string,
  source: string,
): Finding | undefined {
  const above = versions.filter((v) => compareGlibc(v, floor) > 0);
  if (above.length === 0) return undefined;
  const highest = above[above.length - 1];
  const tag = `manylinux_${floor.replace('.', '_')}`;
  return {
    path,
    message: `needs GLIBC_${highest} (${above.map((v) => `GLIBC_${v}`).join(', ')}), above the glibc floor ${floor} (${source}); belongs to: ${owner}. It does not load on a host with an older glibc`,
    fix:
      owner === 'interpreter'
        ? `use an interpreter built in an older build root (its glibc ≤ ${floor}, e.g. a Debian 11 root for 2.31, a manylinux2014 export for 2.17), or raise --glibc-max to ${highest} if every production host has glibc ${highest} or newer`
        : `use a wheel of an older manylinux tag (${tag} or older: pin a version that has one), or raise --glibc-max to ${highest} if every production host has glibc ${highest} or newer`,
  };
}

export function linkageCheck(pkg: PackageContents, opts: LinkageOptions): LinkageResult {
  const env = pkg.manifest!.env;
  const staticInterpreter = !env.interpreter.shared;
  const [major, minor] = env.interpreter.version.split('.');
  const libpython = staticInterpreter ? undefined : `libpython${major}.${minor}.so.1.0`;
  const owner = ownerOf(pkg);
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

  // The floor: given, declared by the interpreter, or what the interpreter's own files need.
  const interpreterNeeds = highestGlibc(loadable.filter((f) => owner(f.path) === 'interpreter').map((f) => f.info));
  const declared = declaredGlibcFloor(pkg.interpreterManifest);
  const floor: WhereItRuns['glibcFloor'] = opts.glibcMax
    ? { version: opts.glibcMax, source: '--glibc-max', interpreterNeeds: interpreterNeeds ?? null }
    : declared
      ? { version: declared, source: 'glibcFloor of interpreter.json', interpreterNeeds: interpreterNeeds ?? null }
      : {
          version: interpreterNeeds ?? null,
          source: "the interpreter's own files (interpreter.json declares no glibcFloor)",
          interpreterNeeds: interpreterNeeds ?? null,
        };

  // Libraries from outside the package, each judged by the rule of whom the file belongs to.
  const strict = opts.strictHostLibs ?? false;
  const host = hostLibraryCheck({
    loadable,
    owner,
    rules: distributionRules(pkg, strict),
    declared: new Set(opts.allowSystemLibs),
    strict,
    unparsed: [...pkg.elf].filter(([, info]) => 'error' in info).map(([path]) => path),
  });
  findings.push(...host.findings);
  findings.push(
    ...treeLinkageFindings(loadable, {
      staticInterpreter,
      libpython,
      glibcMax: NO_GLIBC_LIMIT,
      extraAllowed: host.fromHost,
    }),
  );
  if (floor.version) {
    for (const f of loadable) {
      const g = glibcFinding(f.path, owner(f.path), glibcVersions(f.info), floor.version, floor.source);
      if (g) findings.push(g);
    }
  }
  findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const libs = host.systemLibraries;
  const unused = libs.filter((l) => l.neededBy.length === 0).map((l) => l.name);
  const needed = libs.filter((l) => l.neededBy.length > 0);
  const summary =
    `${pkg.elf.size} ELF files read; glibc floor ${floor.version ?? 'none'} (${floor.source}; the interpreter's files need ${interpreterNeeds ?? 'no versioned glibc'}); ${staticInterpreter ? 'static' : 'shared'} interpreter` +
    (needed.length
      ? `; libraries from the host: ${needed.map(systemLibrarySummary).join(', ')}`
      : '; needs nothing from the host but glibc') +
    (strict ? '; --strict-host-libs: no manylinux policy allowance' : '') +
    (unused.length ? `; declared but not needed: ${unused.join(', ')}` : '');
  return {
    check: checkResult('linkage', findings, { summary }),
    glibcFloor: floor,
    hostLibraryRules: host.rules,
    systemLibraries: libs,
    hostLibraries: host.hostLibraries,
  };
}
