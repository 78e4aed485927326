// Entry point of the runner: parses the command line with node:util parseArgs, dispatches to one
// command module, and maps every outcome to the exit codes (README.md, docs/commands.md) in one place.
import { readFileSync } from 'node:fs';
import { commands } from '../commands/index.js';
import type { Command } from '../commands/command.js';
import { findCommand, parseCommandArgs, reportError } from '../commands/dispatch.js';
import { EXIT_OK, EXIT_USAGE, PyhermeticError, UsageError, exitCodeOf } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { installConsoleLog } from './console-log.js';
import { VERSION } from './version.js';
import { rerunCommand, rerunNotice, writeRerunScript } from '../commands/rerun.js';

const GLOBAL_USAGE = `usage: pyhermetic <command> [options]
       pyhermetic --args FILE.json     (run the command line stored as a JSON array of strings)
       pyhermetic --write-rerun FILE [--args FILE.json | <command> ...]   (also write FILE, a sh script re-running it)
       pyhermetic help [command] | --version`;

function commandList(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
}

function globalHelp(): string {
  return `${GLOBAL_USAGE}

commands:
${commandList()}

exit codes: 0 ok · 1 findings · 2 usage or config error · 3 environment or tool failure
Run 'pyhermetic <command> --help' for a command's options.`;
}

function commandHelp(cmd: Command): string {
  return `usage: pyhermetic ${cmd.usage}\n\n${cmd.summary}\n\n${cmd.help.trimEnd()}\n`;
}

/** Reads `--args FILE`: a JSON array of strings (or {"argv": [...]}) written by the Jenkins steps. */
function argvFromFile(file: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(
      `cannot read the arguments file ${file}: ${(err as Error).message}`,
      'pass a JSON file holding an array of strings, e.g. ["fingerprint","--python","/usr/bin/python3"]',
    );
  }
  const argv = Array.isArray(doc) ? doc : (doc as { argv?: unknown })?.argv;
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) {
    throw new UsageError(
      `the arguments file ${file} does not hold an array of strings`,
      'write ["command", "--option", "value", ...] or {"argv": [...]}',
    );
  }
  return argv as string[];
}

/** Set by main() when --write-rerun wrote a script; runCli prints it last, where a person looks. */
let notice: string | undefined;

export async function main(argvIn: string[]): Promise<number> {
  installConsoleLog();
  let argv = argvIn;
  let argsFile: string | undefined;
  let rerunFile: string | undefined;
  // Global options before the command, in either order: --args FILE, --write-rerun FILE.
  for (;;) {
    const option = argv[0];
    if ((option === '--args' && argsFile === undefined) || (option === '--write-rerun' && rerunFile === undefined)) {
      if (!argv[1]) throw new UsageError(`${option} needs a file`, GLOBAL_USAGE);
      if (option === '--args') argsFile = argv[1];
      else rerunFile = argv[1];
      argv = argv.slice(2);
    } else break;
  }
  if (argsFile !== undefined) argv = [...argvFromFile(argsFile), ...argv];
  if (rerunFile !== undefined) {
    // Written before the command runs, so even a crash or a kill leaves the way to reproduce it.
    const cmd = rerunCommand(argv, process.argv[1] ?? '');
    const written = await writeRerunScript(rerunFile, cmd);
    notice = rerunNotice(written, cmd);
  }
  if (argv.length === 0) {
    process.stderr.write(`${globalHelp()}\n`);
    return EXIT_USAGE;
  }
  if (argv[0] === '--version' || argv[0] === '-V') {
    log.out(VERSION);
    return EXIT_OK;
  }
  if (argv[0] === '--help' || argv[0] === '-h') {
    log.out(globalHelp());
    return EXIT_OK;
  }
  if (argv[0] === 'help') {
    if (argv.length === 1) {
      log.out(globalHelp());
      return EXIT_OK;
    }
    const { cmd } = findCommand(argv.slice(1));
    if (!cmd) throw new UsageError(`unknown command '${argv.slice(1).join(' ')}'`, `commands:\n${commandList()}`);
    log.out(commandHelp(cmd));
    return EXIT_OK;
  }
  if (argv[0].startsWith('-')) {
    throw new UsageError(`unknown option '${argv[0]}' before the command`, GLOBAL_USAGE);
  }
  const { cmd, rest, tried } = findCommand(argv);
  if (!cmd) {
    throw new UsageError(`unknown command '${tried}'`, `run 'pyhermetic help' to list the commands:\n${commandList()}`);
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    log.out(commandHelp(cmd));
    return EXIT_OK;
  }
  return cmd.run(parseCommandArgs(cmd, rest));
}

export async function runCli(argv: string[]): Promise<void> {
  let code: number;
  try {
    code = await main(argv);
  } catch (err) {
    code = reportError(err);
    if (!(err instanceof PyhermeticError)) code = exitCodeOf(err);
  }
  if (notice !== undefined) log.info(notice);
  process.exitCode = code;
}
