// --help and `pyhermetic help`, written from the commands' declarations (src/shared/cli-spec.ts): the usage
// line, one line per option with its default and environment variable, then the command's own prose.
import type { Command } from '../commands/command.js';
import { COMMON_OPTIONS, type CommandSpec, defaultText, type OptionSpec } from '../shared/cli-spec.js';
import { COMMANDS } from './registry.js';

export const GLOBAL_USAGE = `usage: pyhermetic <command> [options]
       pyhermetic --args FILE.json     (run the command line stored as a JSON array of strings)
       pyhermetic --write-rerun FILE [--args FILE.json | <command> ...]   (also write FILE, a sh script re-running it)
       pyhermetic help [command] | --version`;

export const EXIT_CODES_LINE =
  'exit codes: 0 ok · 1 findings · 2 usage or config error · 3 environment or tool failure';

const WIDTH = 110;
/** Options longer than this put their description on the next line. */
const COLUMN = 26;

/** Words of `text` in lines of at most `width` characters, each after `indent`. */
export function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => `${indent}${l}`);
}

/** `-r, --requirement FILE`, `--index-url URL...`, `--force`. */
export function optionFlags(name: string, o: OptionSpec): string {
  const value = o.type === 'boolean' ? '' : ` ${o.value ?? 'VALUE'}${o.repeatable ? '...' : ''}`;
  return `${o.short ? `-${o.short}, ` : ''}--${name}${value}`;
}

/** The description with what a reader needs besides: the default, a secret's source. */
export function optionText(o: OptionSpec): string {
  const notes = [
    defaultText(o) ? `default: ${defaultText(o)}` : '',
    o.secret ? 'prefer the variable: an argument lands in rerun.sh and build logs' : '',
  ].filter(Boolean);
  return notes.length ? `${o.description} (${notes.join('; ')})` : o.description;
}

function entry(flags: string, text: string): string[] {
  const indent = ' '.repeat(2 + COLUMN + 2);
  const body = wrap(text, WIDTH - indent.length, '');
  if (flags.length > COLUMN) return [`  ${flags}`, ...body.map((l) => `${indent}${l}`)];
  return [`  ${flags.padEnd(COLUMN)}  ${body[0] ?? ''}`, ...body.slice(1).map((l) => `${indent}${l}`)];
}

/** The options section of a command's help, --json last. */
function optionLines(spec: CommandSpec): string[] {
  const json = spec.json ? `print ${spec.json} on stdout` : COMMON_OPTIONS.json!.description;
  return [
    ...Object.entries(spec.options).flatMap(([name, o]) => entry(optionFlags(name, o), optionText(o))),
    ...entry('--json', json),
  ];
}

export function commandHelp(cmd: Command): string {
  const args = cmd.positionals ?? [];
  return `${[
    `usage: pyhermetic ${cmd.usage}`,
    '',
    cmd.summary,
    '',
    ...(args.length ? ['arguments:', ...args.flatMap((p) => entry(p.name, p.description)), ''] : []),
    'options:',
    ...optionLines(cmd),
    ...(cmd.details ? ['', cmd.details.trimEnd()] : []),
    ...(cmd.exitCodes ? ['', ...wrap(`exit codes: ${cmd.exitCodes}`, WIDTH, '')] : []),
  ].join('\n')}\n`;
}

export function commandList(commands: readonly Command[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
}

export function globalHelp(): string {
  return `${GLOBAL_USAGE}

commands:
${commandList()}

${EXIT_CODES_LINE}
Run 'pyhermetic <command> --help' for a command's options.`;
}
