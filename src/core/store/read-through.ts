// The local store as a read-through cache of the remote one (--remote URL [--publish]):
//   local hit                → use it; with --publish, upload it when the remote lacks it
//   local miss, remote hit   → fetch it (every blob verified while it streams), check that it is what
//                              was asked for (the caller's accept), atomic put, use it
//   both miss                → build it locally; with --publish, upload it
// One call for every store-using command (interpreter build, buildroot create, …): `obtainEntry`.
import * as log from '../../shared/log.js';
import type { FetchOptions, RemoteStore } from './remote.js';
import type { Store, StoredEntry } from './store.js';

export type EntryFrom = 'local' | 'remote' | 'build';

export interface Obtained {
  entry: StoredEntry;
  from: EntryFrom;
  /** What happened on the remote: published, already there, or nothing (no --remote / no --publish). */
  published?: 'published' | 'existed';
}

async function publishIfAllowed(
  remote: RemoteStore | undefined,
  entry: StoredEntry,
  type: string,
  key: string,
): Promise<Obtained['published']> {
  if (!remote) return undefined;
  if (!remote.publish) {
    log.info(
      `${type}/${key} not published to ${remote.shown} (pass --publish or set PYHERMETIC_PUBLISH=1 to share it)`,
    );
    return undefined;
  }
  const r = await log.stage(`publish ${type}/${key.slice(0, 16)}… to ${remote.shown}`, () =>
    remote.publishEntry(entry, type, key),
  );
  log.info(r === 'existed' ? `the remote already holds ${type}/${key}` : `published ${type}/${key}`);
  return r;
}

/**
 * The verified entry type/key: from the local store, else the remote one, else `build()` (which must
 * put it into the local store). The local per-key lock keeps two local builders from duplicating work.
 */
export async function obtainEntry(
  store: Store,
  remote: RemoteStore | undefined,
  type: string,
  key: string,
  build: () => Promise<StoredEntry>,
  /** What a remote entry must name and pass before it is stored (remote.ts FetchOptions). */
  fetchOptions: FetchOptions = {},
): Promise<Obtained> {
  const local = await store.entry(type, key);
  if (local) {
    const published = remote?.publish ? await publishIfAllowed(remote, local, type, key) : undefined;
    return { entry: local, from: 'local', published };
  }
  const lock = await store.lock(type, key, () =>
    log.info(`another process is obtaining ${type}/${key.slice(0, 16)}… into this store; waiting for it`),
  );
  try {
    const again = await store.entry(type, key);
    if (again) {
      const published = remote?.publish ? await publishIfAllowed(remote, again, type, key) : undefined;
      return { entry: again, from: 'local', published };
    }
    if (remote) {
      const fetched = await log.stage(`fetch ${type}/${key.slice(0, 16)}… from ${remote.shown}`, () =>
        remote.fetchEntry(store, type, key, fetchOptions),
      );
      if (fetched) return { entry: fetched, from: 'remote' };
      log.info(`${remote.shown} does not hold ${type}/${key}: building it here`);
    }
    const built = await build();
    return { entry: built, from: 'build', published: await publishIfAllowed(remote, built, type, key) };
  } finally {
    await lock.release();
  }
}

/** A blob (a source tarball) from the local store, else the remote one; undefined when neither has it. */
export async function obtainBlob(
  store: Store,
  remote: RemoteStore | undefined,
  sha256: string,
): Promise<string | undefined> {
  const local = await store.blob(sha256);
  if (local || !remote) return local;
  const fetched = await remote.fetchBlob(store, sha256);
  if (fetched) log.info(`blob ${sha256} fetched from ${remote.shown}`);
  return fetched;
}
