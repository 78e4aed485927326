// What differs between CPython minor versions for a static build in the build root: the one place that
// knows. static-libs.ts writes Modules/Setup.local from STATIC_MODULES and the row of the spec's
// version; build.ts adds the row's configure arguments and post-configure fixes. Every row says why it
// differs; a version without a row is refused (exit 2) before anything is fetched or compiled.
//
// The suite builds 3.9.2, 3.11.2, 3.13.5 and the free-threaded 3.14 in the Debian 11 build root; the
// matrix demo (scripts/demo-matrix.sh) builds 3.14 with the GIL as well. 3.10 and 3.12 share the
// build system of their neighbours (configure + Setup.stdlib since 3.11, setup.py before) and have
// rows, but no test builds them: docs/python-versions.md says so.

/** A source file pyhermetic writes into the extracted CPython tree before configure. */
export interface SourceShim {
  /** Relative to the source directory. */
  path: string;
  content: string;
}

export interface VersionRow {
  /** `3.9`, `3.14`: the rows are keyed by major.minor. */
  minor: string;
  /**
   * How CPython decides which modules to build. `setup.py` (≤ 3.10): Modules/Setup.local makes the
   * library modules built-ins, setup.py skips built-ins and builds the rest (decimal, …) as shared
   * modules that need only glibc. `configure` (≥ 3.11): configure + Modules/Setup.stdlib; 3.13 made
   * pkg-config the way configure finds libraries and 3.14 kept it: Setup.local still wins.
   */
  buildSystem: 'setup.py' | 'configure';
  /** _sqlite sources (3.11 added blob.c; 3.9 still has the statement cache in cache.c). */
  sqliteSources: string[];
  /** Extra flags of _sqlite3 (words makesetup accepts: none may contain '='). */
  sqliteFlags: string[];
  /** Extra flags of readline (3.9 has no --with-readline=editline: its readline.c is pointed at libedit). */
  readlineFlags: string[];
  /** Files written into the source tree (shims the flags above name). */
  shims: SourceShim[];
  /** pyconfig.h macros removed after configure: configure probed GNU readline, the module links libedit. */
  pyconfigUndefine: string[];
  /** Configure arguments of a static build (after --with-openssl, before the spec's own). */
  configureArgs: string[];
  /** Standard modules this version no longer has (PEP 594 removals): nothing to disable or report. */
  removedModules: string[];
  /** Modules of this version left out on purpose beyond static-libs.ts's list, each with the reason. */
  omitted: { name: string; why: string }[];
  /** Whether configure has --disable-gil (PEP 703: 3.13 experimental, 3.14 supported). */
  freeThreading: boolean;
}

const SQLITE_311 = [
  'blob.c',
  'connection.c',
  'cursor.c',
  'microprotocols.c',
  'module.c',
  'prepare_protocol.c',
  'row.c',
  'statement.c',
  'util.c',
].map((f) => `_sqlite/${f}`);

const SQLITE_39 = [
  'cache.c',
  'connection.c',
  'cursor.c',
  'microprotocols.c',
  'module.c',
  'prepare_protocol.c',
  'row.c',
  'statement.c',
  'util.c',
].map((f) => `_sqlite/${f}`);

/**
 * 3.9's _sqlite needs MODULE_NAME="sqlite3" (setup.py passes it with -D). A Setup line cannot hold '=',
 * so the definition is a header forced in with -include (makesetup passes a word after -Xcompiler on).
 */
const SQLITE_39_NAME = 'Modules/_sqlite/pyhermetic_module_name.h';
/** 3.9's readline.c includes <readline/readline.h> and <readline/history.h>: these lead to libedit's. */
const EDITLINE_SHIM_DIR = 'Modules/pyhermetic_editline';

const NO_ZSTD = {
  name: '_zstd',
  why: 'needs libzstd ≥ 1.4.5 linked in, which the build root does not ship as a static library; compression.zstd is new in 3.14',
};

const CONFIGURE_ROW = {
  buildSystem: 'configure' as const,
  sqliteSources: SQLITE_311,
  sqliteFlags: [],
  readlineFlags: [],
  shims: [],
  pyconfigUndefine: [],
  configureArgs: ['--with-readline=editline'],
  removedModules: [],
  omitted: [],
  freeThreading: false,
};

