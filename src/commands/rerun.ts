// `--write-rerun FILE`: writes the command the runner is about to run as a POSIX sh script, so a person
// can re-run exactly what a Jenkins step ran from the agent's shell. The words are the command line
// after `--args FILE` was expanded (the args file lives in the step's temp area and may be gone later).
import { dirname, resolve } from 'node:path';
import { writeFileAtomic } from '../shared/atomic-file.js';
import { ensureOutputDir } from '../shared/safe-dirs.js';
import { EnvironmentError } from '../shared/errors.js';
import { quoteWord, shellQuote } from '../shared/shell-quote.js';
import { CREDENTIAL_VARIABLES, redact, redactRemote } from '../core/store/remote-config.js';

/**
 * Environment variables that change what a command does and so belong in the re-run line. The store
 * location decides which interpreter builds are reused; everything else the runner reads is either a
 * command option (already in the words) or deliberately scrubbed before any tool runs.
 */
const RESULT_CHANGING_ENV = ['PYHERMETIC_HOME', 'PYHERMETIC_REMOTE', 'PYHERMETIC_PUBLISH'];

/** Said in the script instead of the secrets themselves, when a remote store is used. */
const CREDENTIALS_NOTE = `# The remote store's credentials are not written here: set ${CREDENTIAL_VARIABLES} first.`;

export interface RerunCommand {
  /** The directory the command ran in. */
  cwd: string;
  /** Absolute path of the runner (the .mjs bundle). */
  runner: string;
  /** The command's words, without the global options (`fingerprint`, `--python`, `/usr/bin/python3`). */
  argv: readonly string[];
  /** Values of RESULT_CHANGING_ENV that were set. */
  env: Readonly<Record<string, string>>;
  /**
   * Variables holding secrets the command needs (names only, constants of the step table; `jenkins-step`
   * also writes rerun.sh): the script stops unless they are set, and never holds a value.
   */
  needs?: readonly string[];
}

export function rerunCommand(
  argv: readonly string[],
  runner: string,
  environment: NodeJS.ProcessEnv = process.env,
): RerunCommand {
  const env: Record<string, string> = {};
  for (const name of RESULT_CHANGING_ENV) {
    const value = environment[name];
    if (value !== undefined && value !== '')
      env[name] = name === 'PYHERMETIC_REMOTE' ? redactRemote(value) : redact(value);
  }
  // user:password@ in a URL word (or a token in --remote's ?query) is refused by the command, but this
  // script is written before it runs.
  const words = argv.map((w, i) =>
    argv[i - 1] === '--remote' || w.startsWith('--remote=') ? redactRemote(w) : redact(w),
  );
  return { cwd: process.cwd(), runner: resolve(runner), argv: words, env };
}

function usesRemote(cmd: RerunCommand): boolean {
  return cmd.env.PYHERMETIC_REMOTE !== undefined || cmd.argv.includes('--remote');
}

function assignments(cmd: RerunCommand): string {
  return Object.entries(cmd.env)
    .map(([k, v]) => `${k}=${quoteWord(v)} `)
    .join('');
}

/** The script: `cd` into the directory, then `exec node` the runner with every word single-quoted. */
export function rerunScript(cmd: RerunCommand): string {
  const needs = (cmd.needs ?? []).map(
    (name) =>
      `[ -n "\${${name}:-}" ] || { echo 'rerun.sh: export ${name} first (the Jenkins step took it from its credentials)' >&2; exit 2; }`,
  );
  return [
    '#!/bin/sh',
    ...needs,
    '# Written by pyhermetic --write-rerun: the exact command a step ran. Run it with: sh THIS_FILE',
    ...(usesRemote(cmd) ? [CREDENTIALS_NOTE] : []),
    `cd ${quoteWord(cmd.cwd)} && ${assignments(cmd)}exec ${shellQuote(['node', cmd.runner, ...cmd.argv])}`,
    '',
  ].join('\n');
}

/**
 * The same command as one line a person pastes into an interactive shell: in a subshell and without
 * `exec`, so it neither changes their directory nor closes their shell when it ends.
 */
export function rerunLine(cmd: RerunCommand): string {
  return `(cd ${quoteWord(cmd.cwd)} && ${assignments(cmd)}${shellQuote(['node', cmd.runner, ...cmd.argv])})`;
}

/** Writes the script atomically (shared/atomic-file.ts), mode 0755 whatever the umask. */
export async function writeRerunScript(file: string, cmd: RerunCommand): Promise<string> {
  const target = resolve(file);
  // A symlinked directory, or one others can write, could swap the script a person then runs.
  ensureOutputDir(dirname(target), 'the --write-rerun directory');
  try {
    await writeFileAtomic(target, rerunScript(cmd), 0o755);
  } catch (err) {
    throw new EnvironmentError(
      `cannot write the re-run script ${target}: ${(err as Error).message}`,
      'give the re-run script a path in a writable directory',
    );
  }
  return target;
}

/** The closing lines of a run that wrote rerun.sh (after `pyhermetic: `): where it is, and the command. */
export function rerunNotice(written: string, cmd: RerunCommand): string {
  return `rerun with: sh ${quoteWord(written)}\npyhermetic:   ${rerunLine(cmd)}`;
}
