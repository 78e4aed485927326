import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../../src/shared/errors.js';
import { loadPipelineConfig, validatePipelineConfig } from '../../../src/pipeline/pipeline-config.js';

const CONFIG = '/projects/demo/pyhermetic.json';
const minimal = { spec: 'python.json', lock: 'requirements.lock', indexUrls: ['file:///opt/pypi/simple'] };

function rejects(doc: unknown, field: RegExp): void {
  assert.throws(
    () => validatePipelineConfig(doc, CONFIG),
    (err: unknown) => {
      assert.ok(err instanceof UsageError, `expected a UsageError, got ${String(err)}`);
      assert.equal(err.exitCode, 2);
      assert.match(err.message, field);
      return true;
    },
  );
}

describe('pipeline config (pyhermetic.json)', () => {
  it('"auditPins": on by default over the config directory; false turns it off; paths and failOn', () => {
    assert.deepEqual(validatePipelineConfig(minimal, CONFIG).auditPins, { paths: ['/projects/demo'], failOn: 'error' });
    assert.equal(validatePipelineConfig({ ...minimal, auditPins: false }, CONFIG).auditPins, null);
    assert.deepEqual(
      validatePipelineConfig({ ...minimal, auditPins: { paths: ['..', 'ci'], failOn: 'warning' } }, CONFIG).auditPins,
      { paths: ['/projects', '/projects/demo/ci'], failOn: 'warning' },
    );
    rejects({ ...minimal, auditPins: 'yes' }, /"auditPins" must be true, false or/);
    rejects(
      { ...minimal, auditPins: { failOn: 'sometimes' } },
      /"auditPins.failOn" must be one of error, warning, never/,
    );
    rejects({ ...minimal, auditPins: { path: ['.'] } }, /"auditPins.path" is not a known key/);
  });

  it('resolves relative paths against the config directory and fills the defaults', () => {
    const c = validatePipelineConfig(minimal, CONFIG);
    assert.equal(c.spec, '/projects/demo/python.json');
    assert.equal(c.lock, '/projects/demo/requirements.lock');
    assert.equal(c.requirements, '/projects/demo/requirements.in');
    assert.equal(c.app, '/projects/demo');
    assert.equal(c.name, 'demo');
    assert.deepEqual(c.test.command, ['python', '-m', 'pytest', '-q']);
    assert.deepEqual(c.allowSource, []);
    assert.deepEqual(c.smoke, []);
    // No hard-coded floor: verify holds the package to its interpreter's own.
    assert.equal(c.glibcMax, null);
    assert.deepEqual(c.systemLibraries, []);
    assert.deepEqual(c.productionRoots, []);
    assert.equal(c.deployPath, null);
    assert.equal(c.store, null);
    assert.equal(c.cacheRoot, null);
  });

  it('takes every documented key', () => {
    const c = validatePipelineConfig(
      {
        ...minimal,
        name: 'svc',
        requirements: 'req/in.txt',
        allowSource: ['MarkupSafe'],
        app: 'src/app',
        test: { command: ['python', '-m', 'pytest', '-x'] },
        smoke: ['demo_app', 'markupsafe._speedups'],
        glibcMax: '2.28',
        systemLibraries: ['libssl.so.3', 'libstdc++.so.6'],
        productionRoot: 'roots/debian11.tar',
        deployPath: '/srv/svc',
        store: '/var/store',
        cacheRoot: 'cache',
        baseline: 'releases/svc-1.0.tar.gz',
      },
      CONFIG,
    );
    assert.equal(c.name, 'svc');
    assert.equal(c.requirements, '/projects/demo/req/in.txt');
    assert.equal(c.app, '/projects/demo/src/app');
    assert.deepEqual(c.test.command, ['python', '-m', 'pytest', '-x']);
    assert.deepEqual(c.smoke, ['demo_app', 'markupsafe._speedups']);
    assert.equal(c.store, '/var/store');
    assert.equal(c.cacheRoot, '/projects/demo/cache');
    assert.equal(c.glibcMax, '2.28');
    assert.deepEqual(c.systemLibraries, ['libssl.so.3', 'libstdc++.so.6']);
    assert.deepEqual(c.productionRoots, ['/projects/demo/roots/debian11.tar']);
    assert.equal(c.deployPath, '/srv/svc');
    const two = validatePipelineConfig({ ...minimal, productionRoot: ['/r/a', 'b'] }, CONFIG);
    assert.deepEqual(two.productionRoots, ['/r/a', '/projects/demo/b']);
    assert.equal(c.baseline, '/projects/demo/releases/svc-1.0.tar.gz');
  });

  it('takes a remote store URL through the one validator, refusing credentials, other schemes and a ?query', () => {
    assert.equal(
      validatePipelineConfig({ ...minimal, remote: 'nexus+https://n/r' }, CONFIG).remote?.spec,
      'nexus+https://n/r/',
    );
    assert.equal(validatePipelineConfig(minimal, CONFIG).remote, null);
    rejects({ ...minimal, remote: 'https://u:p@h/' }, /"remote" is refused: .*carries credentials/);
    rejects({ ...minimal, remote: 'ftp://h/' }, /"remote" is refused: .*unknown scheme ftp:/);
    // The two validators of old disagreed here: the config took a ?query that --remote refused.
    rejects({ ...minimal, remote: 'https://h/p/?token=SECRET' }, /"remote" is refused: .*must not have a \?query/);
    assert.throws(
      () => validatePipelineConfig({ ...minimal, remote: 'https://h/p/?token=SECRET' }, CONFIG),
      (e: Error) => !e.message.includes('SECRET'),
    );
  });
  it('rejects an unknown key, naming it', () => rejects({ ...minimal, indexUrl: 'x' }, /unknown key "indexUrl"/));
  it('rejects a missing required field, naming it', () => {
    rejects({ lock: 'l', indexUrls: ['file:///x'] }, /"spec" is required/);
    rejects({ spec: 's', indexUrls: ['file:///x'] }, /"lock" is required/);
    rejects({ spec: 's', lock: 'l' }, /"indexUrls" is required/);
  });
  it('rejects wrong types, naming the field', () => {
    rejects({ ...minimal, spec: 3 }, /"spec" must be a non-empty string, got a number/);
    rejects({ ...minimal, indexUrls: 'file:///x' }, /"indexUrls" must be an array of strings/);
    rejects({ ...minimal, indexUrls: [] }, /"indexUrls" must not be empty/);
    rejects({ ...minimal, indexUrls: ['/opt/pypi/simple'] }, /"indexUrls\[0\]" is not a file:\/\//);
    rejects({ ...minimal, allowSource: ['ok', 7] }, /"allowSource\[1\]" must be a non-empty string/);
    rejects({ ...minimal, allowSource: ['../evil'] }, /"allowSource\[0\]" is not a project name/);
    rejects({ ...minimal, test: ['python'] }, /"test" must be an object/);
    rejects({ ...minimal, test: { command: [] } }, /"test.command" must not be empty/);
    rejects({ ...minimal, test: {} }, /"test.command" is required/);
    rejects({ ...minimal, test: { command: ['x'], timeout: 3 } }, /"test.timeout" is not a known key/);
    rejects({ ...minimal, smoke: ['bad module'] }, /"smoke\[0\]" is not a module name/);
    rejects({ ...minimal, glibcMax: 2.17 }, /"glibcMax" must be a non-empty string/);
    rejects({ ...minimal, glibcMax: 'glibc-2.17' }, /"glibcMax" must look like "2.31"/);
    rejects({ ...minimal, systemLibraries: ['libssl'] }, /"systemLibraries\[0\]" is not a library name/);
    rejects({ ...minimal, systemLibraries: 'libssl.so.3' }, /"systemLibraries" must be an array of strings/);
    rejects({ ...minimal, productionRoot: 3 }, /"productionRoot" must be an array of strings/);
    rejects({ ...minimal, deployPath: 'opt/app' }, /"deployPath" must be an absolute, normal path/);
    rejects({ ...minimal, deployPath: '/opt/../etc' }, /"deployPath" must be an absolute, normal path/);
    rejects({ ...minimal, store: false }, /"store" must be a non-empty string, got a boolean/);
    rejects({ ...minimal, name: 'a/b' }, /"name" "a\/b" is not usable as a file name/);
    rejects([minimal], /must hold a JSON object, got an array/);
  });

  it('reports a missing file and broken JSON as usage errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pyh-config-'));
    await assert.rejects(
      loadPipelineConfig(join(dir, 'none.json')),
      (e: unknown) => e instanceof UsageError && /cannot read the pipeline config .*ENOENT/.test(e.message),
    );
    writeFileSync(join(dir, 'bad.json'), '{"spec": "python.json",}');
    await assert.rejects(
      loadPipelineConfig(join(dir, 'bad.json')),
      (e: unknown) => e instanceof UsageError && /is not valid JSON/.test(e.message),
    );
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(minimal));
    assert.equal((await loadPipelineConfig(join(dir, 'ok.json'))).spec, join(dir, 'python.json'));
  });

  it('"specs": several versions, one lock per version from the {version} pattern (default requirements-{version}.lock)', () => {
    const idx = { indexUrls: ['file:///opt/pypi/simple'] };
    const c = validatePipelineConfig({ ...idx, specs: ['py39.json', 'specs/py314t.json'] }, CONFIG);
    assert.deepEqual(c.matrix, {
      specs: ['/projects/demo/py39.json', '/projects/demo/specs/py314t.json'],
      lockPattern: '/projects/demo/requirements-{version}.lock',
    });
    assert.equal(c.spec, '/projects/demo/py39.json');
    assert.equal(validatePipelineConfig(minimal, CONFIG).matrix, null);
    const custom = validatePipelineConfig({ ...idx, specs: ['a.json'], lock: 'locks/{version}.lock' }, CONFIG);
    assert.equal(custom.matrix?.lockPattern, '/projects/demo/locks/{version}.lock');
    rejects({ ...minimal, specs: ['a.json'] }, /"specs" and "spec" are both given/);
    rejects({ ...idx, specs: ['a.json'], lock: 'requirements.lock' }, /"lock" must contain \{version\}/);
    rejects({ ...idx, specs: [] }, /"specs" must not be empty/);
    rejects({ ...idx, specs: ['a.json', './a.json'] }, /"specs" names \/projects\/demo\/a\.json twice/);
    rejects({ ...idx, lock: 'requirements.lock' }, /"spec" is required \(or "specs"/);
  });
});
