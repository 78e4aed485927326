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
  define: { __PYHERMETIC_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
  plugins: [optionalPeersNotBundled],
});

mkdirSync(dirname(out), { recursive: true });
const tmp = `${out}.tmp-${process.pid}`;
writeFileSync(tmp, result.outputFiles[0].contents);
chmodSync(tmp, 0o755);
renameSync(tmp, out);
process.stderr.write(`bundle: wrote ${out} (${result.outputFiles[0].contents.length} bytes)\n`);
