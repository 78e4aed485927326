// The host's pip configuration must not reach a hermetic install: with PIP_INDEX_URL pointing
// elsewhere, PIP_FIND_LINKS at poisoned wheels, PIP_CONSTRAINT, PIP_NO_CACHE_DIR, a pip.conf through
// PIP_CONFIG_FILE (and PYTHONPATH / PYTHONUSERBASE for good measure), plain pip is derailed (red) and
// `env create` makes exactly the same environment as without them (green).
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { closedPort } from '../helpers/ports.js';
import { builtInterpreter, type BuiltInterpreter } from '../helpers/interpreters.js';
import { makePureWheel } from '../helpers/local-index.js';
import { LOCAL_INDEX, parseJson, runPyhermetic, tempDir } from '../helpers/runner.js';

/** path → sha256 (or symlink target) of every entry below root. */
function treeHashes(root: string, dir = root, out = new Map<string, string>()): Map<string, string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isSymbolicLink()) out.set(relative(root, p), `link:${readlinkSync(p)}`);
    else if (st.isDirectory()) treeHashes(root, p, out);
    else
      out.set(
        relative(root, p),
        `${(st.mode & 0o777).toString(8)}:${createHash('sha256').update(readFileSync(p)).digest('hex')}`,
      );
  }
  return out;
}

describe('host pip configuration has no effect on env create @slow', () => {
  let py: BuiltInterpreter;
  let lock: string;
  let hostile: Record<string, string>;
  let lockCache: string;

  before(async () => {
    py = await builtInterpreter('static');
    const dir = tempDir('hostcfg-');
    writeFileSync(join(dir, 'requirements.in'), 'orjson\nmarkupsafe\n');
    lock = join(dir, 'requirements.lock');
    lockCache = tempDir('lock-cache-');
    const r = await runPyhermetic([
      'lock',
      '-r',
      join(dir, 'requirements.in'),
      '--interpreter',
      py.artifact,
      '--index-url',
      LOCAL_INDEX,
      '--cache-root',
      lockCache,
      '-o',
      lock,
    ]);
    assert.equal(r.exitCode, 0, r.stderr);
    const orjsonVersion = /^orjson==(\S+)/m.exec(readFileSync(lock, 'utf8'))![1];
    // Poisoned wheels: same names and versions as the lock, other bytes.
    const poisoned = join(dir, 'poisoned-wheels');
    mkdirSync(poisoned);
    const fake = await makePureWheel({
      name: 'orjson',
      version: orjsonVersion,
      files: { 'orjson/__init__.py': 'raise SystemExit("poisoned orjson")\n' },
    });
    await execa('cp', [fake, poisoned]);
    writeFileSync(join(dir, 'constraints.txt'), 'orjson==0.0.1\n');
    writeFileSync(
      join(dir, 'pip.conf'),
      `[global]\nindex-url = http://127.0.0.1:${await closedPort()}/simple\nno-cache-dir = true\n[install]\nno-deps = false\nrequire-virtualenv = true\nuser = true\n`,
    );
    hostile = {
      PIP_INDEX_URL: `http://127.0.0.1:${await closedPort()}/simple`,
      PIP_EXTRA_INDEX_URL: 'file:///nonexistent/simple',
      PIP_FIND_LINKS: poisoned,
      PIP_CONSTRAINT: join(dir, 'constraints.txt'),
      PIP_NO_CACHE_DIR: '1',
      PIP_CONFIG_FILE: join(dir, 'pip.conf'),
      PIP_REQUIRE_VIRTUALENV: '1',
      PIP_NO_INDEX: '1',
      PYTHONPATH: poisoned,
      PYTHONUSERBASE: join(dir, 'userbase'),
    };
  });

  it('RED: the same settings derail plain pip installing the same lock', async () => {
    const r = await execa(
      py.python,
      ['-m', 'pip', 'install', '--require-hashes', '--no-deps', '--target', tempDir('t-'), '-r', lock],
      { env: { ...process.env, ...hostile }, extendEnv: false, reject: false, all: true },
    );
    assert.notEqual(r.exitCode, 0, r.all);
  });

  it('GREEN: env create under the hostile settings gives the same pyhermetic-env.json and the same file hashes', async () => {
    const cacheRoot = tempDir('cache-');
    const base = tempDir('envs-');
    const clean = await runPyhermetic([
      'env',
      'create',
      '--interpreter',
      py.artifact,
      '--lock',
      lock,
      '--dest',
      join(base, 'clean'),
      '--index-url',
      LOCAL_INDEX,
      '--cache-root',
      cacheRoot,
    ]);
    assert.equal(clean.exitCode, 0, clean.stderr);
    const dirty = await runPyhermetic(
      [
        'env',
        'create',
        '--interpreter',
        py.artifact,
        '--lock',
        lock,
        '--dest',
        join(base, 'dirty'),
        '--index-url',
        LOCAL_INDEX,
        '--cache-root',
        cacheRoot,
        '--json',
      ],
      { env: hostile },
    );
    assert.equal(dirty.exitCode, 0, dirty.stderr);
    assert.ok(existsSync(parseJson(dirty).cacheDir), 'the scoped cache is used although PIP_NO_CACHE_DIR is set');
    assert.equal(
      readFileSync(join(base, 'dirty', 'pyhermetic-env.json'), 'utf8'),
      readFileSync(join(base, 'clean', 'pyhermetic-env.json'), 'utf8'),
    );
    assert.deepEqual(treeHashes(join(base, 'dirty')), treeHashes(join(base, 'clean')));
    const imp = await execa('env', [
      '-i',
      join(base, 'dirty', 'bin', 'python3'),
      '-c',
      'import orjson; print(orjson.dumps([1]).decode())',
    ]);
    assert.equal(imp.stdout.trim(), '[1]');
  });
});
