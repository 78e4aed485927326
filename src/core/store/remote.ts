// The remote store client (DESIGN.md "The shared store", docs/remote-store.md). The remote has the
// local store's layout, content addressed:
//   blobs/sha256/<sha256>                    every file, named by the sha256 of its bytes
//   entries/<type>/<key>/entry.json          the entry's manifest (the same document as the local one),
//                                            naming each file's sha256 and size; uploaded last
//   entries/<type>/<key>/entry.json.dsse     its signature, when the publisher had a signing key
//   wheels/<fingerprint>/<sdist sha256>/…    wheels built from allowed sdists (shared-wheels.ts)
// A remote entry is trusted for what it is, never for where it came from: a reader fetches the manifest
// (checked against the key asked for, and signed by a trusted key when keys are given), then every blob
// it names, each hashed while it streams into a temp; the caller's `accept` check (an interpreter's:
// buildKey, spec hash, files, the probed fingerprint) runs on the complete set, and only then does the
// entry go into the local store. Publishing uploads the blobs first, the signature, and the manifest
// last, create-only: of two publishers of one key the first wins and the other finds a complete entry.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from '../../shared/canonical.js';
import { ownedTempDir } from '../../shared/dead-temps.js';
import * as log from '../../shared/log.js';
import { tmpdir } from 'node:os';
import { remoteCredentials, type RemoteTarget } from './remote-config.js';
import { httpSettings, RemoteError, RemoteHttp, shown } from './remote-http.js';
import { putFile, type PutSource } from './remote-protocols.js';
import { MAX_FILE_BYTES, NAME_RE, RemoteReader, SHA256_RE } from './remote-read.js';
import { NO_KEYS, SIGNATURE_SUFFIX, signDocument, type StoreKeys } from './remote-signing.js';
import { ENTRY_MANIFEST, HashMismatchError, type EntryManifest, type Store, type StoredEntry } from './store.js';

export type { Want } from './remote-read.js';

/**
 * A temp directory for downloads, named after this process, after removing those of killed runs
 * (a SIGKILL mid-download leaves one; the next run of any agent on this machine sweeps it).
 */
export async function downloadTemp(prefix: string): Promise<string> {
  return ownedTempDir(tmpdir(), prefix);
}

/** The check an entry's files must pass before they are stored: throws (exit 3) naming the field. */
export type AcceptEntry = (files: Record<string, string>, manifest: EntryManifest) => Promise<void>;

export interface FetchOptions {
  /** Files the remote entry must name to be usable (checked before anything is fetched). */
  requiredFiles?: string[];
  accept?: AcceptEntry;
}

/** Whether a parsed document is the manifest of type/key, each file named plainly with a sane size. */
function isManifestOf(doc: unknown, type: string, key: string): boolean {
  const m = doc as EntryManifest | undefined;
  const files = m?.files;
  return (
    m?.schema === 1 &&
    m.kind === 'pyhermetic-store-entry' &&
    m.type === type &&
    m.key === key &&
    typeof files === 'object' &&
    files !== null &&
    !Array.isArray(files) &&
    Object.entries(files).every(
      ([name, f]) =>
        NAME_RE.test(name) &&
        name !== ENTRY_MANIFEST &&
        SHA256_RE.test(f?.sha256) &&
        Number.isSafeInteger(f?.size) &&
        f.size >= 0 &&
        f.size <= MAX_FILE_BYTES,
    )
  );
}

export class RemoteStore extends RemoteReader {
  constructor(
    target: RemoteTarget,
    http: RemoteHttp,
    /** Writing is a decision (--publish): without it this client never sends a PUT. */
    readonly publish: boolean,
    keys: StoreKeys = NO_KEYS,
  ) {
    super(target, http, keys);
  }

  /** The remote of a parsed --remote, with credentials and settings from the environment. */
  static async open(
    target: RemoteTarget,
    opts: { publish: boolean; env?: NodeJS.ProcessEnv; keys?: StoreKeys },
  ): Promise<RemoteStore> {
    const settings = httpSettings(opts.env);
    const creds = await remoteCredentials(target.base, opts.env);
    return new RemoteStore(target, new RemoteHttp(creds, settings), opts.publish, opts.keys);
  }

  entryPath(type: string, key: string): string {
    return `entries/${type}/${key}/${ENTRY_MANIFEST}`;
  }

  /** The remote manifest of an entry, checked for shape and (with trusted keys) signature; undefined when absent. */
  async manifest(type: string, key: string): Promise<EntryManifest | undefined> {
    return (await this.getDocument(this.entryPath(type, key), `the manifest of ${type}/${key}`, (d) =>
      isManifestOf(d, type, key),
    )) as EntryManifest | undefined;
  }

  /** Fetches an entry into the local store (verified, accepted, atomic put); undefined when the remote lacks it. */
  async fetchEntry(store: Store, type: string, key: string, opts: FetchOptions = {}): Promise<StoredEntry | undefined> {
    const manifest = await this.manifest(type, key);
    if (!manifest) return undefined;
    const where = shown(this.url(this.entryPath(type, key)));
    const missing = (opts.requiredFiles ?? []).filter((f) => !(f in manifest.files));
    if (missing.length > 0)
      throw new RemoteError(
        `${where} does not name ${missing.join(', ')}`,
        'the remote entry is not a complete one of its kind (written by another tool?): have it removed; nothing was stored',
      );
    const tmp = await downloadTemp('pyhermetic-remote-');
    try {
      const paths: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const [name, f] of Object.entries(manifest.files)) {
        const started = Date.now();
        if (!(await this.downloadTo(`blobs/sha256/${f.sha256}`, f, join(tmp, name))))
          throw new RemoteError(
            `${where} names ${name} (blobs/sha256/${f.sha256}), which the remote does not have`,
            'the remote entry is incomplete (a blob was deleted): have the entry removed and published again',
          );
        log.info(`fetched ${name} (${(f.size / 1024 / 1024).toFixed(1)} MiB) in ${log.seconds(Date.now() - started)}`);
        paths[name] = join(tmp, name);
        expected[name] = f.sha256;
      }
      if (opts.accept) {
        const started = Date.now();
        await opts.accept(paths, manifest);
        log.info(
          `${type}/${key.slice(0, 16)}… is what was asked for (checked in ${log.seconds(Date.now() - started)})`,
        );
      }
      return await store.putEntry(type, key, paths, expected);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }

