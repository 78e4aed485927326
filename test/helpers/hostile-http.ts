// A misbehaving remote store: a small node:http server on 127.0.0.1 whose handler each test writes
// (an HTML 200, a cut body, a redirect loop, a drip…). The one fake of the suite: such a server
// cannot be had for real. It records every request line so tests can count retries.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

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

/** A store entry whose manifest names an artifact payload and a small interpreter.json. */
export function fakeEntry(key: string, payload: Buffer) {
  const meta = Buffer.from(`${JSON.stringify({ kind: 'pyhermetic-interpreter', fingerprint: 'f'.repeat(64) })}\n`);
  const manifest = {
    schema: 1,
    kind: 'pyhermetic-store-entry',
    type: 'interpreters',
    key,
    files: {
      'interpreter.tar.gz': { sha256: sha256(payload), size: payload.length },
      'interpreter.json': { sha256: sha256(meta), size: meta.length },
    },
  };
  const blobs = new Map([
    [sha256(payload), payload],
    [sha256(meta), meta],
  ]);
  return { manifest: Buffer.from(JSON.stringify(manifest)), blobs, payloadSha: sha256(payload) };
}
