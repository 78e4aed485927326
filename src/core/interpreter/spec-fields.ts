// The fields of python.json, declared once (shared/json-fields.ts): what validateSpec (spec.ts) reads and
// what docs/config-files.md lists. Every problem names its field and says what to write instead; nothing
// that changes the ABI has a default.
import type { JsonField } from '../../shared/json-fields.js';
import { isJsonObject } from '../../shared/json-fields.js';
import { SUPPORTED_MINORS, versionRow } from './versions.js';

/** Where a field's problems go: collected, and reported together by validateSpec. */
export interface SpecContext {
  bad(field: string, what: string): void;
}

/** Libraries outside glibc a spec may declare the production host provides (static-libs.ts). */
const DECLARABLE_SYSTEM_LIBRARIES = ['libcrypt.so.1'];
const PINNED_FIELDS = ['sha256', 'urls'];
const CONFIGURE_FIELDS = ['shared', 'args'];

/** 3.11.2, 3.12.0rc1, 3.13.0a4: the release versions CPython tarballs carry. */
const VERSION_RE = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)((a|b|rc)(0|[1-9]\d*))?$/;
const SHA256_RE = /^[0-9a-f]{64}$/;
const MODULE_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * Configure arguments pyhermetic sets itself: the prefix is fixed (so the build is reproducible),
 * shared/static comes from configure.shared only (one place decides it), and the relocatable rpath
 * of a shared build goes through LDFLAGS_NODIST.
 */
