// Fetching a pinned source: the store first, then each URL in order (file:// and a real HTTP server
// on 127.0.0.1), hashing while streaming; other bytes are an error and nothing is stored.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sha256Hex } from '../../../../src/shared/canonical.js';
import type { PythonSpec } from '../../../../src/core/model/manifests.js';
import { ensureSource, importSource, SourceMismatchError } from '../../../../src/core/interpreter/source.js';
import { Store } from '../../../../src/core/store/store.js';
import { EnvironmentError, UsageError } from '../../../../src/shared/errors.js';

function tmp(): string {
  const base = join(tmpdir(), 'pyhermetic-tests');
  mkdirSync(base, { recursive: true, mode: 0o700 });
  return mkdtempSync(join(base, 'source-unit-'));
}

const GOOD = Buffer.from('pretend this is Python-3.11.2.tgz '.repeat(5000));
const EVIL = Buffer.from('a captive portal page');

function spec(urls: string[], sha = sha256Hex(GOOD)): PythonSpec {
  return {
    name: 'cpython',
    version: '3.11.2',
    source: { sha256: sha, urls },
    configure: { shared: false, args: [] },
    requireModules: [],
  };
}

describe('source fetch and import', () => {
  let server: Server;
  let base = '';
  const hits: string[] = [];
  before(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/good.tgz') res.end(GOOD);
      else if (req.url === '/evil.tgz') res.end(EVIL);
      else {
        res.statusCode = 404;
        res.end('not found');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('tries the URLs in order and stores the first one with the pinned bytes', async () => {
    const store = await Store.open(tmp());
    hits.length = 0;
    const r = await ensureSource(
      store,
      spec([`file:///nonexistent/Python-3.11.2.tgz`, `${base}/missing.tgz`, `${base}/good.tgz`]),
    );
    assert.equal(r.from, `${base}/good.tgz`);
    assert.deepEqual(hits, ['/missing.tgz', '/good.tgz']);
    assert.deepEqual(readdirSync(store.blobDir), [sha256Hex(GOOD)]);
    const again = await ensureSource(store, spec([`${base}/good.tgz`]));
    assert.equal(again.from, 'store', 'the store is looked at before any URL');
  });

  it('an HTTP URL serving other bytes: error naming the URL and both hashes, nothing stored', async () => {
    const store = await Store.open(tmp());
    await assert.rejects(ensureSource(store, spec([`${base}/evil.tgz`, `${base}/good.tgz`])), (err: unknown) => {
      assert.ok(err instanceof SourceMismatchError);
      assert.equal(err.exitCode, 3);
      assert.match(err.message, new RegExp(`${base}/evil.tgz`));
      assert.match(err.message, new RegExp(sha256Hex(GOOD)));
      assert.match(err.message, new RegExp(sha256Hex(EVIL)));
      return true;
    });
    assert.deepEqual(readdirSync(store.blobDir), [], 'no blob and no temp');
  });

  it('a file:// URL serving other bytes is refused the same way', async () => {
    const store = await Store.open(tmp());
    const f = join(tmp(), 'Python-3.11.2.tgz');
    writeFileSync(f, EVIL);
    const url = pathToFileURL(f).href;
    await assert.rejects(
      ensureSource(store, spec([url])),
      (err: Error) =>
        err instanceof SourceMismatchError && err.message.includes(url) && err.message.includes(sha256Hex(EVIL)),
    );
    assert.deepEqual(readdirSync(store.blobDir), []);
  });

  it('nothing reachable: exit 3 listing every attempt and suggesting source import', async () => {
    const store = await Store.open(tmp());
    // A port that was just listened on and closed again: nothing answers there.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const closed = `http://127.0.0.1:${port}/Python-3.11.2.tgz`;
    await assert.rejects(ensureSource(store, spec(['file:///nonexistent/x.tgz', closed])), (err: unknown) => {
      assert.ok(err instanceof EnvironmentError && !(err instanceof SourceMismatchError));
      assert.match(err.message, /file:\/\/\/nonexistent\/x\.tgz: no such file/);
      assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${port}/Python-3\\.11\\.2\\.tgz: ECONNREFUSED`));
      assert.match(err.hint ?? '', /pyhermetic source import/);
      return true;
    });
  });

  it('source import stores a local file by its sha256 and checks an expected hash', async () => {
    const store = await Store.open(tmp());
    const f = join(tmp(), 'Python-3.11.2.tgz');
    writeFileSync(f, GOOD);
    await assert.rejects(
      importSource(store, f, sha256Hex(EVIL)),
      (err: unknown) => err instanceof UsageError && /nothing was stored/.test(err.message),
    );
    const r = await importSource(store, f);
    assert.equal(r.sha256, sha256Hex(GOOD));
    assert.equal((await ensureSource(store, spec([]))).from, 'store');
  });
});
