// The command registry: every declaration complete, --help derived from it, and a start that evaluates no
// command's work (what a command's run() needs is loaded with import() inside run()).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseCommandArgs } from '../../../src/cli/dispatch.js';
import { commandHelp } from '../../../src/cli/help.js';
import { COMMANDS } from '../../../src/cli/registry.js';
import { SIGNING_KEY_ENV } from '../../../src/core/provenance/attest.js';
import { defaultText } from '../../../src/shared/cli-spec.js';
import { UsageError } from '../../../src/shared/errors.js';

const SRC = resolve(import.meta.dirname, '..', '..', '..', 'src');

describe('the command registry', () => {
  it('names each command once, each option with a value name, a description and a well-formed variable', () => {
    const names = COMMANDS.map((c) => c.name);
    assert.equal(new Set(names).size, names.length);
    for (const c of COMMANDS) {
      assert.ok(c.summary.length > 10 && !c.summary.endsWith('.'), `${c.name}: summary`);
      for (const [name, o] of Object.entries(c.options)) {
        assert.match(name, /^[a-z][a-z0-9-]*$/, `${c.name} --${name}`);
        assert.ok(o.description.length > 5, `${c.name} --${name}: description`);
        if (o.type !== 'boolean') assert.ok(o.value, `${c.name} --${name}: value name`);
        if (o.env) assert.match(o.env, /^[A-Z][A-Z0-9_]*$/, `${c.name} --${name}: env`);
        assert.ok(!o.secret || o.env, `${c.name} --${name}: a secret comes from a variable`);
      }
      for (const p of c.positionals ?? []) assert.match(p.name, /^[A-Z][A-Z0-9_]*$/, `${c.name} ${p.name}`);
    }
  });

  it("declares attest's key variable as the one the signing code reads", () => {
    const attest = COMMANDS.find((c) => c.name === 'attest')!;
    assert.equal(attest.options.key!.env, SIGNING_KEY_ENV);
  });

  it('parses exactly the declared options: a repeatable one into a list, an undeclared one refused', () => {
    const verify = COMMANDS.find((c) => c.name === 'verify')!;
    const args = parseCommandArgs(verify, ['--artifact=a', '--tested', 't', '--root', 'r1', '--root=r2', '--json']);
    assert.deepEqual(args.values.root, ['r1', 'r2']);
    assert.equal(args.json, true);
    assert.throws(
      () => parseCommandArgs(verify, ['--artifact=a', '--artifact=b']),
      /--artifact is given more than once/,
    );
    const lock = COMMANDS.find((c) => c.name === 'lock')!;
    assert.throws(
      () => parseCommandArgs(lock, ['--remote', 'https://x/']),
      (err: unknown) => err instanceof UsageError && /Unknown option '--remote'/.test(err.message),
    );
  });

  it('--help shows every option with its value, default and variable, and the usage line', () => {
    for (const c of COMMANDS) {
      const help = commandHelp(c).replace(/\s+/g, ' ');
      assert.ok(help.startsWith(`usage: pyhermetic ${c.usage} `), c.name);
      for (const [name, o] of Object.entries(c.options)) {
        assert.ok(help.includes(`--${name}`), `${c.name} --${name}`);
        if (defaultText(o)) assert.ok(help.includes(`default: ${defaultText(o)}`), `${c.name} --${name}: default`);
        if (o.env) assert.ok(help.includes(`$${o.env}`), `${c.name} --${name}: $${o.env}`);
      }
    }
  });
});

/** Static imports of a source file (not `import type`, not `import()`), as resolved paths or bare names. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'";]*?\s+from\s+)?'([^']+)'/gm)].map(
    (m) => m[1]!,
  );
  return specs.map((s) => (s.startsWith('.') ? resolve(dirname(file), s).replace(/\.js$/, '.ts') : s));
}

/** Every file and package a start of the runner evaluates before a command's run() imports anything. */
function startClosure(entry: string): { files: string[]; external: string[] } {
  const files = new Set<string>();
  const external = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('/')) todo.push(spec);
      else external.add(spec);
    }
  }
  return { files: [...files].map((f) => relative(SRC, f)), external: [...external] };
}

describe('a fast start', () => {
  /** Node's modules a start may load: node itself has most of them loaded before the runner starts. */
  // node:worker_threads: the entry asks isMainThread to know whether it is a deflate worker (the runner
  // stays one file); Node's own module, already built into the binary, costs no measurable start time.
  const LIGHT = [
    'node:fs',
    'node:fs/promises',
    'node:path',
    'node:util',
    'node:url',
    'node:os',
    'node:module',
    'node:worker_threads',
  ];

  it('a start evaluates no npm package, none of Node’s heavier modules, and no command’s work', () => {
    const { files, external } = startClosure(join(SRC, 'cli', 'runner.ts'));
    assert.deepEqual(
      external.filter((x) => !LIGHT.includes(x)),
      [],
      'imported at the top of a module every start evaluates: load it with import() inside run()',
    );
    const work = files.filter((f) => /^(core|pipeline)\//.test(f) && !/(build-packages|config-example)\.ts$/.test(f));
    assert.deepEqual(work, [], 'core and pipeline code belongs inside run(), behind import()');
    assert.ok(files.includes('commands/sbom.ts') && !files.includes('core/provenance/sbom.ts'));
  });

  it('the closure check sees what a command imports at its top (it can fail)', () => {
    const { files, external } = startClosure(join(SRC, 'core', 'provenance', 'sbom.ts'));
    assert.ok(
      external.some((x) => x.startsWith('@cyclonedx/')),
      external.join(', '),
    );
    assert.ok(files.length > 1);
  });
});
