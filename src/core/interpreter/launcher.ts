// Relative launchers for console scripts. pip writes `#!<absolute env path>/bin/python3.11` into
// every console script (and during `env create` that path is the temp directory, which no longer
// exists after the rename); an interpreter artifact's own bin/pip3 carries the prefix it was
// configured with. A tree that must move (env → package → another machine) cannot depend on either,
// so such scripts get a launcher that finds the python beside the script at run time:
//
//   #!/bin/sh
//   '''exec' "$(dirname -- "$(readlink -f -- "$0")")/python3.11" "$0" "$@"
//   ' '''
//
// To sh, line 2 runs the python that sits in the same directory as the (symlink-resolved) script,
// handing it the script itself. To Python, lines 2-3 are one string literal (an expression that does
// nothing) and the rest of the file is the original script. Re-pointing it by hand: edit the
// `python3.11` name on line 2 (it is relative to the script's own directory).
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../shared/atomic-file.js';

const SH_SHEBANG = '#!/bin/sh';
const RELATIVE_EXEC_PREFIX = `'''exec' "$(dirname -- "$(readlink -f -- "$0")")/`;
const CLOSE_LINE = "' '''";

/** The python a script's first lines point at: pip's plain shebang or pip's own sh polyglot for long paths. */
interface AbsoluteTarget {
  /** Basename of the interpreter (python3.11, python3, python). */
  python: string;
  /** Interpreter options after the path on a plain shebang (e.g. `-E`), kept in the launcher. */
  options: string[];
  /** Bytes of the original file after the lines that named the interpreter. */
  body: Buffer;
}

function lineEnd(content: Buffer, from: number): number {
  const i = content.indexOf(0x0a, from);
  return i === -1 ? content.length : i;
}

function pythonBasename(path: string): string | undefined {
  if (!path.startsWith('/')) return undefined;
  const base = path.slice(path.lastIndexOf('/') + 1);
  return /^python[0-9.]*$/.test(base) ? base : undefined;
}

function absoluteTarget(content: Buffer): AbsoluteTarget | undefined {
  if (content.length < 3 || content[0] !== 0x23 || content[1] !== 0x21) return undefined;
  const end1 = lineEnd(content, 0);
  const first = content.subarray(2, end1).toString('utf8').replace(/\r$/, '').trim();
  if (first === '/bin/sh') {
    // pip's long-shebang form: #!/bin/sh / '''exec' "/abs/python" "$0" "$@" / ' '''
    const end2 = lineEnd(content, end1 + 1);
    const second = content.subarray(end1 + 1, end2).toString('utf8');
    const m = /^'''exec' "([^"]+)" "\$0" "\$@"$/.exec(second);
    if (!m) return undefined;
    const python = pythonBasename(m[1]);
    const end3 = lineEnd(content, end2 + 1);
    const third = content.subarray(end2 + 1, end3).toString('utf8');
    if (!python || third !== CLOSE_LINE) return undefined;
    return { python, options: [], body: content.subarray(Math.min(end3 + 1, content.length)) };
  }
  const words = first.split(/\s+/);
  const python = pythonBasename(words[0]);
  if (!python) return undefined;
  const options = words.slice(1);
  // Only plain option words survive into the sh line; anything needing quoting stays untouched.
  if (!options.every((o) => /^-[A-Za-z0-9_=.-]*$/.test(o))) return undefined;
  return { python, options, body: content.subarray(Math.min(end1 + 1, content.length)) };
}

/** The basename of the python an absolute shebang (or pip's sh form) names, undefined otherwise. */
export function shebangPython(content: Buffer): string | undefined {
  return absoluteTarget(content)?.python;
}

/**
 * The relative-launcher bytes for a script whose first line is `#!` + an absolute path to a python
 * (or pip's `#!/bin/sh` polyglot with an absolute path), undefined for anything else — including a
 * script that already has the relative launcher, so applying it twice changes nothing. `python`
 * overrides the interpreter name (when the one in the shebang does not exist beside the script).
 */
export function launcherFor(content: Buffer, python?: string): Buffer | undefined {
  const target = absoluteTarget(content);
  if (!target) return undefined;
  const opts = target.options.map((o) => ` ${o}`).join('');
  const head = `${SH_SHEBANG}\n${RELATIVE_EXEC_PREFIX}${python ?? target.python}"${opts} "$0" "$@"\n${CLOSE_LINE}\n`;
  return Buffer.concat([Buffer.from(head, 'utf8'), target.body]);
}

/** True when the file starts with the relative launcher of launcherFor. */
export function isRelativeLauncher(content: Buffer): boolean {
  const start = `${SH_SHEBANG}\n${RELATIVE_EXEC_PREFIX}`;
  return content.subarray(0, start.length).toString('utf8') === start;
}

/**
 * Applies launcherFor to every regular file directly in `<prefix>/bin`; returns the rewritten paths
 * relative to the prefix (sorted). Each file is replaced through a temp file + rename, mode kept.
 * A shebang naming a python that is not in bin/ (an artifact's pip3 may say `bin/python` where only
 * python3 and python3.11 exist) is pointed at `fallbackPython` (the env's own, e.g. python3.11).
 */
export async function rewriteLaunchers(prefix: string, fallbackPython?: string): Promise<string[]> {
  const binDir = join(prefix, 'bin');
  const names = await readdir(binDir).catch(() => [] as string[]);
  const rewritten: string[] = [];
  for (const name of names.sort()) {
    const file = join(binDir, name);
    const st = await lstat(file);
    if (!st.isFile()) continue;
    const content = await readFile(file);
    const named = shebangPython(content);
    if (!named) continue;
    const present = await lstat(join(binDir, named)).then(
      () => true,
      () => false,
    );
    const next = launcherFor(content, present ? undefined : fallbackPython);
    if (!next) continue;
    await writeFileAtomic(file, next, st.mode & 0o7777);
    rewritten.push(`bin/${name}`);
  }
  return rewritten;
}
