// JSON.parse keeps the last of two equal keys and says nothing: `{"shared": false, "shared": true}`
// would build what the second line says while a reviewer reads the first. Every JSON document a
// person writes (spec, pipeline config, --args, parameter files) goes through parseJsonStrict instead.

/** Two equal keys in one object; `where` is a JSON-path-like location ($.configure.shared). */
export class DuplicateKeyError extends Error {
  constructor(
    readonly key: string,
    readonly where: string,
  ) {
    super(`duplicate key ${JSON.stringify(key)} at ${where}`);
  }
}

interface Frame {
  keys?: Set<string>;
  /** The key whose value is being read (objects) or the index (arrays). */
  at: string;
  index: number;
  expectKey: boolean;
}

/** Where the innermost object is: the keys and indexes of the frames around it. */
function pathOf(stack: Frame[]): string {
  return `$${stack
    .slice(0, -1)
    .map((f) => (f.keys ? f.at : `[${f.index}]`))
    .join('')}`;
}

/** JSON.parse (its SyntaxError unchanged), then a scan that throws DuplicateKeyError for a repeated key. */
export function parseJsonStrict(text: string): unknown {
  const doc = JSON.parse(text);
  findDuplicateKey(text);
  return doc;
}

/** Scans valid JSON text for an object with two equal keys (after unescaping). */
export function findDuplicateKey(text: string): void {
  const stack: Frame[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) throw new DuplicateKeyError(key, pathOf(stack));
        top.keys.add(key);
        top.at = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
        top.expectKey = false;
      }
      i = j + 1;
      continue;
    }
    if (c === '{' || c === '[') {
      stack.push(
        c === '{' ? { keys: new Set(), at: '', index: 0, expectKey: true } : { at: '', index: 0, expectKey: false },
      );
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectKey = true;
      else if (top) top.index++;
    }
    i++;
  }
}
