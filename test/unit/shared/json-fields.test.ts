// Declared JSON fields: the key checks, the reading in the table's order, the docs table.
import assert from 'node:assert/strict';
import { fieldsTable, type JsonField, missingKeys, readFields, unknownKeys } from '../../../src/shared/json-fields.js';

interface Ctx {
  seen: string[];
}
const field = (key: string, extra: Partial<JsonField<Ctx, string>> = {}): JsonField<Ctx, string> => ({
  type: 'string',
  doc: `the ${key} | with a pipe`,
  read(v, ctx) {
    ctx.seen.push(key);
    return v === undefined ? `default ${key}` : String(v);
  },
  ...extra,
});
const FIELDS = { b: field('b', { required: true }), a: field('a', { default: '`"x"`' }), c: field('c') };

describe('declared JSON fields', () => {
  it('names unknown keys in the document’s order and missing required ones in the table’s', () => {
    assert.deepEqual(unknownKeys({ z: 1, a: 1, y: 2 }, FIELDS), ['z', 'y']);
    assert.deepEqual(missingKeys({ a: 1 }, FIELDS), ['b']);
    assert.deepEqual(missingKeys({ b: 0 }, FIELDS), []);
  });

  it('reads every field in the table’s order, absent ones through their reader', () => {
    const ctx: Ctx = { seen: [] };
    assert.deepEqual(readFields({ c: 3, b: 2 }, FIELDS, ctx), { b: '2', a: 'default a', c: '3' });
    assert.deepEqual(ctx.seen, ['b', 'a', 'c']);
  });

  it('renders one row per field, pipes escaped, required or the default', () => {
    const rows = fieldsTable(FIELDS).split('\n');
    assert.equal(rows.length, 5);
    assert.equal(rows[2], '| `b` | string | **required** | the b \\| with a pipe |');
    assert.equal(rows[3], '| `a` | string | `"x"` | the a \\| with a pipe |');
    assert.equal(rows[4], '| `c` | string | absent | the c \\| with a pipe |');
  });
});
