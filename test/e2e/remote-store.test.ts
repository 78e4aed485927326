// The shared remote store on a real nginx with WebDAV and basic auth: agent A publishes the static
// interpreter it holds, agent B (empty store, another HOME) gets it from the remote without building,
// a byte flipped on the server stops agent C with exit 3 and nothing stored, no credentials → 401 and
// what to set, two publishers at once both succeed and leave one valid entry.
import { copyDemo, onTheHost } from '../helpers/demo-app.js';
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInterpreter, SPEC, type BuiltInterpreter } from '../helpers/interpreters.js';
import { testBuildRoot } from '../helpers/build-root.js';
import { type NginxWebdav, startNginxWebdav } from '../helpers/nginx-webdav.js';
import { parseJson, sharedStore } from '../helpers/runner.js';
import { scratch } from '../helpers/scratch.js';

const scratchDirs = scratch();

/** Every file below dir, relative. */
function files(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe('remote store on nginx WebDAV (two agents share one interpreter)', function () {
  this.timeout(40 * 60 * 1000);
  let nginx: NginxWebdav;
  let built: BuiltInterpreter;
  let key: string;

  before(async () => {
    built = await builtInterpreter('static');
    nginx = await startNginxWebdav();
  });
  after(async () => {
    await nginx?.stop();
    scratchDirs.cleanup();
  });

  const build = (store: string, extra: string[], env: Record<string, string> = nginx.env) =>
    scratchDirs.run(['interpreter', 'build', '--spec', SPEC.static, '--store', store, '--json', ...extra], { env });

  it('agent A publishes the entry it holds only locally: blobs first, manifest last, no upload temps left', async () => {
    const a = await build(sharedStore(), ['--remote', nginx.url, '--publish']);
    assert.equal(a.exitCode, 0, a.stderr);
    const doc = parseJson(a);
    assert.equal(doc.from, 'local');
    assert.equal(doc.published, 'published');
    assert.equal(doc.sha256, built.sha256);
    key = doc.key;
    const onServer = files(nginx.root).sort();
    const manifest = JSON.parse(readFileSync(join(nginx.root, 'entries', 'interpreters', key, 'entry.json'), 'utf8'));
    const blobs = Object.values(manifest.files).map((f: any) => `blobs/sha256/${f.sha256}`);
    assert.deepEqual(onServer, [...blobs, `entries/interpreters/${key}/entry.json`].sort());
    assert.ok(!a.stderr.includes(nginx.password), 'the password never shows up in the log');
    // The server's own log: every blob was moved into place before the manifest was.
    const writes = readFileSync(join(nginx.root, '..', '..', 'logs', 'access.log'), 'utf8')
      .split('\n')
      .filter((l) => /"(PUT|MOVE) /.test(l))
      .map((l) => /"(PUT|MOVE) (\S+)/.exec(l)!.slice(1).join(' '));
    assert.equal(writes.length, 2 * (blobs.length + 1), writes.join('\n'));
    assert.ok(
      writes.slice(0, -2).every((w) => w.includes('/store/blobs/sha256/')),
      writes.join('\n'),
    );
    assert.ok(
      writes.slice(-2).every((w) => w.includes(`/store/entries/interpreters/${key}/`)),
      writes.join('\n'),
    );
  });

  it('agent B, with an empty store and another HOME, gets it from the remote: from "remote", the same sha256', async () => {
    const store = join(scratchDirs.dir('agent-b-'), 'store');
    const b = await build(store, ['--remote', nginx.url]);
    assert.equal(b.exitCode, 0, b.stderr);
    const doc = parseJson(b);
    assert.equal(doc.from, 'remote');
    assert.equal(doc.sha256, built.sha256);
    assert.equal(doc.fingerprint, built.fingerprint);
    assert.doesNotMatch(b.stderr, /configure|make/, 'nothing was built');
    const verify = await scratchDirs.run(['store', 'verify', '--store', store, '--json']);
    assert.equal(verify.exitCode, 0, verify.stdout);
    // A second run is a plain local hit.
    const again = await build(store, ['--remote', nginx.url]);
    assert.equal(parseJson(again).from, 'local');
  });

  it('RED: a byte flipped on the server goes unnoticed by a plain HTTP download', async () => {
    const manifest = JSON.parse(readFileSync(join(nginx.root, 'entries', 'interpreters', key, 'entry.json'), 'utf8'));
    const sha = manifest.files['interpreter.tar.gz'].sha256;
    const blob = join(nginx.root, 'blobs', 'sha256', sha);
    const bytes = readFileSync(blob);
    bytes[1000] ^= 0xff;
    writeFileSync(blob, bytes);
    const out = join(scratchDirs.dir('curl-'), 'interpreter.tar.gz');
    const r = await execa(
      'curl',
      ['-fsS', '-u', `${nginx.user}:${nginx.password}`, '-o', out, `${nginx.url}blobs/sha256/${sha}`],
      { reject: false },
    );
    assert.equal(r.exitCode, 0, 'curl hands out the corrupt bytes without complaint');
    assert.equal(readFileSync(out).length, manifest.files['interpreter.tar.gz'].size);
  });

  it('GREEN: agent C fails with exit 3 naming the URL and both hashes, and its store stays without the entry', async () => {
    const store = join(scratchDirs.dir('agent-c-'), 'store');
    const c = await build(store, ['--remote', nginx.url]);
    assert.equal(c.exitCode, 3, c.stderr);
    assert.match(
      c.stderr,
      /GET http:\/\/127\.0\.0\.1:\d+\/store\/blobs\/sha256\/[0-9a-f]{64}: the bytes hash to sha256 [0-9a-f]{64}, not [0-9a-f]{64}/,
    );
    assert.match(c.stderr, /nothing was stored/);
    assert.equal(existsSync(join(store, 'entries', 'interpreters', key)), false);
    assert.deepEqual(
      files(join(store, 'entries')).filter((f) => !f.startsWith('.')),
      [],
      'no entry and no temp left in the store',
    );
  });

  it('without credentials: exit 3, the error says 401 and which variables to set', async () => {
    const store = join(scratchDirs.dir('agent-anon-'), 'store');
    const r = await build(store, ['--remote', nginx.url], {});
    assert.equal(r.exitCode, 3, r.stderr);
    assert.match(r.stderr, /HTTP 401 Unauthorized/);
    assert.match(r.stderr, /no credentials were sent/);
    assert.match(r.stderr, /PYHERMETIC_REMOTE_TOKEN .*PYHERMETIC_REMOTE_USER and PYHERMETIC_REMOTE_PASSWORD/);
    const wrong = await build(store, ['--remote', nginx.url], {
      PYHERMETIC_REMOTE_USER: nginx.user,
      PYHERMETIC_REMOTE_PASSWORD: 'not-the-password',
    });
    assert.equal(wrong.exitCode, 3);
    assert.match(wrong.stderr, /HTTP 401 .*credentials from PYHERMETIC_REMOTE_USER\/PYHERMETIC_REMOTE_PASSWORD/);
    assert.ok(!wrong.stderr.includes('not-the-password'));
  });

  it('credentials from a netrc file ($NETRC) work as well', async () => {
    const netrc = join(scratchDirs.dir('netrc-'), 'netrc');
    // The helper's password has a space, which netrc cannot hold: a second user without one.
    await execa('htpasswd', ['-b', join(nginx.root, '..', '..', 'htpasswd'), 'netrc-user', 'netrc-pw']);
    writeFileSync(netrc, 'machine 127.0.0.1 login netrc-user password netrc-pw\n');
    const r = await build(join(scratchDirs.dir('agent-netrc-'), 'store'), ['--remote', nginx.url], { NETRC: netrc });
    // Authenticated: the request gets past 401 to the byte flipped on the server (exit 3, a hash error).
    assert.equal(r.exitCode, 3, r.stderr);
    assert.match(r.stderr, /the bytes hash to sha256/);
  });

  it('credentials in the URL are refused (exit 2), never echoed; rerun.sh names the variables, not their values', async () => {
    const r = await build(join(scratchDirs.dir('agent-url-'), 'store'), [
      '--remote',
      `http://${nginx.user}:secret-in-url@127.0.0.1:1/store/`,
    ]);
    assert.equal(r.exitCode, 2, r.stderr);
    assert.ok(!r.stderr.includes('secret-in-url'), r.stderr);
    const rerun = join(scratchDirs.dir('rerun-'), 'rerun.sh');
    const store = join(scratchDirs.dir('agent-rerun-'), 'store');
    const ok = await scratchDirs.run(
      ['--write-rerun', rerun, 'interpreter', 'build', '--spec', SPEC.static, '--store', store, '--json'],
      { env: { ...nginx.env, PYHERMETIC_REMOTE: nginx.url } },
    );
    assert.equal(ok.exitCode, 3, 'the flipped byte is still on the server');
    const text = readFileSync(rerun, 'utf8');
    assert.ok(!text.includes(nginx.password), text);
    assert.match(text, /PYHERMETIC_REMOTE='http:\/\/127\.0\.0\.1:\d+\/store\/'/);
    assert.match(text, /PYHERMETIC_REMOTE_USER/);
  });

  it('two agents publishing the same key at once both succeed and leave one valid entry', async () => {
    const url = nginx.url.replace(/\/store\/$/, '/concurrent/');
    const push = () =>
      scratchDirs.run(['store', 'push', '--remote', url, '--store', sharedStore(), '--json'], { env: nginx.env });
    const pushes = await Promise.all([push(), push(), push()]);
    for (const p of pushes) assert.equal(p.exitCode, 0, p.stderr);
    // Of the publishers of one key exactly one wrote its manifest; the others found it there.
    const results = new Map<string, string[]>();
    for (const p of pushes)
      for (const e of parseJson(p).entries) results.set(e.key, [...(results.get(e.key) ?? []), e.result]);
    for (const [k, rs] of results) assert.deepEqual(rs.sort(), ['existed', 'existed', 'published'], k);
    const root = nginx.root.replace(/\/store$/, '/concurrent');
    assert.deepEqual(
      files(root).filter((f) => f.includes('.pyhermetic-upload-')),
      [],
      'no upload temps left on the server',
    );
    // Read back through the Nexus protocol (plain GETs; nginx serves it the same).
    const d = await build(join(scratchDirs.dir('agent-d-'), 'store'), ['--remote', `nexus+${url}`]);
    assert.equal(d.exitCode, 0, d.stderr);
    assert.equal(parseJson(d).from, 'remote');
    assert.equal(parseJson(d).sha256, built.sha256);
  });

  describe("signed entries: main publishes signed, pull requests trust main's key", () => {
    const keys: Record<string, { key: string; pub: string }> = {};
    let signed: string;
    let unsigned: string;
    let oneEntryStore: string;

    before(async () => {
      const dir = scratchDirs.dir('keys-');
      for (const name of ['a', 'b']) {
        const key = join(dir, `${name}.pem`);
        const pub = join(dir, `${name}.pub.pem`);
        await execa('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', key]);
        chmodSync(key, 0o600);
        await execa('openssl', ['pkey', '-in', key, '-pubout', '-out', pub]);
        keys[name] = { key, pub };
      }
      signed = nginx.url.replace(/\/store\/$/, '/signed/');
      unsigned = nginx.url.replace(/\/store\/$/, '/unsigned/');
      // A store holding only the static interpreter: what main's agent built.
      oneEntryStore = join(scratchDirs.dir('main-agent-'), 'store');
      cpSync(join(sharedStore(), 'entries', 'interpreters', key), join(oneEntryStore, 'entries', 'interpreters', key), {
        recursive: true,
      });
    });

    const push = (url: string, env: Record<string, string> = {}) =>
      scratchDirs.run(['store', 'push', '--remote', url, '--store', oneEntryStore, '--json'], {
        env: { ...nginx.env, ...env },
      });
    const readWith = (url: string, trusted: string[], extra: string[] = [], env: Record<string, string> = {}) => {
      const store = join(scratchDirs.dir('pr-agent-'), 'store');
      return build(store, ['--remote', url, ...trusted.flatMap((k) => ['--trusted-key', k]), ...extra], {
        ...nginx.env,
        ...env,
      }).then((r) => ({ ...r, store }));
    };

    it('main publishes with its signing key: a DSSE envelope beside the manifest', async () => {
      const p = await push(signed, { PYHERMETIC_STORE_SIGNING_KEY: keys.a.key });
      assert.equal(p.exitCode, 0, p.stderr);
      const root = nginx.root.replace(/\/store$/, '/signed');
      const envelope = JSON.parse(readFileSync(join(root, 'entries', 'interpreters', key, 'entry.json.dsse'), 'utf8'));
      assert.equal(envelope.payloadType, 'application/vnd.pyhermetic.store-document+json');
      assert.equal(envelope.signatures.length, 1);
    });

    it('a reader trusting key A takes the entry main signed with A', async () => {
      const r = await readWith(signed, [keys.a.pub]);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.equal(parseJson(r).from, 'remote');
      assert.equal(parseJson(r).sha256, built.sha256);
    });

    it('a reader trusting only key B: exit 3 "not signed by a trusted key", nothing stored', async () => {
      const r = await readWith(signed, [keys.b.pub]);
      assert.equal(r.exitCode, 3, r.stderr);
      assert.match(
        r.stderr,
        /entry\.json is not signed by a trusted key: it is signed by key [0-9a-f]{64}, which is not a trusted one/,
      );
      assert.deepEqual(files(join(r.store, 'entries')), []);
      assert.deepEqual(files(join(r.store, 'blobs')), []);
    });

    it('an unsigned entry, read by a reader trusting A (PYHERMETIC_TRUSTED_KEYS): exit 3, nothing stored', async () => {
      const p = await push(unsigned);
      assert.equal(p.exitCode, 0, p.stderr);
      const r = await readWith(unsigned, [], [], { PYHERMETIC_TRUSTED_KEYS: keys.a.pub });
      assert.equal(r.exitCode, 3, r.stderr);
      assert.match(r.stderr, /is not signed by a trusted key: it has no signature/);
      assert.deepEqual(files(join(r.store, 'entries')), []);
    });

    it('trusted keys with --publish and no signing key: exit 2 (it would publish what nobody may read)', async () => {
      const r = await readWith(signed, [keys.a.pub], ['--publish']);
      assert.equal(r.exitCode, 2, r.stderr);
      assert.match(r.stderr, /--publish with trusted keys .* needs PYHERMETIC_STORE_SIGNING_KEY/);
      const p = await push(signed, { PYHERMETIC_TRUSTED_KEYS: keys.a.pub });
      assert.equal(p.exitCode, 2, p.stderr);
    });

    it('store push with the key signs an entry the remote held unsigned; then readers trusting A take it', async () => {
      const p = await push(unsigned, { PYHERMETIC_STORE_SIGNING_KEY: keys.a.key });
      assert.equal(p.exitCode, 0, p.stderr);
      assert.deepEqual(
        parseJson(p).entries.map((e: any) => e.result),
        ['existed'],
      );
      const r = await readWith(unsigned, [keys.a.pub]);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.equal(parseJson(r).from, 'remote');
    });
  });

  it('pipeline with "remote" in pyhermetic.json: an agent with an empty store runs the demo green from the remote artifact', async () => {
    const url = nginx.url.replace(/\/store\/$/, '/concurrent/');
    const dir = join(scratchDirs.dir('demo-remote-'), 'demo-app');
    copyDemo(dir);
    onTheHost(dir);
    const config = join(dir, 'pyhermetic.json');
    writeFileSync(config, JSON.stringify({ ...JSON.parse(readFileSync(config, 'utf8')), remote: url }, null, 2));
    const out = join(scratchDirs.dir('out-remote-'), 'out');
    const r = await scratchDirs.run(['pipeline', '--config', config, '--out', out, '--json'], { env: nginx.env });
    assert.equal(r.exitCode, 0, r.stderr.slice(-4000));
    assert.match(
      r.stderr,
      /== fetch interpreters\/[0-9a-f]{16}… from http:\/\/127\.0\.0\.1:\d+\/concurrent\/ \(\d+\.\d s\): ok/,
    );
    assert.equal(
      JSON.parse(readFileSync(join(out, 'interpreter', 'interpreter.json'), 'utf8')).fingerprint,
      built.fingerprint,
    );
    const rerun = readFileSync(join(out, 'rerun.sh'), 'utf8');
    assert.match(rerun, /credentials are not written here/);
    assert.ok(!rerun.includes(nginx.password));
  });

  it('buildroot create --publish uploads the root (as a blob) and its lock (as an entry)', async () => {
    const made = await testBuildRoot();
    const out = scratchDirs.dir('root-out-');
    const store = join(scratchDirs.dir('root-agent-'), 'store');
    const p = await scratchDirs.run(
      [
        'buildroot',
        'create',
        '--suite',
        'bullseye',
        '--out',
        out,
        '--from-tree',
        made.tree,
        '--cache-dir',
        made.debs,
        '--store',
        store,
        '--remote',
        nginx.url,
        '--publish',
        '--json',
      ],
      { env: nginx.env },
    );
    assert.equal(p.exitCode, 0, p.stderr.slice(-3000));
    const { sha256 } = parseJson<{ sha256: string }>(p);
    const onServer = files(nginx.root);
    assert.ok(onServer.includes(`blobs/sha256/${sha256}`), onServer.join('\n'));
    assert.ok(
      onServer.some((f) => f.startsWith(`entries/buildroot-locks/${sha256}/`)),
      onServer.join('\n'),
    );
  });
});
