// Which libraries the standard extension modules are linked with, and how: for a static interpreter
// (configure.shared false) every module that needs a library outside glibc is compiled INTO the python
// executable through `Modules/Setup.local` `*static*` lines naming the archive (`-l:libffi.a`), the way
// python-build-standalone builds its static distributions.
//
// Why into the executable and not as shared extension modules linked with the .a: Debian's static
// archives are compiled as position-independent *executable* code (-fPIE, gcc's default), not -fPIC;
// linking them into a shared object fails ("relocation R_X86_64_PC32 … can not be used when making a
// shared object"), linking them into an executable works. A shared interpreter (configure.shared true)
// would need them inside libpython.so, which has the same problem: shared builds keep linking the
// host's libraries dynamically (see docs/portable-interpreter.md), and their self-check only reports.
//
// The archives' symbols are not exported from the executable (--exclude-libs), so a wheel that brings
// its own libssl or libz is never bound to our copy by symbol interposition.
//
// Modules that would need other host libraries are disabled on purpose (OMITTED_MODULES).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { EnvironmentError } from '../../shared/errors.js';
import type { StepRunner } from './openssl.js';
import { unpackOpenssl } from './openssl-entry.js';
import { rowOf, undefinePyconfig, type VersionRow } from './versions.js';

/** A library linked from a Debian -dev package's static archive. */
export interface DebianArchive {
  /** The archive's file name, e.g. libffi.a (in the multiarch library directory). */
  archive: string;
  /** The Debian binary package that ships it. */
  package: string;
  /** SPDX licence expression of the library. */
  licence: string;
}

export const LIB_DIR = '/usr/lib/x86_64-linux-gnu';

const A = (archive: string, pkg: string, licence: string): DebianArchive => ({ archive, package: pkg, licence });
const FFI = A('libffi.a', 'libffi-dev', 'MIT');
const SQLITE = A('libsqlite3.a', 'libsqlite3-dev', 'blessing');
const LZMA = A('liblzma.a', 'liblzma-dev', 'LicenseRef-public-domain');
const BZ2 = A('libbz2.a', 'libbz2-dev', 'bzip2-1.0.6');
const Z = A('libz.a', 'zlib1g-dev', 'Zlib');
const EDIT = A('libedit.a', 'libedit-dev', 'BSD-3-Clause');
const BSD = A('libbsd.a', 'libbsd-dev', 'BSD-3-Clause AND ISC');
const MD = A('libmd.a', 'libmd-dev', 'BSD-3-Clause AND ISC');
const NCURSESW = A('libncursesw.a', 'libncurses-dev', 'X11');
const PANELW = A('libpanelw.a', 'libncurses-dev', 'X11');
const TINFO = A('libtinfo.a', 'libncurses-dev', 'X11');
const UUID = A('libuuid.a', 'uuid-dev', 'BSD-3-Clause');

export interface StaticModule {
  name: string;
  /** Sources, relative to Modules/ (as in Setup.stdlib.in / setup.py of CPython 3.11). */
  sources: string[];
  cflags: string[];
  archives: DebianArchive[];
  /** Whether it links OpenSSL's libssl.a / libcrypto.a (from the private prefix). */
  openssl?: 'ssl' | 'crypto';
  /** glibc libraries the archives need (explicit for glibc < 2.34, where they are separate). */
  glibc: string[];
}

