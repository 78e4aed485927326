import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rerunCommand, rerunLine, rerunScript, writeRerunScript } from '../../../src/commands/rerun.js';
import { EnvironmentError, UsageError } from '../../../src/shared/errors.js';

describe('rerun.sh writer', () => {
  const cmd = {
    cwd: "/ws/it's here",
    runner: '/ws@tmp/runner.mjs',
    argv: ['fingerprint', '--python=$(id)'],
    env: { PYHERMETIC_HOME: '/var/cache/p h' },
  };

  it('cds, carries PYHERMETIC_HOME and execs node with every word single-quoted', () => {
    assert.equal(
      rerunScript(cmd).split('\n')[2],
      "cd '/ws/it'\\''s here' && PYHERMETIC_HOME='/var/cache/p h' exec 'node' '/ws@tmp/runner.mjs' 'fingerprint' '--python=$(id)'",
    );
    assert.ok(rerunScript(cmd).startsWith('#!/bin/sh\n'));
    assert.equal(
      rerunLine(cmd),
      "(cd '/ws/it'\\''s here' && PYHERMETIC_HOME='/var/cache/p h' 'node' '/ws@tmp/runner.mjs' 'fingerprint' '--python=$(id)')",
    );
  });

  it('takes only result-changing variables from the environment, and only when set', () => {
    assert.deepEqual(
      rerunCommand(['x'], 'r.mjs', { PYHERMETIC_HOME: '/h', PIP_INDEX_URL: 'nope', HOME: '/home/x' }).env,
      { PYHERMETIC_HOME: '/h' },
    );
    assert.deepEqual(rerunCommand(['x'], 'r.mjs', { PYHERMETIC_HOME: '' }).env, {});
  });

  it('with a remote store: carries PYHERMETIC_REMOTE/PUBLISH, names the credential variables, never a secret', () => {
    const c = rerunCommand(['interpreter', 'build', '--remote', 'https://u:pw@h/s/'], 'r.mjs', {
      PYHERMETIC_REMOTE: 'https://h/s/',
      PYHERMETIC_PUBLISH: '1',
      PYHERMETIC_REMOTE_PASSWORD: 'pw',
      PYHERMETIC_REMOTE_TOKEN: 'tok',
    });
    assert.deepEqual(c.env, { PYHERMETIC_REMOTE: 'https://h/s/', PYHERMETIC_PUBLISH: '1' });
    const text = rerunScript(c);
    assert.match(text, /set PYHERMETIC_REMOTE_TOKEN .*PYHERMETIC_REMOTE_USER and PYHERMETIC_REMOTE_PASSWORD/);
    assert.ok(!text.includes('pw@') && !text.includes('tok'), text);
  });

  it('writes mode 0755 whatever the umask, replaces an old script, leaves no temp file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rerun-'));
    const file = join(dir, 'sub', 'rerun.sh');
    const old = process.umask(0o077);
    try {
      await writeRerunScript(file, cmd);
      writeFileSync(file, 'old');
      await writeRerunScript(file, cmd);
    } finally {
      process.umask(old);
    }
    assert.equal(statSync(file).mode & 0o777, 0o755);
    assert.equal(readFileSync(file, 'utf8'), rerunScript(cmd));
    assert.deepEqual(readdirSync(join(dir, 'sub')), ['rerun.sh']);
    // The script is valid sh: `sh -n` parses it without running it.
    execFileSync('/bin/sh', ['-n', file]);
  });

  it('a symlinked directory or one everyone can write is refused (exit 2) and nothing is written there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rerun-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'rerun-target-'));
    symlinkSync(elsewhere, join(dir, 'link'));
    await assert.rejects(
      () => writeRerunScript(join(dir, 'link', 'rerun.sh'), cmd),
      (e: unknown) => e instanceof UsageError && /is a symlink/.test((e as Error).message),
    );
    assert.deepEqual(readdirSync(elsewhere), []);
    mkdirSync(join(dir, 'open'));
    chmodSync(join(dir, 'open'), 0o777);
    await assert.rejects(
      () => writeRerunScript(join(dir, 'open', 'rerun.sh'), cmd),
      (e: unknown) => e instanceof UsageError && /is writable by everyone/.test((e as Error).message),
    );
    assert.deepEqual(readdirSync(join(dir, 'open')), []);
    rmSync(dir, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it('an unwritable place → an error naming the file, and the old script stays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rerun-'));
    const file = join(dir, 'rerun.sh');
    writeFileSync(file, 'old');
    chmodSync(dir, 0o555);
    try {
      if (process.getuid?.() === 0) {
        // root ignores directory permissions; a path below a regular file fails for everyone (exit 2: the path).
        await assert.rejects(
          () => writeRerunScript(join(file, 'x.sh'), cmd),
          (e: unknown) =>
            e instanceof UsageError && /rerun\.sh exists and is not a directory/.test((e as Error).message),
        );
      } else {
        await assert.rejects(() => writeRerunScript(file, cmd), EnvironmentError);
      }
      assert.equal(readFileSync(file, 'utf8'), 'old');
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('names the secret variables a step bound and stops unless they are set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rerun-'));
    const runner = join(dir, 'echo.mjs');
    writeFileSync(runner, "console.log(process.argv.slice(2).join(' '), process.env.PYHERMETIC_REMOTE_TOKEN);\n");
    const file = join(dir, 'rerun.sh');
    const script = rerunScript({
      cwd: dir,
      runner,
      argv: ['store', 'push'],
      env: {},
      needs: ['PYHERMETIC_REMOTE_TOKEN'],
    });
    writeFileSync(file, script);
    const run = (env: Record<string, string>) =>
      spawnSync('/bin/sh', [file], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, encoding: 'utf8' });
    const unset = run({});
    assert.equal(unset.status, 2);
    assert.match(unset.stderr, /export PYHERMETIC_REMOTE_TOKEN first/);
    const set = run({ PYHERMETIC_REMOTE_TOKEN: 'tok' });
    assert.equal(set.status, 0, set.stderr);
    assert.equal(set.stdout, 'store push tok\n');
  });
});
