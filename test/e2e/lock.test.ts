// `pyhermetic lock` against the real local mirror with the suite's static interpreter.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInterpreter, type BuiltInterpreter } from '../helpers/interpreters.js';
import { sha256File } from '../helpers/local-index.js';
import { LOCAL_INDEX, parseJson, runPyhermetic, tempDir } from '../helpers/runner.js';

/** The sha256 the mirror's project page lists for a file name. */
function mirrorHash(project: string, filePrefix: string): string {
  const page = readFileSync(`/opt/pypi/simple/${project}/index.html`, 'utf8');
  const m = new RegExp(`${filePrefix}[^"#]*#sha256=([0-9a-f]{64})`).exec(page);
  if (!m) throw new Error(`${filePrefix} not on the mirror page of ${project}`);
  return m[1];
}

describe('pyhermetic lock', function () {
  let py: BuiltInterpreter;
  before(async () => { py = await builtInterpreter('static'); });

  it('resolves transitive dependencies to hashed wheels, sorted, with the fingerprint and index header', async () => {
    const dir = tempDir('lock-');
    writeFileSync(join(dir, 'requirements.in'), 'cryptography\nMarkupSafe\n');
    const out = join(dir, 'requirements.lock');
    const r = await runPyhermetic(['lock', '-r', join(dir, 'requirements.in'), '--interpreter', py.artifact, '--index-url', LOCAL_INDEX, '-o', out, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const doc = parseJson(r);
    assert.equal(doc.fingerprint, py.fingerprint);
    const names = doc.distributions.map((d: { name: string }) => d.name).sort();
    assert.deepEqual(names, ['cffi', 'cryptography', 'markupsafe', 'pycparser']);
    const text = readFileSync(out, 'utf8');
    const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
    assert.deepEqual(lines.map((l) => l.split('==')[0]), ['cffi', 'cryptography', 'markupsafe', 'pycparser']);
    assert.match(text, new RegExp(`^# pyhermetic-lock fingerprint=${py.fingerprint}$`, 'm'));
    assert.match(text, /^# pyhermetic-lock index-url=file:\/\/\/opt\/pypi\/simple$/m);
    const crypto = doc.distributions.find((d: { name: string }) => d.name === 'cryptography');
    assert.equal(crypto.sha256, mirrorHash('cryptography', `cryptography-${crypto.version}-`));
    assert.ok(lines.every((l) => /^[a-z0-9-]+==\S+ --hash=sha256:[0-9a-f]{64}$/.test(l)), text);
  });

  it('is byte-identical when run twice on the same inputs', async () => {
    const dir = tempDir('lock-');
    writeFileSync(join(dir, 'requirements.in'), 'orjson\n');
    for (const name of ['a.lock', 'b.lock']) {
      const r = await runPyhermetic(['lock', '-r', join(dir, 'requirements.in'), '--interpreter', py.artifact, '--index-url', LOCAL_INDEX, '-o', join(dir, name)]);
      assert.equal(r.exitCode, 0, r.stderr);
    }
    assert.equal(sha256File(join(dir, 'a.lock')), sha256File(join(dir, 'b.lock')));
  });

  it('unreachable index → exit 3 naming it; no lock written', async () => {
    const dir = tempDir('lock-');
    writeFileSync(join(dir, 'requirements.in'), 'orjson\n');
    const r = await runPyhermetic(['lock', '-r', join(dir, 'requirements.in'), '--interpreter', py.artifact, '--index-url', 'file:///nonexistent/simple', '-o', join(dir, 'x.lock')]);
    assert.equal(r.exitCode, 3, r.stderr);
    assert.match(r.stderr, /file:\/\/\/nonexistent\/simple is unreachable/);
    assert.ok(!existsSync(join(dir, 'x.lock')));
  });

  it('a name that is on no index → exit 2; missing options → exit 2', async () => {
    const dir = tempDir('lock-');
    writeFileSync(join(dir, 'requirements.in'), 'no-such-project-pyhermetic==1.0\n');
    const r = await runPyhermetic(['lock', '-r', join(dir, 'requirements.in'), '--interpreter', py.artifact, '--index-url', LOCAL_INDEX, '-o', join(dir, 'x.lock')]);
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, /no-such-project-pyhermetic/);
    const u = await runPyhermetic(['lock', '-r', join(dir, 'requirements.in')]);
    assert.equal(u.exitCode, 2);
    assert.match(u.stderr, /lock needs --interpreter, -o/);
  });
});
