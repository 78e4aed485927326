// A fast start, on the built bundle: the runner is one file, and a run evaluates only what its command
// needs. A copy of the bundle reports each module it evaluates (esbuild keeps every module reached through
// import() behind an init function; the copy's init functions print their module's name), so the test sees
// what `--version` and a command's --help evaluate, and that `sbom` does evaluate the CycloneDX library.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RUNNER, runPyhermetic, tempDir } from '../helpers/runner.js';

const MARK = 'PYHERMETIC-EVALUATES ';

/** A copy of the bundle whose lazy modules print their names to stderr when they are evaluated. */
function tracingRunner(): string {
  const text = readFileSync(RUNNER, 'utf8');
  // esbuild renames a helper's parameter (err → err2) when a bundled module has a top-level name like it.
  const esm = /var __esm = \(fn, res, err\d*\) => function __init\(\) \{/;
  const cjs = /var __commonJS = \(cb, mod\) => function __require2\(\) \{/;
  assert.ok(esm.test(text) && cjs.test(text), "esbuild's init helpers are not where the test expects them");
  const traced = text
    .replace(
      esm,
      (m) => `${m} if (fn) process.stderr.write(${JSON.stringify(MARK)} + __getOwnPropNames(fn)[0] + "\\n");`,
    )
    .replace(
      cjs,
      (m) => `${m} if (!mod) process.stderr.write(${JSON.stringify(MARK)} + __getOwnPropNames(cb)[0] + "\\n");`,
    );
  const copy = join(tempDir('start-'), 'runner.mjs');
  writeFileSync(copy, traced);
  return copy;
}

async function evaluated(runner: string, args: string[]): Promise<{ modules: string[]; exitCode: number }> {
  const r = await runPyhermetic(args, { runner });
  const modules = r.stderr
    .split('\n')
    .filter((l) => l.startsWith(MARK))
    .map((l) => l.slice(MARK.length));
  return { modules, exitCode: r.exitCode };
}

/** What a start must not pay for: npm packages, the domain code, Node's network, process and crypto modules. */
const heavy = (m: string): boolean =>
  m.includes('node_modules/') ||
  /^src\/(core|pipeline)\//.test(m) ||
  /^lazy-builtin:node:(https?|net|tls|zlib|crypto|child_process|stream.*)$/.test(m);

describe('the runner starts fast, in one file', () => {
  let runner: string;
  before(() => {
    runner = tracingRunner();
  });

  it('is one file: no chunk beside it, no import of one', () => {
    assert.deepEqual(readdirSync(dirname(RUNNER)), ['runner.mjs']);
    // Comment lines are left out: bundled libraries keep JSDoc such as `@param {import('./Expression.js')…}`.
    const code = readFileSync(RUNNER, 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
      .join('\n');
    assert.doesNotMatch(code, /\bimport\(\s*["']\.{1,2}\//);
  });

  it('--version, help and a command’s --help evaluate no command’s work', async () => {
    for (const args of [['--version'], ['help'], ['sbom', '--help'], ['pipeline', '--help']]) {
      const { modules, exitCode } = await evaluated(runner, args);
      assert.equal(exitCode, 0, args.join(' '));
      assert.ok(modules.length > 0, 'the traced copy reports what it evaluates');
      assert.deepEqual(
        modules.filter(heavy).filter((m) => !/(build-packages|config-example)\.ts$/.test(m)),
        [],
        args.join(' '),
      );
    }
  });

  it('sbom evaluates the CycloneDX library (so the check above can see it), --version does not', async () => {
    const sbom = await evaluated(runner, ['sbom', '--artifact', '/nonexistent/app.tar.gz']);
    assert.equal(sbom.exitCode, 2);
    assert.ok(
      sbom.modules.some((m) => m.includes('node_modules/@cyclonedx/')),
      sbom.modules.join('\n'),
    );
    const version = await evaluated(runner, ['--version']);
    assert.ok(!version.modules.some((m) => m.includes('@cyclonedx')));
  });
});
