// Reading from the remote store, bounded and verified: every answer is checked for what it claims
// (an HTML page is refused, a Content-Length above the cap is refused at the header), every body is
// cut off past its cap and hashed while it streams, and a JSON document that is not JSON is a clear
// RemoteError (exit 3), never a stack trace. remote.ts (entries, publishing) and remote-protocols.ts
// (a Nexus upload is read back) build on this.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fsError, isErrnoError } from '../../shared/fs-errors.js';
import type { RemoteTarget } from './remote-config.js';
import { type Answer, RemoteError, type RemoteHttp, shown } from './remote-http.js';
import { SIGNATURE_SUFFIX, signatureProblem, type StoreKeys } from './remote-signing.js';

export const SHA256_RE = /^[0-9a-f]{64}$/;
/** One path component of the remote layout: no `..`, no `/`, nothing hidden. */
export const NAME_RE = /^[0-9A-Za-z][0-9A-Za-z._+-]*$/;
/** A manifest, a wheel.json, a signature: small documents. */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;
/** A file a manifest names may be at most this big, whatever the manifest says (an interpreter is ~100 MiB). */
export const MAX_FILE_BYTES = 8 * 1024 ** 3;

export interface Want {
  sha256: string;
  /** The size the manifest gives; bytes past it are cut off, a Content-Length other than it is refused. */
  size?: number;
  /** Without a size: the most the body may have (a source tarball, a build root). */
  maxBytes?: number;
}

export class RemoteReader {
  constructor(
    readonly target: RemoteTarget,
    readonly http: RemoteHttp,
    readonly keys: StoreKeys,
  ) {}

  /** The store's URL as messages show it (never with credentials: the target has none). */
  get shown(): string {
    return this.target.spec;
  }

  /** The URL of a path of the layout; a path that is not made of plain names is refused (exit 3). */
  url(rel: string): URL {
    if (rel.split('/').some((p) => !NAME_RE.test(p)))
      throw new RemoteError(
        `the remote path ${JSON.stringify(rel.slice(0, 200))} is not a plain store path (an absolute name, a '..', a hidden or empty component)`,
        'the remote store named a file outside its layout: it is damaged or hostile; nothing was used',
      );
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
      answer.body.destroy();
      throw new RemoteError(
        `GET ${shown(answer.url)}: Content-Length says ${String(announced).slice(0, 30)} bytes, the manifest says ${want.size}`,
        'the server holds another file under this name (or lies about its length): nothing was stored; have the remote entry removed and published again',
      );
    }
    const cap = want.size ?? want.maxBytes;
    this.http.checkAnnounced('GET', answer, cap, want.size !== undefined ? 'the file' : 'a file without a size');
    const body = this.http.readBody('GET', answer, cap);
    return Readable.from(
      (async function* check() {
        const h = createHash('sha256');
        let size = 0;
        for await (const chunk of body) {
          h.update(chunk);
          size += chunk.length;
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
    try {
      await pipeline(this.verified(answer, want), createWriteStream(dest, { flags: 'wx', mode: 0o444 }));
    } catch (err) {
      // A write error of the stream (ENOSPC) carries no path: name the file being written.
      if (isErrnoError(err) && !err.path) throw fsError(err, dest, `downloading ${shown(answer.url)}`);
      throw err;
    }
    return true;
  }

  /** A small JSON document, or undefined on 404: capped, and refused (exit 3) when it is not JSON. */
  async getJson(rel: string, doing: string): Promise<unknown> {
    const answer = await this.get(rel, doing);
    if (!answer) return undefined;
    this.http.checkAnnounced('GET', answer, MAX_DOCUMENT_BYTES, doing);
    const chunks: Buffer[] = [];
    for await (const chunk of this.http.readBody('GET', answer, MAX_DOCUMENT_BYTES)) chunks.push(chunk);
    const bytes = Buffer.concat(chunks);
    const announced = answer.headers['content-length'];
    if (announced !== undefined && Number(announced) !== bytes.length)
      throw new RemoteError(
        `GET ${shown(answer.url)}: received ${bytes.length} bytes, Content-Length said ${announced}: a truncated body`,
        'try again; if it persists, the server or a proxy cuts transfers',
      );
    try {
      return JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new RemoteError(
        `GET ${shown(answer.url)}: ${doing} is not JSON (${bytes.length} bytes starting ${JSON.stringify(bytes.subarray(0, 40).toString('utf8'))})`,
        'the server answered with something else than the store file (a proxy or login page?), or the remote entry is damaged: nothing was stored; check --remote, have the entry removed',
      );
    }
  }

  /**
   * A document (a manifest, a wheel.json) and, when trusted keys are set, the proof that one of them
   * signed exactly it: otherwise exit 3 "not signed by a trusted key". Undefined when the remote lacks it.
   */
  async getDocument(rel: string, doing: string, shapeOk: (doc: unknown) => boolean): Promise<unknown> {
    const doc = await this.getJson(rel, doing);
    if (doc === undefined) return undefined;
    if (!shapeOk(doc))
      throw new RemoteError(
        `GET ${shown(this.url(rel))}: not ${doing}`,
        'the remote entry is damaged or foreign: have it removed from the server; nothing was stored',
      );
    if (this.keys.trusted.length === 0) return doc;
    const envelope = await this.getJson(`${rel}${SIGNATURE_SUFFIX}`, `the signature of ${doing}`);
    const problem = signatureProblem(envelope, doc, this.keys.trusted);
    if (problem)
      throw new RemoteError(
        `${shown(this.url(rel))} is not signed by a trusted key: ${problem}; nothing was stored`,
        'only entries published with PYHERMETIC_STORE_SIGNING_KEY of a trusted key are taken (--trusted-key, PYHERMETIC_TRUSTED_KEYS): have the trusted publisher (main) publish it, or build it here',
      );
    return doc;
  }
}
