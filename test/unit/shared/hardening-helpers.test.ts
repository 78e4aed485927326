// The small shared mechanisms of issue 15: duplicate JSON keys, errno messages, temp stems, dir checks.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempPathBeside, tempStem } from '../../../src/shared/atomic-file.js';
import { EnvironmentError, UsageError } from '../../../src/shared/errors.js';
import { cutLong, fsError } from '../../../src/shared/fs-errors.js';
import { parseJsonStrict } from '../../../src/shared/json-strict.js';
import { checkTreeSafe, ensureOutputDir } from '../../../src/shared/safe-dirs.js';

describe('shared hardening helpers', () => {
  it('parseJsonStrict: names the repeated key and where it is; escapes and strings with braces do not confuse it', () => {
    assert.throws(() => parseJsonStrict('{"a":1,"a":2}'), /duplicate key "a" at \$/);
    assert.throws(() => parseJsonStrict('{"a":{"b":[{"c":1},{"c":1,"c":2}]}}'), /duplicate key "c" at \$\.a\.b\[1\]/);
    assert.throws(() => parseJsonStrict('{"x":1,"\\u0078":2}'), /duplicate key "x"/);
    assert.deepEqual(parseJsonStrict('{"a\\"":1,"b":"a,\\"}","c":[1,{"x":1}],"d":{"x":1}}'), {
      'a"': 1,
      b: 'a,"}',
      c: [1, { x: 1 }],
      d: { x: 1 },
    });
    assert.throws(() => parseJsonStrict('{"a":'), SyntaxError);
  });

  it('fsError: exit 3 for a full disk, exit 2 for a path that cannot work; the path and the errno on one line', () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      syscall: 'write',
    });
    const e = fsError(enospc, '/out/app.tar.gz');
    assert.ok(e instanceof EnvironmentError);
    assert.match(e.message, /^\/out\/app\.tar\.gz: no space left on the device \[ENOSPC in write\]$/);
    const eisdir = Object.assign(new Error('x'), { code: 'EISDIR', path: '/a/.tmp', syscall: 'rename' });
    const u = fsError(eisdir, '/a/out.lock');
    assert.ok(u instanceof UsageError);
    assert.ok(!u.message.includes('\n'));
    assert.equal(cutLong('y'.repeat(1000), 10), `${'y'.repeat(10)}… (990 more characters)`);
  });

  it('temp names stay under 255 bytes for a 250-byte name and carry the owner token', () => {
    const long = `${'é'.repeat(120)}.tar.gz`;
    const name = tempPathBeside(`/x/${long}`).slice(3);
    assert.ok(Buffer.byteLength(name) < 255, `${Buffer.byteLength(name)} bytes`);
    assert.match(name, new RegExp(`\\.pyhermetic-tmp-${process.pid}\\.\\d+-[0-9a-f]{8}$`));
    assert.equal(tempStem('short.lock'), 'short.lock');
  });

  it('checkTreeSafe and ensureOutputDir refuse symlinks and group/other-writable directories, naming them', () => {
    const root = mkdtempSync(join(tmpdir(), 'pyh-safe-'));
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    checkTreeSafe(root, 'store');
    chmodSync(join(root, 'a', 'b'), 0o775);
    assert.throws(() => checkTreeSafe(root, 'store'), new RegExp(`${join(root, 'a', 'b')} is writable by group`));
    assert.doesNotThrow(() => checkTreeSafe(root, 'store', { maxDepth: 1 }));
    chmodSync(join(root, 'a', 'b'), 0o755);
    symlinkSync('/etc', join(root, 'a', 'link'));
    assert.throws(() => checkTreeSafe(root, 'store'), /a\/link is a symlink \(-> \/etc\)/);
    assert.throws(() => ensureOutputDir(join(root, 'a', 'link'), '--out'), /is a symlink/);
    ensureOutputDir(join(root, 'new', 'dir'), '--out');
  });
});
