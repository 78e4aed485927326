import assert from 'node:assert/strict';
import { isInterpreterPath, topLevelExtensionModules } from '../../../../src/core/package/package-layout.js';
import { includeAppPath, includeEnvPath, transformEnvFile } from '../../../../src/core/package/pack-policy.js';

const SP = 'lib/python3.11/site-packages';

describe('package layout and pack policy', () => {
  it('finds the top-level extension modules: site-packages first, then lib-dynload; bundled .libs are not modules', () => {
    const paths = [
      `${SP}/markupsafe/__init__.py`,
      `${SP}/markupsafe/_speedups.cpython-311-x86_64-linux-gnu.so`,
      `${SP}/_cffi_backend.cpython-311-x86_64-linux-gnu.so`,
      `${SP}/numpy.libs/libopenblas64_p-r0-5007b62f.3.23.dev.so`,
      `${SP}/nsonly/ext.cpython-311-x86_64-linux-gnu.so`, // no __init__.py: not importable as a package by name
      'lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so',
      'lib/python3.11/lib-dynload/math.cpython-311-x86_64-linux-gnu.so',
      'lib/libpython3.11.so',
    ];
    assert.deepEqual(topLevelExtensionModules(paths), ['_cffi_backend', 'markupsafe', '_ssl', 'math']);
  });

  it("tells the interpreter's own files from the distributions' and the app's", () => {
    const owned = new Set(['bin/pip3']);
    assert.equal(isInterpreterPath('bin/python3.11', owned), true);
    assert.equal(isInterpreterPath('lib/python3.11/os.py', owned), true);
    assert.equal(isInterpreterPath('bin/pip3', owned), false);
    assert.equal(isInterpreterPath(`${SP}/x.py`, owned), false);
    assert.equal(isInterpreterPath('app/main.py', owned), false);
  });

  it("leaves out every pyc and __pycache__, and an app's VCS data and caches", () => {
    assert.equal(includeEnvPath(`${SP}/x/__pycache__`, true), false);
    assert.equal(includeEnvPath(`${SP}/x/mod.cpython-311.pyc`, false), false);
    assert.equal(includeEnvPath(`${SP}/x/mod.py`, false), true);
    assert.equal(includeEnvPath(`${SP}/x/__pycache__.py`, false), true);
    assert.equal(includeAppPath('.git', true), false);
    assert.equal(includeAppPath('sub/.pytest_cache', true), false);
    assert.equal(includeAppPath('.gitignore', false), true);
  });

  it('rewrites absolute-shebang scripts in bin/ only', () => {
    const script = Buffer.from('#!/some/where/bin/python3.11\nimport sys\n');
    const rewritten = transformEnvFile('bin/tool', script);
    assert.ok(rewritten?.toString().startsWith('#!/bin/sh\n'));
    assert.equal(transformEnvFile('lib/tool', script), undefined);
    assert.equal(transformEnvFile('bin/sub/tool', script), undefined);
    assert.equal(transformEnvFile('bin/python3.11', Buffer.from('\x7fELF')), undefined);
  });
});
