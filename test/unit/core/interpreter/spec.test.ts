// python.json validation: every rule names its field; the spec hash ignores where the bytes come from.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SpecError, specSha256, validateSpec } from '../../../../src/core/interpreter/spec.js';
import { buildKeyOf } from '../../../../src/core/interpreter/hostkey.js';
import { EXIT_USAGE } from '../../../../src/shared/errors.js';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const good = () => JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'specs', 'static.json'), 'utf8'));

function rejects(mutate: (doc: any) => void, field: string, words: RegExp): void {
  const doc = good();
  mutate(doc);
  assert.throws(
    () => validateSpec(doc, 'python.json'),
    (err: unknown) => {
      assert.ok(err instanceof SpecError, `expected a SpecError, got ${String(err)}`);
      assert.equal(err.exitCode, EXIT_USAGE);
      const line = err.message.split('\n').find((l) => l.trim().startsWith(`${field}:`));
      assert.ok(line, `the message names ${field}:\n${err.message}`);
      assert.match(line, words);
      return true;
    },
  );
}

describe('interpreter spec (python.json)', () => {
  it('accepts the test fixtures and fills in nothing that changes the ABI', () => {
    const spec = validateSpec(good());
    assert.equal(spec.configure.shared, false);
    assert.deepEqual(spec.requireModules, good().requireModules);
    assert.equal('systemLibraries' in spec, false, 'absent unless declared, so the spec hash stays');
  });
  it('systemLibraries may declare libcrypt.so.1 and nothing else', () => {
    const doc = good();
    doc.systemLibraries = ['libcrypt.so.1'];
    assert.deepEqual(validateSpec(doc).systemLibraries, ['libcrypt.so.1']);
    assert.notEqual(specSha256(validateSpec(doc)), specSha256(validateSpec(good())));
    rejects(
      (d) => {
        d.systemLibraries = ['libssl.so.3'];
      },
      'systemLibraries[0]',
      /cannot be declared: the interpreter needs only glibc/,
    );
  });
  it('missing source.sha256 is a usage error naming the field', () =>
    rejects((d) => delete d.source.sha256, 'source.sha256', /missing/));
  it('a malformed source.sha256 is refused', () =>
    rejects(
      (d) => {
        d.source.sha256 = 'abc';
      },
      'source.sha256',
      /64 lowercase hex/,
    ));
  it('missing configure.shared is refused (no default)', () =>
    rejects((d) => delete d.configure.shared, 'configure.shared', /no default/));
  it('a non-boolean configure.shared is refused', () =>
    rejects(
      (d) => {
        d.configure.shared = 'yes';
      },
      'configure.shared',
      /true or false.*"yes"/,
    ));
  it('an unknown top-level field is refused', () =>
    rejects(
      (d) => {
        d.optimise = true;
      },
      'optimise',
      /unknown field/,
    ));
  it('an unknown nested field is refused', () =>
    rejects(
      (d) => {
        d.configure.lto = true;
      },
      'configure.lto',
      /unknown field/,
    ));
  it('a bad version string is refused', () =>
    rejects(
      (d) => {
        d.version = '3.11';
      },
      'version',
      /release like/,
    ));
  it('a version with a suffix pip would accept but CPython never ships is refused', () =>
    rejects(
      (d) => {
        d.version = '3.11.2.post1';
      },
      'version',
      /release like/,
    ));
  it('an unsupported URL scheme is refused', () =>
    rejects(
      (d) => {
        d.source.urls = ['ftp://example.invalid/x.tgz'];
      },
      'source.urls[0]',
      /ftp/,
    ));
  it('--enable-shared in args is refused (configure.shared decides)', () =>
    rejects(
      (d) => {
        d.configure.args.push('--enable-shared');
      },
      'configure.args[2]',
      /configure.shared/,
    ));
  it('--prefix in args is refused', () =>
    rejects(
      (d) => {
        d.configure.args.push('--prefix=/usr/local');
      },
      'configure.args[2]',
      /prefix/,
    ));
  it('reports every problem at once', () => {
    const doc = good();
    delete doc.source.sha256;
    doc.configure.shared = 1;
    assert.throws(
      () => validateSpec(doc),
      (err: Error) => /source\.sha256/.test(err.message) && /configure\.shared/.test(err.message),
    );
  });
  it('the spec hash ignores key order and urls, but not the ABI switch', () => {
    const a = validateSpec(good());
    const reordered = JSON.parse(
      JSON.stringify({
        requireModules: a.requireModules,
        configure: a.configure,
        source: { urls: ['file:///elsewhere.tgz'], sha256: a.source.sha256 },
        version: a.version,
        name: a.name,
      }),
    );
    assert.equal(specSha256(validateSpec(reordered)), specSha256(a));
    const shared = validateSpec({ ...good(), configure: { ...a.configure, shared: true } });
    assert.notEqual(specSha256(shared), specSha256(a));
  });
  it('the build key changes with the host key', () => {
    const s = specSha256(validateSpec(good()));
    const host = { compiler: 'gcc (Debian 12.2.0-14) 12.2.0', glibc: '2.36', machine: 'x86_64' };
    assert.equal(buildKeyOf(s, host), buildKeyOf(s, { ...host }));
    assert.notEqual(buildKeyOf(s, host), buildKeyOf(s, { ...host, glibc: '2.31' }));
    assert.notEqual(buildKeyOf(s, host), buildKeyOf(s, { ...host, compiler: 'gcc (Debian 10.2.1-6) 10.2.1' }));
  });
});

describe('static build: Modules/Setup.local', () => {
  it('builds the library modules in with -l:lib*.a, disables the omitted ones, and never writes a word with "="', async () => {
    const { setupLocal, STATIC_MODULES, OMITTED_MODULES } = await import(
      '../../../../src/core/interpreter/static-libs.js'
    );
    const text = setupLocal('/b/ossl', undefined, '3.11.2');
    const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
    assert.equal(lines[0], '*static*');
    for (const m of STATIC_MODULES)
      assert.ok(
        lines.some((l) => l.startsWith(`${m.name} `)),
        m.name,
      );
    assert.match(text, /^_ssl _ssl\.c -I\/b\/ossl\/include -L\/b\/ossl\/lib -l:libssl\.a -l:libcrypto\.a /m);
    assert.match(text, /-Wl,--exclude-libs,libssl\.a:libcrypto\.a:/);
    const disabled = lines.slice(lines.indexOf('*disabled*') + 1);
    assert.deepEqual(
      disabled,
      OMITTED_MODULES.map((o) => o.name),
    );
    // makesetup takes any line with '=' for a make variable definition.
    for (const l of lines) assert.doesNotMatch(l, /=/, l);
    assert.ok(!setupLocal('/b/ossl', ['libcrypt.so.1'], '3.11.2').includes('_crypt'));
  });
});
