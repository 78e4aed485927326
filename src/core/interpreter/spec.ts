// python.json: the interpreter spec. Every field that changes what gets built is explicit; nothing
// that changes the ABI has a default (a floating default is how the poison-wheel outage began).
import { readUserJson } from '../../shared/user-json.js';
import { UsageError } from '../../shared/errors.js';
import { canonicalJson, sha256Hex } from '../../shared/canonical.js';
import type { PythonSpec } from '../model/manifests.js';

const TOP_FIELDS = ['name', 'version', 'source', 'configure', 'requireModules', 'buildRoot', 'systemLibraries'];
/** Libraries outside glibc a spec may declare the production host provides (static-libs.ts). */
const DECLARABLE_SYSTEM_LIBRARIES = ['libcrypt.so.1'];
const SOURCE_FIELDS = ['sha256', 'urls'];
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
];

export class SpecError extends UsageError {}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v} (${JSON.stringify(v)})`;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

type Pinned = { sha256: string; urls: string[] };

/** A pinned input ({"sha256", "urls"}: the source tarball, the build root); problems go to `bad`. */
function pinnedInput(
  v: unknown,
  field: string,
  missingSha: string,
  bad: (field: string, what: string) => void,
): Pinned | undefined {
  if (!isObject(v)) {
    bad(field, `must be an object, got ${typeName(v)}`);
    return undefined;
  }
  for (const k of Object.keys(v))
    if (!SOURCE_FIELDS.includes(k)) bad(`${field}.${k}`, `unknown field (known: ${SOURCE_FIELDS.join(', ')})`);
  let sha = '';
  const s = v.sha256;
  if (s === undefined) bad(`${field}.sha256`, `missing; ${missingSha}`);
  else if (typeof s !== 'string' || !SHA256_RE.test(s))
    bad(`${field}.sha256`, `must be 64 lowercase hex digits, got ${typeName(s)}`);
  else sha = s;
  const urls: string[] = [];
  const u = v.urls;
  if (u !== undefined && !Array.isArray(u)) bad(`${field}.urls`, `must be an array of URLs, got ${typeName(u)}`);
  else if (Array.isArray(u)) {
    for (const [i, url] of u.entries()) {
      if (typeof url !== 'string') {
        bad(`${field}.urls[${i}]`, `must be a string, got ${typeName(url)}`);
        continue;
      }
      let parsed: URL | undefined;
      try {
        parsed = new URL(url);
      } catch {
        bad(`${field}.urls[${i}]`, `not a URL: ${JSON.stringify(url)}`);
        continue;
      }
      if (!['http:', 'https:', 'file:'].includes(parsed.protocol)) {
        bad(`${field}.urls[${i}]`, `scheme ${parsed.protocol} is not supported (http, https, file)`);
        continue;
      }
      urls.push(url);
    }
  }
  return { sha256: sha, urls };
}

/**
 * Validates a parsed python.json and returns the normalised spec (optional lists filled in).
 * All problems are reported at once, each naming its field; `where` names the file in the message.
 */
export function validateSpec(doc: unknown, where = 'python.json'): PythonSpec {
  const problems: string[] = [];
  const bad = (field: string, what: string) => problems.push(`${field}: ${what}`);
  if (!isObject(doc))
    throw new SpecError(`${where}: the spec must be a JSON object, got ${typeName(doc)}`, EXAMPLE_HINT);

  for (const k of Object.keys(doc))
    if (!TOP_FIELDS.includes(k)) bad(k, `unknown field (known: ${TOP_FIELDS.join(', ')})`);

  if (doc.name === undefined) bad('name', 'missing; write "name": "cpython"');
  else if (doc.name !== 'cpython') bad('name', `must be "cpython", got ${typeName(doc.name)}`);

  if (doc.version === undefined) bad('version', 'missing; write the CPython release, e.g. "3.11.2"');
  else if (typeof doc.version !== 'string' || !VERSION_RE.test(doc.version)) {
    bad('version', `must be a CPython release like "3.11.2" or "3.12.0rc1", got ${typeName(doc.version)}`);
  }

  let source: Pinned | undefined;
  if (doc.source === undefined) bad('source', 'missing; write {"sha256": "<64 hex digits>", "urls": [...]}');
  else
    source = pinnedInput(
      doc.source,
      'source',
      'the source tarball is pinned by its sha256 (sha256sum Python-X.Y.Z.tgz)',
      bad,
    );
  let buildRoot: Pinned | undefined;
  if (doc.buildRoot !== undefined)
    buildRoot = pinnedInput(
      doc.buildRoot,
      'buildRoot',
      'the build root is pinned by its sha256 (what `pyhermetic buildroot create --json` prints, or sha256sum of a rootfs tarball)',
      bad,
    );

  let shared = false;
  const args: string[] = [];
  if (doc.configure === undefined)
    bad('configure', 'missing; write {"shared": false, "args": []} (shared has no default)');
  else if (!isObject(doc.configure)) bad('configure', `must be an object, got ${typeName(doc.configure)}`);
  else {
    for (const k of Object.keys(doc.configure))
      if (!CONFIGURE_FIELDS.includes(k)) bad(`configure.${k}`, `unknown field (known: ${CONFIGURE_FIELDS.join(', ')})`);
    const sh = doc.configure.shared;
    if (sh === undefined)
      bad(
        'configure.shared',
        'missing; it has no default on purpose: write true (--enable-shared) or false (static libpython)',
      );
    else if (typeof sh !== 'boolean') bad('configure.shared', `must be true or false, got ${typeName(sh)}`);
    else shared = sh;
    const a = doc.configure.args;
    if (a !== undefined && !Array.isArray(a)) bad('configure.args', `must be an array of strings, got ${typeName(a)}`);
    else if (Array.isArray(a)) {
      for (const [i, arg] of a.entries()) {
        if (typeof arg !== 'string') {
          bad(`configure.args[${i}]`, `must be a string, got ${typeName(arg)}`);
          continue;
        }
        const reserved = RESERVED_ARGS.find((r) => r.re.test(arg));
        if (reserved) {
          bad(`configure.args[${i}]`, `${JSON.stringify(arg)} is not allowed: ${reserved.why}`);
          continue;
        }
        args.push(arg);
      }
    }
  }

  const requireModules: string[] = [];
  const rm = doc.requireModules;
  if (rm !== undefined && !Array.isArray(rm))
    bad('requireModules', `must be an array of module names, got ${typeName(rm)}`);
  else if (Array.isArray(rm)) {
    for (const [i, m] of rm.entries()) {
      if (typeof m !== 'string' || !MODULE_RE.test(m)) {
        bad(`requireModules[${i}]`, `must be a module name like "ssl", got ${typeName(m)}`);
        continue;
      }
      requireModules.push(m);
    }
  }

  const systemLibraries: string[] = [];
  const sl = doc.systemLibraries;
  if (sl !== undefined && !Array.isArray(sl))
    bad('systemLibraries', `must be an array of sonames, got ${typeName(sl)}`);
  else if (Array.isArray(sl)) {
    for (const [i, lib] of sl.entries()) {
      if (typeof lib !== 'string' || !DECLARABLE_SYSTEM_LIBRARIES.includes(lib)) {
        bad(
          `systemLibraries[${i}]`,
          `${typeName(lib)} cannot be declared: the interpreter needs only glibc from the host; only ${DECLARABLE_SYSTEM_LIBRARIES.join(', ')} may be added (it builds the _crypt module)`,
        );
        continue;
      }
      if (!systemLibraries.includes(lib)) systemLibraries.push(lib);
    }
  }

  if (problems.length > 0) {
    throw new SpecError(
      `${where}: invalid interpreter spec:\n${problems.map((p) => `  ${p}`).join('\n')}`,
      EXAMPLE_HINT,
    );
  }
  return {
    name: 'cpython',
    version: doc.version as string,
    source: source!,
    configure: { shared, args },
    requireModules,
    ...(buildRoot ? { buildRoot } : {}),
    // Only present when declared, so the identity (and build key) of specs without it does not change.
    ...(systemLibraries.length > 0 ? { systemLibraries } : {}),
  };
}

const EXAMPLE_HINT = `fix the field(s) named above; a complete spec looks like:
{
  "name": "cpython",
  "version": "3.11.2",
  "source": { "sha256": "2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849",
              "urls": ["https://www.python.org/ftp/python/3.11.2/Python-3.11.2.tgz"] },
  "configure": { "shared": false, "args": ["--with-ensurepip=install"] },
  "requireModules": ["ssl", "zlib", "ctypes", "sqlite3", "lzma", "bz2"]
}`;

/** Reads and validates a python.json file (exit 2 naming the file and field on any problem). */
export async function loadSpec(file: string): Promise<PythonSpec> {
  const doc = readUserJson(file, {
    what: 'the spec',
    hint: 'pass --spec with the path of a python.json',
    syntaxHint: 'fix the JSON syntax',
    error: SpecError,
  });
  return validateSpec(doc, file);
}

/**
 * The spec's identity. source.urls (and buildRoot.urls) are left out on purpose: it says where the bytes can be fetched,
 * not what is built (the sha256 pins that), so moving a mirror must not invalidate every build.
 */
export function specIdentity(spec: PythonSpec): unknown {
  return {
    ...spec,
    source: { sha256: spec.source.sha256 },
    ...(spec.buildRoot ? { buildRoot: { sha256: spec.buildRoot.sha256 } } : {}),
  };
}

/** sha256 of the canonical JSON of specIdentity(spec). */
export function specSha256(spec: PythonSpec): string {
  return sha256Hex(canonicalJson(specIdentity(spec)));
}
