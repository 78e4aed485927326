// Bundles src/cli/runner.ts and everything it imports into resources/pyhermetic/runner.mjs: one ESM file
// for node18 that needs no node_modules at run time. The output must be byte-for-byte reproducible
// (CI rebuilds it and runs `git diff --exit-code resources/`), so nothing here may depend on the time,
// the machine or the checkout path.
import { build } from 'esbuild';
import { readFileSync, writeFileSync, renameSync, mkdirSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = join(root, 'resources/pyhermetic/runner.mjs');
const esbuildVersion = JSON.parse(readFileSync(join(root, 'node_modules/esbuild/package.json'), 'utf8')).version;

const header = [
  '#!/usr/bin/env node',
  `// GENERATED FILE, do not edit: pyhermetic ${pkg.version} bundled from src/cli/runner.ts by scripts/bundle.mjs (esbuild ${esbuildVersion}); run 'npm run bundle' to rebuild.`,
  // CommonJS dependencies (yauzl) call require() for node builtins; give them one.
  "import { createRequire as __pyhermeticCreateRequire } from 'node:module';",
  'const require = __pyhermeticCreateRequire(import.meta.url);',
].join('\n');

// @cyclonedx/cyclonedx-library probes its optional XML peers when it loads (and catches the failure);
// the runner writes JSON only. Resolving them to a module that throws keeps the bundle the same whatever
// node_modules holds.
const OPTIONAL_PEERS = /^(xmlbuilder2|libxmljs2)$/;
const optionalPeersNotBundled = {
  name: 'optional-peers-not-bundled',
  setup(b) {
    b.onResolve({ filter: OPTIONAL_PEERS }, (a) => ({ path: a.path, namespace: 'not-bundled' }));
    b.onLoad({ filter: /.*/, namespace: 'not-bundled' }, (a) => ({
      contents: `throw new Error(${JSON.stringify(`${a.path} is not bundled into the runner`)});`,
      loader: 'js',
    }));
  },
};

// A fast start: every Jenkins step starts the runner, and most runs need a few commands' code only. Each
// command loads what its run() needs with `import()` (src/commands/command.ts); without code splitting
// esbuild keeps those modules in this one file, each behind a function that evaluates it on first use.
// Node's own modules are made lazy the same way: an `import … from 'node:https'` would otherwise be hoisted to
// the top of the bundle and loaded by every start. Here each becomes a require() (the banner's) inside the
// module that uses it, so it is loaded when that module is.
const lazyBuiltins = {
  name: 'lazy-node-builtins',
  setup(b) {
    // The require() inside the stand-in resolves to Node itself (left external), not to the stand-in again.
    b.onResolve({ filter: /^node:/ }, (a) =>
      a.namespace === 'lazy-builtin' ? { path: a.path, external: true } : { path: a.path, namespace: 'lazy-builtin' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (a) => ({
      contents: `module.exports = require(${JSON.stringify(a.path)});`,
      loader: 'js',
    }));
  },
};

const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/runner.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node18',
  write: false,
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  charset: 'utf8',
  banner: { js: header },
  // __PYHERMETIC_BUNDLE__: worker threads start runner.mjs itself (src/core/archive/deflate-pool.ts).
  define: { __PYHERMETIC_VERSION__: JSON.stringify(pkg.version), __PYHERMETIC_BUNDLE__: 'true' },
  logLevel: 'warning',
  splitting: false,
  plugins: [optionalPeersNotBundled, lazyBuiltins],
});
if (result.outputFiles.length !== 1)
  throw new Error(`bundle: expected one output file, got ${result.outputFiles.length}`);

mkdirSync(dirname(out), { recursive: true });
const tmp = `${out}.tmp-${process.pid}`;
writeFileSync(tmp, result.outputFiles[0].contents);
chmodSync(tmp, 0o755);
renameSync(tmp, out);
process.stderr.write(`bundle: wrote ${out} (${result.outputFiles[0].contents.length} bytes)\n`);
