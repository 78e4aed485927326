// The interpreter fingerprint: a hash over exactly the properties that decide whether a compiled
// extension built by one interpreter can load in another. Paths, optimisation flags and dates are
// left out on purpose, so the same installation copied elsewhere keeps its fingerprint, while a
// shared vs static build (the poison-wheel outage) or another patch version does not.
import { hostSandbox, type BuildSandbox } from './build-sandbox.js';
import { realpath, stat } from 'node:fs/promises';
import { EnvironmentError, UsageError } from '../../shared/errors.js';
import { scrubbedEnv, tail } from '../../shared/exec.js';
import { canonicalJson, sha256Hex } from '../../shared/canonical.js';
import type { Fingerprint, FingerprintFields } from '../model/fingerprint-fields.js';

/**
 * Runs inside the interpreter. Written to parse on Python 2.7 too, so that an old interpreter gets a
 * clear "unsupported" from us instead of a SyntaxError from it.
 */
export const PROBE = `
import sys, json, struct, sysconfig, platform, os
v = sysconfig.get_config_var
impl = getattr(sys, 'implementation', None)
libc = ''
try:
    libc = os.confstr('CS_GNU_LIBC_VERSION') or ''
except (AttributeError, ValueError, OSError):
    pass
if not libc:
    name, ver = platform.libc_ver()
    libc = (name + ' ' + ver).strip()
raw = {
  'implementation': impl.name if impl else platform.python_implementation().lower(),
  'cache_tag': impl.cache_tag if impl else None,
  'version_info': list(sys.version_info),
  'SOABI': v('SOABI'), 'EXT_SUFFIX': v('EXT_SUFFIX'), 'ABIFLAGS': v('ABIFLAGS'),
  'Py_ENABLE_SHARED': v('Py_ENABLE_SHARED'), 'LDLIBRARY': v('LDLIBRARY'), 'INSTSONAME': v('INSTSONAME'),
  'Py_DEBUG': v('Py_DEBUG'), 'Py_TRACE_REFS': v('Py_TRACE_REFS'), 'Py_GIL_DISABLED': v('Py_GIL_DISABLED'),
  'MULTIARCH': v('MULTIARCH'), 'HOST_GNU_TYPE': v('HOST_GNU_TYPE'), 'machine': platform.machine(),
  'pointer_bits': struct.calcsize('P') * 8, 'byteorder': sys.byteorder,
  'libc': libc, 'CONFIG_ARGS': v('CONFIG_ARGS') or '',
}
sys.stdout.write('PYHERMETIC-PROBE ' + json.dumps(raw) + '\\n')
`;

/** The configure switches that change the ABI; every other configure argument is left out. */
export const ABI_SWITCHES = [
  '--enable-shared',
  '--with-pydebug',
  '--disable-gil',
  '--with-trace-refs',
  '--without-pymalloc',
];

