// How a command is wrapped to run in a build root: parameters only as arguments (never inside the
// shell text), the root's PATH, the environment passed whole and nothing of the caller's.
import assert from 'node:assert/strict';
import { hostSandbox, ROOT_PATH, rootSandbox } from '../../../../src/core/interpreter/build-sandbox.js';

const ROOT = '/store/buildroots/ab cd';
const BUILD = '/tmp/pyhermetic-build/k';
const CMD = ['./configure', '--prefix=/opt/x', "it's $(not) run"];
const ENV = { HOME: `${BUILD}/home`, PATH: '/host/bin', LC_ALL: 'C' };

describe('build sandbox wrapping', () => {
  it('host: the command itself', () => {
    assert.deepEqual(hostSandbox.wrap(CMD, BUILD, ENV), {
      file: './configure',
      args: CMD.slice(1),
      cwd: BUILD,
      env: ENV,
    });
  });

  it('chroot: unshare + a constant script; root, cwd, binds, env and command are separate arguments', () => {
    const w = rootSandbox('chroot', ROOT, [BUILD]).wrap(CMD, BUILD, ENV);
    assert.equal(w.file, 'unshare');
    const script = w.args[w.args.indexOf('-c') + 1];
    for (const p of [ROOT, BUILD, ...CMD.slice(1)]) assert.ok(!script.includes(p), `${p} is not in the script`);
    const rest = w.args.slice(w.args.indexOf(script) + 1);
    assert.deepEqual(rest.slice(0, 6), ['sh', ROOT, BUILD, '1', BUILD, '--']);
    assert.ok(rest.includes(`PATH=${ROOT_PATH}`) && !rest.includes('PATH=/host/bin'));
    assert.deepEqual(rest.slice(-CMD.length), CMD);
    assert.equal(w.env.PATH, '/usr/sbin:/usr/bin:/sbin:/bin');
    assert.equal(w.env.HOME, undefined);
  });

  it('bwrap: the root read-only at /, the build directory bound at its own path, a cleared environment', () => {
    const w = rootSandbox('bwrap', ROOT, [BUILD]).wrap(CMD, BUILD, ENV);
    assert.equal(w.file, 'bwrap');
    const a = w.args.join('\0');
    assert.ok(a.includes(['--ro-bind', ROOT, '/'].join('\0')));
    assert.ok(a.includes(['--bind', BUILD, BUILD].join('\0')));
    assert.ok(a.includes(['--chdir', BUILD].join('\0')));
    assert.ok(a.includes('--clearenv'));
    assert.ok(a.includes(['--setenv', 'PATH', ROOT_PATH].join('\0')));
    assert.deepEqual(w.args.slice(-CMD.length - 1), ['--', ...CMD]);
  });
});
