// How every run shows an error: the message, then the hint indented, and the exit code it maps to. Used by
// the CLI entry and by `jenkins-step`, which reports its step's error the same way before writing the result.
import { EXIT_ENVIRONMENT, PyhermeticError } from '../shared/errors.js';
import { cutLong, fsError, isErrnoError } from '../shared/fs-errors.js';
import * as log from '../shared/log.js';

/** Cuts every overlong word (a 10 MB --python value, a huge JSON token) so an error stays readable. */
function cutWords(text: string): string {
  const out = text.replace(/\S{301,}/g, (w) => cutLong(w, 300));
  return cutLong(out, 4000);
}

/** Prints an error the way every run shows it (message, then the hint indented); returns its exit code. */
export function reportError(err: unknown): number {
  // A file system error that no layer mapped: still one line with the path and a fix, never a stack.
  const mapped = !(err instanceof PyhermeticError) && isErrnoError(err) ? fsError(err, err.dest ?? err.path) : err;
  if (mapped instanceof PyhermeticError) {
    log.error(cutWords(mapped.message));
    if (mapped.hint) process.stderr.write(`${cutWords(mapped.hint).replace(/^/gm, '  ')}\n`);
    return mapped.exitCode;
  }
  // Unexpected: a bug. Show the stack so it can be reported, and never exit 0.
  process.stderr.write(
    `pyhermetic: internal error (please report it with this output):\n${cutWords((err as Error)?.stack ?? String(err))}\n`,
  );
  return EXIT_ENVIRONMENT;
}
