// A misbehaving remote store: a small node:http server on 127.0.0.1 whose handler each test writes
// (an HTML 200, a cut body, a redirect loop, a drip…). The one fake of the suite: such a server
// cannot be had for real. It records every request line so tests can count retries.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface HostileServer {
  url: string;
  requests: string[];
  stop(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export async function startHostile(handler: Handler): Promise<HostileServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    handler(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((res) => server.close(() => res()));
    },
  };
}

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

export interface ServedEntry {
  /** entry.json for a key: the real manifest with its key set to `key` (a lying server answers any key so). */
  manifest(key: string): Buffer;
  /** Every file of the entry by sha256. */
  blobs: Map<string, Buffer>;
  /** sha256 of each file of the entry by name (interpreter.tar.gz, interpreter.json). */
  files: Record<string, string>;
}

/** A real entry of a store (the suite's static interpreter), to serve from a node:http server. */
export function storeEntry(storeRoot: string, type: string, key: string): ServedEntry {
  const dir = join(storeRoot, 'entries', type, key);
  const doc = JSON.parse(readFileSync(join(dir, 'entry.json'), 'utf8'));
  const blobs = new Map<string, Buffer>();
  const files: Record<string, string> = {};
  for (const [name, f] of Object.entries(doc.files as Record<string, { sha256: string }>)) {
    blobs.set(f.sha256, readFileSync(join(dir, name)));
    files[name] = f.sha256;
  }
  return { manifest: (k) => Buffer.from(JSON.stringify({ ...doc, key: k })), blobs, files };
}

/** An entry made of these files (name → bytes), as a publisher (or a forger) would put it on a server. */
export function entryOf(files: Record<string, Buffer>): ServedEntry {
  const blobs = new Map<string, Buffer>();
  const shas: Record<string, string> = {};
  const listed: Record<string, { sha256: string; size: number }> = {};
  for (const [name, bytes] of Object.entries(files)) {
    blobs.set(sha256(bytes), bytes);
    shas[name] = sha256(bytes);
    listed[name] = { sha256: sha256(bytes), size: bytes.length };
  }
  const doc = { schema: 1, kind: 'pyhermetic-store-entry', type: 'interpreters', files: listed };
  return { manifest: (k) => Buffer.from(JSON.stringify({ ...doc, key: k })), blobs, files: shas };
}

/** Serves `entry` under whatever interpreter key is asked for; `blob` may answer a blob its own way. */
export function serveEntry(
  entry: ServedEntry,
  blob?: (res: ServerResponse, bytes: Buffer, sha: string) => boolean,
): Handler {
  return (req, res) => {
    const m = /^\/entries\/interpreters\/([0-9a-f]{64})\/entry\.json$/.exec(req.url ?? '');
    if (m) {
      const body = entry.manifest(m[1]);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
      return void res.end(req.method === 'HEAD' ? undefined : body);
    }
    const b = /^\/blobs\/sha256\/([0-9a-f]{64})$/.exec(req.url ?? '');
    const bytes = b ? entry.blobs.get(b[1]) : undefined;
    if (!bytes) return void res.writeHead(404).end();
    if (blob?.(res, bytes, b![1])) return;
    res.writeHead(200, { 'Content-Length': bytes.length }).end(req.method === 'HEAD' ? undefined : bytes);
  };
}
