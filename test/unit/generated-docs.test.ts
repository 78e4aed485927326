// Every file generated from the commands' declarations, the config files' fields and the step table, regenerated in memory and
// compared with the committed one: docs that drift from the code fail here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_FILES } from '../../src/cli/generated-files.js';
import { COMMANDS } from '../../src/cli/registry.js';
import { STEP_ROWS } from '../../src/jenkins/step-table.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('generated files', () => {
  it('are docs/commands.md, docs/config-files.md, vars/pyhermetic.txt and docs/jenkins-steps.md', () => {
    assert.deepEqual(Object.keys(GENERATED_FILES).sort(), [
      'docs/commands.md',
      'docs/config-files.md',
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

  it('the README names every command (one row each) and every Jenkins step', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    // A row's command: its leading lowercase words (`attest verify --artifact …` → `attest verify`).
    const named = readme
      .split('\n')
      .filter((l) => l.startsWith('| `'))
      .map((l) => l.slice(3).split('`')[0]!.split(' '))
      .map((words) => {
        const end = words.findIndex((w) => !/^[a-z][a-z-]*$/.test(w));
        return (end < 0 ? words : words.slice(0, end)).join(' ');
      });
    assert.deepEqual(
      named.filter((n) => COMMANDS.some((c) => c.name === n)).sort(),
      COMMANDS.map((c) => c.name).sort(),
    );
    for (const s of STEP_ROWS.filter((r) => r.name !== 'pipeline'))
      assert.ok(new RegExp(`\`(pyhermetic)?\\.${s.name}\``).test(readme), `the step .${s.name}`);
  });
});