export const STATIC_MODULES: StaticModule[] = [
  { name: '_ssl', sources: ['_ssl.c'], cflags: [], archives: [], openssl: 'ssl', glibc: ['-lpthread', '-ldl'] },
  {
    name: '_hashlib',
    sources: ['_hashopenssl.c'],
    cflags: [],
    archives: [],
    openssl: 'crypto',
    glibc: ['-lpthread', '-ldl'],
  },
  {
    name: '_sqlite3',
    // Sources and extra flags per version: versions.ts.
    sources: [],
    cflags: ['-I$(srcdir)/Modules/_sqlite'],
    archives: [SQLITE],
    glibc: ['-lm', '-ldl', '-lpthread'],
  },
  { name: '_lzma', sources: ['_lzmamodule.c'], cflags: [], archives: [LZMA], glibc: ['-lpthread'] },
  { name: '_bz2', sources: ['_bz2module.c'], cflags: [], archives: [BZ2], glibc: [] },
  { name: 'zlib', sources: ['zlibmodule.c'], cflags: [], archives: [Z], glibc: [] },
  // configure links binascii with zlib (its crc32) as well.
  { name: 'binascii', sources: ['binascii.c'], cflags: ['-DUSE_ZLIB_CRC32'], archives: [Z], glibc: [] },
  { name: '_uuid', sources: ['_uuidmodule.c'], cflags: ['-I/usr/include/uuid'], archives: [UUID], glibc: [] },
  {
    name: '_ctypes',
    sources: ['_ctypes.c', 'callbacks.c', 'callproc.c', 'stgdict.c', 'cfield.c'].map((f) => `_ctypes/${f}`),
    // What setup.py derives by grepping ffi.h; every libffi since 3.3 (Debian 11) has all three.
    cflags: ['-DHAVE_FFI_PREP_CIF_VAR', '-DHAVE_FFI_PREP_CLOSURE_LOC', '-DHAVE_FFI_CLOSURE_ALLOC'],
    archives: [FFI],
    glibc: ['-ldl'],
  },
  // libedit (BSD) instead of GNU readline (GPL-3); configure is told --with-readline=editline.
  { name: 'readline', sources: ['readline.c'], cflags: [], archives: [EDIT, BSD, MD, TINFO], glibc: [] },
  {
    name: '_curses',
    sources: ['_cursesmodule.c'],
    cflags: ['-DHAVE_NCURSESW', '-I/usr/include/ncursesw'],
    archives: [NCURSESW, TINFO],
    glibc: [],
  },
  {
    name: '_curses_panel',
    sources: ['_curses_panel.c'],
    cflags: ['-DHAVE_NCURSESW', '-I/usr/include/ncursesw'],
    archives: [PANELW, NCURSESW, TINFO],
    glibc: [],
  },
];

/** Left out on purpose: each would make the interpreter need a library the production host may lack. */
export const OMITTED_MODULES: { name: string; why: string }[] = [
  { name: '_tkinter', why: 'needs Tcl/Tk and X11 shared libraries (libtcl8.6, libtk8.6, libX11)' },
  { name: 'nis', why: 'needs libnsl and libtirpc; NIS is obsolete and the module is deprecated (PEP 594)' },
  { name: '_dbm', why: 'needs libgdbm_compat or Berkeley DB; dbm.dumb works without it' },
  { name: '_gdbm', why: 'needs libgdbm (GPL-3); dbm.dumb works without it' },
  {
    name: '_crypt',
    why: 'needs libcrypt.so.1 (libxcrypt); deprecated (PEP 594); not among glibc libraries the artifact may need',
  },
];

/**
 * The modules a spec leaves out: _crypt comes back when the spec declares libcrypt.so.1; modules the
 * version no longer has are not listed, modules only it has are (versions.ts).
 */
export function omittedModules(
  systemLibraries: readonly string[] | undefined,
  version: string,
): { name: string; why: string }[] {
  const row = rowOf(version);
  return [
    ...OMITTED_MODULES.filter(
      (m) =>
        !(m.name === '_crypt' && (systemLibraries ?? []).includes('libcrypt.so.1')) &&
        !row.removedModules.includes(m.name),
    ),
    ...row.omitted,
  ];
}

/** A module of STATIC_MODULES as this version builds it (sources and flags from its row). */
function forVersion(m: StaticModule, row: VersionRow): StaticModule {
  if (m.name === '_sqlite3') return { ...m, sources: row.sqliteSources, cflags: [...m.cflags, ...row.sqliteFlags] };
  if (m.name === 'readline') return { ...m, cflags: [...row.readlineFlags, ...m.cflags] };
  return m;
}

/** Extra configure arguments of a static build (the user's args come first and win where they conflict). */
export function staticConfigureArgs(opensslStaged: string, version: string): string[] {
  // --with-openssl points configure's OpenSSL checks at our headers; the module itself is linked by
  // Setup.local. The staged path is inside the build directory, which the installed files do not name.
  return [`--with-openssl=${opensslStaged}`, ...rowOf(version).configureArgs];
}

/**
 * Modules/Setup.local of a static build: the modules above built in, the omitted ones disabled.
 * No word may contain '=': makesetup takes such a line for a make variable (hence -DHAVE_NCURSESW, not =1).
 */