export const VERSION_ROWS: VersionRow[] = [
  {
    // setup.py era: no --with-readline=editline; configure probes GNU readline (its headers are in the
    // root), so the one feature libedit lacks is taken back out of pyconfig.h.
    minor: '3.9',
    buildSystem: 'setup.py',
    sqliteSources: SQLITE_39,
    sqliteFlags: [
      '-Xcompiler',
      '-include',
      '-Xcompiler',
      `$(srcdir)/${SQLITE_39_NAME}`,
      '-DSQLITE_OMIT_LOAD_EXTENSION',
    ],
    readlineFlags: [`-I$(srcdir)/${EDITLINE_SHIM_DIR}`],
    shims: [
      {
        path: SQLITE_39_NAME,
        content: '/* pyhermetic: what setup.py passes as -DMODULE_NAME */\n#define MODULE_NAME "sqlite3"\n',
      },
      {
        path: `${EDITLINE_SHIM_DIR}/readline/readline.h`,
        content: '/* pyhermetic: readline links libedit (BSD), not GNU readline */\n#include <editline/readline.h>\n',
      },
      { path: `${EDITLINE_SHIM_DIR}/readline/history.h`, content: '/* pyhermetic: in <editline/readline.h> */\n' },
    ],
    pyconfigUndefine: ['HAVE_RL_COMPLETION_SUPPRESS_APPEND'],
    configureArgs: [],
    removedModules: [],
    omitted: [],
    freeThreading: false,
  },
  // 3.10: setup.py still builds the shared modules, but --with-readline=editline exists.
  { ...CONFIGURE_ROW, minor: '3.10', buildSystem: 'setup.py', sqliteSources: SQLITE_39 },
  // 3.11: configure + Setup.stdlib; the reference row (the first version pyhermetic built).
  { ...CONFIGURE_ROW, minor: '3.11' },
  { ...CONFIGURE_ROW, minor: '3.12' },
  // 3.13: crypt and nis are gone (PEP 594); --disable-gil exists (experimental). configure now prefers a
  // system libmpdec and falls back to the bundled one: said explicitly, so the root's packages cannot
  // change which one is built in.
  {
    ...CONFIGURE_ROW,
    minor: '3.13',
    configureArgs: ['--with-readline=editline', '--without-system-libmpdec'],
    removedModules: ['nis', '_crypt'],
    freeThreading: true,
  },
  // 3.14: as 3.13, plus _zstd (compression.zstd), left out.
  {
    ...CONFIGURE_ROW,
    minor: '3.14',
    configureArgs: ['--with-readline=editline', '--without-system-libmpdec'],
    removedModules: ['nis', '_crypt'],
    omitted: [NO_ZSTD],
    freeThreading: true,
  },
];

export const SUPPORTED_MINORS = VERSION_ROWS.map((r) => r.minor);

/** `3.14.7` → `3.14`. */
export const minorOf = (version: string): string => version.split('.').slice(0, 2).join('.');

/** The row of a spec's version, or undefined (spec.ts refuses such a spec). */
export function versionRow(version: string): VersionRow | undefined {
  return VERSION_ROWS.find((r) => r.minor === minorOf(version));
}

/** Like versionRow, for callers after validation (the spec was checked). */
export function rowOf(version: string): VersionRow {
  const row = versionRow(version);
  if (!row) throw new Error(`no build row for CPython ${version} (spec validation lets none through)`);
  return row;
}

/** The interpreter's name in bin/: python3.11, python3.14t (free-threaded builds carry ABI flag t). */
export function pythonName(version: string, freeThreaded = false): string {
  return `python${minorOf(version)}${freeThreaded ? 't' : ''}`;
}

/** Removes `#define NAME …` lines of pyconfig.h (configure's answer about a library the module does not link). */
export function undefinePyconfig(text: string, names: readonly string[]): string {
  if (names.length === 0) return text;
  return text
    .split('\n')
    .map((line) => {
      const m = /^#define\s+(\S+)\b/.exec(line);
      return m && names.includes(m[1]) ? `/* ${m[1]}: taken out by pyhermetic (versions.ts) */` : line;
    })
    .join('\n');
}
