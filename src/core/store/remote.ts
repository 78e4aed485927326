// The remote store client (DESIGN.md "The shared store", docs/remote-store.md). The remote has the
// local store's layout, content addressed:
//   blobs/sha256/<sha256>                    every file, named by the sha256 of its bytes
//   entries/<type>/<key>/entry.json          the entry's manifest (the same document as the local one),
//                                            naming each file's sha256 and size; uploaded last
//   wheels/<fingerprint>/<sdist sha256>/…    wheels built from allowed sdists (shared-wheels.ts)
// A reader fetches the manifest first and then every blob it names, each hashed while it streams into
// the local store: bytes that are not the named ones never land there. Publishing uploads the blobs
// first and the manifest last, create-only: of two publishers of one key the first wins and the other
// finds a complete entry.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import * as log from '../../shared/log.js';
import { ownedTempPrefix, sweepDeadTemps } from '../../shared/dead-temps.js';
import { parseRemote, remoteCredentials, type RemoteTarget } from './remote-config.js';
import { type HttpSettings, RemoteError, RemoteHttp, httpSettings, shown, type Answer } from './remote-http.js';
import { putFile, type PutSource } from './remote-protocols.js';
import { ENTRY_MANIFEST, HashMismatchError, type EntryManifest, type Store, type StoredEntry } from './store.js';

const SHA256_RE = /^[0-9a-f]{64}$/;
const NAME_RE = /^[0-9A-Za-z][0-9A-Za-z._+-]*$/;
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export interface Want {
  sha256: string;
  size?: number;
}

/**
 * A temp directory for downloads, named after this process, after removing those of killed runs
 * (a SIGKILL mid-download leaves one; the next run of any agent on this machine sweeps it).
 */
export async function downloadTemp(prefix: string): Promise<string> {
  await sweepDeadTemps(tmpdir(), prefix);
  return mkdtemp(join(tmpdir(), await ownedTempPrefix(prefix)));
}

export class RemoteStore {
  readonly http: RemoteHttp;

  constructor(
    readonly target: RemoteTarget,
    http: RemoteHttp,
    /** Writing is a decision (--publish): without it this client never sends a PUT. */
    readonly publish: boolean,
  ) {
    this.http = http;
  }

  /** `--remote URL` (or PYHERMETIC_REMOTE) with credentials from the environment. */
  static async open(spec: string, opts: { publish: boolean; env?: NodeJS.ProcessEnv }): Promise<RemoteStore> {
    const target = parseRemote(spec);
    const creds = await remoteCredentials(target.base, opts.env);
    const settings: HttpSettings = httpSettings(opts.env);
    return new RemoteStore(target, new RemoteHttp(creds, settings), opts.publish);
  }

  /** The store's URL as messages show it. */
  get shown(): string {
    return `${this.target.kind === 'webdav' ? '' : `${this.target.kind}+`}${shown(this.target.base)}`;
  }

  url(rel: string): URL {
    if (rel.split('/').some((p) => !NAME_RE.test(p))) throw new Error(`bad remote path ${rel}`);
    return new URL(rel, this.target.base);
  }

  /** GET: the answer when 200, undefined when 404/410; anything else an error. */
  async get(rel: string, doing: string): Promise<Answer | undefined> {
    const answer = await this.http.request('GET', this.url(rel), { follow: true });
    if (answer.status === 404 || answer.status === 410) {
      answer.body.resume();
      return undefined;
    }
    if (answer.status !== 200) throw this.http.failure('GET', answer, `reading ${doing}`);
    const type = String(answer.headers['content-type'] ?? '');
    if (/^\s*text\/html/i.test(type)) {
      answer.body.resume();
      throw new RemoteError(
        `GET ${shown(answer.url)}: HTTP 200 with an HTML page (Content-Type: ${type}) instead of ${doing}`,
        'a login page, a proxy or a repository browser answered instead of the file: check the URL (Artifactory and Nexus need their scheme, see docs/remote-store.md) and the credentials',
      );
    }
    return answer;
  }

  /** The verified bytes of an answer, streamed: a wrong size or sha256 ends the stream with a RemoteError. */
  verified(answer: Answer, want: Want): Readable {
    const announced = answer.headers['content-length'];
    if (announced !== undefined && want.size !== undefined && Number(announced) !== want.size) {
      answer.body.resume();
      throw new RemoteError(
        `GET ${shown(answer.url)}: Content-Length says ${announced} bytes, the manifest says ${want.size}`,
        'the server holds another file under this name (or lies about its length): nothing was stored; have the remote entry removed and published again',
      );
    }
    const body = this.http.readBody('GET', answer);
    return Readable.from(
      (async function* check() {
        const h = createHash('sha256');
        let size = 0;
        for await (const chunk of body) {
          h.update(chunk);
          size += chunk.length;
          if (want.size !== undefined && size > want.size) break;
          yield chunk;
        }
        const got = h.digest('hex');
        const short = announced !== undefined && size < Number(announced);
        if ((want.size !== undefined && size !== want.size) || short)
          throw new RemoteError(
            `GET ${shown(answer.url)}: received ${size} bytes, expected ${want.size ?? announced}${announced !== undefined ? ` (Content-Length ${announced})` : ''}: a truncated or padded body`,
            'nothing was stored; try again, and if it persists have the remote entry checked',
          );
        if (got !== want.sha256)
          throw new RemoteError(
            `GET ${shown(answer.url)}: the bytes hash to sha256 ${got}, not ${want.sha256} (${size} bytes)`,
            'the remote copy is corrupt or was tampered with; nothing was stored. Have it removed from the server (and published again from a good store)',
          );
      })(),
      { objectMode: false },
    );
  }

