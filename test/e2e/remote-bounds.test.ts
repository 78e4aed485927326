// Every answer of the remote store is bounded, and no secret of its URL is ever printed. A lying server
// (node:http on 127.0.0.1) announces a 10 GiB manifest, drips just above what the old stall guard took
// (1 KiB per 30 s window: a 64 MiB artifact in days), floods a source blob without a Content-Length;
// settings out of range are exit 2 before any request; passwords with @ / : %40 and unicode never show.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { type HostileServer, serveEntry, startHostile, storeEntry } from '../helpers/hostile-http.js';
import { builtInterpreter, SPEC, type BuiltInterpreter } from '../helpers/interpreters.js';
import { CPYTHON_SHA256, sharedStore } from '../helpers/runner.js';
import { scratch } from '../helpers/scratch.js';

const scratchDirs = scratch();
const PASSWORD = 'hunter2-never-shown';
const CREDS = { PYHERMETIC_REMOTE_USER: 'agent', PYHERMETIC_REMOTE_PASSWORD: PASSWORD, PYHERMETIC_REMOTE_RETRIES: '0' };

/** The files (temps included) in a store's entries/ and blobs/. */
function stored(store: string): string[] {
  return ['entries', 'blobs'].flatMap((d) =>
    existsSync(join(store, d))
      ? readdirSync(join(store, d), { recursive: true, withFileTypes: true })
          .filter((e) => !e.isDirectory())
          .map((e) => join(e.parentPath, e.name))
      : [],
  );
}

describe('remote store bounds: size, time and settings', function () {
  this.timeout(20 * 60 * 1000);
  let built: BuiltInterpreter;
  let server: HostileServer | undefined;

  before(async () => {
    built = await builtInterpreter('static');
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });
  after(() => scratchDirs.cleanup());

  async function build(handler: Parameters<typeof startHostile>[0], env: Record<string, string> = {}) {
    server = await startHostile(handler);
    const store = join(scratchDirs.dir('bounds-'), 'store');
    const started = Date.now();
    const r = await scratchDirs.run(
      ['interpreter', 'build', '--spec', SPEC.static, '--store', store, '--remote', server.url, '--json'],
      { env: { ...CREDS, ...env }, timeoutMs: 10 * 60 * 1000 },
    );
    assert.ok(!`${r.stdout}${r.stderr}`.includes(PASSWORD), 'the password never shows up');
    return { ...r, stored: stored(store), seconds: (Date.now() - started) / 1000 };
  }

  it('a manifest announced as 10 GiB is refused at the header', async () => {
    const r = await build((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(10 * 1024 ** 3) });
      res.write('{');
    });
    assert.equal(r.exitCode, 3, r.stderr);
    assert.match(r.stderr, /Content-Length 10737418240 is more than the 4194304 bytes .* refused before reading it/);
    assert.deepEqual(r.stored, []);
  });

  it('a drip just above the old guard (2 KiB/s) at the default settings ends in seconds: too slow', async () => {
    const entry = storeEntry(sharedStore(), 'interpreters', built.manifest.buildKey);
    const r = await build(
      serveEntry(entry, (res: ServerResponse, bytes: Buffer) => {
        if (bytes.length < 1024 * 1024) return false;
        res.writeHead(200, { 'Content-Length': bytes.length });
        let i = 0;
        const t = setInterval(() => {
          if (res.destroyed) clearInterval(t);
          else res.write(bytes.subarray(i, (i += 2048)));
        }, 1000);
        return true;
      }),
      { PYHERMETIC_REMOTE_RETRIES: '0' },
    );
    assert.equal(r.exitCode, 3, r.stderr);
    assert.match(
      r.stderr,
      /blobs\/sha256\/[0-9a-f]{64}: the transfer is too slow: \d+ bytes in 10 s, below the minimum of 32 KiB\/s/,
    );
    assert.deepEqual(r.stored, []);
  });

  it('a source blob flooded without a Content-Length is cut off at the cap; one announced as 3 GiB is refused', async () => {
    const flood = (req: { url?: string }, res: ServerResponse) => {
      if (req.url !== `/blobs/sha256/${CPYTHON_SHA256}`) return void res.writeHead(404).end();
      res.writeHead(200);
      const chunk = Buffer.alloc(1024 * 1024);
      const more = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', more);
      };
      more();
    };
    const r = await build(flood, { PYHERMETIC_REMOTE_MAX_BLOB: '8' });
    assert.equal(r.exitCode, 3, r.stderr);
    assert.match(
      r.stderr,
      /blobs\/sha256\/2411c74b[0-9a-f]+: the body runs past 8388608 bytes, all it may have; cut off/,
    );
    assert.deepEqual(r.stored, []);
    await server!.stop();
    const announced = await build((req, res) => {
      if (req.url !== `/blobs/sha256/${CPYTHON_SHA256}`) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Length': String(3 * 1024 ** 3) });
      res.write(Buffer.alloc(1024));
    });
    assert.equal(announced.exitCode, 3, announced.stderr);
    assert.match(announced.stderr, /Content-Length 3221225472 is more than the 2147483648 bytes a file without a size/);
    assert.deepEqual(announced.stored, []);
  });

  it('a full $TMPDIR during a remote fetch names the file being written (ENOSPC), and nothing is stored', async () => {
    const tmp = scratchDirs.dir('bounds-enospc-');
    await execa('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=1777', 'pyhermetic-enospc', tmp]);
    try {
      const entry = storeEntry(sharedStore(), 'interpreters', built.manifest.buildKey);
      const r = await build(serveEntry(entry), { TMPDIR: tmp });
      assert.equal(r.exitCode, 3, r.stderr);
      assert.match(
        r.stderr,
        /pyhermetic-remote-[^ ]*\/interpreter\.(tar\.gz|json): no space left on the device \[ENOSPC in downloading http:\/\/127\.0\.0\.1:\d+\/blobs\/sha256\/[0-9a-f]{64}\]/,
      );
      assert.doesNotMatch(r.stderr, /the system did not say which/);
      assert.deepEqual(r.stored, []);
    } finally {
      await execa('umount', [tmp]);
    }
  });

  for (const [name, value, what] of [
    [
      'PYHERMETIC_REMOTE_TIMEOUT',
      '3000000',
      /PYHERMETIC_REMOTE_TIMEOUT="3000000" is not a number of seconds from 1 to 3600/,
    ],
    ['PYHERMETIC_REMOTE_TIMEOUT', 'abc', /PYHERMETIC_REMOTE_TIMEOUT="abc" is not a number/],
    ['PYHERMETIC_REMOTE_TIMEOUT', '-5', /PYHERMETIC_REMOTE_TIMEOUT="-5" is not a number/],
    ['PYHERMETIC_REMOTE_RETRIES', '12', /PYHERMETIC_REMOTE_RETRIES="12" is not a whole number of retries from 0 to 10/],
    ['PYHERMETIC_REMOTE_DEADLINE', '0', /PYHERMETIC_REMOTE_DEADLINE="0" is not a number of seconds from 1 to 86400/],
    ['PYHERMETIC_REMOTE_MIN_RATE', 'fast', /PYHERMETIC_REMOTE_MIN_RATE="fast" is not a number of KiB\/s/],
  ] as const) {
    it(`${name}=${value} is exit 2 before any request`, async () => {
      const r = await build((_req, res) => res.writeHead(404).end(), { [name]: value });
      assert.equal(r.exitCode, 2, r.stderr);
      assert.match(r.stderr, what);
      assert.deepEqual(server!.requests, []);
    });
  }
});

