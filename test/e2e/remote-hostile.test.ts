// Fail closed: each hostile answer of a remote store (a node:http server on 127.0.0.1 playing it) is
// exit 3 naming the URL (never the credentials) and what was wrong, and nothing lands in the local store.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import {
  type HostileServer,
  type ServedEntry,
  serveEntry,
  sha256,
  startHostile,
  storeEntry,
} from '../helpers/hostile-http.js';
import { builtInterpreter, SPEC } from '../helpers/interpreters.js';
import { MARKUPSAFE_SDIST, parseJson, sharedStore } from '../helpers/runner.js';
import { scratch } from '../helpers/scratch.js';

const scratchDirs = scratch();

const PASSWORD = 'hunter2-never-shown';
const ENV = {
  PYHERMETIC_REMOTE_USER: 'agent',
  PYHERMETIC_REMOTE_PASSWORD: PASSWORD,
  PYHERMETIC_REMOTE_TIMEOUT: '1',
  PYHERMETIC_REMOTE_RETRIES: '2',
};
/** The suite's static interpreter entry, as a well-behaved remote holds it (read once, in `before`). */
let real: ServedEntry;

/** Serves the real entry; `blob` answers the artifact's blob (the hostile part of most tests). */
function entryServer(blob: (res: ServerResponse, bytes: Buffer) => void) {
  return serveEntry(real, (res, bytes, sha) => {
    if (sha !== real.files['interpreter.tar.gz']) return false;
    blob(res, bytes);
    return true;
  });
}