  /** Downloads rel into a new file, verified. False when the remote has no such file. */
  async downloadTo(rel: string, want: Want, dest: string): Promise<boolean> {
    const answer = await this.get(rel, `the file ${rel}`);
    if (!answer) return false;
    await pipeline(this.verified(answer, want), createWriteStream(dest, { flags: 'wx', mode: 0o444 }));
    return true;
  }

  /** A small JSON document (a manifest), or undefined on 404. */
  async getJson(rel: string, doing: string): Promise<unknown> {
    const answer = await this.get(rel, doing);
    if (!answer) return undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of this.http.readBody('GET', answer)) {
      size += chunk.length;
      if (size > MAX_MANIFEST_BYTES) {
        answer.body.destroy();
        throw new RemoteError(`GET ${shown(answer.url)}: more than ${MAX_MANIFEST_BYTES} bytes for ${doing}`);
      }
      chunks.push(chunk);
    }
    const announced = answer.headers['content-length'];
    if (announced !== undefined && Number(announced) !== size)
      throw new RemoteError(
        `GET ${shown(answer.url)}: received ${size} bytes, Content-Length said ${announced}: a truncated body`,
      );
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      throw new RemoteError(
        `GET ${shown(answer.url)}: ${doing} is not JSON (${size} bytes starting ${JSON.stringify(Buffer.concat(chunks).subarray(0, 40).toString('utf8'))})`,
        'the server answered with something else than the store file (a proxy or login page?); check --remote',
      );
    }
  }

  entryPath(type: string, key: string): string {
    return `entries/${type}/${key}/${ENTRY_MANIFEST}`;
  }

  /** The remote manifest of an entry, checked for shape; undefined when the remote has none. */
  async manifest(type: string, key: string): Promise<EntryManifest | undefined> {
    const rel = this.entryPath(type, key);
    const doc = (await this.getJson(rel, `the manifest of ${type}/${key}`)) as EntryManifest | undefined;
    if (doc === undefined) return undefined;
    const files = doc?.files;
    const ok =
      doc?.kind === 'pyhermetic-store-entry' &&
      doc.type === type &&
      doc.key === key &&
      typeof files === 'object' &&
      files !== null &&
      Object.entries(files).every(
        ([name, f]) =>
          NAME_RE.test(name) &&
          name !== ENTRY_MANIFEST &&
          SHA256_RE.test(f?.sha256) &&
          Number.isSafeInteger(f?.size) &&
          f.size >= 0,
      );
    if (!ok)
      throw new RemoteError(
        `GET ${shown(this.url(rel))}: not a store manifest of ${type}/${key}`,
        'the remote entry is damaged or foreign: have it removed from the server; nothing was stored',
      );
    return doc;
  }

  /** Fetches an entry into the local store (verified, atomic put); undefined when the remote lacks it. */
  async fetchEntry(
    store: Store,
    type: string,
    key: string,
    requiredFiles: string[] = [],
  ): Promise<StoredEntry | undefined> {
    const manifest = await this.manifest(type, key);
    if (!manifest) return undefined;
    const missing = requiredFiles.filter((f) => !(f in manifest.files));
    if (missing.length > 0)
      throw new RemoteError(
        `${shown(this.url(this.entryPath(type, key)))} does not name ${missing.join(', ')}`,
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
            `${shown(this.url(this.entryPath(type, key)))} names ${name} (blobs/sha256/${f.sha256}), which the remote does not have`,
            'the remote entry is incomplete (a blob was deleted): have the entry removed and published again',
          );
        log.info(`fetched ${name} (${(f.size / 1024 / 1024).toFixed(1)} MiB) in ${log.seconds(Date.now() - started)}`);
        paths[name] = join(tmp, name);
        expected[name] = f.sha256;
      }
      return await store.putEntry(type, key, paths, expected);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }

  /** Fetches a blob into the local store, verified; undefined when the remote lacks it. */
  async fetchBlob(store: Store, sha256: string): Promise<string | undefined> {
    const answer = await this.get(`blobs/sha256/${sha256}`, `the blob ${sha256}`);
    if (!answer) return undefined;
    try {
      return (await store.putBlob(this.verified(answer, { sha256 }), sha256)).path;
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

  /** Publishes a verified local entry: its blobs first, its manifest last. 'existed' when the remote had it. */
  async publishEntry(entry: StoredEntry, type: string, key: string): Promise<'published' | 'existed'> {
    this.mustPublish();
    const there = await this.manifest(type, key);
    if (there) return 'existed';
    for (const [name, f] of Object.entries(entry.manifest.files)) {
      const started = Date.now();
      const r = await this.putFile(`blobs/sha256/${f.sha256}`, { path: join(entry.dir, name), ...f });
      log.info(`${r === 'created' ? 'uploaded' : 'already there:'} ${name} in ${log.seconds(Date.now() - started)}`);
    }
    const bytes = await readFile(join(entry.dir, ENTRY_MANIFEST));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const r = await this.putFile(this.entryPath(type, key), { bytes, sha256, size: bytes.length });
    if (r === 'existed') {
      const winner = await this.manifest(type, key);
      if (winner && JSON.stringify(winner.files) !== JSON.stringify(entry.manifest.files))
        log.warn(`${type}/${key}: another agent published other bytes for this key first; the remote keeps theirs`);
      return 'existed';
    }
    return 'published';
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
