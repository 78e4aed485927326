// An interpreter entry is trusted for what it is, never for where it came from (DESIGN.md "Trust
// model"). Before a remote entry is stored, and whenever `store verify` looks at a local one:
//   1. interpreter.json is an interpreter manifest: its spec is a valid spec whose hash is specSha256,
//      the spec asked for (remote reads), and its buildKey is the entry's key, recomputed from the spec
//      hash and the recorded host key or build root (a field that merely says so is not enough);
//   2. its fingerprint is the hash of its fields, and the fields are what the spec implies: shared or
//      static, the version, debug, the GIL, the ABI switches, SOABI;
//   3. the artifact holds exactly the files interpreter.json lists (sha256 each), and the copy of
//      interpreter.json inside it is the one beside it;
//   4. the interpreter, extracted, answers the fingerprint probe with the recorded fields.
// Each problem names the field. The static entry served under a shared build's key (the poison-wheel
// outage one level up) fails 1, or 2 if interpreter.json was rewritten too, or 3/4 if the tarball was.
import { readFile, rm } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { tmpdir } from 'node:os';
import { canonicalJson } from '../../shared/canonical.js';
import { ownedTempDir } from '../../shared/dead-temps.js';
import { PyhermeticError } from '../../shared/errors.js';
import { extractTarGz } from '../archive/archive.js';
import type { FileRecord, InterpreterManifest, PythonSpec } from '../model/manifests.js';
import type { FingerprintFields } from '../model/fingerprint-fields.js';
import { ABI_SWITCHES, compareFields, fingerprintOf, fingerprintPython } from './fingerprint.js';
import { buildKeyOf } from './hostkey.js';
import { extractionLimitsOf } from './interpreter-cache.js';
import { specSha256, validateSpec } from './spec.js';

