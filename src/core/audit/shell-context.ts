// What the shell rules share: a located command, the file they report on, and how a requirements file
// named by `pip install -r` is judged.
import type { LineIndex, MappedText } from './finding.js';
import type { RuleId } from './rules.js';
import type { ShellCommand, ShellWord } from './shell-lexer.js';
import type { Invocation } from './shell-words.js';

export type LockStatus = { status: 'hashed' } | { status: 'unhashed'; detail: string } | { status: 'unknown' };

export interface ShellContext {
  file: { path: string; lines: LineIndex };
  /** Whether a requirements file given to `pip install -r` is a complete hashed lock. */
  lockStatus(name: string): LockStatus;
}

/** A command of one of the file's scripts, with the script it came from. */
export interface Located {
  cmd: ShellCommand;
  inv: Invocation | null;
  unit: MappedText;
  /** 1-based line in the file where the command starts. */
  line: number;
}

/** Reports a finding on a command (or on one of its words). */
export type At = (l: Located, rule: RuleId, message: string, fix?: string, word?: ShellWord) => void;
