// Entry point of the runner: reads the global options, finds the command (src/cli/registry.ts), parses its
// options from its declaration, runs it, and maps every outcome to the exit codes (README.md,
// docs/commands.md) in one place.
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { reportError } from '../commands/report-error.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from '../shared/errors.js';
import { cutLong, fsError, isErrnoError } from '../shared/fs-errors.js';
import { parseJsonStrict } from '../shared/json-strict.js';
import * as log from '../shared/log.js';
import { VERSION } from '../shared/version.js';
import { installConsoleLog } from './console-log.js';
import { commandContext, findCommand, parseCommandArgs } from './dispatch.js';
import { commandHelp, commandList, GLOBAL_USAGE, globalHelp } from './help.js';

/** --args files hold a command line: far below this. /dev/zero or a 10 GB file is refused, never read. */
const ARGS_FILE_LIMIT = 1024 * 1024;

/** Reads at most ARGS_FILE_LIMIT bytes of a regular file (a FIFO or a device is refused before it is opened). */
function readArgsFile(file: string): string {
  const shown = cutLong(file, 200);
  const usage =
    'pass a regular JSON file holding an array of strings, e.g. ["fingerprint","--python","/usr/bin/python3"]';
  let st: Stats;
  try {
    st = statSync(file);
  } catch (err) {
    throw isErrnoError(err) ? fsError(err, shown, 'reading the --args file') : err;
  }
  if (!st.isFile()) throw new UsageError(`the arguments file ${shown} is not a regular file`, usage);
  if (st.size > ARGS_FILE_LIMIT)
    throw new UsageError(
      `the arguments file ${shown} is ${st.size} bytes, more than the ${ARGS_FILE_LIMIT} allowed`,
      usage,
    );
  // O_NONBLOCK: should the file be swapped for a FIFO after the stat, open() still returns at once.
  const fd = openSync(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) throw new UsageError(`the arguments file ${shown} is not a regular file`, usage);
    const buf = Buffer.alloc(ARGS_FILE_LIMIT + 1);
    let n = 0;
    for (let r = -1; r !== 0 && n < buf.length; n += r) r = readSync(fd, buf, n, buf.length - n, null);
    if (n > ARGS_FILE_LIMIT)
      throw new UsageError(`the arguments file ${shown} is more than ${ARGS_FILE_LIMIT} bytes`, usage);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Reads `--args FILE`: a JSON array of strings (or {"argv": [...]}) written by the Jenkins steps. */
function argvFromFile(file: string): string[] {
  const text = readArgsFile(file);
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