export interface WantedInterpreter {
  /** The store key the entry is under (the build key asked for). */
  key: string;
  /** The hash of the spec asked for; absent for `store verify` (the recorded spec is the one asked for). */
  specSha256?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const RELEASE_LEVEL: Record<string, string> = { a: 'alpha', b: 'beta', rc: 'candidate', '': 'final' };

/** The ABI switches a spec's configure line gives (build.ts adds --enable-shared for a shared build). */
function impliedSwitches(spec: PythonSpec): string[] {
  const words = [...spec.configure.args, ...(spec.configure.shared ? ['--enable-shared'] : [])];
  const found = new Set<string>();
  for (const w of words) {
    const [flag, value] = w.split('=', 2);
    if (ABI_SWITCHES.includes(flag) && !['no', 'false', '0'].includes((value ?? '').toLowerCase())) found.add(flag);
  }
  return [...found].sort();
}

/** Where the fingerprint fields contradict the spec (empty when they are what it implies). */
export function specImpliedProblems(spec: PythonSpec, f: FingerprintFields): string[] {
  const problems: string[] = [];
  const shared = f.Py_ENABLE_SHARED === 1;
  if (shared !== spec.configure.shared)
    problems.push(
      `fields.Py_ENABLE_SHARED is ${f.Py_ENABLE_SHARED} (a ${shared ? 'shared' : 'static'} build), the spec asks for configure.shared ${spec.configure.shared}`,
    );
  if (f.implementation !== 'cpython') problems.push(`fields.implementation is ${f.implementation}, not cpython`);
  const m = /^(\d+)\.(\d+)\.(\d+)(a|b|rc)?(\d+)?$/.exec(spec.version);
  const want = m ? [Number(m[1]), Number(m[2]), Number(m[3]), RELEASE_LEVEL[m[4] ?? ''], Number(m[5] ?? 0)] : [];
  if (canonicalJson(f.version_info) !== canonicalJson(want))
    problems.push(`fields.version_info is ${JSON.stringify(f.version_info)}, the spec asks for ${spec.version}`);
  const switches = impliedSwitches(spec);
  if (canonicalJson(f.abi_switches) !== canonicalJson(switches))
    problems.push(
      `fields.abi_switches is ${JSON.stringify(f.abi_switches)}, the spec's configure implies ${JSON.stringify(switches)}`,
    );
  const debug = switches.includes('--with-pydebug') ? 1 : 0;
  const nogil = switches.includes('--disable-gil') ? 1 : 0;
  if (f.Py_DEBUG !== debug) problems.push(`fields.Py_DEBUG is ${f.Py_DEBUG}, the spec implies ${debug}`);
  if (f.Py_GIL_DISABLED !== nogil)
    problems.push(`fields.Py_GIL_DISABLED is ${f.Py_GIL_DISABLED}, the spec implies ${nogil}`);
  const soabi = m ? `cpython-${m[1]}${m[2]}${nogil ? 't' : ''}${debug ? 'd' : ''}-` : '?';
  if (!f.SOABI?.startsWith(soabi))
    problems.push(`fields.SOABI is ${JSON.stringify(f.SOABI)}, the spec implies ${soabi}…`);
  return problems;
}

/** The build key recorded fields give: the spec hash with the build root, or with the host key. */
function recomputedKey(doc: InterpreterManifest): string | undefined {
  if (doc.buildRoot) return buildKeyOf(doc.specSha256, null, doc.buildRoot.sha256);
  const h = doc.hostKey as unknown;
  if (!isObject(h) || typeof h.compiler !== 'string' || typeof h.glibc !== 'string' || typeof h.machine !== 'string')
    return undefined;
  return buildKeyOf(doc.specSha256, { compiler: h.compiler, glibc: h.glibc, machine: h.machine });
}

/** The parsed interpreter.json and what is wrong with it on its own (checks 1 and 2). */
export function interpreterJsonProblems(
  text: string,
  want: WantedInterpreter,
): { doc?: InterpreterManifest; problems: string[] } {
  let doc: InterpreterManifest;
  try {
    doc = JSON.parse(text) as InterpreterManifest;
  } catch (err) {
    return { problems: [`interpreter.json is not JSON (${(err as Error).message})`] };
  }
  if (!isObject(doc) || doc.kind !== 'pyhermetic-interpreter' || doc.schema !== 1)
    return { problems: ['interpreter.json is not an interpreter manifest (kind, schema)'] };
  let spec: PythonSpec;
  try {
    spec = validateSpec(doc.spec, 'interpreter.json spec');
  } catch (err) {
    return { problems: [`interpreter.json spec: ${err instanceof PyhermeticError ? err.message : String(err)}`] };
  }
  const problems: string[] = [];
  const hash = specSha256(spec);
  if (doc.specSha256 !== hash) problems.push(`specSha256 is ${String(doc.specSha256)}, its spec hashes to ${hash}`);
  if (want.specSha256 !== undefined && hash !== want.specSha256)
    problems.push(`specSha256: the entry is for spec ${hash}, this build asked for spec ${want.specSha256}`);
  if (doc.buildKey !== want.key) problems.push(`buildKey is ${String(doc.buildKey)}, the entry's key is ${want.key}`);
  const key = typeof doc.specSha256 === 'string' ? recomputedKey(doc) : undefined;
  if (key !== want.key)
    problems.push(
      `buildKey: the spec hash with the recorded ${doc.buildRoot ? 'build root' : 'hostKey'} gives ${key ?? 'nothing'}, not ${want.key}`,
    );
  if ((doc.buildRoot?.sha256 ?? null) !== (spec.buildRoot?.sha256 ?? null))
    problems.push(`buildRoot is ${doc.buildRoot?.sha256 ?? 'none'}, the spec's is ${spec.buildRoot?.sha256 ?? 'none'}`);
  if (doc.sourceSha256 !== spec.source.sha256)
    problems.push(`sourceSha256 is ${String(doc.sourceSha256)}, the spec's source is ${spec.source.sha256}`);
  if (!isObject(doc.fields)) problems.push('fields is missing');
  else {
    if (fingerprintOf(doc.fields) !== doc.fingerprint)
      problems.push(`fingerprint is ${String(doc.fingerprint)}, its fields hash to ${fingerprintOf(doc.fields)}`);
    problems.push(...specImpliedProblems(spec, doc.fields));
  }
  if (!Array.isArray(doc.files) || doc.files.some((f) => !isObject(f) || typeof f.path !== 'string'))
    problems.push('files is not a list of file records');
  const py = typeof doc.python === 'string' ? posix.normalize(doc.python) : '';
  if (!py || py.startsWith('/') || py.startsWith('..') || !doc.files?.some?.((f) => f?.path === py))
    problems.push(`python ${JSON.stringify(doc.python)} is not a file the manifest lists`);
  return { doc, problems };
}

/**
 * What the fingerprint probe never reads, so it is hashed but not written: the static libpython (50+
 * MiB), headers, docs, pip's wheels, tests, site-packages, caches. Every file is still checked (3).
 */
const NOT_NEEDED_BY_THE_PROBE =
  /^(include\/|share\/|lib\/libpython[^/]*\.a$|lib\/python[^/]+\/(site-packages|test|config-[^/]+|ensurepip|idlelib|lib2to3|pydoc_data|tkinter|turtledemo|unittest|distutils)\/|.*\/(tests?|idle_test|__pycache__)\/)/;

/** Checks 3: the extracted files against interpreter.json (and its copy inside the tarball). */
function filesProblems(records: FileRecord[], doc: InterpreterManifest, besideSha256: string): string[] {
  const got = new Map(records.map((r) => [r.path, r]));
  const problems: string[] = [];
  for (const f of doc.files) {
    const r = got.get(f.path);
    got.delete(f.path);
    if (!r) problems.push(`files: ${f.path} is listed but not in the artifact`);
    else if (r.sha256 !== f.sha256 || (r.link ?? null) !== (f.link ?? null))
      problems.push(`files: ${f.path} in the artifact has sha256 ${r.sha256}, interpreter.json says ${f.sha256}`);
  }
  const inside = got.get('interpreter.json');
  got.delete('interpreter.json');
  if (!inside || inside.sha256 !== besideSha256)
    problems.push("interpreter.json: the artifact's own copy is not the interpreter.json beside it");
  for (const path of [...got.keys()].slice(0, 5))
    problems.push(`files: the artifact holds ${path}, which is not listed`);
  return problems;
}

/**
 * Every problem of an interpreter entry (empty when it is what was asked for). `artifact` and
 * `manifest` are the paths of interpreter.tar.gz and interpreter.json; `manifestSha256` the latter's hash.
 */
export async function interpreterEntryProblems(
  files: { artifact: string; manifest: string; manifestSha256: string },
  want: WantedInterpreter,
): Promise<string[]> {
  const { doc, problems } = interpreterJsonProblems(await readFile(files.manifest, 'utf8'), want);
  if (!doc || problems.length > 0) return problems;
  const dir = await ownedTempDir(tmpdir(), 'pyhermetic-trust-');
  try {
    const prefix = join(dir, 'prefix');
    let records: FileRecord[];
    try {
      records = await extractTarGz(files.artifact, prefix, extractionLimitsOf(doc.files), {
        write: (path) => !NOT_NEEDED_BY_THE_PROBE.test(path),
      });
    } catch (err) {
      if (!(err instanceof PyhermeticError)) throw err;
      return [`interpreter.tar.gz cannot be extracted as interpreter.json describes it: ${err.message}`];
    }
    const fileProblems = filesProblems(records, doc, files.manifestSha256);
    if (fileProblems.length > 0) return fileProblems;
    let probed: FingerprintFields;
    try {
      probed = (await fingerprintPython(join(prefix, doc.python), { timeoutMs: 60_000 })).fields;
    } catch (err) {
      if (!(err instanceof PyhermeticError)) throw err;
      return [`the extracted interpreter does not answer the fingerprint probe: ${err.message}`];
    }
    // libc_version is the glibc of the machine the probe runs on (a build-root interpreter recorded its
    // root's): what the artifact needs is its glibc floor, which verify checks. Every other field is its own.
    return compareFields(doc.fields, probed)
      .filter((d) => d.field !== 'libc_version')
      .map(
        (d) =>
          `fields.${d.field} is ${JSON.stringify(d.a)} in interpreter.json, the extracted interpreter says ${JSON.stringify(d.b)}`,
      );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
