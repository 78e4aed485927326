// The fingerprint of the interpreter a python.json builds, when it was built already: from the pipeline's
// own interpreter.json beside the config (if it records this very spec), else from the store entry of
// the spec's build key (computable without building only for a spec with a build root: a host build's
// key depends on the agent's compiler). The store entry's interpreter.json is checked against the
// sha256 its entry.json records, as every store read is; nothing is written, nothing is built.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../../shared/canonical.js';
import { buildKeyOf } from '../interpreter/hostkey.js';
import { specSha256, validateSpec } from '../interpreter/spec.js';
import { INTERPRETER_MANIFEST, type InterpreterManifest } from '../model/manifests.js';
import { defaultStoreRoot, ENTRY_MANIFEST, type EntryManifest } from '../store/store.js';
import type { SpecFingerprint } from './pyhermetic-scan.js';

function readJson<T>(path: string): { value: T; bytes: Buffer } | undefined {
  try {
    const bytes = readFileSync(path);
    return { value: JSON.parse(bytes.toString('utf8')) as T, bytes };
  } catch {
    return undefined;
  }
}

/**
 * `outDirs`: interpreter directories a pipeline may have left (`<config dir>/.pyhermetic-out/interpreter`);
 * `store`: the store root to look in (undefined: $PYHERMETIC_HOME, else ~/.cache/pyhermetic).
 */
export function knownSpecFingerprint(specDoc: unknown, outDirs: string[], store?: string): SpecFingerprint | undefined {
  let specHash: string;
  let buildRoot: string | undefined;
  try {
    const spec = validateSpec(specDoc);
    specHash = specSha256(spec);
    buildRoot = spec.buildRoot?.sha256;
  } catch {
    return undefined; // an invalid spec: interpreter build says what is wrong with it
  }
  for (const dir of outDirs) {
    const m = readJson<InterpreterManifest>(join(dir, INTERPRETER_MANIFEST))?.value;
    if (m?.specSha256 === specHash && typeof m.fingerprint === 'string')
      return { fingerprint: m.fingerprint, from: `the pipeline's ${join(dir, INTERPRETER_MANIFEST)}` };
  }
  if (!buildRoot) return undefined;
  const entry = join(defaultStoreRoot(store), 'entries', 'interpreters', buildKeyOf(specHash, null, buildRoot));
  const manifest = readJson<EntryManifest>(join(entry, ENTRY_MANIFEST))?.value;
  const recorded = manifest?.files?.[INTERPRETER_MANIFEST]?.sha256;
  const interp = readJson<InterpreterManifest>(join(entry, INTERPRETER_MANIFEST));
  if (!recorded || !interp || sha256Hex(interp.bytes) !== recorded) return undefined;
  return { fingerprint: interp.value.fingerprint, from: `the store entry ${entry}` };
}
