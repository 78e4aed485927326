// The step table against the commands it drives and the Groovy that binds credentials: every step's
// parameters are derived from its command's option declaration, and a row names only what is Jenkins' own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findCommand } from '../../../src/cli/dispatch.js';
import { COMMANDS } from '../../../src/cli/registry.js';
import { renderHelpHtml, renderMarkdown } from '../../../src/jenkins/step-docs.js';
import {
  CREDENTIAL_PARAMS,
  camelCase,
  resolveStep,
  resolveSteps,
  STEP_ROWS,
  stepParams,
} from '../../../src/jenkins/step-table.js';
import type { CommandSpec } from '../../../src/shared/cli-spec.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const STEPS = resolveSteps(COMMANDS);

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
        'test',
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

  it('reaches every option of every step command but a secret one, each from exactly one parameter', () => {
    for (const s of STEPS) {
      const { cmd, rest } = findCommand(s.command);
      assert.ok(cmd && rest.length === 0, `${s.name}: command ${s.command.join(' ')}`);
      const mapped = s.params.flatMap((p) => (p.option ? [p.option] : []));
      const offered = Object.entries(cmd.options).flatMap(([name, o]) => (o.secret ? [] : [name]));
      // Each option from exactly one parameter; the order of parameters is the step table's to choose.
      assert.equal(new Set(mapped).size, mapped.length, `${s.name}: an option mapped twice`);
      assert.deepEqual([...mapped].sort(), [...offered].sort(), `${s.name}: options and parameters`);
      for (const p of s.params.filter((x) => x.option))
        assert.equal(p.description, cmd.options[p.option!]!.description, `${s.name}.${p.name}: the option's words`);
    }
  });

  it('withholds a secret option: attest takes its key from signingKeyCredentialsId, never as a parameter', () => {
    const attest = STEPS.find((s) => s.name === 'attest')!;
    assert.ok(!attest.params.some((p) => p.option === 'key'));
    assert.ok(attest.params.some((p) => p.name === 'signingKeyCredentialsId'));
  });

  it('lock takes no remote store, so its step has no remote, publish or credential parameters', () => {
    const lock = STEPS.find((s) => s.name === 'lock')!;
    const names = stepParams(lock).map((p) => p.name);
    for (const gone of ['remote', 'publish', 'credentialsId', 'tokenCredentialsId'])
      assert.ok(!names.includes(gone), `pyhermetic.lock(${gone}: ...)`);
    const env = STEPS.find((s) => s.name === 'env')!;
    assert.ok(
      stepParams(env).some((p) => p.name === 'credentialsId'),
      'env create does use the remote',
    );
  });

  it('names parameters in camelCase from the option unless the row renames them', () => {
    assert.equal(camelCase('glibc-max'), 'glibcMax');
    assert.equal(camelCase('no-default-smoke'), 'noDefaultSmoke');
    const verify = STEPS.find((s) => s.name === 'verify')!;
    assert.deepEqual(
      verify.params.map((p) => `${p.name}←${p.option}`),
      Object.keys(COMMANDS.find((c) => c.name === 'verify')!.options).map(
        (o) =>
          `${o === 'allow-system-lib' ? 'allowSystemLibs' : o === 'tested-record' ? 'testedRecords' : camelCase(o)}←${o}`,
      ),
    );
  });

  it('a new option of a command is a new parameter of its step, with nothing added to the table', () => {
    const pack = COMMANDS.find((c) => c.name === 'pack')!;
    const grown: CommandSpec = {
      ...pack,
      options: { ...pack.options, 'strip-tests': { type: 'boolean', description: 'leave tests/ out' } },
    };
    const step = resolveStep(STEP_ROWS.find((r) => r.name === 'pack')!, grown);
    const p = step.params.find((x) => x.name === 'stripTests');
    assert.deepEqual(p, {
      name: 'stripTests',
      type: 'boolean',
      option: 'strip-tests',
      description: 'leave tests/ out',
      default: false,
    });
  });

  it('refuses a row that renames, defaults or requires what its command does not have', () => {
    const pack = COMMANDS.find((c) => c.name === 'pack')!;
    const row = STEP_ROWS.find((r) => r.name === 'pack')!;
    assert.throws(
      () => resolveStep({ ...row, rename: { lvl: 'level' } }, pack),
      /step pack: no such option or parameter: lvl/,
    );
    assert.throws(() => resolveStep({ ...row, defaults: { levle: 9 } }, pack), /levle/);
    assert.throws(() => resolveStep({ ...row, required: ['app2'] }, pack), /app2/);
    assert.throws(() => resolveSteps([], [row]), /step pack: no command 'pack'/);
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

  it('every credential parameter has a kind the Groovy builds a binding for, from the fields the runner lists', () => {
    // The runner decides what to bind (step-plan.ts credentialBindings); the Groovy only maps each kind to
    // its Jenkins binding step, reading the fields by name.
    const groovy = readFileSync(join(ROOT, 'vars', 'pyhermetic.groovy'), 'utf8');
    for (const p of Object.values(CREDENTIAL_PARAMS)) {
      assert.ok(p.credentialKind, `${p.name} has a kind`);
      assert.ok(groovy.includes(`kind == '${p.credentialKind}'`), `the Groovy handles ${p.credentialKind}`);
      const fields = p.credentialKind === 'usernamePassword' ? ['usernameVariable', 'passwordVariable'] : ['variable'];
      assert.equal(p.credentialVariables.length, fields.length, p.name);
      for (const f of ['credentialsId', ...fields]) assert.ok(groovy.includes(`c.${f}`), `the Groovy reads ${f}`);
    }
  });

  it('documents every parameter of every step', () => {
    const help = renderHelpHtml(STEPS);
    const md = renderMarkdown(STEPS);
    for (const s of STEPS) {
      for (const p of s.params) {
        assert.ok(help.includes(`<dt><code>${p.name}</code>`), `${s.name}.${p.name} in pyhermetic.txt`);
        assert.ok(md.includes(`| \`${p.name}\` |`), `${s.name}.${p.name} in jenkins-steps.md`);
      }
    }
  });
});