/** Splits CONFIG_ARGS (a shell-quoted word list as configure recorded it) into words. */
export function splitConfigArgs(configArgs: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: string | null = null;
  for (let i = 0; i < configArgs.length; i++) {
    const ch = configArgs[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < configArgs.length) cur += configArgs[++i];
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < configArgs.length) {
      cur += configArgs[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/** The ABI switches present in CONFIG_ARGS, normalised (`--enable-shared=yes` → `--enable-shared`), sorted. */
export function abiSwitches(configArgs: string): string[] {
  const found = new Set<string>();
  for (const word of splitConfigArgs(configArgs)) {
    const [flag, value] = word.split('=', 2);
    if (!ABI_SWITCHES.includes(flag)) continue;
    if (value !== undefined && ['no', 'false', '0'].includes(value.toLowerCase())) continue;
    found.add(flag);
  }
  return [...found].sort();
}

const asFlag = (v: unknown): number => (v === 1 || v === '1' || v === true ? 1 : 0);
const asText = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

/** Reduces the probe's raw output to the fingerprint fields (pure; unit-tested). */
export function reduceFields(raw: Record<string, unknown>): FingerprintFields {
  const libc = String(raw.libc ?? '').trim();
  const [family, version] = libc.includes(' ') ? libc.split(/\s+/, 2) : [libc || 'unknown', ''];
  return {
    implementation: String(raw.implementation ?? 'unknown'),
    cache_tag: asText(raw.cache_tag),
    version_info: Array.isArray(raw.version_info)
      ? raw.version_info.map((x) => (typeof x === 'number' ? x : String(x)))
      : [],
    SOABI: asText(raw.SOABI),
    EXT_SUFFIX: asText(raw.EXT_SUFFIX),
    ABIFLAGS: raw.ABIFLAGS === null || raw.ABIFLAGS === undefined ? null : String(raw.ABIFLAGS),
    Py_ENABLE_SHARED: asFlag(raw.Py_ENABLE_SHARED),
    LDLIBRARY: asText(raw.LDLIBRARY),
    INSTSONAME: asText(raw.INSTSONAME),
    Py_DEBUG: asFlag(raw.Py_DEBUG),
    Py_TRACE_REFS: asFlag(raw.Py_TRACE_REFS),
    Py_GIL_DISABLED: asFlag(raw.Py_GIL_DISABLED),
    MULTIARCH: asText(raw.MULTIARCH),
    HOST_GNU_TYPE: asText(raw.HOST_GNU_TYPE),
    machine: String(raw.machine ?? ''),
    pointer_bits: Number(raw.pointer_bits ?? 0),
    byteorder: String(raw.byteorder ?? ''),
    libc_family: family === 'glibc' ? 'glibc' : family.toLowerCase(),
    libc_version: version ?? '',
    abi_switches: abiSwitches(String(raw.CONFIG_ARGS ?? '')),
  };
}

export function fingerprintOf(fields: FingerprintFields): string {
  return sha256Hex(canonicalJson(fields));
}

export interface FieldDifference {
  field: string;
  a: unknown;
  b: unknown;
}

export function compareFields(a: FingerprintFields, b: FingerprintFields): FieldDifference[] {
  const diffs: FieldDifference[] = [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    const va = (a as unknown as Record<string, unknown>)[key];
    const vb = (b as unknown as Record<string, unknown>)[key];
    if (canonicalJson(va) !== canonicalJson(vb)) diffs.push({ field: key, a: va, b: vb });
  }
  return diffs;
}

/** A one-word summary per field for humans: `3.11.2`, `static`, `glibc 2.36`. */
export function describe(fields: FingerprintFields): Record<string, string> {
  const [major, minor, micro, level, serial] = fields.version_info;
  const pre = level && level !== 'final' ? `${String(level)[0]}${serial}` : '';
  return {
    version: `${fields.implementation} ${major}.${minor}.${micro}${pre}`,
    linkage: fields.Py_ENABLE_SHARED ? `shared (${fields.INSTSONAME ?? fields.LDLIBRARY})` : 'static',
    debug: fields.Py_DEBUG ? 'yes' : 'no',
    abi: fields.SOABI ?? `${fields.cache_tag}${fields.ABIFLAGS ?? ''}`,
    libc: `${fields.libc_family} ${fields.libc_version}`.trim(),
    machine: `${fields.machine} ${fields.pointer_bits}-bit ${fields.byteorder}-endian`,
  };
}

/**
 * What a lock's `python=` header says and refusals name: `3.11.2`, `3.14.7t` (free-threaded: the ABI
 * flags follow the version, as in python3.14t).
 */
export function pythonLabel(fields: FingerprintFields): string {
  return `${fields.version_info.slice(0, 3).join('.')}${fields.ABIFLAGS ?? ''}`;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Runs the probe in the interpreter at `python` and returns its fingerprint. */
export async function fingerprintPython(
  python: string,
  opts: { timeoutMs?: number; sandbox?: BuildSandbox } = {},
): Promise<Fingerprint> {
  let resolved: string;
  try {
    resolved = await realpath(python);
  } catch {
    throw new UsageError(
      `no such file: ${python}`,
      'pass the path of a python executable, e.g. /usr/bin/python3 or <prefix>/bin/python3',
    );
  }
  const st = await stat(resolved);
  if (st.isDirectory()) {
    throw new EnvironmentError(
      `${python} is a directory, not a python executable`,
      `pass its interpreter, e.g. ${python.replace(/\/$/, '')}/bin/python3`,
    );
  }
  if ((st.mode & 0o111) === 0) {
    throw new EnvironmentError(
      `${python} is not executable (mode ${(st.mode & 0o777).toString(8)})`,
      'pass an executable python, or chmod +x it if it is one',
    );
  }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // -E -s -S: ignore PYTHON* variables, user site and site.py (every Python has these flags, 2.7 too,
  // which -I lacks); cwd / and a scrubbed environment so nothing local can shadow the stdlib.
  // A sandbox (the build root a fresh build ran in) sees the interpreter at the same path.
  const res = await (opts.sandbox ?? hostSandbox).run(resolved, ['-E', '-s', '-S', '-c', PROBE], {
    cwd: '/',
    env: scrubbedEnv(),
    timeoutMs,
  });
  if (res.timedOut) {
    throw new EnvironmentError(
      `${python} did not answer the probe within ${timeoutMs / 1000} s and was killed`,
      'check that it is a working python (run it by hand), or raise --timeout',
    );
  }
  if (res.spawnError) {
    throw new EnvironmentError(
      `could not run ${python}: ${res.spawnError}`,
      'pass the path of a working python executable',
    );
  }
  const line = res.stdout.split('\n').find((l) => l.startsWith('PYHERMETIC-PROBE '));
  if (res.exitCode !== 0 || !line) {
    const said = tail(`${res.stdout}${res.stderr}`.trim(), 8) || '(no output)';
    throw new EnvironmentError(
      `${python} is not a python this can fingerprint: the probe exited ${res.exitCode ?? res.signal} and printed:\n${said.replace(/^/gm, '    ')}`,
      'pass the path of a CPython 3.6+ executable',
    );
  }
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(line.slice('PYHERMETIC-PROBE '.length));
  } catch {
    throw new EnvironmentError(
      `${python} answered the probe with something that is not JSON: ${line.slice(0, 200)}`,
      'pass a CPython 3.6+ executable',
    );
  }
  const fields = reduceFields(raw);
  const [major, minor] = fields.version_info as number[];
  if (fields.implementation !== 'cpython') {
    throw new UsageError(
      `${python} is ${fields.implementation} ${major}.${minor}: unsupported`,
      'pyhermetic supports CPython 3.6 and newer',
    );
  }
  if (major < 3 || (major === 3 && minor < 6)) {
    throw new UsageError(
      `${python} is CPython ${fields.version_info.slice(0, 3).join('.')}: unsupported`,
      'pyhermetic supports CPython 3.6 and newer',
    );
  }
  return { fingerprint: fingerprintOf(fields), fields, python: resolved };
}
