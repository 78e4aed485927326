// Puts a whole interpreter prefix into a directory we own: an artifact is extracted (archive.ts,
// safe extraction), an installed prefix is copied (`cp -a`, keeping symlinks and modes). lock and
// env create both work on such a copy, never on the original installation (lock runs an artifact's
// cached extraction directly: pip's dry-run with python -B writes nothing into it).
import { realpath } from 'node:fs/promises';
import { relative } from 'node:path';
import { EnvironmentError, UsageError } from '../../shared/errors.js';
import { run, tail } from '../../shared/exec.js';
import { extractedInterpreter, verifyInterpreterCopy } from './interpreter-cache.js';
import { copyVerifiedPrefix } from './verified-copy.js';
import type { InterpreterRef } from './interpreter-ref.js';

/** The python of `ref` relative to its prefix (bin/python3.11), or a UsageError when it lies outside it. */
export async function pythonRelative(ref: InterpreterRef): Promise<string> {
  if (ref.kind === 'artifact') return ref.manifest!.python;
  const prefix = await realpath(ref.prefix!);
  const python = await realpath(ref.python!);
  const rel = relative(prefix, python);
  if (rel.startsWith('..') || rel === '') {
    throw new UsageError(
      `${ref.python} does not live inside ${ref.prefix}`,
      'pass an interpreter artifact or the installation prefix directory',
    );
  }
  return rel;
}

/** Refuses prefixes that are a system's shared tree: copying /usr is never what anybody meant. */
function refuseSystemPrefix(prefix: string): void {
  if (['/', '/usr', '/usr/local', '/opt'].includes(prefix.replace(/\/+$/, '') || '/')) {
    throw new UsageError(
      `the interpreter's prefix is ${prefix}, a system directory that cannot be copied into an env`,
      'build an interpreter artifact with `pyhermetic interpreter build`, or pass a self-contained installed prefix (e.g. a pyenv version directory)',
    );
  }
}

async function copyTree(from: string, dest: string): Promise<void> {
  const r = await run('cp', ['-a', '--', `${from}/.`, `${dest}/`], { timeoutMs: 30 * 60 * 1000 });
  if (r.exitCode !== 0)
    throw new EnvironmentError(
      `copying ${from} to ${dest} failed:\n${tail(r.stderr)}`,
      'check free disk space and permissions',
    );
}

/**
 * Fills `dest` (an existing empty directory) with the interpreter prefix; returns the python inside
 * it. An artifact is extracted once into the cache root (interpreter-cache.ts) and copied, each file
 * checked against interpreter.json as it is copied (verified-copy.ts); an installed prefix is copied
 * as it is.
 */
export async function materializeInterpreter(ref: InterpreterRef, dest: string, cacheRoot: string): Promise<string> {
  const rel = await pythonRelative(ref);
  if (ref.kind === 'artifact') {
    const cached = await extractedInterpreter(ref, cacheRoot);
    await copyVerifiedPrefix(ref.manifest!.files, cached, dest);
  } else {
    const prefix = await realpath(ref.prefix!);
    refuseSystemPrefix(prefix);
    await copyTree(prefix, dest);
  }
  return `${dest}/${rel}`;
}

/** A python to run read-only (lock): the cached extraction of an artifact, or the installed python itself. */
export async function runnableInterpreter(ref: InterpreterRef, cacheRoot: string): Promise<string> {
  if (ref.kind !== 'artifact') return ref.python!;
  const cached = await extractedInterpreter(ref, cacheRoot);
  await verifyInterpreterCopy(ref, cached, cached);
  return `${cached}/${await pythonRelative(ref)}`;
}
