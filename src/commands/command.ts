// The shape every command module exports: its declaration (src/shared/cli-spec.ts: name, summary, options,
// positionals) and run(). Commands translate options into calls to src/core and print the result; they
// hold no domain logic of their own.
//
// A fast start: the runner evaluates every command module when it starts (the registry lists them), so a
// command module imports only light things at its top (shared/, this file, the option sets) and loads
// what run() needs with `await import()` inside run(). test/unit/cli/registry.test.ts holds it to that.
import { type CommandSpec, usageLine } from '../shared/cli-spec.js';

export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface CommandArgs {
  values: OptionValues;
  positionals: string[];
  json: boolean;
}

/** What the CLI hands every run(): the means to run another command line in this process. */
export interface CommandContext {
  /** Every command the runner knows (their declarations: the Jenkins steps are derived from them). */
  commands: readonly Command[];
  /** Runs one command line (without global options) in this process; returns its exit code. */
  runCommandLine(argv: readonly string[]): Promise<number>;
}

export interface Command extends CommandSpec {
  /** The usage line without the leading `pyhermetic `, derived from the declaration. */
  usage: string;
  /** Returns the exit code (0 ok, 1 findings); throws a PyhermeticError for usage/environment failures. */
  run(args: CommandArgs, context: CommandContext): Promise<number>;
}

/** A command from its declaration and run(); the usage line is derived here, once. In run(), `this` is the command. */
export function defineCommand(spec: CommandSpec & Pick<Command, 'run'> & ThisType<Command>): Command {
  return { ...spec, usage: usageLine(spec) };
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
