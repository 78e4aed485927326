// A JSON document a person writes (python.json, pyhermetic.json), declared as a table of its fields: each
// field once, with its type, whether it is required, its default and one line saying what it means, and
// the function that reads it. The reader of the document checks the keys against the table and reads each
// field in the table's order; the docs render the same table (docs/config-files.md), so the two cannot
// disagree. How a problem is reported (all at once, or the first one) stays with each document's reader.

export interface JsonField<C, T = unknown> {
  /** The JSON type as the docs show it: `string`, `array of module names`. */
  type: string;
  /** The document is refused without it. */
  required?: boolean;
  /** What an absent field means, as the docs show it (`"requirements.in"`, `the app directory's name`). */
  default?: string;
  /** One line: what the field means. */
  doc: string;
  /** The field's value (undefined when absent) → the value the program uses; problems go through ctx. */
  read(value: unknown, ctx: C): T;
}

export type JsonFields<C> = Record<string, JsonField<C>>;

/** The values the fields read, by key. */
export type FieldValues<F extends JsonFields<never>> = { [K in keyof F]: ReturnType<F[K]['read']> };

export const isJsonObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Keys of the document the table does not declare, in the document's order. */
export function unknownKeys(doc: Record<string, unknown>, fields: JsonFields<never>): string[] {
  return Object.keys(doc).filter((k) => !Object.hasOwn(fields, k));
}

/** Required fields the document lacks, in the table's order. */
export function missingKeys(doc: Record<string, unknown>, fields: JsonFields<never>): string[] {
  return Object.keys(fields).filter((k) => fields[k]!.required && doc[k] === undefined);
}

/** Reads every declared field in the table's order (absent ones too: their reader gives the default). */
export function readFields<C, F extends JsonFields<C>>(
  doc: Record<string, unknown>,
  fields: F,
  ctx: C,
): FieldValues<F> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) out[key] = field.read(doc[key], ctx);
  return out as FieldValues<F>;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The table as markdown: one row per field, in the table's order. */
export function fieldsTable(fields: JsonFields<never>): string {
  const rows = Object.entries(fields).map(
    ([key, f]) =>
      `| \`${key}\` | ${cell(f.type)} | ${f.required ? '**required**' : cell(f.default ?? 'absent')} | ${cell(f.doc)} |`,
  );
  return ['| key | type | when absent | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
