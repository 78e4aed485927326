// The interpreters the suite builds: each distinct spec is built once per test run into the run's
// shared store (sharedStore()) by the real `pyhermetic interpreter build`, then reused by every test.
// The CPython source is imported into the store from test/inputs (fetched by scripts/fetch-sources.sh).
// The portable kind is built in the bullseye build root (test/helpers/build-root.ts): its spec is
// portable.json plus the buildRoot of that root, whose sha256 is known only once the root exists.
import { execa } from 'execa';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { testBuildRoot } from './build-root.js';
import { join } from 'node:path';
import type { InterpreterManifest } from '../../src/core/model/manifests.js';
import { CPYTHON_TARBALL, OPENSSL_TARBALL, ROOT, runPyhermetic, sharedStore, tempDir } from './runner.js';

export type InterpreterKind = 'static' | 'shared' | 'portable';

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

export const SPEC = {
  static: join(ROOT, 'test', 'fixtures', 'specs', 'static.json'),
  shared: join(ROOT, 'test', 'fixtures', 'specs', 'shared.json'),
  portable: join(ROOT, 'test', 'fixtures', 'specs', 'portable.json'),
};

/** The spec file a kind is built from: portable.json gains the buildRoot of the test build root. */
export async function specFileOf(kind: InterpreterKind): Promise<string> {
  if (kind !== 'portable') return SPEC[kind];
  const root = await testBuildRoot();
  const spec = JSON.parse(readFileSync(SPEC.portable, 'utf8'));
  spec.buildRoot = { sha256: root.sha256, urls: [pathToFileURL(root.artifact).href] };
  const file = join(tempDir('spec-portable-'), 'python.json');
  writeFileSync(file, `${JSON.stringify(spec, null, 2)}\n`);
  return file;
}

const cache = new Map<InterpreterKind, Promise<BuiltInterpreter>>();

async function build(kind: InterpreterKind): Promise<BuiltInterpreter> {
  const store = sharedStore();
  for (const tarball of [CPYTHON_TARBALL, OPENSSL_TARBALL]) {
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

/** The static (or shared) CPython 3.11.2 of the test specs, built at most once per run. */
export function builtInterpreter(kind: InterpreterKind): Promise<BuiltInterpreter> {
  let p = cache.get(kind);
  if (!p) {
    p = build(kind);
    cache.set(kind, p);
  }
  return p;
}
