import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  netrcEntry,
  parseRemote,
  redact,
  redactRemote,
  remoteCredentials,
} from '../../../../src/core/store/remote-config.js';
import { UsageError } from '../../../../src/shared/errors.js';

describe('remote store configuration', () => {
  it('picks the protocol from the scheme and normalises the base URL', () => {
    assert.deepEqual(
      [
        'https://dav.example.org/p',
        'webdav+http://h:8080/p/',
        'artifactory+https://a.example.org/artifactory/gen/',
        'nexus+https://n.example.org/repository/raw',
      ].map((u) => {
        const t = parseRemote(u);
        return [t.kind, t.base.href];
      }),
      [
        ['webdav', 'https://dav.example.org/p/'],
        ['webdav', 'http://h:8080/p/'],
        ['artifactory', 'https://a.example.org/artifactory/gen/'],
        ['nexus', 'https://n.example.org/repository/raw/'],
      ],
    );
  });

  it('refuses credentials in the URL without echoing them, and unknown schemes', () => {
    assert.throws(
      () => parseRemote('https://bob:s3cret@dav.example.org/p/'),
      (e: unknown) =>
        e instanceof UsageError && !e.message.includes('s3cret') && /PYHERMETIC_REMOTE_TOKEN/.test(e.hint!),
    );
    assert.throws(() => parseRemote('ftp://x/'), /unknown scheme ftp:/);
    assert.throws(() => parseRemote('not a url'), UsageError);
  });

  it('redacts user information from every URL in a text', () => {
    assert.equal(
      redact('GET https://u:p@h/x and nexus+http://tok@n/y, file:///z'),
      'GET https://h/x and nexus+http://n/y, file:///z',
    );
  });

  it('redacts passwords holding @, /, :, %40 and unicode: the userinfo runs to the last @', () => {
    for (const pw of ['p@ssSECRET', 'a/bSECRET', 'x:ySECRET', 'p%40SECRET', 'pässwörtSECRET', 'ü@/:%40SECRET']) {
      const text = `--remote http://u:${pw}@dav.example.org/store/ failed`;
      assert.equal(redact(text), '--remote http://dav.example.org/store/ failed', pw);
      assert.throws(
        () => parseRemote(`http://u:${pw}@dav.example.org/store/`),
        (e: unknown) => e instanceof UsageError && !e.message.includes('SECRET') && !e.message.includes(pw),
      );
    }
    assert.equal(redactRemote('https://h/s/?token=SECRET#x y'), 'https://h/s/?… y');
  });

  it('parses the remote once into a target whose spec is what child steps get', () => {
    const t = parseRemote('artifactory+https://a.example.org/art/gen');
    assert.equal(t.spec, 'artifactory+https://a.example.org/art/gen/');
    assert.deepEqual(parseRemote(t.spec), t);
    assert.throws(() => parseRemote('https://h/p/?'), /must not have a \?query/);
  });

  it('reads netrc: the machine entry, else default', () => {
    const text =
      'machine other login a password b\n# comment\nmachine dav.example.org\n  login bob\n  password "x y"\ndefault login anon password none\n';
    assert.deepEqual(netrcEntry(text, 'dav.example.org'), { login: 'bob', password: '"x' });
    assert.deepEqual(netrcEntry(text, 'elsewhere'), { login: 'anon', password: 'none' });
    assert.equal(netrcEntry('machine a login b password c', 'z'), undefined);
  });

  it('takes credentials from the environment: token first, then user/password, then netrc', async () => {
    const base = new URL('https://dav.example.org/p/');
    const dir = mkdtempSync(join(tmpdir(), 'netrc-'));
    writeFileSync(join(dir, 'netrc'), 'machine dav.example.org login bob password pw\n');
    const netrc = { NETRC: join(dir, 'netrc') };
    assert.deepEqual(await remoteCredentials(base, { ...netrc, PYHERMETIC_REMOTE_TOKEN: 't0k' }), {
      authorization: 'Bearer t0k',
      source: 'PYHERMETIC_REMOTE_TOKEN',
    });
    const basic = await remoteCredentials(base, { PYHERMETIC_REMOTE_USER: 'u', PYHERMETIC_REMOTE_PASSWORD: 'p' });
    assert.equal(basic.authorization, `Basic ${Buffer.from('u:p').toString('base64')}`);
    await assert.rejects(remoteCredentials(base, { PYHERMETIC_REMOTE_USER: 'u' }), UsageError);
    const fromNetrc = await remoteCredentials(base, netrc);
    assert.equal(fromNetrc.authorization, `Basic ${Buffer.from('bob:pw').toString('base64')}`);
    assert.match(fromNetrc.source, /^netrc/);
    assert.deepEqual(await remoteCredentials(base, { HOME: dir }), { source: 'none' });
  });
});
