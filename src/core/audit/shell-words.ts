// What a lexed shell command runs: the program's name once assignments, keywords and wrappers (sudo,
// env, nohup, timeout …) are set aside, and the words after it. Shared by the shell rules.
import type { ShellCommand, ShellWord } from './shell-lexer.js';

const KEYWORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'do',
  'while',
  'until',
  '!',
  '{',
  '}',
  'time',
  'exec',
  'command',
]);
/** Wrappers and how many value words their options take. */
const WRAPPERS: Record<string, Set<string>> = {
  sudo: new Set(['-u', '-g', '-C', '-h', '-p', '-U', '-r', '-t', '-D']),
  env: new Set(['-u', '-C', '-S']),
  nohup: new Set(),
  nice: new Set(['-n']),
  ionice: new Set(['-c', '-n']),
  stdbuf: new Set(['-i', '-o', '-e']),
  eatmydata: new Set(),
  xargs: new Set(['-n', '-I', '-P', '-d', '-L', '-s', '-a', '-E']),
};
const TIMEOUT_VALUES = new Set(['-s', '--signal', '-k', '--kill-after']);

export interface Invocation {
  /** The program's base name: `pip3` for /usr/local/bin/pip3. */
  name: string;
  program: ShellWord;
  args: ShellWord[];
  /** VAR=value words before the program. */
  assignments: ShellWord[];
}

export const isAssignment = (w: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w);

/** The program a command runs, or null for a command with no program (only assignments, a keyword). */
export function invocationOf(cmd: ShellCommand): Invocation | null {
  const words = cmd.words;
  const assignments: ShellWord[] = [];
  let i = 0;
  while (i < words.length) {
    const w = words[i]!.value;
    if (KEYWORDS.has(w)) i++;
    else if (isAssignment(w)) assignments.push(words[i++]!);
    // `$SUDO apt-get …`: a variable holding a wrapper (or nothing) before the program.
    else if (/^\$\{?[A-Za-z_]\w*\}?$/.test(w) && i + 1 < words.length) i++;
    else if (w in WRAPPERS) {
      const valued = WRAPPERS[w]!;
      i++;
      while (i < words.length && (words[i]!.value.startsWith('-') || isAssignment(words[i]!.value))) {
        if (isAssignment(words[i]!.value)) assignments.push(words[i]!);
        i += valued.has(words[i]!.value) ? 2 : 1;
      }
    } else if (w === 'timeout') {
      i++;
      while (i < words.length && words[i]!.value.startsWith('-')) i += TIMEOUT_VALUES.has(words[i]!.value) ? 2 : 1;
      i++; // the duration
    } else break;
  }
  const program = words[i];
  if (!program) return null;
  return { name: baseName(program.value), program, args: words.slice(i + 1), assignments };
}

export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

/** A full git commit id (SHA-1 or SHA-256). */
export const isFullCommit = (ref: string): boolean => /^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(ref);

/** Holds a shell or Groovy expansion whose value this audit cannot see. */
export const hasExpansion = (w: string): boolean => /\$[{(A-Za-z_]|`/.test(w);

/**
 * Splits option words from operands: `valued` options consume the next word unless written `--o=v`;
 * short clusters (`-qO-`) are kept whole. Returns the options in order and the operands.
 */
export function splitArgs(
  args: ShellWord[],
  valued: Set<string>,
): { options: { name: string; value?: ShellWord; word: ShellWord }[]; operands: ShellWord[] } {
  const options: { name: string; value?: ShellWord; word: ShellWord }[] = [];
  const operands: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const v = w.value;
    if (v === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!v.startsWith('-') || v === '-') {
      operands.push(w);
      continue;
    }
    const eq = v.indexOf('=');
    if (v.startsWith('--') && eq > 0) {
      options.push({ name: v.slice(0, eq), value: { ...w, value: v.slice(eq + 1) }, word: w });
    } else if (valued.has(v) && i + 1 < args.length) {
      options.push({ name: v, value: args[i + 1], word: w });
      i++;
    } else {
      const short =
        !v.startsWith('--') && v.length > 2 ? [...valued].find((o) => o.length === 2 && v.startsWith(o)) : undefined;
      if (short) options.push({ name: short, value: { ...w, value: v.slice(2) }, word: w });
      else options.push({ name: v, word: w });
    }
  }
  return { options, operands };
}
