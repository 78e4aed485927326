// python.json: the interpreter spec. Every field that changes what gets built is explicit; nothing
// that changes the ABI has a default (a floating default is how the poison-wheel outage began).
import { readUserJson } from '../../shared/user-json.js';
import { UsageError } from '../../shared/errors.js';
import { canonicalJson, sha256Hex } from '../../shared/canonical.js';
import type { PythonSpec } from '../model/manifests.js';
import { isJsonObject, readFields, unknownKeys } from '../../shared/json-fields.js';
import { crossCheck, SPEC_FIELDS, typeName } from './spec-fields.js';

export class SpecError extends UsageError {}

/**
 * Validates a parsed python.json and returns the normalised spec (optional lists filled in).
 * All problems are reported at once, each naming its field; `where` names the file in the message.
 */
export function validateSpec(doc: unknown, where = 'python.json'): PythonSpec {
  if (!isJsonObject(doc))
    throw new SpecError(`${where}: the spec must be a JSON object, got ${typeName(doc)}`, EXAMPLE_HINT);
  const problems: string[] = [];
  const ctx = { bad: (field: string, what: string) => problems.push(`${field}: ${what}`) };
  for (const k of unknownKeys(doc, SPEC_FIELDS))
    ctx.bad(k, `unknown field (known: ${Object.keys(SPEC_FIELDS).join(', ')})`);
  const v = readFields(doc, SPEC_FIELDS, ctx);
  crossCheck(v, ctx);
  if (problems.length > 0) {
    throw new SpecError(
      `${where}: invalid interpreter spec:\n${problems.map((p) => `  ${p}`).join('\n')}`,
      EXAMPLE_HINT,
    );
  }
  return {
    name: 'cpython',
    version: v.version,
    source: v.source!,
    configure: v.configure,
    requireModules: v.requireModules,
    ...(v.buildRoot ? { buildRoot: v.buildRoot } : {}),
    // Only present when declared, so the identity (and build key) of specs without it does not change.
    ...(v.systemLibraries.length > 0 ? { systemLibraries: v.systemLibraries } : {}),
    // Only present when true, for the same reason (false is CPython's default: the GIL).
    ...(v.freeThreaded ? { freeThreaded: true } : {}),
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
