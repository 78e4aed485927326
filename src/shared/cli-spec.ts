// A command's interface as data: its options and positional arguments, each declared once with its
// type, default, environment variable and one line of description. The parseArgs config, the usage line,
// --help, docs/commands.md and the Jenkins step parameters are all derived from this declaration
// (src/cli/help.ts, src/cli/commands-doc.ts, src/jenkins/step-table.ts), so they cannot disagree.
import type { ParseArgsConfig } from 'node:util';

/** `number` is parsed as text and checked by the command (its message names the range); Jenkins takes a number. */
export type OptionType = 'string' | 'boolean' | 'number';

export interface OptionSpec {
  type: OptionType;
  /** One letter: `-r`. */
  short?: string;
  /** May be given more than once; the command gets every value. */
  repeatable?: boolean;
  /** The value's name in the usage line and help: `FILE`, `DIR`, `URL` (string and number options). */
  value?: string;
  /** The command refuses to run without it (the command itself says so, with its own message). */
  required?: boolean;
  /** The default as a person reads it (the command applies it), when it is not just the environment variable. */
  default?: string;
  /** The environment variable that gives the value when the option is not given. */
  env?: string;
  /**
   * Names a secret, or a file holding one: it must come from the environment (Jenkins: withCredentials),
   * never from a step parameter, which lands in rerun.sh and the build log.
   */
  secret?: boolean;
  /** One line: what the option does. */
  description: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

export interface PositionalSpec {
  /** `DIR`, `A`. */
  name: string;
  description: string;
  /**
   * Zero or more values (the last positional only): `audit pins [PATH…]`. A Jenkins step takes it as a
   * list parameter, passed after `--` so that no value is read as an option.
   */
  repeatable?: boolean;
  /** What a repeatable positional given no value means, as a person reads it. */
  default?: string;
}

/** How a positional is written in the usage line: `DIR`, `[PATH…]`. */
export function positionalSynopsis(p: PositionalSpec): string {
  return p.repeatable ? `[${p.name}…]` : p.name;
}

/** Everything about a command but what it does: enough for the usage line, --help and the docs. */
export interface CommandSpec {
  /** One or two words: `fingerprint`, `interpreter build`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  options: OptionSpecs;
  /** Positional arguments, in order: each required, but a last `repeatable` one takes zero or more. */
  positionals?: PositionalSpec[];
  /** What `--json` prints (every command takes it); absent: one JSON document on stdout. */
  json?: string;
  /** Prose after the options in --help and docs/commands.md: how it works, what it writes. */
  details?: string;
  /** The exit codes and what each means for this command, on one line: `0 written · 2 bad input`. */
  exitCodes?: string;
}

/** The options every command takes besides its own (the dispatcher adds them). */
export const COMMON_OPTIONS: OptionSpecs = {
  json: { type: 'boolean', description: 'print one JSON document on stdout (progress and messages go to stderr)' },
  help: { type: 'boolean', short: 'h', description: "print the command's help" },
};

/** The config node:util parseArgs takes for these options. */
export function parseArgsOptions(options: OptionSpecs): NonNullable<ParseArgsConfig['options']> {
  const out: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, o] of Object.entries(options)) {
    out[name] = {
      type: o.type === 'boolean' ? 'boolean' : 'string',
      ...(o.short ? { short: o.short } : {}),
      ...(o.repeatable ? { multiple: true } : {}),
    };
  }
  return out;
}

/** `--index-url URL...`, `-o FILE`, `--force`: how an option is written, without brackets. */
export function optionSynopsis(name: string, o: OptionSpec): string {
  const flag = o.short ? `-${o.short}` : `--${name}`;
  if (o.type === 'boolean') return flag;
  return `${flag} ${o.value ?? 'VALUE'}${o.repeatable ? '...' : ''}`;
}

/** The usage line without the leading `pyhermetic `: positionals, then options in declared order, then --json. */
export function usageLine(spec: CommandSpec): string {
  const words = [spec.name, ...(spec.positionals ?? []).map(positionalSynopsis)];
  for (const [name, o] of Object.entries(spec.options)) {
    const synopsis = optionSynopsis(name, o);
    words.push(o.required ? synopsis : `[${synopsis}]`);
  }
  return [...words, '[--json]'].join(' ');
}

/** The default as help and the docs show it: the text given, else the environment variable, else ''. */
export function defaultText(o: OptionSpec): string {
  if (o.default !== undefined) return o.default;
  return o.env ? `$${o.env}` : '';
}
