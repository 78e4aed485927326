// From a command line to a command's run(): finds the command by its first one or two words and parses
// its options with node:util parseArgs, configured from the command's declaration. Used by the CLI entry
// and, through the command context, by `jenkins-step`, which runs a step's command in this process.
import { parseArgs } from 'node:util';
import type { Command, CommandArgs, CommandContext, OptionValues } from '../commands/command.js';
import { COMMON_OPTIONS, parseArgsOptions } from '../shared/cli-spec.js';
import { UsageError } from '../shared/errors.js';
import { COMMANDS } from './registry.js';

/** Finds the command named by the first one or two words; returns it and the remaining arguments. */
export function findCommand(
  argv: readonly string[],
  commands: readonly Command[] = COMMANDS,
): { cmd?: Command; rest: string[]; tried: string } {
  const two = argv.slice(0, 2).join(' ');
  const byTwo = commands.find((c) => c.name === two);
  if (byTwo) return { cmd: byTwo, rest: argv.slice(2), tried: two };
  const byOne = commands.find((c) => c.name === argv[0]);
  if (byOne) return { cmd: byOne, rest: argv.slice(1), tried: argv[0] ?? '' };
  const group = commands.filter((c) => c.name.startsWith(`${argv[0]} `));
  if (group.length > 0) {
    const sub = argv[1] === undefined ? '(none)' : `'${argv[1]}'`;
    throw new UsageError(
      `unknown subcommand ${sub} for '${argv[0]}'`,
      `one of: ${group.map((c) => c.name).join(', ')}`,
    );
  }
  return { rest: [...argv], tried: argv[0] ?? '' };
}

/** The command's options and positionals, checked against its declaration (a UsageError otherwise). */
export function parseCommandArgs(cmd: Command, rest: string[]): CommandArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: parseArgsOptions({ ...cmd.options, ...COMMON_OPTIONS }),
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (err) {
    const msg = (err as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(
      `${cmd.name}: ${msg}`,
      `usage: pyhermetic ${cmd.usage}\nrun 'pyhermetic ${cmd.name} --help' for details`,
    );
  }
  refuseRepeatedOptions(cmd, parsed.tokens ?? []);
  checkPositionals(cmd, parsed.positionals);
  return {
    values: parsed.values as OptionValues,
    positionals: parsed.positionals,
    json: parsed.values.json === true,
  };
}

/** A command takes exactly the positionals it declares (any number for a last repeatable one). */
function checkPositionals(cmd: Command, positionals: string[]): void {
  const declared = cmd.positionals ?? [];
  const repeatable = declared.at(-1)?.repeatable === true;
  const min = declared.length - (repeatable ? 1 : 0);
  const max = repeatable ? Number.POSITIVE_INFINITY : declared.length;
  if (positionals.length >= min && positionals.length <= max) return;
  const names = declared.map((p) => p.name).join(' ');
  const what =
    max === 0
      ? 'takes no positional arguments'
      : `takes ${min === max ? min : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`} argument(s)${names ? ` (${names})` : ''}`;
  throw new UsageError(
    `${cmd.name} ${what}, got: ${positionals.map((p) => JSON.stringify(p)).join(' ') || 'none'}`,
    `usage: pyhermetic ${cmd.usage}`,
  );
}

/** parseArgs keeps the last of a repeated single-value option; a second --python is a mistake to point out. */
function refuseRepeatedOptions(cmd: Command, tokens: { kind: string; name?: string }[]): void {
  const seen = new Set<string>();
  for (const t of tokens) {
    if (t.kind !== 'option' || !t.name) continue;
    const spec = cmd.options[t.name];
    if (!spec || spec.repeatable || spec.type === 'boolean') continue;
    if (seen.has(t.name))
      throw new UsageError(
        `${cmd.name}: --${t.name} is given more than once; it takes one value`,
        `pass --${t.name} once (usage: pyhermetic ${cmd.usage})`,
      );
    seen.add(t.name);
  }
}

/** Runs one command line (without global options) in this process; returns the command's exit code. */
export async function runCommandLine(argv: readonly string[]): Promise<number> {
  const { cmd, rest, tried } = findCommand(argv);
  if (!cmd) throw new UsageError(`unknown command '${tried}'`, "run 'pyhermetic help' to list the commands");
  return cmd.run(parseCommandArgs(cmd, rest), commandContext);
}

/** What every run() gets: the registry, and the means to run another command line in this process. */
export const commandContext: CommandContext = { commands: COMMANDS, runCommandLine };
