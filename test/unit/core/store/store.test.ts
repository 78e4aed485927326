// Store semantics with small real blobs: atomic publish, verify on read, races of one key, sweeping
// of a dead writer's temps, and refusal of unsafe roots.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256Hex } from '../../../../src/shared/canonical.js';
import { CorruptEntryError, HashMismatchError, Store } from '../../../../src/core/store/store.js';
import { ownerToken } from '../../../../src/shared/dead-temps.js';
import { acquireFileLock } from '../../../../src/core/store/store-lock.js';
import { UsageError } from '../../../../src/shared/errors.js';

function tmp(): string {
  const base = join(tmpdir(), 'pyhermetic-tests');
  mkdirSync(base, { recursive: true, mode: 0o700 });
  return mkdtempSync(join(base, 'store-unit-'));
}

function flipByte(path: string, at = 0): void {
  chmodSync(path, 0o644);
  const b = readFileSync(path);
  b[at] ^= 0xff;
  writeFileSync(path, b);
}

/** A pid that certainly belongs to a dead process: a child we started and waited for. */
async function deadOwnerToken(): Promise<string> {
  const child = spawn('true');
  const pid = child.pid!;
  await new Promise((r) => child.on('close', r));
  return `${pid}.1`;
}

describe('store', () => {
  it('stores a blob under its sha256 and reads it back verified', async () => {
    const store = await Store.open(tmp());
    const bytes = Buffer.from('hello store\n');
    const put = await store.putBlob(bytes);
    assert.equal(put.sha256, sha256Hex(bytes));
    assert.equal(put.existed, false);
    assert.deepEqual(readFileSync((await store.blob(put.sha256))!), bytes);
    assert.equal((await store.putBlob(bytes)).existed, true);
    assert.deepEqual(readdirSync(store.blobDir), [put.sha256], 'no temp left behind');
  });

  it('refuses bytes that do not match the expected hash and stores nothing', async () => {
    const store = await Store.open(tmp());
    const want = sha256Hex('the real thing');
    await assert.rejects(
      store.putBlob(Buffer.from('something else'), want),
      (err: unknown) =>
        err instanceof HashMismatchError && err.expected === want && err.actual === sha256Hex('something else'),
    );
    assert.deepEqual(readdirSync(store.blobDir), []);
  });

  it('a flipped byte in a blob is an error naming it, and an existing bad blob is never replaced', async () => {
    const store = await Store.open(tmp());
    const bytes = Buffer.from('payload '.repeat(100));
    const { sha256, path } = await store.putBlob(bytes);
    flipByte(path, 10);
    await assert.rejects(
      store.blob(sha256),
      (err: unknown) => err instanceof CorruptEntryError && err.message.includes(sha256),
    );
    await assert.rejects(store.putBlob(bytes), CorruptEntryError);
    assert.notDeepEqual(readFileSync(path), bytes, 'the bad blob is left for inspection, not silently rebuilt over');
  });

  it('publishes an entry whole, with entry.json naming every file', async () => {
    const store = await Store.open(tmp());
    const e = await store.putEntry('interpreters', 'k1', { 'a.bin': Buffer.from('A'), 'b.json': Buffer.from('{}') });
    assert.equal(e.existed, false);
    assert.deepEqual(readdirSync(e.dir).sort(), ['a.bin', 'b.json', 'entry.json']);
    const again = await store.entry('interpreters', 'k1');
    assert.equal(again?.manifest.files['a.bin'].sha256, sha256Hex('A'));
    assert.equal(await store.entry('interpreters', 'absent'), undefined);
  });

  it('concurrent writers of one key: the first publish wins, all succeed, one entry remains', async () => {
    const store = await Store.open(tmp());
    const results = await Promise.all(
      Array.from({ length: 6 }, () => store.putEntry('interpreters', 'race', { 'x.bin': Buffer.alloc(200_000, 7) })),
    );
    assert.equal(results.filter((r) => !r.existed).length, 1, 'exactly one writer published');
    assert.deepEqual(readdirSync(join(store.root, 'entries', 'interpreters')), ['race'], 'no temps left');
  });

  it('a corrupt entry is refused on read, reported by verify and moved by quarantine', async () => {
    const store = await Store.open(tmp());
    const e = await store.putEntry('interpreters', 'bad', { 'a.bin': Buffer.from('0123456789') });
    await store.putBlob(Buffer.from('fine'));
    flipByte(join(e.dir, 'a.bin'), 3);
    await assert.rejects(
      store.entry('interpreters', 'bad'),
      (err: Error) => /entries\/interpreters\/bad/.test(err.message) && /a\.bin/.test(err.message),
    );
    const { checked, problems } = await store.verify();
    assert.equal(checked, 2);
    assert.deepEqual(
      problems.map((p) => p.path),
      ['entries/interpreters/bad'],
    );
    const moved = await store.quarantine(problems[0].path);
    assert.match(moved, /^quarantine\//);
    assert.equal(existsSync(e.dir), false);
    assert.deepEqual((await store.verify()).problems, []);
    assert.equal(await store.entry('interpreters', 'bad'), undefined);
  });

  it('an entry directory without entry.json is reported, never read as valid', async () => {
    const store = await Store.open(tmp());
    mkdirSync(join(store.root, 'entries', 'interpreters', 'half'), { recursive: true });
    writeFileSync(join(store.root, 'entries', 'interpreters', 'half', 'interpreter.tar.gz'), 'partial');
    await assert.rejects(store.entry('interpreters', 'half'), CorruptEntryError);
    assert.equal((await store.verify()).problems.length, 1);
  });

  it('sweeps the temps of dead writers on open and keeps those of live ones', async () => {
    const root = tmp();
    const store = await Store.open(root);
    await store.putBlob(Buffer.from('x'));
    const dead = join(store.blobDir, `.tmp-${await deadOwnerToken()}-abc`);
    const live = join(store.blobDir, `.tmp-${await ownerToken()}-def`);
    const deadDir = join(root, 'entries', 'interpreters', `.tmp-${await deadOwnerToken()}-ghi`);
    writeFileSync(dead, 'half a blob');
    writeFileSync(live, 'being written');
    mkdirSync(deadDir, { recursive: true });
    let swept: string[] = [];
    await Store.open(root, {
      onSweep: (p) => {
        swept = p;
      },
    });
    assert.equal(existsSync(dead), false);
    assert.equal(existsSync(deadDir), false);
    assert.equal(existsSync(live), true);
    assert.equal(swept.length, 2);
  });

  it('refuses a world-writable store root (exit 2)', async () => {
    const root = tmp();
    chmodSync(root, 0o777);
    await assert.rejects(
      Store.open(root),
      (err: unknown) => err instanceof UsageError && err.exitCode === 2 && /world-writable/.test(err.message),
    );
  });

  it('refuses a store root owned by another user (exit 2)', async function () {
    if (process.getuid?.() !== 0) this.skip();
    const root = tmp();
    const { execFileSync } = await import('node:child_process');
    execFileSync('chown', ['65534', root]);
    await assert.rejects(
      Store.open(root),
      (err: unknown) => err instanceof UsageError && /owned by uid 65534/.test(err.message),
    );
  });

  it('the key lock makes a second taker wait until the first releases, and dies with its holder', async () => {
    const root = tmp();
    const store = await Store.open(root);
    const first = await store.lock('interpreters', 'k');
    let waited = false;
    let secondGot = false;
    const second = store
      .lock('interpreters', 'k', () => {
        waited = true;
      })
      .then((l) => {
        secondGot = true;
        return l;
      });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(waited, true);
    assert.equal(secondGot, false);
    await first.release();
    await (await second).release();
    // A holder killed with SIGKILL releases the lock through the kernel: no stale lock, no expiry.
    const lockPath = join(root, 'locks', 'interpreters-k.lock');
    // -o: the command (cat, which ends when its stdin closes) does not inherit the lock; flock holds it.
    const holder = spawn('flock', ['-o', '-x', lockPath, 'cat'], { stdio: ['pipe', 'ignore', 'ignore'] });
    await new Promise((r) => setTimeout(r, 300));
    let waitedForHolder = false;
    const third = acquireFileLock(lockPath, () => {
      waitedForHolder = true;
    });
    await new Promise((r) => setTimeout(r, 300));
    holder.kill('SIGKILL');
    holder.stdin!.end();
    await (await third).release();
    assert.equal(waitedForHolder, true);
  });
});
