// Key files are read only from regular files of at most 64 KiB: `--key /dev/zero` used to read until
// the process held gigabytes. A private key that group or others can read warns (or, strict, fails).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../../src/shared/errors.js';
import { MAX_KEY_BYTES, readKeyFile } from '../../../src/shared/key-file.js';
import { setLogSink } from '../../../src/shared/log.js';

const opts = { source: '--key', hint: 'pass a PEM file' };

describe('key files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keys-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('/dev/zero, a FIFO and a directory are refused before a byte is read', async () => {
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    for (const [path, what] of [
      ['/dev/zero', /a character device/],
      [join(dir, 'fifo'), /a FIFO/],
      [dir, /a directory/],
    ] as const)
      await assert.rejects(
        readKeyFile(path, opts),
        (e: unknown) =>
          e instanceof UsageError &&
          /is not a regular file/.test((e as Error).message) &&
          what.test((e as Error).message),
      );
  });

  it('a file over 64 KiB is refused; a PEM-sized one is read', async () => {
    writeFileSync(join(dir, 'big.pem'), Buffer.alloc(MAX_KEY_BYTES + 1, 0x41));
    await assert.rejects(readKeyFile(join(dir, 'big.pem'), opts), /is 65537 bytes; a PEM key is at most 65536 bytes/);
    writeFileSync(join(dir, 'ok.pem'), 'x'.repeat(300));
    chmodSync(join(dir, 'ok.pem'), 0o600);
    assert.equal((await readKeyFile(join(dir, 'ok.pem'), { ...opts, secret: true, strict: true })).length, 300);
  });

  it('a private key readable by others: a warning, and with strict an error', async () => {
    const key = join(dir, 'open.pem');
    writeFileSync(key, 'x');
    chmodSync(key, 0o644);
    const warned: string[] = [];
    const previous = setLogSink((level, m) => level === 'warn' && warned.push(m));
    try {
      await readKeyFile(key, { ...opts, secret: true });
    } finally {
      setLogSink(previous);
    }
    assert.match(warned.join('\n'), /readable by everyone \(mode 644\)/);
    await assert.rejects(
      readKeyFile(key, { ...opts, secret: true, strict: true }),
      /readable by everyone .*--strict-keys/,
    );
    // A public key may be read by anyone.
    await readKeyFile(key, opts);
  });
});
