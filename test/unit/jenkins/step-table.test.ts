// The step table against the commands it drives and the Groovy that binds credentials, and the files
// generated from it against the committed ones.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findCommand } from '../../../src/commands/dispatch.js';
import { renderHelpHtml, renderMarkdown } from '../../../src/jenkins/step-docs.js';
import { CREDENTIAL_PARAMS, STEPS, stepParams } from '../../../src/jenkins/step-table.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('the Jenkins step table', () => {
  it('has the steps of vars/pyhermetic.groovy, each with a public method there', () => {
    const groovy = readFileSync(join(ROOT, 'vars', 'pyhermetic.groovy'), 'utf8');
    assert.deepEqual(
      STEPS.map((s) => s.name),
      [
        'pipeline',
        'auditPins',
        'interpreter',
        'lock',
        'env',
        'pack',
        'verify',
        'fingerprint',
        'sbom',
        'attest',
        'attestVerify',
      ],
    );
    for (const s of STEPS) {
      const method = s.name === 'pipeline' ? 'call' : s.name;
      assert.match(
        groovy,
        new RegExp(`^def ${method}\\(Map config = \\[:\\]\\) \\{ return runStep\\('${s.name}', config\\) \\}$`, 'm'),
      );
    }
  });

  it('reaches every option of every step command, each from exactly one parameter', () => {
    for (const s of STEPS) {
      const { cmd, rest } = findCommand(s.command);
      assert.ok(cmd && rest.length === 0, `${s.name}: command ${s.command.join(' ')}`);
      const mapped = [
        ...s.params.flatMap((p) => (p.option ? [p.option] : [])),
        ...Object.keys(s.withheldOptions ?? {}),
      ];
      assert.deepEqual([...mapped].sort(), Object.keys(cmd.options).sort(), `${s.name}: options without a parameter`);
      assert.equal(new Set(mapped).size, mapped.length, `${s.name}: an option mapped twice`);
    }
  });

  it('names each parameter once per step, in camelCase, with a description', () => {
    for (const s of STEPS) {
      const names = stepParams(s).map((p) => p.name);
      assert.equal(new Set(names).size, names.length, s.name);
      for (const p of stepParams(s)) {
        assert.match(p.name, /^[a-z][A-Za-z0-9]*$/, `${s.name}.${p.name}`);
        assert.ok(p.description.length > 5, `${s.name}.${p.name}`);
        if (typeof p.default === 'function')
          assert.ok(p.defaultText, `${s.name}.${p.name}: a computed default needs defaultText`);
      }
    }
  });

  it('binds credential variables the way vars/pyhermetic.groovy does', () => {
    const groovy = readFileSync(join(ROOT, 'vars', 'pyhermetic.groovy'), 'utf8');
    for (const p of Object.values(CREDENTIAL_PARAMS)) {
      const line = groovy.split('\n').findIndex((l) => l.includes(`config.${p.name} != null`));
      assert.ok(line >= 0, `the Groovy binds ${p.name}`);
      const binding = groovy
        .split('\n')
        .slice(line, line + 4)
        .join('\n');
      for (const v of p.credentialVariables) assert.ok(binding.includes(`'${v}'`), `${p.name} → ${v}`);
    }
  });
});

describe('files generated from the step table', () => {
  for (const [path, render] of [
    ['vars/pyhermetic.txt', renderHelpHtml],
    ['docs/jenkins-steps.md', renderMarkdown],
  ] as const) {
    it(`${path} is what the table generates`, () => {
      const committed = readFileSync(join(ROOT, path), 'utf8');
      assert.ok(committed === render(), `${path} differs from the step table: run \`npm run generate\` and commit it`);
    });
  }

  it('documents every parameter of every step', () => {
    const help = renderHelpHtml();
    const md = renderMarkdown();
    for (const s of STEPS) {
      for (const p of s.params) {
        assert.ok(help.includes(`<dt><code>${p.name}</code>`), `${s.name}.${p.name} in pyhermetic.txt`);
        assert.ok(md.includes(`| \`${p.name}\` |`), `${s.name}.${p.name} in jenkins-steps.md`);
      }
    }
  });
});
