// The relocation snippet appended to _sysconfigdata, run by a real Python: every string naming the
// configured prefix names sys.base_prefix instead; the .pc rewrite is read by the real pkg-config.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { relocatePc, sysconfigRelocation } from '../../../../src/core/interpreter/relocate.js';
import { tempDir } from '../../../helpers/runner.js';

const CONFIGURED = '/opt/pyhermetic/cpython-3.11.2';

describe('relocation (relocate.ts)', () => {
  it('_sysconfigdata: paths under the configured prefix follow sys.base_prefix; other values are untouched', async () => {
    const dir = tempDir('sysconfigdata-');
    const data = `build_time_vars = {'INCLUDEPY': '${CONFIGURED}/include/python3.11', 'LIBDIR': '${CONFIGURED}/lib', 'abs_builddir': '/tmp/pyhermetic-build/k/src', 'Py_ENABLE_SHARED': 0}\n`;
    writeFileSync(join(dir, '_sysconfigdata_test.py'), data + sysconfigRelocation(CONFIGURED));
    const r = await execa('/usr/bin/python3', [
      '-I',
      '-c',
      `import sys, json; sys.path.insert(0, ${JSON.stringify(dir)}); import _sysconfigdata_test as d; print(json.dumps([sys.base_prefix, d.build_time_vars]))`,
    ]);
    const [base, vars] = JSON.parse(r.stdout);
    assert.equal(vars.INCLUDEPY, `${base}/include/python3.11`);
    assert.equal(vars.LIBDIR, `${base}/lib`);
    assert.equal(vars.abs_builddir, '/tmp/pyhermetic-build/k/src');
    assert.equal(vars.Py_ENABLE_SHARED, 0);
    assert.equal('_pyhermetic_relocate' in vars, false);
  });

  it('pkg-config files: prefix=${pcfiledir}/../.. gives the directory the file is in, for pkg-config', async () => {
    const text = `prefix=${CONFIGURED}\nexec_prefix=\${prefix}\nincludedir=\${prefix}/include\n\nName: Python\nDescription: x\nVersion: 3.11\nCflags: -I\${includedir}/python3.11\n`;
    const out = relocatePc(text, CONFIGURED);
    assert.match(out, /^prefix=\$\{pcfiledir\}\/\.\.\/\.\.$/m);
    assert.equal(relocatePc(out, CONFIGURED), out);
    const where = join(tempDir('pc-'), 'somewhere');
    mkdirSync(join(where, 'lib', 'pkgconfig'), { recursive: true });
    writeFileSync(join(where, 'lib', 'pkgconfig', 'python-3.11.pc'), out);
    const r = await execa('pkg-config', ['--cflags', 'python-3.11'], {
      env: {
        PKG_CONFIG_PATH: join(where, 'lib', 'pkgconfig'),
        PKG_CONFIG_LIBDIR: '/nonexistent',
        PATH: '/usr/bin:/bin',
      },
      extendEnv: false,
    });
    assert.equal(resolve(r.stdout.trim().replace(/^-I/, '')), join(where, 'include', 'python3.11'));
  });
});
