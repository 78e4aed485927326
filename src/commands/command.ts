// The shape every command module exports. Commands translate options into calls to src/core and
// print the result; they hold no domain logic of their own.
import type { ParseArgsConfig } from 'node:util';

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface CommandArgs {
  values: OptionValues;
  positionals: string[];
  json: boolean;
}

export interface Command {
  /** One or two words: `fingerprint`, `interpreter build`. */
  name: string;
  summary: string;
  /** The usage line(s) shown on errors and in help, without the leading `pyhermetic `. */
  usage: string;
  /** Longer help text: options, examples, exit codes that matter for this command. */
  help: string;
  options: OptionsConfig;
  /** How many positional arguments the command takes. */
  positionals?: { min: number; max: number; names?: string };
  /** Returns the exit code (0 ok, 1 findings); throws a PyhermeticError for usage/environment failures. */
  run(args: CommandArgs): Promise<number>;
}

/** Writes the single JSON document of a --json run to stdout. */
export function printJson(doc: unknown): void {
  process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function listOption(values: OptionValues, name: string): string[] {
  const v = values[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}
