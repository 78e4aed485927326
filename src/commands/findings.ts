// Shared rendering of a FindingsError for the env commands (lock, env create): the check ran and
// found problems, so the command prints each finding with its fix and returns exit 1.
import { FindingsError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { oneLine } from '../shared/visible.js';
import { printJson } from './command.js';

/** Runs `fn`; a FindingsError is rendered (stderr lines, or {ok:false, error, findings} with --json) as exit 1. */
export async function withFindings(json: boolean, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof FindingsError)) throw err;
    log.error(err.message);
    for (const f of err.findings) {
      process.stderr.write(`  ${oneLine(f.path)}: ${oneLine(f.message)}\n    fix: ${oneLine(f.fix)}\n`);
    }
    if (json) printJson({ ok: false, error: err.message, findings: err.findings });
    return err.exitCode;
  }
}
