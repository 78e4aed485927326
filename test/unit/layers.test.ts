// The architecture as a test: imports point one way, cli → commands → pipeline/jenkins → core → shared.
// A file may import its own layer and the layers below it; anything else (core reaching into
// commands, shared reaching into core, ...) fails here with the file and the import named.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(import.meta.dirname, '..', '..', 'src');
const RANK: Record<string, number> = { shared: 0, core: 1, pipeline: 2, jenkins: 2, commands: 3, cli: 4 };

function layerOf(file: string): string {
  return relative(SRC, file).split('/')[0]!;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.\.?\/[^']+)'/g)].map((m) => m[1]!);
}

describe('architecture: imports point one way', () => {
  const files = sources(SRC);

  it('every top-level folder of src/ has a layer', () => {
    for (const f of files) assert.ok(layerOf(f) in RANK, `${relative(SRC, f)} is in no known layer`);
  });

  it('no import points up a layer (cli → commands → pipeline/jenkins → core → shared)', () => {
    const wrong: string[] = [];
    for (const f of files) {
      const from = layerOf(f);
      for (const spec of relativeImports(f)) {
        const target = resolve(dirname(f), spec);
        const to = layerOf(target);
        const sideways = from !== to && RANK[from] === RANK[to];
        if (!(to in RANK) || RANK[to]! > RANK[from]! || sideways) wrong.push(`${relative(SRC, f)} imports ${spec}`);
      }
    }
    assert.deepEqual(wrong, []);
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
});
