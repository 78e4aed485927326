// The size rules of the style guide as a test: no function or method in src/ longer than 80 lines
// (its body from the opening to the closing brace, nested functions included: that is what a reader
// has to hold), and no file of src/ longer than 400 lines. Measured with the TypeScript parser, so an
// arrow function in an object literal or a class method counts like any function.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const SRC = resolve(import.meta.dirname, '..', '..', 'src');
const MAX_FUNCTION_LINES = 80;
const MAX_FILE_LINES = 400;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every function-like node with a body, as `file:line name (N lines)`, longer than max. */
function longFunctions(file: string, text: string, max: number): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const long: string[] = [];
  const lineOf = (pos: number): number => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const body = node.body as ts.Node;
      const lines = lineOf(body.getEnd()) - lineOf(body.getStart(sf)) + 1;
      const name = (node as { name?: ts.Node }).name?.getText(sf) ?? ts.SyntaxKind[node.kind];
      if (lines > max) long.push(`${file}:${lineOf(node.getStart(sf))} ${name} (${lines} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return long;
}

describe('sizes: short functions and files in src/', () => {
  const files = sources(SRC).map((f) => ({ name: relative(SRC, f), text: readFileSync(f, 'utf8') }));

  it('measures what it should: a 90-line function fails, an 80-line one and a long object literal do not', () => {
    const body = (n: number): string => Array.from({ length: n - 2 }, (_, i) => `  const a${i} = ${i};`).join('\n');
    const long = `export function tooLong(): void {\n${body(90)}\n}\n`;
    const method = `const o = {\n  run() {\n${body(90)}\n  },\n};\n`;
    const ok = `export function fine(): void {\n${body(80)}\n}\nconst table = {\n${'  a: 1,\n'.repeat(200)}};\n`;
    assert.deepEqual(longFunctions('x.ts', long, MAX_FUNCTION_LINES), ['x.ts:1 tooLong (90 lines)']);
    assert.deepEqual(longFunctions('x.ts', method, MAX_FUNCTION_LINES), ['x.ts:2 run (90 lines)']);
    assert.deepEqual(longFunctions('x.ts', ok, MAX_FUNCTION_LINES), []);
  });

  it(`no function is longer than ${MAX_FUNCTION_LINES} lines`, () => {
    assert.deepEqual(
      files.flatMap((f) => longFunctions(f.name, f.text, MAX_FUNCTION_LINES)),
      [],
    );
  });

  it(`no file is longer than ${MAX_FILE_LINES} lines`, () => {
    const long = files
      .map((f) => ({ name: f.name, lines: f.text.split('\n').length - (f.text.endsWith('\n') ? 1 : 0) }))
      .filter((f) => f.lines > MAX_FILE_LINES)
      .map((f) => `${f.name} (${f.lines} lines)`);
    assert.deepEqual(long, []);
  });
});
