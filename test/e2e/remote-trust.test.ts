// A remote entry is trusted for what it is, never for where it came from. A lying server (node:http on
// 127.0.0.1, the one fake of the suite) serves the suite's real static interpreter under the key of the
// shared build of the same spec, with its interpreter.json rewritten, with the tarball repacked to match,
// or serves documents that are not what they say; it floods, drips and announces 10 GiB. Each is exit 3
// naming the entry and the field, with nothing stored and no secret printed.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprintOf } from '../../src/core/interpreter/fingerprint.js';
import { buildKeyOf } from '../../src/core/interpreter/hostkey.js';
import { loadSpec, specSha256 } from '../../src/core/interpreter/spec.js';
import {
  entryOf,
  type HostileServer,
  type ServedEntry,
  serveEntry,
  sha256,
  startHostile,
  storeEntry,
} from '../helpers/hostile-http.js';
import { builtInterpreter, SPEC, type BuiltInterpreter } from '../helpers/interpreters.js';
import { parseJson, sharedStore } from '../helpers/runner.js';
import { scratch } from '../helpers/scratch.js';

const scratchDirs = scratch();
const PASSWORD = 'hunter2-never-shown';
const ENV = { PYHERMETIC_REMOTE_USER: 'agent', PYHERMETIC_REMOTE_PASSWORD: PASSWORD, PYHERMETIC_REMOTE_RETRIES: '0' };

/** Every file below dir, relative (temps included). */
function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

