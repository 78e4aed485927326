// How one file is uploaded, per kind of server (remote-config.ts picks the kind from the URL scheme).
// Each upload is create-only: a file already there is left alone (the store is content addressed, and
// of two publishers of a manifest the first wins), and a reader never sees half a file:
//   webdav       PUT to a temporary name in the same collection, then MOVE with `Overwrite: F`
//                (nginx dav, Apache mod_dav); 412 from the MOVE means another agent was first
//   artifactory  PUT with X-Checksum-Sha256: Artifactory refuses bytes with another checksum (409)
//   nexus        PUT, then read the file back and verify its sha256 (Nexus raw checks nothing)
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { RemoteTarget } from './remote-config.js';
import { type Answer, RemoteError, type RemoteHttp, shown } from './remote-http.js';

/**
 * What an upload needs of the remote store. remote.ts's RemoteStore is one; it is declared here so that
 * the protocols depend on nothing above them (remote.ts imports this file, never the other way).
 */
export interface UploadRemote {
  readonly http: RemoteHttp;
  readonly target: RemoteTarget;
  url(rel: string): URL;
  get(rel: string, doing: string): Promise<Answer | undefined>;
  verified(answer: Answer, want: { sha256: string; size?: number }): Readable;
}

export interface PutSource {
  /** A local file, or the bytes themselves. */
  path?: string;
  bytes?: Buffer;
  sha256: string;
  size: number;
}

function bodyOf(src: PutSource): () => Readable | Buffer {
  return () => src.bytes ?? createReadStream(src.path!);
}

function headersOf(src: PutSource): Record<string, string> {
  return { 'Content-Length': String(src.size), 'Content-Type': 'application/octet-stream' };
}

/** Whether the remote holds rel already (HEAD); a file of the wrong size there is an error. */
async function exists(remote: UploadRemote, url: URL, src: PutSource): Promise<boolean> {
  const answer = await remote.http.request('HEAD', url, { follow: true });
  answer.body.resume();
  if (answer.status === 404 || answer.status === 410) return false;
  if (answer.status !== 200) throw remote.http.failure('HEAD', answer, `checking whether ${shown(url)} exists`);
  const length = answer.headers['content-length'];
  if (length !== undefined && Number(length) !== src.size)
    throw new RemoteError(
      `HEAD ${shown(url)}: the remote holds ${length} bytes there, the file has ${src.size}`,
      'the remote copy is damaged or foreign: have it removed from the server, then publish again',
    );
  return true;
}

const ok = (status: number): boolean => status === 200 || status === 201 || status === 204;

async function webdav(remote: UploadRemote, url: URL, src: PutSource): Promise<'created' | 'existed'> {
  const temp = new URL(`.pyhermetic-upload-${process.pid}-${randomBytes(6).toString('hex')}`, url);
  const put = await remote.http.request('PUT', temp, { headers: headersOf(src), body: bodyOf(src) });
  put.body.resume();
  if (!ok(put.status)) throw remote.http.failure('PUT', put, `uploading ${shown(url)}`);
  let moved = false;
  try {
    // A path-absolute Destination (RFC 4918): no host to disagree with a proxy about.
    const move = await remote.http.request('MOVE', temp, {
      headers: { Destination: url.pathname, Overwrite: 'F' },
    });
    move.body.resume();
    moved = ok(move.status);
    if (moved) return 'created';
    if (move.status === 412) return 'existed';
    throw remote.http.failure('MOVE', move, `moving the upload into place as ${shown(url)}`);
  } finally {
    if (!moved) {
      const del = await remote.http.request('DELETE', temp).catch(() => undefined);
      del?.body.resume();
    }
  }
}

async function artifactory(remote: UploadRemote, url: URL, src: PutSource): Promise<'created' | 'existed'> {
  const put = await remote.http.request('PUT', url, {
    headers: { ...headersOf(src), 'X-Checksum-Sha256': src.sha256 },
    body: bodyOf(src),
  });
  put.body.resume();
  if (ok(put.status)) return 'created';
  if (await refusedBecauseThere(remote, url, src)) return 'existed';
  throw remote.http.failure('PUT', put, `uploading (X-Checksum-Sha256 ${src.sha256})`);
}

async function nexus(remote: UploadRemote, url: URL, rel: string, src: PutSource): Promise<'created' | 'existed'> {
  const put = await remote.http.request('PUT', url, { headers: headersOf(src), body: bodyOf(src) });
  put.body.resume();
  if (!ok(put.status)) {
    if (await refusedBecauseThere(remote, url, src)) return 'existed';
    throw remote.http.failure('PUT', put, 'uploading');
  }
  const back = await remote.get(rel, 'the file just uploaded');
  if (!back)
    throw new RemoteError(`GET ${shown(url)}: 404 right after a successful PUT`, 'check the repository and its proxy');
  for await (const _ of remote.verified(back, src)) {
    // drained: verified() throws when the bytes read back are not the ones sent
  }
  return 'created';
}

/** Uploads src to rel unless the remote already holds it. */
export async function putFile(remote: UploadRemote, rel: string, src: PutSource): Promise<'created' | 'existed'> {
  const url = remote.url(rel);
  if (await exists(remote, url, src)) return 'existed';
  switch (remote.target.kind) {
    case 'webdav':
      return webdav(remote, url, src);
    case 'artifactory':
      return artifactory(remote, url, src);
    case 'nexus':
      return nexus(remote, url, rel, src);
  }
}

/**
 * A repository that forbids redeploying refuses the second of two concurrent publishers: when the file
 * is there now (its size checked by exists()), the other one was first, and that is fine.
 */
async function refusedBecauseThere(remote: UploadRemote, url: URL, src: PutSource): Promise<boolean> {
  return exists(remote, url, src).catch(() => false);
}
