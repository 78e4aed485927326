// Every file generated from the commands' declarations and the step table, regenerated in memory and
// compared with the committed one: docs that drift from the code fail here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_FILES } from '../../src/cli/generated-files.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('generated files', () => {
  it('are docs/commands.md, vars/pyhermetic.txt and docs/jenkins-steps.md', () => {
    assert.deepEqual(Object.keys(GENERATED_FILES).sort(), [
      'docs/commands.md',
      'docs/jenkins-steps.md',
      'vars/pyhermetic.txt',
    ]);
  });

  for (const [path, render] of Object.entries(GENERATED_FILES)) {
    it(`${path} is what the declarations generate`, () => {
      const committed = readFileSync(join(ROOT, path), 'utf8');
      assert.ok(committed === render(), `${path} differs from the code: run \`npm run generate\` and commit it`);
    });
  }
});
