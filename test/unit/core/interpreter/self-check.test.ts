// The post-build self-check, run against a real interpreter that lacks some modules (Debian's
// python3 ships tkinter and _gdbm in separate packages): the error names each missing module and the
// Debian -dev package that provides what it needs at build time.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { selfCheck } from '../../../../src/core/interpreter/build.js';
import type { PythonSpec } from '../../../../src/core/model/manifests.js';
import { EnvironmentError, UsageError } from '../../../../src/shared/errors.js';

const PY = '/usr/bin/python3';
const spec = (requireModules: string[], version = '3.11.2'): PythonSpec => ({
  name: 'cpython',
  version,
  source: { sha256: '0'.repeat(64), urls: [] },
  configure: { shared: true, args: [] },
  requireModules,
});

describe('build self-check', () => {
  before(function () {
    if (!existsSync(PY)) this.skip();
  });

  it('passes when every required module imports', async () => {
    await selfCheck(spec(['ssl', 'sqlite3', 'zlib', 'ctypes', 'lzma', 'bz2']), PY);
  });

  it('names each missing module and its Debian package, and only those', async function () {
    const probe = await import('node:child_process');
    const r = probe.spawnSync(PY, ['-c', 'import tkinter']);
    if (r.status === 0) this.skip(); // python3-tk is installed here: nothing is missing
    await assert.rejects(selfCheck(spec(['ssl', 'tkinter', 'no_such_module_xyz']), PY), (err: unknown) => {
      assert.ok(err instanceof EnvironmentError);
      assert.match(err.message, /cannot import tkinter, no_such_module_xyz/);
      assert.match(err.message, /tkinter: ModuleNotFoundError.*install tk-dev/);
      assert.doesNotMatch(err.message, /\bssl:/);
      assert.match(err.hint ?? '', /apt-get install tk-dev/);
      return true;
    });
  });

  it('a spec version that is not what the tarball built is a usage error', async () => {
    await assert.rejects(
      selfCheck(spec([], '3.11.9'), PY),
      (err: unknown) => err instanceof UsageError && /built CPython 3\.11\.2.*says 3\.11\.9/.test(err.message),
    );
  });
});
