// The linkage rules shared by `cache audit` (one wheel at a time) and `verify` (a whole package):
// what an ELF file may need from the machine it runs on. Modelled on python-build-standalone's
// validation: an explicit allowlist of system libraries (glibc's, plus for a wheel's files the list of
// the manylinux policy its tag claims) plus a glibc floor, and nothing that only exists on the machine
// that built the file.
import { posix } from 'node:path';
import type { Finding } from '../../shared/errors.js';
import { compareVersions, glibcVersions, type ElfInfo } from './elf.js';
import type { ManylinuxPolicy } from './manylinux-policy.js';

/**
 * The dynamic loaders (ld-linux-x86-64.so.2, ld-linux-aarch64.so.1, ld-linux.so.2, ld-linux-armhf.so.3):
 * part of glibc, needed by name by libc users and by executables.
 */
const LD_LINUX = /^ld-linux(?:-[A-Za-z0-9_-]+)?\.so\.\d+$/;

/** libpython3.11.so.1.0, libpython3.7m.so.1.0, libpython3.so, libpython3.13t.so.1.0 … */
const LIBPYTHON = /^libpython\d+(?:\.\d+)?[a-z]*\.so(?:\.[0-9.]+)?$/;

export function isLibpython(name: string): boolean {
  return LIBPYTHON.test(name);
}

/**
 * glibc's own libraries: python-build-standalone's allowlist, and all that the interpreter's own files
 * and the app may need from the production host without a declaration (--allow-system-lib). A wheel's
 * files may also need the libraries of the manylinux policy its platform tag claims (manylinux-policy.ts).
 * The interpreter build's self-check (portable-check.ts) holds every file of the artifact to this list
 * (libcrypt.so.1 only when the spec declares it).
 */
export const GLIBC_LIBRARIES: readonly string[] = [
  'libc.so.6',
  'libm.so.6',
  'libpthread.so.0',
  'libdl.so.2',
  'librt.so.1',
  'libutil.so.1',
  'ld-linux-x86-64.so.2',
];

export function isGlibcLibrary(name: string): boolean {
  return GLIBC_LIBRARIES.includes(name) || LD_LINUX.test(name);
}

/** A soname as --allow-system-lib takes it: libfoo.so.1, libstdc++.so.6, ld-linux-x86-64.so.2. */
export const SONAME_RE = /^[A-Za-z0-9_][A-Za-z0-9_+.-]*\.so(\.[0-9]+)*$/;

/** Compares glibc versions given as `2.17` or `GLIBC_2.17`: negative, zero or positive. */
export function compareGlibc(a: string, b: string): number {
  return compareVersions(a.replace(/^GLIBC_/, ''), b.replace(/^GLIBC_/, ''));
}

/** Accepts `2.17` or `GLIBC_2.17`; returns `2.17`, or undefined when it is not a version. */
export function parseGlibcVersion(text: string): string | undefined {
  const m = /^(?:GLIBC_)?(\d+\.\d+(?:\.\d+)?)$/.exec(text.trim());
  return m ? m[1] : undefined;
}

export interface LinkageContext {
  /** Name for findings (a path inside a package, or `wheel!member`). */
  path: string;
  staticInterpreter: boolean;
  /** The glibc floor, `2.17`. */
  glibcMax: string;
  /**
   * Directory of the ELF inside the tree (POSIX, relative to root) and a predicate saying whether a
   * relative path exists in the tree: enables DT_NEEDED resolution inside a package. Omit in the audit.
   */
  dirInTree?: string;
  existsInTree?: (relPath: string) => boolean;
  /** For a shared interpreter: its INSTSONAME (libpython3.11.so.1.0); another libpython is then a finding. */
  libpython?: string;
  /**
   * Further sonames the caller knows the production host provides (e.g. the libssl/libsqlite3 the
   * interpreter artifact itself was built against). Each must be a deliberate, documented choice.
   */
  extraAllowed?: readonly string[];
  /**
   * The manylinux policy the file's wheel claims: its libraries may come from the host too. Absent:
   * glibc's libraries only (the interpreter's own files, the app, a `linux_*` wheel, --strict-host-libs).
   */
  policy?: ManylinuxPolicy;
}

/** Whether `name` may come from the host under the given rules: glibc's, the policy's, or declared. */
function hostAllowed(ctx: { policy?: ManylinuxPolicy; extraAllowed?: readonly string[] }): (name: string) => boolean {
  const extra = new Set(ctx.extraAllowed ?? []);
  return (name) => isGlibcLibrary(name) || extra.has(name) || (ctx.policy?.libraries.has(name) ?? false);
}

