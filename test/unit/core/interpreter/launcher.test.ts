// launcherFor is pure; the relative launcher it writes is run for real with /bin/sh and a real python.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { chmodSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRelativeLauncher, launcherFor, rewriteLaunchers } from '../../../../src/core/interpreter/launcher.js';
import { tempDir } from '../../../helpers/runner.js';

const BODY = "# -*- coding: utf-8 -*-\nimport sys\nprint('argv', sys.argv[1:], sys.executable)\n";

describe('relative launcher', () => {
  it('rewrites an absolute python shebang, keeps the body, and is idempotent', () => {
    const out = launcherFor(Buffer.from(`#!/tmp/x/.env.pyhermetic-tmp-1/bin/python3.11\n${BODY}`))!;
    assert.ok(out);
    const text = out.toString();
    assert.ok(
      text.startsWith(
        '#!/bin/sh\n\'\'\'exec\' "$(dirname -- "$(readlink -f -- "$0")")/python3.11" "$0" "$@"\n\' \'\'\'\n',
      ),
    );
    assert.ok(text.endsWith(BODY));
    assert.ok(!text.includes('pyhermetic-tmp'));
    assert.equal(launcherFor(out), undefined);
    assert.ok(isRelativeLauncher(out));
  });

  it("rewrites pip's own long-shebang sh form and keeps interpreter options", () => {
    const pipLong = `#!/bin/sh\n'''exec' "/very/long/path/bin/python3" "$0" "$@"\n' '''\n${BODY}`;
    assert.ok(launcherFor(Buffer.from(pipLong))!.toString().includes('/python3" "$0"'));
    assert.ok(
      launcherFor(Buffer.from(`#!/opt/p/bin/python3.11 -E\n${BODY}`))!
        .toString()
        .includes('/python3.11" -E "$0" "$@"'),
    );
  });

  for (const other of [
    '#!/usr/bin/env python3\n',
    '#!/bin/sh\necho hi\n',
    '#!/usr/bin/perl\n',
    'no shebang\n',
    '#!relative/python\n',
    '\x7fELF....',
  ]) {
    it(`leaves ${JSON.stringify(other.slice(0, 20))} alone`, () => {
      assert.equal(launcherFor(Buffer.from(other)), undefined);
    });
  }

  it('runs the python beside the script after the tree moves and through a symlink', async () => {
    const root = join(tempDir('launch-'), 'env');
    mkdirSync(join(root, 'bin'), { recursive: true });
    symlinkSync('/usr/bin/python3', join(root, 'bin', 'python3.11'));
    writeFileSync(join(root, 'bin', 'tool'), `#!/nowhere/bin/python3.11\n${BODY}`);
    chmodSync(join(root, 'bin', 'tool'), 0o755);
    writeFileSync(join(root, 'bin', 'data.txt'), 'not a script');
    assert.deepEqual(await rewriteLaunchers(root), ['bin/tool']);
    assert.deepEqual(await rewriteLaunchers(root), [], 'second pass changes nothing');
    const moved = join(tempDir('moved-'), 'elsewhere');
    renameSync(root, moved);
    const link = join(tempDir('path-'), 'tool');
    symlinkSync(join(moved, 'bin', 'tool'), link);
    for (const entry of [join(moved, 'bin', 'tool'), link]) {
      const r = await execa('env', ['-i', entry, 'a b', "c'd"]);
      assert.equal(r.stdout.split(' /')[0], "argv ['a b', \"c'd\"]");
      assert.match(r.stdout, new RegExp(`${moved}/bin/python3\\.11$`));
    }
    assert.equal(readFileSync(join(moved, 'bin', 'data.txt'), 'utf8'), 'not a script');
  });
});

describe('relative launcher: a shebang naming a python that is not in bin/', () => {
  it('points at the fallback python (an artifact pip3 saying bin/python where only python3.11 exists)', async () => {
    const root = join(tempDir('launch-'), 'env');
    mkdirSync(join(root, 'bin'), { recursive: true });
    symlinkSync('/usr/bin/python3', join(root, 'bin', 'python3.11'));
    writeFileSync(join(root, 'bin', 'pip3'), `#!/opt/somewhere/bin/python\n${BODY}`);
    chmodSync(join(root, 'bin', 'pip3'), 0o755);
    assert.deepEqual(await rewriteLaunchers(root, 'python3.11'), ['bin/pip3']);
    assert.match(readFileSync(join(root, 'bin', 'pip3'), 'utf8'), /\/python3\.11" "\$0" "\$@"/);
    const r = await execa('env', ['-i', join(root, 'bin', 'pip3'), 'x']);
    assert.match(r.stdout, /^argv \['x'\]/);
  });
});
