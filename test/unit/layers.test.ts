// The architecture as a test: imports point one way, cli → commands → pipeline/jenkins → core → shared,
// and inside core downward too, from the domain folders to the model at the bottom. A file may import its
// own folder and the layers below it; anything else (core reaching into commands, deps reaching into
// package, two core folders importing each other) fails here with the file and the import named.
// Type-only imports count like any other: a circle of types is still a circle a reader has to untangle.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const SRC = resolve(import.meta.dirname, '..', '..', 'src');
const UNIT = import.meta.dirname;
const RANK: Record<string, number> = { shared: 0, core: 1, pipeline: 2, jenkins: 2, commands: 3, cli: 4 };

/**
 * The folders of core, lowest first. A folder may import only folders of a lower rank; two folders of
 * the same rank never import each other.
 *   model        the documents that pass between stages: manifests, fingerprint fields, the report model
 *   abi archive store   the ELF reader and wheel tags; tar/gzip; the content-addressed store and remote
 *   interpreter  spec, source, build root, build, fingerprint, launchers, the artifact and its cache
 *   deps         requirements, lock, pip, env create, cache audit
 *   package      pack, package layout and policy, reading a package, diff
 *   verify       the checks of a package against the tested env
 *   provenance report   supply-chain outputs (sbom, attestation, baseline); rendering verify's report
 *   audit        audit pins: what floats in a repository (reads specs, locks and the store; renders SARIF
 *                and JUnit through report); only commands and the pipeline use it
 */
const CORE_RANK: Record<string, number> = {
  model: 0,
  abi: 1,
  archive: 1,
  store: 1,
  interpreter: 2,
  deps: 3,
  package: 4,
  verify: 5,
  provenance: 6,
  report: 6,
  audit: 7,
};

function layerOf(file: string): string {
  return relative(SRC, file).split('/')[0]!;
}

/** `core/deps` for a file of core, the top-level folder otherwise. */
function folderOf(file: string): string {
  const parts = relative(SRC, file).split('/');
  return parts[0] === 'core' ? `core/${parts[1]}` : parts[0]!;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The files a source file imports (static, type-only, re-exports and dynamic), resolved to paths. */
function relativeImports(file: string): { spec: string; target: string }[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('./') || spec.startsWith('../'))
    .map((spec) => ({ spec, target: resolve(dirname(file), spec).replace(/\.js$/, '.ts') }));
}

/** Strongly connected components of more than one file (Tarjan): every file circle, each once. */
function fileCircles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) circles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return circles;
}

describe('architecture: imports point one way', () => {
  const files = sources(SRC);

  it('every top-level folder of src/ and every folder of core/ has a layer', () => {
    for (const f of files) {
      assert.ok(layerOf(f) in RANK, `${relative(SRC, f)} is in no known layer`);
      const folder = folderOf(f);
      if (folder.startsWith('core/'))
        assert.ok(folder.slice(5) in CORE_RANK, `${relative(SRC, f)}: core folder ${folder} has no rank in CORE_RANK`);
    }
  });

  it('no import points up a layer (cli → commands → pipeline/jenkins → core → shared)', () => {
    const wrong: string[] = [];
    for (const f of files) {
      const from = layerOf(f);
      for (const { spec, target } of relativeImports(f)) {
        const to = layerOf(target);
        const sideways = from !== to && RANK[from] === RANK[to];
        if (!(to in RANK) || RANK[to]! > RANK[from]! || sideways) wrong.push(`${relative(SRC, f)} imports ${spec}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('inside core, a folder imports only folders ranked below it (model lowest), type-only imports included', () => {
    const wrong: string[] = [];
    for (const f of files.filter((file) => layerOf(file) === 'core')) {
      const from = folderOf(f).slice(5);
      for (const { spec, target } of relativeImports(f)) {
        if (layerOf(target) !== 'core') continue;
        const to = folderOf(target).slice(5);
        if (to !== from && !(CORE_RANK[to]! < CORE_RANK[from]!))
          wrong.push(
            `${relative(SRC, f)} imports ${spec} (core/${from} rank ${CORE_RANK[from]}, core/${to} rank ${CORE_RANK[to]})`,
          );
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('no two files of src/ import each other, directly or through others', () => {
    const graph = new Map(files.map((f) => [relative(SRC, f), relativeImports(f).map((i) => relative(SRC, i.target))]));
    assert.deepEqual(
      fileCircles(graph).map((c) => c.join(' ↔ ')),
      [],
    );
  });

  it('the core and the shared helpers write nothing to stdout/stderr themselves (the CLI installs the log sink)', () => {
    const wrong = files
      .filter((f) => layerOf(f) === 'core' || (layerOf(f) === 'shared' && !f.endsWith('exec.ts')))
      .filter((f) => /process\.std(out|err)|console\./.test(readFileSync(f, 'utf8')));
    assert.deepEqual(
      wrong.map((f) => relative(SRC, f)),
      [],
    );
  });

  it('test/unit mirrors src: every folder of unit tests is a folder of src', () => {
    const folders = (dir: string): string[] =>
      readdirSync(dir)
        .filter((e) => statSync(join(dir, e)).isDirectory())
        .flatMap((e) => [join(dir, e), ...folders(join(dir, e))]);
    const strays = folders(UNIT)
      .map((d) => relative(UNIT, d))
      .filter((d) => !existsSync(join(SRC, d)));
    assert.deepEqual(strays, []);
  });
});