/** Where the rules looked for a library from the host, for a finding: `glibc's libraries or manylinux_2_17's list`. */
function hostRulesText(ctx: { policy?: ManylinuxPolicy }): string {
  return ctx.policy
    ? `one of glibc's libraries or on the ${ctx.policy.name} policy's list`
    : "one of glibc's libraries";
}

const ORIGIN = /^\$(?:ORIGIN|\{ORIGIN\})(?=\/|$)/;

/**
 * Expands a RUNPATH/RPATH entry relative to the ELF's directory inside the tree. Returns undefined when
 * the entry does not start with $ORIGIN, or 'outside' when it climbs above the tree's root.
 */
export function expandOrigin(entry: string, dirInTree: string): string | 'outside' | undefined {
  if (!ORIGIN.test(entry)) return undefined;
  const rest = entry.replace(ORIGIN, '');
  const joined = posix.normalize(posix.join(dirInTree === '' ? '.' : dirInTree, `.${rest}`));
  if (joined === '..' || joined.startsWith('../')) return 'outside';
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}

function searchPathFindings(info: ElfInfo, ctx: LinkageContext): Finding[] {
  const findings: Finding[] = [];
  const lists: [string, string[]][] = [
    ['RUNPATH', info.runpath],
    ['RPATH', info.rpath],
  ];
  for (const [kind, entries] of lists) {
    for (const entry of entries) {
      if (ORIGIN.test(entry)) {
        if (ctx.dirInTree !== undefined && expandOrigin(entry, ctx.dirInTree) === 'outside') {
          findings.push({
            path: ctx.path,
            message: `${kind} entry '${entry}' climbs out of the package (from ${ctx.dirInTree || '.'})`,
            fix: 'the library it looks for is not shipped: bundle it inside the package (auditwheel repair) and point the $ORIGIN path at it',
          });
        }
        continue;
      }
      if (entry.startsWith('/')) {
        findings.push({
          path: ctx.path,
          message: `${kind} entry '${entry}' is an absolute path — a directory of the machine that built this file`,
          fix: 'rebuild it with this interpreter from a pyhermetic-scoped cache (or with a relative $ORIGIN rpath); never share a pip cache across interpreters',
        });
      } else {
        findings.push({
          path: ctx.path,
          message: `${kind} entry '${entry}' is relative to the process's working directory${entry === '' ? ' (an empty entry)' : ''}`,
          fix: 'rebuild it so the entry starts with $ORIGIN (or drop it): a search path that depends on the working directory can load a foreign library',
        });
      }
    }
  }
  return findings;
}

function libpythonFindings(info: ElfInfo, ctx: LinkageContext): Finding[] {
  const findings: Finding[] = [];
  for (const name of info.needed.filter(isLibpython)) {
    if (ctx.staticInterpreter) {
      findings.push({
        path: ctx.path,
        message: `needs ${name}, but the interpreter is static and has no libpython: this extension was built by a shared interpreter (it fails with "cannot open shared object file")`,
        fix: 'built by a shared interpreter: rebuild it with this interpreter (pyhermetic env create gives each interpreter its own cache scope) / never share a pip cache across interpreters',
      });
    } else if (ctx.libpython !== undefined && name !== ctx.libpython) {
      findings.push({
        path: ctx.path,
        message: `needs ${name}, but the interpreter provides ${ctx.libpython}: it was built by another Python version`,
        fix: 'rebuild it with this interpreter; never share a pip cache across interpreters',
      });
    }
  }
  return findings;
}

function glibcFindings(info: ElfInfo, ctx: LinkageContext): Finding[] {
  const above = glibcVersions(info).filter((v) => compareGlibc(v, ctx.glibcMax) > 0);
  if (above.length === 0) return [];
  const highest = above[above.length - 1];
  return [
    {
      path: ctx.path,
      message: `needs GLIBC_${highest} (${above.map((v) => `GLIBC_${v}`).join(', ')}), above the glibc floor ${ctx.glibcMax}: it does not load on a host with an older glibc`,
      fix: `use a wheel built for manylinux_${ctx.glibcMax.replace('.', '_')} or older (pin a version that has one), or raise --glibc-max to ${highest} if every production host has glibc ${highest} or newer`,
    },
  ];
}