describe('remote store secrets: no password of a --remote URL is ever printed or written', function () {
  this.timeout(5 * 60 * 1000);
  after(() => scratchDirs.cleanup());

  const passwords = ['p@ssSECRET', 'a/bSECRET', 'x:ySECRET', 'p%40SECRET', 'pässwörtSECRET', 'ü@/:%40SECRET'];
  for (const pw of passwords) {
    it(`password ${JSON.stringify(pw)}: exit 2, not in the message, rerun.sh or the printed rerun line`, async () => {
      const dir = scratchDirs.dir('secret-');
      const rerun = join(dir, 'rerun.sh');
      for (const how of ['option', 'env'] as const) {
        const url = `http://u:${pw}@127.0.0.1:9/store/`;
        const args = ['--write-rerun', rerun, 'interpreter', 'build', '--spec', SPEC.static, '--store', join(dir, 's')];
        const r = await scratchDirs.run(how === 'option' ? [...args, '--remote', url] : args, {
          env: how === 'env' ? { PYHERMETIC_REMOTE: url } : {},
        });
        assert.equal(r.exitCode, 2, r.stderr);
        assert.match(r.stderr, /carries credentials in the URL|is not a URL/);
        for (const text of [r.stdout, r.stderr, readFileSync(rerun, 'utf8')])
          assert.ok(!text.includes('SECRET') && !text.includes(encodeURIComponent(pw)), `${how}: ${text}`);
      }
    });
  }

  it('a token in a ?query is refused and never shown', async () => {
    const dir = scratchDirs.dir('secret-q-');
    const r = await scratchDirs.run([
      '--write-rerun',
      join(dir, 'rerun.sh'),
      'interpreter',
      'build',
      '--spec',
      SPEC.static,
      '--remote',
      'https://dav.example.org/store/?token=SECRET',
    ]);
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, /must not have a \?query/);
    assert.ok(!`${r.stdout}${r.stderr}${readFileSync(join(dir, 'rerun.sh'), 'utf8')}`.includes('SECRET'));
  });
});
