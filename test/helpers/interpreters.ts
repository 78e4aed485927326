// The interpreters the suite builds: each distinct spec is built once per test run into the run's
// shared store (sharedStore()) by the real `pyhermetic interpreter build`, then reused by every test.
// The CPython source is imported into the store from test/inputs (fetched by scripts/fetch-sources.sh).
// The portable kind and the matrix kinds (py39, py313, py314, py314t) are built in the bullseye build
// root (test/helpers/build-root.ts): their spec is the fixture plus the buildRoot of that root, whose
// sha256 is known only once the root exists. Every kind built in the root shares one OpenSSL build
// (a store entry: src/core/interpreter/openssl-entry.ts).
import { execa } from 'execa';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { testBuildRoot } from './build-root.js';
import { join } from 'node:path';
import type { InterpreterManifest } from '../../src/core/model/manifests.js';
import { CPYTHON_SOURCES, OPENSSL_TARBALL, ROOT, runPyhermetic, sharedStore, tempDir } from './runner.js';
import { mayBuild } from './slow.js';

export type InterpreterKind = 'static' | 'shared' | 'portable' | MatrixKind;
/** The other CPython versions, built in the build root like portable (3.11.2). */
export type MatrixKind = 'py39' | 'py313' | 'py314' | 'py314t';
export const MATRIX_KINDS: MatrixKind[] = ['py39', 'py313', 'py314', 'py314t'];
const IN_BUILD_ROOT: InterpreterKind[] = ['portable', ...MATRIX_KINDS];

export interface BuiltInterpreter {
  kind: InterpreterKind;
  spec: string;
  /** Path of interpreter.tar.gz (in an --out directory of its own). */
  artifact: string;
  /** The --out directory: interpreter.tar.gz + interpreter.json. */
  outDir: string;
  sha256: string;
  fingerprint: string;
  manifest: InterpreterManifest;
  /** The artifact extracted once into a prefix of its own, for tests that need an installed directory. */
  prefix: string;
  /** Absolute path of the interpreter executable inside `prefix`. */
  python: string;
}

const specPath = (name: string): string => join(ROOT, 'test', 'fixtures', 'specs', `${name}.json`);
export const SPEC: Record<InterpreterKind, string> = {
  static: specPath('static'),
  shared: specPath('shared'),
  portable: specPath('portable'),
  py39: specPath('py39'),
  py313: specPath('py313'),
  py314: specPath('py314'),
  py314t: specPath('py314t'),
};

/** The spec file a kind is built from: a kind built in the build root gains the test root's buildRoot. */
export async function specFileOf(kind: InterpreterKind): Promise<string> {
  if (!IN_BUILD_ROOT.includes(kind)) return SPEC[kind];
  const root = await testBuildRoot();
  const spec = JSON.parse(readFileSync(SPEC[kind], 'utf8'));
  spec.buildRoot = { sha256: root.sha256, urls: [pathToFileURL(root.artifact).href] };
  const file = join(tempDir(`spec-${kind}-`), 'python.json');
  writeFileSync(file, `${JSON.stringify(spec, null, 2)}\n`);
  return file;
}

const cache = new Map<InterpreterKind, Promise<BuiltInterpreter>>();

async function build(kind: InterpreterKind): Promise<BuiltInterpreter> {
  const store = sharedStore();
  for (const tarball of [...Object.values(CPYTHON_SOURCES), OPENSSL_TARBALL]) {
    const imp = await runPyhermetic(['source', 'import', tarball, '--store', store]);
    if (imp.exitCode !== 0) throw new Error(`source import failed (${imp.exitCode}):\n${imp.stderr}`);
  }
  const outDir = tempDir(`interp-${kind}-`);
  const specFile = await specFileOf(kind);
  const r = await runPyhermetic(
    ['interpreter', 'build', '--spec', specFile, '--store', store, '--out', outDir, '--json'],
    { timeoutMs: 40 * 60 * 1000 },
  );
  if (r.exitCode !== 0)
    throw new Error(`interpreter build (${kind}) failed (${r.exitCode}):\n${r.stderr.slice(-4000)}`);
  const doc = JSON.parse(r.stdout) as { fingerprint: string; sha256: string };
  const artifact = join(outDir, 'interpreter.tar.gz');
  const manifest = JSON.parse(readFileSync(join(outDir, 'interpreter.json'), 'utf8')) as InterpreterManifest;
  const prefix = join(tempDir(`prefix-${kind}-`), 'python');
  mkdirSync(prefix);
  await execa('tar', ['-xzf', artifact, '-C', prefix]);
  return {
    kind,
    spec: specFile,
    artifact,
    outDir,
    sha256: doc.sha256,
    fingerprint: doc.fingerprint,
    manifest,
    prefix,
    python: join(prefix, manifest.python),
  };
}

/** The CPython of a test spec (static, shared, portable 3.11.2; the matrix kinds), built at most once per run. */
export function builtInterpreter(kind: InterpreterKind): Promise<BuiltInterpreter> {
  let p = cache.get(kind);
  if (!p) {
    mayBuild(`the ${kind} interpreter build`);
    p = build(kind);
    cache.set(kind, p);
  }
  return p;
}