describe('remote store: every hostile answer is exit 3 and stores nothing', function () {
  this.timeout(15 * 60 * 1000);
  let server: HostileServer | undefined;
  let size = 0;
  before(async () => {
    const built = await builtInterpreter('static');
    real = storeEntry(sharedStore(), 'interpreters', built.manifest.buildKey);
    size = real.blobs.get(real.files['interpreter.tar.gz'])!.length;
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });
  after(() => scratchDirs.cleanup());

  async function fetchFrom(handler: (req: IncomingMessage, res: ServerResponse) => void) {
    server = await startHostile(handler);
    const store = join(scratchDirs.dir('hostile-'), 'store');
    const r = await scratchDirs.run(
      ['interpreter', 'build', '--spec', SPEC.static, '--store', store, '--remote', server.url, '--json'],
      { env: ENV },
    );
    assert.ok(!r.stderr.includes(PASSWORD), 'the password never shows up');
    const entries = join(store, 'entries', 'interpreters');
    const left = existsSync(entries) ? readdirSync(entries) : [];
    return { ...r, left };
  }

  function failsWith(r: { exitCode: number; stderr: string; left: string[] }, pattern: RegExp) {
    assert.equal(r.exitCode, 3, r.stderr);
    assert.match(r.stderr, pattern);
    assert.match(r.stderr, /http:\/\/127\.0\.0\.1:\d+\//, 'the URL is named');
    assert.deepEqual(r.left, [], 'nothing (not even a temp) in the local store');
  }

  it('a well-behaved server works (the fake is a valid remote): from "remote"', async () => {
    const r = await fetchFrom(entryServer((res, bytes) => res.writeHead(200).end(bytes)));
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(parseJson(r).from, 'remote');
  });

  it('a manifest naming a blob the remote lacks (an incomplete entry) is an error, not a half entry', async () => {
    const r = await fetchFrom(entryServer((res) => res.writeHead(404).end()));
    failsWith(r, /names interpreter\.tar\.gz \(blobs\/sha256\/[0-9a-f]{64}\), which the remote does not have/);
  });

  it('a manifest without the files an interpreter entry needs is refused before anything is fetched', async () => {
    const r = await fetchFrom((req, res) => {
      const m = /^\/entries\/interpreters\/([0-9a-f]{64})\/entry\.json$/.exec(req.url ?? '');
      if (!m) return void res.writeHead(404).end();
      const doc = JSON.parse(real.manifest(m[1]).toString());
      delete doc.files['interpreter.json'];
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(doc));
    });
    failsWith(r, /entry\.json does not name interpreter\.json/);
    assert.equal(server!.requests.filter((l) => l.includes('/blobs/')).length, 0);
  });

  it('redirects are followed for reads, and credentials never follow to another origin', async () => {
    const seen: (string | undefined)[] = [];
    const good = entryServer((res, bytes) => res.writeHead(200).end(bytes));
    const other = await startHostile((req, res) => {
      seen.push(req.headers.authorization);
      good(req, res);
    });
    try {
      const r = await fetchFrom((req, res) =>
        res.writeHead(301, { Location: `${other.url.slice(0, -1)}${req.url}` }).end(),
      );
      assert.equal(r.exitCode, 0, r.stderr);
      assert.equal(parseJson(r).from, 'remote');
      assert.ok(seen.length >= 3);
      assert.deepEqual(
        seen.filter((a) => a !== undefined),
        [],
        'no Authorization header reached the other origin',
      );
    } finally {
      await other.stop();
    }
  });

  it('HTML 200 (a login page instead of the manifest)', async () => {
    const r = await fetchFrom((_req, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<html>Please log in</html>'),
    );
    failsWith(r, /HTTP 200 with an HTML page/);
  });

  it('a truncated body (the connection closes half way)', async () => {
    const r = await fetchFrom(
      entryServer((res, bytes) => {
        res.writeHead(200, { 'Content-Length': bytes.length });
        res.write(bytes.subarray(0, bytes.length / 2), () => res.socket?.destroy());
      }),
    );
    failsWith(
      r,
      new RegExp(`the connection broke after \\d+ bytes of the ${size} its Content-Length announced.*truncated body`),
    );
  });

  it('a lying Content-Length', async () => {
    const r = await fetchFrom(
      entryServer((res, bytes) => {
        res.writeHead(200, { 'Content-Length': bytes.length + 100 });
        res.end(bytes);
      }),
    );
    failsWith(r, new RegExp(`Content-Length says ${size + 100} bytes, the manifest says ${size}`));
  });

  it('bytes with another sha256 (same length)', async () => {
    const r = await fetchFrom(entryServer((res, bytes) => res.writeHead(200).end(Buffer.from(bytes).reverse())));
    failsWith(r, /blobs\/sha256\/[0-9a-f]{64}: the bytes hash to sha256 [0-9a-f]{64}, not [0-9a-f]{64}/);
  });

  it('a redirect loop', async () => {
    const r = await fetchFrom((req, res) =>
      res.writeHead(302, { Location: req.url === '/loop-a' ? '/loop-b' : '/loop-a' }).end(),
    );
    failsWith(r, /a redirect loop \(.*loop-a → .*loop-b → .*loop-a\)/);
  });

  it('401: says which variables to set', async () => {
    const r = await fetchFrom((_req, res) => res.writeHead(401, { 'WWW-Authenticate': 'Basic' }).end());
    failsWith(r, /HTTP 401 Unauthorized .*credentials from PYHERMETIC_REMOTE_USER\/PYHERMETIC_REMOTE_PASSWORD/);
    assert.match(r.stderr, /set PYHERMETIC_REMOTE_TOKEN/);
  });

  it('403', async () => {
    const r = await fetchFrom((_req, res) => res.writeHead(403).end());
    failsWith(r, /HTTP 403 Forbidden/);
  });

  it('5xx: retried with backoff, a bounded number of times, then an error', async () => {
    const r = await fetchFrom((_req, res) => res.writeHead(503).end());
    failsWith(r, /failed 3 time\(s\), last: HTTP 503/);
    assert.equal(server!.requests.length, 3);
  });

  it('5xx twice, then a good answer: the retry succeeds', async () => {
    let n = 0;
    const good = entryServer((res, bytes) => res.writeHead(200).end(bytes));
    const r = await fetchFrom((req, res) => (++n <= 2 ? res.writeHead(502).end() : good(req, res)));
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(parseJson(r).from, 'remote');
  });

  it('a slow drip (a few bytes a second) is below the minimum throughput', async () => {
    const r = await fetchFrom(
      entryServer((res, bytes) => {
        res.writeHead(200, { 'Content-Length': bytes.length });
        let i = 0;
        const t = setInterval(() => {
          if (res.destroyed) clearInterval(t);
          else res.write(bytes.subarray(i, ++i));
        }, 100);
      }),
    );
    failsWith(r, /the transfer is too slow: \d+ bytes in 1 s, below the minimum of 32 KiB\/s/);
  });

  it('no answer at all', async () => {
    const r = await fetchFrom(() => undefined);
    failsWith(r, /failed 3 time\(s\), last: no answer within 1 s/);
  });

  describe('publishing', () => {
    async function pushTo(url: (base: string) => string, handler: (req: IncomingMessage, res: ServerResponse) => void) {
      server = await startHostile(handler);
      const store = join(scratchDirs.dir('hostile-push-'), 'store');
      const imp = await scratchDirs.run(['source', 'import', MARKUPSAFE_SDIST, '--store', store]);
      assert.equal(imp.exitCode, 0, imp.stderr);
      return scratchDirs.run(['store', 'push', '--store', store, '--remote', url(server.url)], { env: ENV });
    }
    const missingThenRefuse = (status: number) => (req: IncomingMessage, res: ServerResponse) =>
      res.writeHead(req.method === 'HEAD' ? 404 : status).end();

    it('409 on the PUT (WebDAV)', async () => {
      const r = await pushTo((u) => u, missingThenRefuse(409));
      assert.equal(r.exitCode, 3, r.stderr);
      assert.match(
        r.stderr,
        /PUT http:\/\/127\.0\.0\.1:\d+\/blobs\/sha256\/\.pyhermetic-upload-[^:]+: HTTP 409 Conflict/,
      );
    });

    it('412 on the PUT (Artifactory)', async () => {
      const r = await pushTo((u) => `artifactory+${u}`, missingThenRefuse(412));
      assert.equal(r.exitCode, 3, r.stderr);
      assert.match(
        r.stderr,
        /PUT http:\/\/127\.0\.0\.1:\d+\/blobs\/sha256\/[0-9a-f]{64}: HTTP 412 Precondition Failed/,
      );
      assert.ok(server!.requests.some((l) => l.startsWith('PUT ')));
    });

    it('Nexus: bytes read back after the PUT that differ are an error', async () => {
      const r = await pushTo(
        (u) => `nexus+${u}`,
        (req, res) => {
          if (req.method === 'HEAD') res.writeHead(404).end();
          else if (req.method === 'PUT') res.writeHead(201).end();
          else res.writeHead(200).end(Buffer.alloc(10));
        },
      );
      assert.equal(r.exitCode, 3, r.stderr);
      assert.match(r.stderr, /GET http:\/\/127\.0\.0\.1:\d+\/blobs\/sha256\/[0-9a-f]{64}: received 10 bytes/);
    });
  });
});

describe('remote store: the Artifactory protocol against a checksum-checking stand-in', function () {
  this.timeout(10 * 60 * 1000);
  let server: HostileServer;
  const files = new Map<string, Buffer>();
  const puts: { path: string; checksum?: string; actual: string }[] = [];

  after(async () => {
    await server?.stop();
    scratchDirs.cleanup();
  });

  it('store push sends X-Checksum-Sha256 with every PUT; another agent fetches through it', async () => {
    // Artifactory cannot run here: this stand-in does what the protocol relies on — it refuses a PUT
    // whose X-Checksum-Sha256 does not match the body (409) and serves what it stored.
    server = await startHostile((req, res) => {
      const path = req.url ?? '';
      if (req.method === 'PUT') {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = Buffer.concat(chunks);
          const actual = sha256(body);
          const checksum = req.headers['x-checksum-sha256'] as string | undefined;
          puts.push({ path, checksum, actual });
          if (checksum !== actual) return void res.writeHead(409).end('checksum mismatch');
          files.set(path, body);
          res.writeHead(201).end();
        });
        return;
      }
      const body = files.get(path);
      if (!body) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
    const url = `artifactory+${server.url}`;
    const push = await scratchDirs.run(['store', 'push', '--remote', url, '--store', sharedStore(), '--json'], {
      env: ENV,
    });
    assert.equal(push.exitCode, 0, push.stderr);
    assert.ok(puts.length >= 3);
    assert.ok(
      puts.every((p) => p.checksum === p.actual),
      JSON.stringify(puts),
    );
    const b = await scratchDirs.run(
      [
        'interpreter',
        'build',
        '--spec',
        SPEC.static,
        '--store',
        join(scratchDirs.dir('art-b-'), 'store'),
        '--remote',
        url,
        '--json',
      ],
      { env: ENV },
    );
    assert.equal(b.exitCode, 0, b.stderr);
    assert.equal(parseJson(b).from, 'remote');
  });
});
