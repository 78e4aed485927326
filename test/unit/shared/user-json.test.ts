// readUserJson: the one reader of JSON files a person wrote (spec, pipeline config, attestation; --args and
// the step parameters fit it too). Real files, a real FIFO, a real directory.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../../src/shared/errors.js';
import { readUserJson, readUserText } from '../../../src/shared/user-json.js';
import { tempDir } from '../../helpers/runner.js';

class PickyError extends UsageError {}
const SPEC = { what: 'the spec', hint: 'pass --spec with the path of a python.json' };

function refused(fn: () => unknown, message: RegExp, hint: RegExp, kind: typeof UsageError = UsageError): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof kind, `a ${kind.name}, got ${e}`);
    assert.match(e.message, message);
    assert.match(e.hint ?? '', hint);
    return true;
  });
}

describe('readUserJson', () => {
  let dir: string;
  before(() => {
    dir = tempDir('user-json-');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the document of a good file', () => {
    writeFileSync(join(dir, 'good.json'), '{"name": "cpython", "args": ["--x"]}\n');
    assert.deepEqual(readUserJson(join(dir, 'good.json'), SPEC), { name: 'cpython', args: ['--x'] });
  });

  it('a missing file: cannot read, with the errno and the hint; the caller’s error class', () => {
    refused(
      () => readUserJson(join(dir, 'absent.json'), { ...SPEC, error: PickyError }),
      /^cannot read the spec .*absent\.json: ENOENT$/,
      /pass --spec/,
      PickyError,
    );
  });

  it('bad syntax and a repeated key: the file named, the place named, the syntax hint', () => {
    writeFileSync(join(dir, 'comma.json'), '{"a": 1,}');
    refused(() => readUserJson(join(dir, 'comma.json'), SPEC), /comma\.json is not valid JSON: /, /fix the JSON/);
    writeFileSync(join(dir, 'twice.json'), '{"configure": {"shared": false, "shared": true}}');
    refused(
      () => readUserJson(join(dir, 'twice.json'), { ...SPEC, syntaxHint: 'fix it' }),
      /twice\.json is not valid JSON: duplicate key "shared" at \$\.configure/,
      /^fix it$/,
    );
  });

  it('a directory, a FIFO (without hanging) and a file over the limit are refused before they are read', () => {
    mkdirSync(join(dir, 'a-dir'));
    refused(() => readUserText(join(dir, 'a-dir'), SPEC), /the spec .*a-dir is not a regular file/, /pass --spec/);
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    refused(() => readUserText(join(dir, 'fifo'), SPEC), /the spec .*fifo is not a regular file/, /pass --spec/);
    writeFileSync(join(dir, 'big.json'), `[${'1,'.repeat(100)}1]`);
    refused(
      () => readUserText(join(dir, 'big.json'), { ...SPEC, maxBytes: 100 }),
      /the spec .*big\.json is 203 bytes, more than the 100 allowed/,
      /pass --spec/,
    );
  });
});