describe('remote store trust: a lying server cannot hand out another interpreter', function () {
  this.timeout(20 * 60 * 1000);
  let built: BuiltInterpreter;
  let real: ServedEntry;
  let server: HostileServer | undefined;

  before(async () => {
    built = await builtInterpreter('static');
    real = storeEntry(sharedStore(), 'interpreters', built.manifest.buildKey);
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });
  after(() => scratchDirs.cleanup());

  /** `interpreter build --spec SPEC --remote <the lying server>` into an empty store. */
  async function buildFrom(handler: Parameters<typeof startHostile>[0], spec = SPEC.shared, env = {}) {
    server = await startHostile(handler);
    const store = join(scratchDirs.dir('trust-'), 'store');
    const r = await scratchDirs.run(
      ['interpreter', 'build', '--spec', spec, '--store', store, '--remote', server.url, '--json'],
      { env: { ...ENV, ...env }, timeoutMs: 10 * 60 * 1000 },
    );
    assert.ok(!`${r.stdout}${r.stderr}`.includes(PASSWORD), 'the password never shows up');
    assert.doesNotMatch(r.stderr, /\n\s+at .*\(.*:\d+:\d+\)/, 'no stack trace');
    return { ...r, store, stored: files(join(store, 'entries')).concat(files(join(store, 'blobs'))) };
  }

  function refused(r: { exitCode: number; stderr: string; stored: string[] }, field: RegExp) {
    assert.equal(r.exitCode, 3, r.stderr);
    assert.match(r.stderr, field);
    assert.deepEqual(r.stored, [], 'nothing (not even a temp) in the local store');
  }

  it('the real entry under its own key is taken: from "remote", after the checks', async () => {
    const r = await buildFrom(serveEntry(real), SPEC.static);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(parseJson(r).from, 'remote');
    assert.match(r.stderr, /interpreters\/[0-9a-f]{16}… is what was asked for \(checked in/);
  });

  it('RED: a plain HTTP read-through cache hands the static build out for the shared key', async () => {
    server = await startHostile(serveEntry(real));
    const dir = scratchDirs.dir('plain-');
    const key = 'a'.repeat(64); // whatever the agent asks for, this cache answers
    const m = JSON.parse((await execa('curl', ['-fsS', `${server.url}entries/interpreters/${key}/entry.json`])).stdout);
    const tar = join(dir, 'interpreter.tar.gz');
    await execa('curl', ['-fsS', '-o', tar, `${server.url}blobs/sha256/${m.files['interpreter.tar.gz'].sha256}`]);
    await execa('tar', ['-xzf', tar, '-C', dir]);
    const probe = await execa(join(dir, built.manifest.python), [
      '-c',
      "import sysconfig; print(sysconfig.get_config_var('Py_ENABLE_SHARED'))",
    ]);
    assert.equal(JSON.parse(readFileSync(SPEC.shared, 'utf8')).configure.shared, true, 'a shared build was asked for');
    assert.equal(probe.stdout.trim(), '0', 'and a static one was handed out, with nothing to say so');
  });

  it('GREEN: the static entry under the shared key is refused: exit 3 naming buildKey, nothing stored', async () => {
    const r = await buildFrom(serveEntry(real));
    refused(
      r,
      /the remote entry interpreters\/[0-9a-f]{64} is not the interpreter asked for: .*buildKey is [0-9a-f]{64}, the entry's key is/,
    );
    assert.match(r.stderr, /specSha256: the entry is for spec [0-9a-f]{64}, this build asked for spec/);
  });

  it('interpreter.json rewritten to claim the shared spec and key: the fields give it away (Py_ENABLE_SHARED)', async () => {
    const { spec, asked, key } = await sharedRequest();
    const doc = { ...built.manifest, spec, specSha256: asked, buildKey: key };
    const r = await buildFrom(serveEntry(forged(doc)));
    refused(r, /fields\.Py_ENABLE_SHARED is 0 \(a static build\), the spec asks for configure\.shared true/);
  });

  it('interpreter.json and its fields rewritten, the tarball repacked to match: the probe of the interpreter refuses it', async () => {
    const { spec, asked, key } = await sharedRequest();
    const fields = { ...built.manifest.fields, Py_ENABLE_SHARED: 1, abi_switches: ['--enable-shared'] };
    const doc = {
      ...built.manifest,
      spec,
      specSha256: asked,
      buildKey: key,
      fields,
      fingerprint: fingerprintOf(fields),
    };
    const r = await buildFrom(serveEntry(await repacked(doc)));
    refused(r, /fields\.Py_ENABLE_SHARED is 1 in interpreter\.json, the extracted interpreter says 0/);
  });

  it('a bare manifest ({"fingerprint":"deadbeef"}) and a tiny tarball are refused', async () => {
    const tiny = (await execa('sh', ['-c', 'tar -czf - -T /dev/null | base64 -w0'])).stdout;
    const bare = entryOf({
      'interpreter.tar.gz': Buffer.from(tiny, 'base64'),
      'interpreter.json': Buffer.from('{"fingerprint":"deadbeef"}'),
    });
    const r = await buildFrom(serveEntry(bare), SPEC.static);
    refused(r, /interpreter\.json is not an interpreter manifest \(kind, schema\)/);
  });

  it('an interpreter.json that is not JSON is exit 3 with a message, never a stack trace', async () => {
    const r = await buildFrom(
      serveEntry(entryOf({ 'interpreter.tar.gz': Buffer.alloc(10), 'interpreter.json': Buffer.from('{not json') })),
      SPEC.static,
    );
    refused(r, /interpreter\.json is not JSON/);
  });

  it('store verify finds a local entry whose interpreter.json is not JSON, and --repair quarantines it', async () => {
    const store = join(scratchDirs.dir('verify-'), 'store');
    const dir = join(store, 'entries', 'interpreters', built.manifest.buildKey);
    cpSync(join(sharedStore(), 'entries', 'interpreters', built.manifest.buildKey), dir, { recursive: true });
    const bad = Buffer.from('{not json');
    const entryJson = JSON.parse(readFileSync(join(dir, 'entry.json'), 'utf8'));
    entryJson.files['interpreter.json'] = { sha256: sha256(bad), size: bad.length };
    await execa('chmod', ['-R', 'u+w', dir]);
    writeFileSync(join(dir, 'interpreter.json'), bad);
    writeFileSync(join(dir, 'entry.json'), JSON.stringify(entryJson));
    const build = await scratchDirs.run(['interpreter', 'build', '--spec', SPEC.static, '--store', store, '--json']);
    assert.equal(build.exitCode, 3, build.stderr);
    assert.match(build.stderr, /corrupt store entry entries\/interpreters\/[0-9a-f]{64}: interpreter\.json/);
    const v = await scratchDirs.run(['store', 'verify', '--store', store, '--repair', '--json']);
    assert.equal(v.exitCode, 1, v.stderr);
    assert.match(JSON.stringify(parseJson(v).problems), /interpreter\.json is not JSON/);
    assert.equal(existsSync(dir), false, 'moved to quarantine');
    const again = await scratchDirs.run(['store', 'verify', '--store', store]);
    assert.equal(again.exitCode, 0, again.stdout);
  });

  /** What an agent asks for when it builds shared.json on this host: the spec, its hash, the build key. */
  async function sharedRequest() {
    const spec = await loadSpec(SPEC.shared);
    const asked = specSha256(spec);
    return { spec, asked, key: buildKeyOf(asked, built.manifest.hostKey) };
  }

  /** The real entry with interpreter.json replaced by `doc` (the tarball left as built). */
  function forged(doc: unknown): ServedEntry {
    const tar = real.blobs.get(real.files['interpreter.tar.gz'])!;
    return entryOf({ 'interpreter.tar.gz': tar, 'interpreter.json': Buffer.from(`${JSON.stringify(doc, null, 2)}\n`) });
  }

  /** The real interpreter repacked with `doc` as its interpreter.json, inside and beside the tarball. */
  async function repacked(doc: unknown): Promise<ServedEntry> {
    const dir = join(scratchDirs.dir('repack-'), 'prefix');
    mkdirSync(dir);
    await execa('tar', ['-xzf', built.artifact, '-C', dir]);
    const json = Buffer.from(`${JSON.stringify(doc, null, 2)}\n`);
    writeFileSync(join(dir, 'interpreter.json'), json);
    const tar = join(dir, '..', 'interpreter.tar.gz');
    await execa('tar', ['-czf', tar, '-C', dir, '.']);
    return entryOf({ 'interpreter.tar.gz': readFileSync(tar), 'interpreter.json': json });
  }
});
