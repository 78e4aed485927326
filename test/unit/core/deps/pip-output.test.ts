import assert from 'node:assert/strict';
import {
  hashMismatches,
  missingDistributions,
  pipEnv,
  generalOptions,
  indexOptions,
} from '../../../../src/core/deps/pip.js';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv, parseCsvLine, readDistInfos, verifyDistributions } from '../../../../src/core/deps/dist-record.js';

describe('pip invocation and output parsing', () => {
  it('the pip environment carries no PIP_* or PYTHON* of the caller and neutralises config files', () => {
    process.env.PIP_FIND_LINKS_TEST_ONLY = '/x';
    process.env.PYTHONPATH_TEST_ONLY = '/y';
    const env = pipEnv('/c');
    delete process.env.PIP_FIND_LINKS_TEST_ONLY;
    delete process.env.PYTHONPATH_TEST_ONLY;
    assert.equal(env.PIP_CONFIG_FILE, '/dev/null');
    assert.equal(env.PIP_CACHE_DIR, '/c');
    assert.deepEqual(
      Object.keys(env)
        .filter((k) => k.startsWith('PIP_'))
        .sort(),
      ['PIP_CACHE_DIR', 'PIP_CONFIG_FILE'],
    );
    assert.ok(
      !Object.keys(env).some(
        (k) => k.startsWith('PYTHON') && !['PYTHONNOUSERSITE', 'PYTHONDONTWRITEBYTECODE'].includes(k),
      ),
    );
    assert.ok(generalOptions('/c').includes('--isolated'));
    assert.deepEqual(indexOptions(['a', 'b', 'c']), [
      '--index-url',
      'a',
      '--extra-index-url',
      'b',
      '--extra-index-url',
      'c',
    ]);
  });

  it("reads pip's hash mismatch block", () => {
    const stderr = `ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE. If you have updated ...
    orjson==3.12.0 from file:///opt/pypi/files/orjson-3.12.0-cp311.whl#sha256=9caf (from -r /tmp/r.txt (line 5)):
        Expected sha256 ${'0'.repeat(64)}
             Got        ${'9'.repeat(64)}
`;
    assert.deepEqual(hashMismatches(stderr), [
      { requirement: 'orjson==3.12.0', expected: ['0'.repeat(64)], got: '9'.repeat(64) },
    ]);
    assert.deepEqual(hashMismatches('all fine'), []);
  });

  it('reads the requirements pip found nothing for', () => {
    assert.deepEqual(
      missingDistributions(
        'ERROR: Could not find a version...\nERROR: No matching distribution found for slowdep>=1.0\n',
      ),
      ['slowdep>=1.0'],
    );
  });

  it('parses RECORD csv rows with quoting', () => {
    assert.deepEqual(parseCsvLine('"a,b.py",sha256=xyz,12'), ['a,b.py', 'sha256=xyz', '12']);
    assert.deepEqual(parseCsvLine('pkg/RECORD,,'), ['pkg/RECORD', '', '']);
  });

  it('a file name with a newline in RECORD is one quoted row, not a missing file', async () => {
    const prefix = mkdtempSync(join(tmpdir(), 'record-nl-'));
    const site = 'lib/python3.11/site-packages';
    const name = 'pkg/a\nb.py';
    mkdirSync(join(prefix, site, 'pkg'), { recursive: true });
    mkdirSync(join(prefix, site, 'pkg-1.0.dist-info'));
    writeFileSync(join(prefix, site, name), 'x = 1\n');
    const hash = createHash('sha256').update('x = 1\n').digest('base64url').replace(/=+$/, '');
    writeFileSync(join(prefix, site, 'pkg-1.0.dist-info', 'METADATA'), 'Name: pkg\nVersion: 1.0\n');
    writeFileSync(
      join(prefix, site, 'pkg-1.0.dist-info', 'RECORD'),
      `"${name}",sha256=${hash},6\npkg-1.0.dist-info/METADATA,,\npkg-1.0.dist-info/RECORD,,\n`,
    );
    assert.deepEqual(parseCsv(`"${name}",sha256=x,6\r\nb,,\n`), [
      [name, 'sha256=x', '6'],
      ['b', '', ''],
    ]);
    const dists = await readDistInfos(prefix, [site]);
    assert.deepEqual(
      dists[0].rows.map((r) => r.raw),
      [name, 'pkg-1.0.dist-info/METADATA', 'pkg-1.0.dist-info/RECORD'],
    );
    const { findings } = await verifyDistributions(prefix, dists);
    rmSync(prefix, { recursive: true, force: true });
    assert.deepEqual(findings, []);
  });
});