/** Whether the loader finds `name` inside the tree through the file's $ORIGIN search path (RUNPATH, else RPATH). */
function resolvesInTree(name: string, info: ElfInfo, dirInTree: string, exists: (p: string) => boolean): boolean {
  // ld.so ignores DT_RPATH when DT_RUNPATH is present.
  const searchPath = info.runpath.length > 0 ? info.runpath : info.rpath;
  for (const entry of searchPath) {
    const dir = expandOrigin(entry, dirInTree);
    if (dir === undefined || dir === 'outside') continue;
    if (exists(dir === '' ? name : `${dir}/${name}`)) return true;
  }
  return false;
}

function neededFindings(info: ElfInfo, ctx: LinkageContext): Finding[] {
  const exists = ctx.existsInTree;
  if (!exists) return [];
  const dir = ctx.dirInTree ?? '';
  const isAllowed = hostAllowed(ctx);
  const findings: Finding[] = [];
  for (const name of info.needed) {
    if (isAllowed(name)) continue;
    if (isLibpython(name)) {
      // Under a shared interpreter the python executable has already loaded its libpython (from the
      // prefix's lib/ through its own $ORIGIN RUNPATH), and the loader matches a later need by soname.
      // Under a static one libpythonFindings has reported it already.
      if (!ctx.staticInterpreter && (exists(`lib/${name}`) || resolvesInTree(name, info, dir, exists))) continue;
      if (!ctx.staticInterpreter) {
        findings.push({
          path: ctx.path,
          message: `needs ${name}, which is not inside the package (not in lib/ nor on its $ORIGIN search path)`,
          fix: "package the interpreter's libpython with it (pack the whole env), or rebuild the extension with this interpreter",
        });
      }
      continue;
    }
    if (name.includes('/')) {
      findings.push({
        path: ctx.path,
        message: `DT_NEEDED '${name}' is a path, not a library name: it only loads where that path exists`,
        fix: 'rebuild it linking the library by name (-lfoo) with an $ORIGIN rpath to a bundled copy',
      });
      continue;
    }
    if (resolvesInTree(name, info, dir, exists)) continue;
    findings.push({
      path: ctx.path,
      message: `needs ${name}, which resolves neither inside the package (through an $ORIGIN RUNPATH/RPATH) nor is ${hostRulesText(ctx)}`,
      fix: `bundle ${name} inside the package next to an $ORIGIN rpath (auditwheel repair does this for wheels), or use a wheel that bundles it`,
    });
  }
  return findings;
}

/** All linkage findings of one ELF file under the given rules; an empty list means it is fine. */
export function linkageFindings(info: ElfInfo, ctx: LinkageContext): Finding[] {
  return [
    ...libpythonFindings(info, ctx),
    ...searchPathFindings(info, ctx),
    ...glibcFindings(info, ctx),
    ...neededFindings(info, ctx),
  ];
}

export interface TreeElf {
  /** POSIX path relative to the tree's root. */
  path: string;
  info: ElfInfo;
}

export type TreeRules = Omit<LinkageContext, 'path' | 'dirInTree' | 'existsInTree'>;

const dirOf = (p: string): string => (posix.dirname(p) === '.' ? '' : posix.dirname(p));

/**
 * Where ld.so looks for obj's needs: its RUNPATH, or — when it has none — its DT_RPATH and then the DT_RPATH
 * of every object that loaded it, up to one with a RUNPATH (RPATH is inherited down the chain, RUNPATH is not).
 */
function searchDirs(obj: TreeElf, parent: Map<TreeElf, TreeElf | undefined>): { owner: TreeElf; entry: string }[] {
  if (obj.info.runpath.length > 0) return obj.info.runpath.map((entry) => ({ owner: obj, entry }));
  const dirs: { owner: TreeElf; entry: string }[] = [];
  for (let o: TreeElf | undefined = obj; o; o = parent.get(o)) {
    if (o !== obj && o.info.runpath.length > 0) break;
    dirs.push(...o.info.rpath.map((entry) => ({ owner: o as TreeElf, entry })));
  }
  return dirs;
}

/** The file of the tree a need resolves to through those directories ($ORIGIN inside the tree only). */
function findInTree(
  name: string,
  dirs: { owner: TreeElf; entry: string }[],
  byPath: Map<string, TreeElf>,
): TreeElf | undefined {
  for (const { owner, entry } of dirs) {
    const dir = expandOrigin(entry, dirOf(owner.path));
    if (dir === undefined || dir === 'outside') continue;
    const found = byPath.get(dir === '' ? name : `${dir}/${name}`);
    if (found) return found;
  }
  return undefined;
}

