// requirements.in may name packages and ranges, and include other files (-r, -c), but it must not
// choose where packages come from: an `--index-url`, `--find-links` or `--trusted-host` line inside
// it would silently override the explicit --index-url of `pyhermetic lock` (pip honours such lines).
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import { readRequirementsLines } from './requirements-file.js';

const SOURCE_OPTIONS = new Set([
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '--trusted-host',
  '--no-index',
  '--pre',
  '--use-feature',
]);
const INCLUDES = new Set(['-r', '--requirement', '-c', '--constraint']);

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
  for (const line of readRequirementsLines(text)) {
    if (line.options.some((o) => SOURCE_OPTIONS.has(o.name))) {
      throw new UsageError(
        `${file}:${line.line}: '${line.text}' chooses a package source inside the requirements`,
        'remove it and pass the index to pyhermetic with --index-url (repeatable), so the lock records it',
      );
    }
    for (const inc of line.options.filter((o) => INCLUDES.has(o.name) && o.value))
      if (!/^[a-z+]+:\/\//.test(inc.value!)) await checkRequirementsFile(resolve(dirname(path), inc.value!), seen);
  }
}
