// From a command line to a command's run(): finds the command by its first one or two words and
// parses its options with node:util parseArgs. Used by the CLI entry and by `jenkins-step`, which runs
// a step's command in-process with the argv it planned.
import { parseArgs } from 'node:util';
import { EXIT_ENVIRONMENT, PyhermeticError, UsageError } from '../shared/errors.js';
import { cutLong, fsError, isErrnoError } from '../shared/fs-errors.js';
import * as log from '../shared/log.js';
import type { Command, CommandArgs, OptionValues } from './command.js';
import { commands } from './index.js';

/** Finds the command named by the first one or two words; returns it and the remaining arguments. */
export function findCommand(argv: readonly string[]): { cmd?: Command; rest: string[]; tried: string } {
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
      options: { ...cmd.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
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
  const { min, max, names } = cmd.positionals ?? { min: 0, max: 0 };
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    const what =
      max === 0
        ? 'takes no positional arguments'
        : `takes ${min === max ? min : `${min} to ${max}`} argument(s)${names ? ` (${names})` : ''}`;
    throw new UsageError(
      `${cmd.name} ${what}, got: ${parsed.positionals.map((p) => JSON.stringify(p)).join(' ') || 'none'}`,
      `usage: pyhermetic ${cmd.usage}`,
    );
  }
  return {
    values: parsed.values as OptionValues,
    positionals: parsed.positionals,
    json: parsed.values.json === true,
  };
}

/** parseArgs keeps the last of a repeated single-value option; a second --python is a mistake to point out. */
function refuseRepeatedOptions(cmd: Command, tokens: { kind: string; name?: string }[]): void {
  const seen = new Set<string>();
  for (const t of tokens) {
    if (t.kind !== 'option' || !t.name) continue;
    const spec = cmd.options[t.name];
    if (!spec || spec.multiple || spec.type !== 'string') continue;
    if (seen.has(t.name))
      throw new UsageError(
        `${cmd.name}: --${t.name} is given more than once; it takes one value`,
        `pass --${t.name} once (usage: pyhermetic ${cmd.usage})`,
      );
    seen.add(t.name);
  }
}

/** Cuts every overlong word (a 10 MB --python value, a huge JSON token) so an error stays readable. */
function cutWords(text: string): string {
  const out = text.replace(/\S{301,}/g, (w) => cutLong(w, 300));
  return cutLong(out, 4000);
}

/** Runs one command line (without global options) in this process; returns the command's exit code. */
export async function runCommandLine(argv: readonly string[]): Promise<number> {
  const { cmd, rest, tried } = findCommand(argv);
  if (!cmd) throw new UsageError(`unknown command '${tried}'`, "run 'pyhermetic help' to list the commands");
  return cmd.run(parseCommandArgs(cmd, rest));
}

/** Prints an error the way every run shows it (message, then the hint indented); returns its exit code. */
export function reportError(err: unknown): number {
  // A file system error that no layer mapped: still one line with the path and a fix, never a stack.
  const mapped = !(err instanceof PyhermeticError) && isErrnoError(err) ? fsError(err, err.dest ?? err.path) : err;
  if (mapped instanceof PyhermeticError) {
    log.error(cutWords(mapped.message));
    if (mapped.hint) process.stderr.write(`${cutWords(mapped.hint).replace(/^/gm, '  ')}\n`);
    return mapped.exitCode;
  }
  // Unexpected: a bug. Show the stack so it can be reported, and never exit 0.
  process.stderr.write(
    `pyhermetic: internal error (please report it with this output):\n${cutWords((err as Error)?.stack ?? String(err))}\n`,
  );
  return EXIT_ENVIRONMENT;
}
