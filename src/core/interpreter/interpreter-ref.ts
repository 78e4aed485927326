// Resolves the `--interpreter ARTIFACT_OR_DIR` argument every stage takes to one identity: an
// interpreter artifact (interpreter.tar.gz with interpreter.json beside it, or an --out / store
// directory holding both), an installed prefix directory, or a python executable.
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import { sha256OfFile } from '../../shared/canonical.js';
import type { FingerprintFields } from '../model/fingerprint-fields.js';
import { fingerprintPython } from './fingerprint.js';
import { INTERPRETER_MANIFEST, type InterpreterManifest } from '../model/manifests.js';

export interface InterpreterRef {
  kind: 'artifact' | 'prefix' | 'python';
  fingerprint: string;
  fields: FingerprintFields;
  /** For an artifact: the tar.gz, its verified sha256 and its manifest. */
  artifactPath?: string;
  artifactSha256?: string;
  manifest?: InterpreterManifest;
  /** For a prefix or python: the installation prefix and the python executable. */
  prefix?: string;
  python?: string;
}

export async function sha256File(path: string): Promise<string> {
  return (await sha256OfFile(path)).sha256;
}

async function isFile(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function fromArtifact(tarball: string): Promise<InterpreterRef> {
  const manifestPath = join(dirname(tarball), INTERPRETER_MANIFEST);
  let manifest: InterpreterManifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as InterpreterManifest;
  } catch (err) {
    throw new UsageError(
      `${tarball}: no readable ${INTERPRETER_MANIFEST} beside it (${(err as Error).message})`,
      'pass the interpreter.tar.gz of an --out directory of `pyhermetic interpreter build`, which keeps both files together',
    );
  }
  if (manifest.kind !== 'pyhermetic-interpreter' || typeof manifest.fingerprint !== 'string') {
    throw new UsageError(
      `${manifestPath} is not a pyhermetic interpreter manifest`,
      'rebuild it with `pyhermetic interpreter build`',
    );
  }
  return {
    kind: 'artifact',
    fingerprint: manifest.fingerprint,
    fields: manifest.fields,
    artifactPath: tarball,
    artifactSha256: await sha256File(tarball),
    manifest,
  };
}

/** Finds the python executable of an installed prefix: bin/python3, then bin/python. */
export async function pythonOfPrefix(prefix: string): Promise<string | undefined> {
  for (const name of ['python3', 'python']) {
    const p = join(prefix, 'bin', name);
    if (await isFile(p)) return p;
  }
  return undefined;
}

export async function resolveInterpreter(arg: string): Promise<InterpreterRef> {
  const st = await stat(arg).catch(() => undefined);
  if (!st)
    throw new UsageError(
      `interpreter not found: ${arg}`,
      'pass an interpreter.tar.gz, an --out directory of `pyhermetic interpreter build`, an installed prefix, or a python executable',
    );
  if (st.isDirectory()) {
    if (await isFile(join(arg, 'interpreter.tar.gz'))) return fromArtifact(join(arg, 'interpreter.tar.gz'));
    const python = await pythonOfPrefix(arg);
    if (!python)
      throw new UsageError(
        `${arg} holds neither interpreter.tar.gz nor bin/python3`,
        'pass an interpreter artifact or an installed prefix',
      );
    const fp = await fingerprintPython(python);
    return { kind: 'prefix', fingerprint: fp.fingerprint, fields: fp.fields, prefix: arg, python };
  }
  if (basename(arg).endsWith('.tar.gz') || basename(arg).endsWith('.tgz')) return fromArtifact(arg);
  const fp = await fingerprintPython(arg);
  return {
    kind: 'python',
    fingerprint: fp.fingerprint,
    fields: fp.fields,
    python: fp.python,
    prefix: dirname(dirname(fp.python)),
  };
}
