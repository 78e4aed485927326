// requirements.in may name packages and ranges, and include other files (-r, -c), but it must not
// choose where packages come from: an `--index-url`, `--find-links` or `--trusted-host` line inside
// it would silently override the explicit --index-url of `pyhermetic lock` (pip honours such lines).
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../../shared/errors.js';

const SOURCE_OPTIONS =
  /^(-i|--index-url|--extra-index-url|-f|--find-links|--trusted-host|--no-index|--pre|--use-feature)(\s|=|$)/;
const INCLUDE = /^(-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)/;

/** Throws a UsageError naming file and line when a requirements file (or one it includes) picks a source. */
export async function checkRequirementsFile(file: string, seen = new Set<string>()): Promise<void> {
  const path = resolve(file);
  if (seen.has(path)) return;
  seen.add(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(
      `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      'pass -r with your requirements.in',
    );
  }
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/(^|\s)#.*$/, '').trim();
    if (SOURCE_OPTIONS.test(line)) {
      throw new UsageError(
        `${file}:${i + 1}: '${line}' chooses a package source inside the requirements`,
        'remove it and pass the index to pyhermetic with --index-url (repeatable), so the lock records it',
      );
    }
    const inc = INCLUDE.exec(line);
    if (inc && !/^[a-z+]+:\/\//.test(inc[2])) await checkRequirementsFile(resolve(dirname(path), inc[2]), seen);
  }
}