const RESERVED_ARGS: { re: RegExp; why: string }[] = [
  { re: /^--prefix(=|$)/, why: 'pyhermetic sets the prefix itself (a fixed path, so two builds give the same bytes)' },
  { re: /^--exec-prefix(=|$)/, why: 'pyhermetic sets the prefix itself; the artifact is one prefix' },
  {
    re: /^--(enable|disable)-shared(=|$)/,
    why: 'say shared or static with configure.shared (true or false), not in args',
  },
  { re: /^LDFLAGS_NODIST=/, why: 'pyhermetic sets LDFLAGS_NODIST for the relocatable $ORIGIN rpath of shared builds' },
  {
    re: /^--(disable|enable)-gil(=|$)/,
    why: 'say a free-threaded build with "freeThreaded": true, not in args (one field decides the ABI)',
  },
];

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v} (${JSON.stringify(v)})`;
}

type Pinned = { sha256: string; urls: string[] };

/** A URL a pinned input may be fetched from: http, https or file. */
function pinnedUrl(url: unknown, field: string, ctx: SpecContext): string | undefined {
  if (typeof url !== 'string') {
    ctx.bad(field, `must be a string, got ${typeName(url)}`);
    return undefined;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    ctx.bad(field, `not a URL: ${JSON.stringify(url)}`);
    return undefined;
  }
  if (!['http:', 'https:', 'file:'].includes(parsed.protocol)) {
    ctx.bad(field, `scheme ${parsed.protocol} is not supported (http, https, file)`);
    return undefined;
  }
  return url;
}

/** A pinned input ({"sha256", "urls"}: the source tarball, the build root). */
function pinnedInput(v: unknown, field: string, missingSha: string, ctx: SpecContext): Pinned | undefined {
  if (!isJsonObject(v)) {
    ctx.bad(field, `must be an object, got ${typeName(v)}`);
    return undefined;
  }
  for (const k of Object.keys(v))
    if (!PINNED_FIELDS.includes(k)) ctx.bad(`${field}.${k}`, `unknown field (known: ${PINNED_FIELDS.join(', ')})`);
  let sha = '';
  const s = v.sha256;
  if (s === undefined) ctx.bad(`${field}.sha256`, `missing; ${missingSha}`);
  else if (typeof s !== 'string' || !SHA256_RE.test(s))
    ctx.bad(`${field}.sha256`, `must be 64 lowercase hex digits, got ${typeName(s)}`);
  else sha = s;
  const urls: string[] = [];
  const u = v.urls;
  if (u !== undefined && !Array.isArray(u)) ctx.bad(`${field}.urls`, `must be an array of URLs, got ${typeName(u)}`);
  else if (Array.isArray(u)) {
    for (const [i, url] of u.entries()) {
      const ok = pinnedUrl(url, `${field}.urls[${i}]`, ctx);
      if (ok !== undefined) urls.push(ok);
    }
  }
  return { sha256: sha, urls };
}

/**
 * An optional array whose items each pass `item` (which reports its own problem and returns undefined);
 * `unique`: an item given twice is kept once.
 */
function optionalList<T>(
  v: unknown,
  field: string,
  ctx: SpecContext,
  { of, unique }: { of: string; unique: boolean },
  item: (x: unknown, at: string) => T | undefined,
): T[] {
  const out: T[] = [];
  if (v === undefined) return out;
  if (!Array.isArray(v)) {
    ctx.bad(field, `must be an array of ${of}, got ${typeName(v)}`);
    return out;
  }
  for (const [i, x] of v.entries()) {
    const ok = item(x, `${field}[${i}]`);
    if (ok !== undefined && !(unique && out.includes(ok))) out.push(ok);
  }
  return out;
}

function readConfigure(v: unknown, ctx: SpecContext): { shared: boolean; args: string[] } {
  const configure = { shared: false, args: [] as string[] };
  if (v === undefined) {
    ctx.bad('configure', 'missing; write {"shared": false, "args": []} (shared has no default)');
    return configure;
  }
  if (!isJsonObject(v)) {
    ctx.bad('configure', `must be an object, got ${typeName(v)}`);
    return configure;
  }
  for (const k of Object.keys(v))
    if (!CONFIGURE_FIELDS.includes(k))
      ctx.bad(`configure.${k}`, `unknown field (known: ${CONFIGURE_FIELDS.join(', ')})`);
  const sh = v.shared;
  if (sh === undefined)
    ctx.bad(
      'configure.shared',
      'missing; it has no default on purpose: write true (--enable-shared) or false (static libpython)',
    );
  else if (typeof sh !== 'boolean') ctx.bad('configure.shared', `must be true or false, got ${typeName(sh)}`);
  else configure.shared = sh;
  const a = v.args;
  if (a !== undefined && !Array.isArray(a))
    ctx.bad('configure.args', `must be an array of strings, got ${typeName(a)}`);
  else if (Array.isArray(a)) {
    for (const [i, arg] of a.entries()) {
      if (typeof arg !== 'string') {
        ctx.bad(`configure.args[${i}]`, `must be a string, got ${typeName(arg)}`);
        continue;
      }
      const reserved = RESERVED_ARGS.find((r) => r.re.test(arg));
      if (reserved) {
        ctx.bad(`configure.args[${i}]`, `${JSON.stringify(arg)} is not allowed: ${reserved.why}`);
        continue;
      }
      configure.args.push(arg);
    }
  }
  return configure;
}

const name: JsonField<SpecContext, 'cpython'> = {
  type: '"cpython"',
  required: true,
  doc: 'the implementation; only CPython is built',
  read(v, ctx) {
    if (v === undefined) ctx.bad('name', 'missing; write "name": "cpython"');
    else if (v !== 'cpython') ctx.bad('name', `must be "cpython", got ${typeName(v)}`);
    return 'cpython';
  },
};

const version: JsonField<SpecContext, string> = {
  type: 'string: a CPython release, `3.11.2`, `3.12.0rc1`',
  required: true,
  doc: 'the release the source tarball builds',
  read(v, ctx) {
    if (v === undefined) ctx.bad('version', 'missing; write the CPython release, e.g. "3.11.2"');
    else if (typeof v !== 'string' || !VERSION_RE.test(v))
      ctx.bad('version', `must be a CPython release like "3.11.2" or "3.12.0rc1", got ${typeName(v)}`);
    else if (!versionRow(v))
      ctx.bad('version', `CPython ${v} is not supported (supported: ${SUPPORTED_MINORS.join(', ')})`);
    return v as string;
  },
};

const source: JsonField<SpecContext, Pinned | undefined> = {
  type: '`{"sha256": "<64 hex>", "urls": [http(s)/file URLs]}`',
  required: true,
  doc: 'the source tarball, pinned by its sha256 (`urls` are tried in order; they are not part of the spec hash)',
  read(v, ctx) {
    if (v === undefined) {
      ctx.bad('source', 'missing; write {"sha256": "<64 hex digits>", "urls": [...]}');
      return undefined;
    }
    return pinnedInput(v, 'source', 'the source tarball is pinned by its sha256 (sha256sum Python-X.Y.Z.tgz)', ctx);
  },
};

const configure: JsonField<SpecContext, { shared: boolean; args: string[] }> = {
  type: '`{"shared": true|false, "args": [strings]}`',
  required: true,
  doc: '`shared` has no default (static or shared libpython); `args` go to ./configure, except --prefix, --exec-prefix, --enable/--disable-shared and LDFLAGS_NODIST=, which pyhermetic sets',
  read: readConfigure,
};

const requireModules: JsonField<SpecContext, string[]> = {
  type: 'array of module names',
  default: '`[]`',
  doc: 'modules the self-check imports after the build; a missing one fails the build',
  read: (v, ctx) =>
    optionalList(v, 'requireModules', ctx, { of: 'module names', unique: false }, (m, at) => {
      if (typeof m === 'string' && MODULE_RE.test(m)) return m;
      ctx.bad(at, `must be a module name like "ssl", got ${typeName(m)}`);
      return undefined;
    }),
};

const buildRoot: JsonField<SpecContext, Pinned | undefined> = {
  type: '`{"sha256": "<64 hex>", "urls": [...]}`',
  default: 'built on the host',
  doc: 'the root file system the build runs in (docs/build-root.md), pinned like the source',
  read: (v, ctx) =>
    v === undefined
      ? undefined
      : pinnedInput(
          v,
          'buildRoot',
          'the build root is pinned by its sha256 (what `pyhermetic buildroot create --json` prints, or sha256sum of a rootfs tarball)',
          ctx,
        ),
};

const systemLibraries: JsonField<SpecContext, string[]> = {
  type: 'array of sonames',
  default: '`[]`',
  doc: `libraries outside glibc the production host provides; only ${DECLARABLE_SYSTEM_LIBRARIES.join(', ')} (it builds _crypt)`,
  read: (v, ctx) =>
    optionalList(v, 'systemLibraries', ctx, { of: 'sonames', unique: true }, (lib, at) => {
      if (typeof lib === 'string' && DECLARABLE_SYSTEM_LIBRARIES.includes(lib)) return lib;
      ctx.bad(
        at,
        `${typeName(lib)} cannot be declared: the interpreter needs only glibc from the host; only ${DECLARABLE_SYSTEM_LIBRARIES.join(', ')} may be added (it builds the _crypt module)`,
      );
      return undefined;
    }),
};

const freeThreaded: JsonField<SpecContext, boolean> = {
  type: 'true or false',
  default: "`false` (the GIL build, CPython's default)",
  doc: 'a free-threaded build: configure --disable-gil, `bin/python3.Xt`, ABI flag t (3.13 and later; docs/python-versions.md)',
  read(v, ctx) {
    if (v === undefined || v === false) return false;
    if (v !== true) ctx.bad('freeThreaded', `must be true or false, got ${typeName(v)}`);
    return v === true;
  },
};

/** python.json's fields, in the order they are checked and documented. */
export const SPEC_FIELDS = {
  name,
  version,
  source,
  configure,
  requireModules,
  buildRoot,
  systemLibraries,
  freeThreaded,
};

/** Checks between fields: a free-threaded build needs a version that has one (versions.ts). */
export function crossCheck(v: { version: string; freeThreaded: boolean }, ctx: SpecContext): void {
  const row = typeof v.version === 'string' ? versionRow(v.version) : undefined;
  if (v.freeThreaded && row && !row.freeThreading)
    ctx.bad('freeThreaded', `CPython ${row.minor} has no free-threaded build (--disable-gil exists from 3.13 on)`);
}