  /** Fetches a blob into the local store, verified and capped; undefined when the remote lacks it. */
  async fetchBlob(store: Store, sha256: string): Promise<string | undefined> {
    const answer = await this.get(`blobs/sha256/${sha256}`, `the blob ${sha256}`);
    if (!answer) return undefined;
    try {
      const bytes = this.verified(answer, { sha256, maxBytes: this.http.settings.maxUnsizedBytes });
      return (await store.putBlob(bytes, sha256)).path;
    } catch (err) {
      if (err instanceof HashMismatchError)
        throw new RemoteError(`GET ${shown(answer.url)}: ${err.message}; nothing was stored`);
      throw err;
    }
  }

  private mustPublish(): void {
    if (!this.publish) throw new Error('internal: a write to the remote store without --publish');
  }

  /** Uploads one file (create-only). */
  async putFile(rel: string, src: PutSource): Promise<'created' | 'existed'> {
    this.mustPublish();
    return putFile(this, rel, src);
  }

  /** Uploads a document's signature when this run signs (before the document: readers never see it unsigned). */
  private async putSignature(rel: string, doc: unknown): Promise<void> {
    if (!this.keys.signing) return;
    const bytes = signDocument(doc, this.keys.signing);
    const r = await this.putFile(`${rel}${SIGNATURE_SUFFIX}`, {
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
    });
    log.info(`${r === 'created' ? 'signed' : 'a signature was already there:'} ${rel} (key ${this.keys.signing.id})`);
  }

  /** Publishes a document (a wheel.json): its signature first when this run signs, the document last. */
  async putDocument(rel: string, doc: unknown): Promise<'created' | 'existed'> {
    const bytes = Buffer.from(`${JSON.stringify(doc, null, 2)}\n`);
    await this.putSignature(rel, doc);
    return this.putFile(rel, { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
  }

  /** Publishes a verified local entry: its blobs first, its manifest last. 'existed' when the remote had it. */
  async publishEntry(entry: StoredEntry, type: string, key: string): Promise<'published' | 'existed'> {
    this.mustPublish();
    const rel = this.entryPath(type, key);
    // Read without the trust check: an unsigned entry of ours gets its signature below.
    const there = (await this.getJson(rel, `the manifest of ${type}/${key}`)) as EntryManifest | undefined;
    if (there) return this.alreadyThere(rel, there, entry, type, key);
    for (const [name, f] of Object.entries(entry.manifest.files)) {
      const started = Date.now();
      const r = await this.putFile(`blobs/sha256/${f.sha256}`, { path: join(entry.dir, name), ...f });
      log.info(`${r === 'created' ? 'uploaded' : 'already there:'} ${name} in ${log.seconds(Date.now() - started)}`);
    }
    await this.putSignature(rel, entry.manifest);
    const bytes = await readFile(join(entry.dir, ENTRY_MANIFEST));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const r = await this.putFile(rel, { bytes, sha256, size: bytes.length });
    if (r === 'existed') {
      const winner = (await this.getJson(rel, `the manifest of ${type}/${key}`)) as EntryManifest | undefined;
      return this.alreadyThere(rel, winner, entry, type, key);
    }
    return 'published';
  }

  /** The remote had the entry: warn when its bytes differ; sign it when it is ours, unsigned, and we sign. */
  private async alreadyThere(
    rel: string,
    there: EntryManifest | undefined,
    entry: StoredEntry,
    type: string,
    key: string,
  ): Promise<'existed'> {
    const same = there !== undefined && canonicalJson(there) === canonicalJson(entry.manifest);
    if (!same) {
      log.warn(`${type}/${key}: another agent published other bytes for this key first; the remote keeps theirs`);
      return 'existed';
    }
    if (this.keys.signing) {
      const sig = await this.get(`${rel}${SIGNATURE_SUFFIX}`, `the signature of ${type}/${key}`);
      sig?.body.resume();
      if (!sig) await this.putSignature(rel, entry.manifest);
    }
    return 'existed';
  }

  /** Publishes a verified local blob. */
  async publishBlob(path: string, sha256: string, size: number): Promise<'created' | 'existed'> {
    return this.putFile(`blobs/sha256/${sha256}`, { path, sha256, size });
  }
}

/** Every entry (type, key) and blob the local store holds, for `store push`. */
export async function localContents(store: Store): Promise<{ entries: [string, string][]; blobs: string[] }> {
  const entriesRoot = join(store.root, 'entries');
  const entries: [string, string][] = [];
  for (const type of (await readdir(entriesRoot).catch(() => [] as string[])).sort()) {
    if (!NAME_RE.test(type)) continue;
    for (const key of (await readdir(join(entriesRoot, type)).catch(() => [] as string[])).sort())
      if (NAME_RE.test(key)) entries.push([type, key]);
  }
  const blobs = (await readdir(store.blobDir).catch(() => [] as string[])).filter((n) => SHA256_RE.test(n)).sort();
  return { entries, blobs };
}
