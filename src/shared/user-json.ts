// Reading a JSON file a person wrote (python.json, pyhermetic.json, an attestation handed over, --args,
// the step parameters): every problem is a UsageError (exit 2) that names the file and says what to do,
// never a stack trace. The file must be a regular file of bounded size (a FIFO or a device given by
// mistake is refused before it is opened for reading, so it cannot hang the run), and a repeated key is
// refused (json-strict.ts) instead of "the last one wins".
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { UsageError } from './errors.js';
import { cutLong } from './fs-errors.js';
import { parseJsonStrict } from './json-strict.js';

export const USER_JSON_LIMIT = 1024 * 1024;

export interface UserFile {
  /** Names the file in messages: `the spec`, `the pipeline config`, `the arguments file`. */
  what: string;
  /** What to do when it cannot be read, is not a regular file or is too large. */
  hint: string;
  /** What to do when it is not valid JSON. */
  syntaxHint?: string;
  /** At most this many bytes (default USER_JSON_LIMIT). */
  maxBytes?: number;
  /** The UsageError subclass to throw (the spec reader's SpecError); UsageError by default. */
  error?: new (
    message: string,
    hint?: string,
  ) => UsageError;
}

const DEFAULT_SYNTAX_HINT = 'fix the JSON syntax (no comments, no trailing commas)';

function fail(f: UserFile, message: string, hint: string): UsageError {
  return new (f.error ?? UsageError)(message, hint);
}

/** The file's text: a regular file of at most maxBytes bytes, read without blocking on a FIFO swapped in. */
export function readUserText(file: string, f: UserFile): string {
  const shown = cutLong(file, 200);
  const limit = f.maxBytes ?? USER_JSON_LIMIT;
  let st: Stats;
  let fd: number;
  try {
    st = statSync(file);
    if (!st.isFile()) throw fail(f, `${f.what} ${shown} is not a regular file`, f.hint);
    if (st.size > limit)
      throw fail(f, `${f.what} ${shown} is ${st.size} bytes, more than the ${limit} allowed`, f.hint);
    // O_NONBLOCK: should the file be swapped for a FIFO after the stat, open() still returns at once.
    fd = openSync(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw fail(f, `cannot read ${f.what} ${shown}: ${e.code ?? e.message}`, f.hint);
  }
  try {
    if (!fstatSync(fd).isFile()) throw fail(f, `${f.what} ${shown} is not a regular file`, f.hint);
    const buf = Buffer.alloc(limit + 1);
    let n = 0;
    for (let r = -1; r !== 0 && n < buf.length; n += r) r = readSync(fd, buf, n, buf.length - n, null);
    if (n > limit) throw fail(f, `${f.what} ${shown} is more than ${limit} bytes`, f.hint);
    return buf.subarray(0, n).toString('utf8');
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw fail(f, `cannot read ${f.what} ${shown}: ${e.code ?? e.message}`, f.hint);
  } finally {
    closeSync(fd);
  }
}

/** JSON text a person wrote → the document; bad syntax or a repeated key names the file and the place. */
export function parseUserJson(text: string, file: string, f: UserFile): unknown {
  try {
    return parseJsonStrict(text);
  } catch (err) {
    throw fail(
      f,
      `${cutLong(file, 200)} is not valid JSON: ${cutLong((err as Error).message, 200)}`,
      f.syntaxHint ?? DEFAULT_SYNTAX_HINT,
    );
  }
}

/** readUserText, then parseUserJson: the document, still to be validated by its reader. */
export function readUserJson(file: string, f: UserFile): unknown {
  return parseUserJson(readUserText(file, f), file, f);
}
