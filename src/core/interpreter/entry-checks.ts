// What an entry of each type must be beyond its hashes, for `store verify`: an interpreter is checked
// like a remote one before it is stored (interpreter-trust.ts: buildKey, spec hash, fingerprint fields
// against the spec, the artifact's files, the probed fingerprint); a build root's lock must be the
// lock of the root its key names. A local entry that fails is quarantined by --repair like a corrupt one.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoredEntry } from '../store/store.js';
import { LOCK_ENTRY_TYPE, ROOT_LOCK } from './buildroot-create.js';
import { interpreterEntryProblems } from './interpreter-trust.js';
import { INTERPRETER_MANIFEST } from '../model/manifests.js';

const ARTIFACT = 'interpreter.tar.gz';

export async function entryProblems(type: string, key: string, entry: StoredEntry): Promise<string[]> {
  const files = entry.manifest.files;
  if (type === 'interpreters') {
    if (!files[ARTIFACT] || !files[INTERPRETER_MANIFEST]) return [`it lacks ${ARTIFACT} or ${INTERPRETER_MANIFEST}`];
    return interpreterEntryProblems(
      {
        artifact: join(entry.dir, ARTIFACT),
        manifest: join(entry.dir, INTERPRETER_MANIFEST),
        manifestSha256: files[INTERPRETER_MANIFEST].sha256,
      },
      { key },
    );
  }
  if (type === LOCK_ENTRY_TYPE) {
    if (!files[ROOT_LOCK]) return [`it lacks ${ROOT_LOCK}`];
    let lock: { kind?: unknown; sha256?: unknown };
    try {
      lock = JSON.parse(await readFile(join(entry.dir, ROOT_LOCK), 'utf8'));
    } catch (err) {
      return [`${ROOT_LOCK} is not JSON (${(err as Error).message})`];
    }
    if (lock?.kind !== 'pyhermetic-buildroot-lock') return [`${ROOT_LOCK} is not a build root lock (kind)`];
    if (lock.sha256 !== key) return [`${ROOT_LOCK} sha256 is ${String(lock.sha256)}, the entry's key is ${key}`];
  }
  return [];
}