/** libpython needs under a shared interpreter: satisfied by the prefix's lib/ (see neededFindings). */
function unpackedLibpythonFindings(files: TreeElf[], byPath: Map<string, TreeElf>): Finding[] {
  const findings: Finding[] = [];
  for (const f of files) {
    for (const name of f.info.needed.filter(isLibpython)) {
      if (byPath.has(`lib/${name}`) || [...byPath.keys()].some((p) => posix.basename(p) === name)) continue;
      findings.push({
        path: f.path,
        message: `needs ${name}, which is not inside the package (not in lib/)`,
        fix: "package the interpreter's libpython with it (pack the whole env), or rebuild the extension with this interpreter",
      });
    }
  }
  return findings;
}

/**
 * Linkage of a whole tree (a package, an env, a wheel's members) the way ld.so loads it: every ELF file
 * gets the per-file checks; DT_NEEDED resolution is simulated from each root (an ELF file no other file
 * in the tree needs: extension modules, executables, plugins) breadth-first, like _dl_map_object_deps:
 * a name already loaded in that chain (by SONAME or file name) is satisfied; otherwise the object's
 * RUNPATH is searched, or — when it has none — its DT_RPATH and then the DT_RPATH of every object that
 * loaded it (RPATH is inherited down the chain, RUNPATH is not). This is what makes auditwheel's
 * `pkg.libs/` work when the bundled libraries carry no search path of their own.
 */
export function treeLinkageFindings(files: TreeElf[], rules: TreeRules): Finding[] {
  const findings: Finding[] = [];
  for (const f of files) findings.push(...linkageFindings(f.info, { ...rules, path: f.path }));

  const byPath = new Map(files.map((f) => [f.path, f]));
  const isAllowed = hostAllowed(rules);
  const neededNames = new Set(files.flatMap((f) => f.info.needed));
  const isNeededByAnother = (f: TreeElf) =>
    neededNames.has(posix.basename(f.path)) || (f.info.soname !== undefined && neededNames.has(f.info.soname));
  // Roots first; then anything no root reached (a dependency cycle, or a library only something outside
  // the tree loads) is walked from itself, so every file is judged at least once.
  const order = [...files.filter((f) => !isNeededByAnother(f)), ...files.filter(isNeededByAnother)];
  const visited = new Set<TreeElf>();
  const unresolved = new Map<string, { path: string; name: string; root: string }>();

  for (const root of order) {
    if (visited.has(root)) continue;
    const loaded = new Map<string, TreeElf>();
    const parent = new Map<TreeElf, TreeElf | undefined>([[root, undefined]]);
    const queue: TreeElf[] = [root];
    const markLoaded = (f: TreeElf) => {
      loaded.set(posix.basename(f.path), f);
      if (f.info.soname) loaded.set(f.info.soname, f);
    };
    markLoaded(root);
    for (let i = 0; i < queue.length && i < 100_000; i++) {
      const obj = queue[i];
      visited.add(obj);
      // Map every direct need of obj before descending (breadth-first), as ld.so does.
      for (const name of obj.info.needed) {
        if (isAllowed(name) || name.includes('/')) continue;
        if (isLibpython(name)) continue; // judged by linkageFindings / neededFindings rules below
        if (loaded.has(name)) continue;
        const found = findInTree(name, searchDirs(obj, parent), byPath);
        if (!found) {
          if (!unresolved.has(`${obj.path}\0${name}`))
            unresolved.set(`${obj.path}\0${name}`, { path: obj.path, name, root: root.path });
          continue;
        }
        markLoaded(found);
        if (!parent.has(found)) {
          parent.set(found, obj);
          queue.push(found);
        }
      }
    }
  }
  for (const { path, name, root } of unresolved.values()) {
    const via = root === path ? '' : ` (when loaded by ${root})`;
    findings.push({
      path,
      message: `needs ${name}${via}, which resolves neither inside the package (through an $ORIGIN RUNPATH/RPATH of it or of what loads it) nor is ${hostRulesText(rules)}`,
      fix: `bundle ${name} inside the package next to an $ORIGIN rpath (auditwheel repair does this for wheels), or use a wheel that bundles it`,
    });
  }
  if (!rules.staticInterpreter) findings.push(...unpackedLibpythonFindings(files, byPath));
  return findings;
}