export function setupLocal(
  opensslStaged: string,
  systemLibraries: readonly string[] | undefined,
  version: string,
): string {
  const row = rowOf(version);
  const allArchives = [
    'libssl.a',
    'libcrypto.a',
    ...new Set(STATIC_MODULES.flatMap((m) => m.archives.map((a) => a.archive))),
  ];
  const lines = [
    '# Written by pyhermetic (static-libs.ts): library modules built into the interpreter, statically linked.',
    '*static*',
  ];
  for (const m of STATIC_MODULES.map((sm) => forVersion(sm, row))) {
    const libs: string[] = [];
    if (m.openssl) {
      libs.push(`-L${opensslStaged}/lib`);
      if (m.openssl === 'ssl') libs.push('-l:libssl.a');
      libs.push('-l:libcrypto.a');
    }
    for (const a of m.archives) libs.push(`-l:${a.archive}`);
    libs.push(...m.glibc);
    const cflags = m.openssl ? [`-I${opensslStaged}/include`, ...m.cflags] : m.cflags;
    lines.push([m.name, ...m.sources, ...cflags, ...libs].join(' '));
  }
  // Appended to the first module's libs by makesetup; applies to the whole link of the executable.
  lines[2] += ` -Wl,--exclude-libs,${allArchives.join(':')}`;
  lines.push('*disabled*');
  for (const o of omittedModules(systemLibraries, version)) lines.push(o.name);
  return `${lines.join('\n')}\n`;
}

/**
 * Exit 3 naming the missing archives and the packages that ship them, before anything is compiled.
 * Runs as a build step, so it looks where the build runs (the host or the build root).
 */
async function checkArchives(runStep: StepRunner, cwd: string): Promise<void> {
  const wanted = debianArchives();
  const script = 'for f in "$@"; do [ -f "$f" ] || echo "$f"; done';
  const r = await runStep(
    'static libraries present',
    ['sh', '-c', script, 'sh', ...wanted.map((a) => `${LIB_DIR}/${a.archive}`)],
    cwd,
  );
  const missing = r.stdout.split('\n').filter(Boolean);
  if (missing.length === 0) return;
  const pkgs = [...new Set(wanted.filter((a) => missing.includes(`${LIB_DIR}/${a.archive}`)).map((a) => a.package))];
  throw new EnvironmentError(
    `a static interpreter links these archives, which are missing: ${missing.join(', ')}`,
    `install the -dev packages that ship them: apt-get install ${pkgs.join(' ')}`,
  );
}

/** Every Debian archive a static build links, once each. */
export function debianArchives(): DebianArchive[] {
  const seen = new Map<string, DebianArchive>();
  for (const m of STATIC_MODULES) for (const a of m.archives) seen.set(a.archive, a);
  return [...seen.values()];
}

export interface StaticLibsContext {
  buildDir: string;
  /** The extracted CPython source directory. */
  src: string;
  /** OpenSSL's staged prefix as the store keeps it (openssl-entry.ts). */
  opensslArchive: string;
  /** The spec's CPython version: which row of versions.ts applies. */
  version: string;
  systemLibraries?: readonly string[];
  /** Runs one build step the way build.ts runs configure and make (it owns where commands run). */
  runStep: StepRunner;
}

/**
 * The build hook of a static interpreter, run after the source is extracted and before configure:
 * unpacks the kept OpenSSL, writes the version's shims and Modules/Setup.local, returns the configure arguments to add.
 */
export async function prepareStaticLibs(ctx: StaticLibsContext): Promise<string[]> {
  await checkArchives(ctx.runStep, ctx.src);
  const staged = await unpackOpenssl(ctx.opensslArchive, ctx.buildDir);
  for (const shim of rowOf(ctx.version).shims) {
    await mkdir(dirname(join(ctx.src, shim.path)), { recursive: true });
    await writeFile(join(ctx.src, shim.path), shim.content);
  }
  await writeFile(join(ctx.src, 'Modules', 'Setup.local'), setupLocal(staged, ctx.systemLibraries, ctx.version));
  return staticConfigureArgs(staged, ctx.version);
}

/** After configure: pyconfig.h loses what configure found in a library the module does not link (versions.ts). */
export async function fixPyconfig(src: string, version: string): Promise<void> {
  const names = rowOf(version).pyconfigUndefine;
  if (names.length === 0) return;
  const file = join(src, 'pyconfig.h');
  await writeFile(file, undefinePyconfig(await readFile(file, 'utf8'), names));
}
