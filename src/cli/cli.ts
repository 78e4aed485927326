// Entry point of the runner: reads the global options, finds the command (src/cli/registry.ts), parses its
// options from its declaration, runs it, and maps every outcome to the exit codes (README.md,
// docs/commands.md) in one place.
import { reportError } from '../commands/report-error.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from '../shared/errors.js';
import { cutLong } from '../shared/fs-errors.js';
import { parseJsonStrict } from '../shared/json-strict.js';
import * as log from '../shared/log.js';
import { readUserText } from '../shared/user-json.js';
import { VERSION } from '../shared/version.js';
import { installConsoleLog } from './console-log.js';
import { commandContext, findCommand, parseCommandArgs } from './dispatch.js';
import { commandHelp, commandList, GLOBAL_USAGE, globalHelp } from './help.js';

/** Reads `--args FILE`: a JSON array of strings (or {"argv": [...]}) written by the Jenkins steps. */
function argvFromFile(file: string): string[] {
  // A regular file of at most 1 MiB (a FIFO, /dev/zero or a 10 GB file is refused, never read): far more
  // than a command line needs.
  const text = readUserText(file, {
    what: 'the arguments file',
    hint: 'pass a regular JSON file holding an array of strings, e.g. ["fingerprint","--python","/usr/bin/python3"]',
  });
  let doc: unknown;
  try {
    doc = parseJsonStrict(text);
  } catch (err) {
    throw new UsageError(
      `cannot read the arguments file ${cutLong(file, 200)}: ${cutLong((err as Error).message, 200)}`,
      'pass a JSON file holding an array of strings, e.g. ["fingerprint","--python","/usr/bin/python3"]',
    );
  }
  const argv = Array.isArray(doc) ? doc : (doc as { argv?: unknown })?.argv;
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) {
    throw new UsageError(
      `the arguments file ${cutLong(file, 200)} does not hold an array of strings`,
      'write ["command", "--option", "value", ...] or {"argv": [...]}',
    );
  }
  return argv as string[];
}

/** Set by main() when --write-rerun wrote a script; runCli prints it last, where a person looks. */
let notice: string | undefined;

export async function main(argvIn: string[]): Promise<number> {
  installConsoleLog();
  // Nothing pyhermetic (or pip, its child) creates is writable by group or others, whatever the
  // agent's umask (002 is common): the store, cache and output checks refuse such directories.
  process.umask(process.umask() | 0o022);
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
    const { rerunCommand, rerunNotice, writeRerunScript } = await import('../commands/rerun.js');
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
  return cmd.run(parseCommandArgs(cmd, rest), commandContext);
}

export async function runCli(argv: string[]): Promise<void> {
  let code: number;
  try {
    code = await main(argv);
  } catch (err) {
    code = reportError(err);
  }
  if (notice !== undefined) log.info(cutLong(notice, 4000));
  process.exitCode = code;
}
