// What the SBOM and the provenance statement both say about a package, read once: the package's
// sha256, its env manifest, the interpreter manifest packed inside it, and the lock it was installed
// from: the one it carries (pyhermetic/requirements.lock, checked against the sha256 it records), so
// the package alone gives every wheel's hash. A lock given beside it (--lock) is a cross-check: one
// that differs is refused, naming both hashes. Packages of older packs carry none: then the given
// lock, checked against the recorded sha256, is the only source.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import { sha256Hex, sha256OfFile } from '../../shared/canonical.js';
import { normalizeName } from '../deps/dist-metadata.js';
import { parseLock, type LockEntry } from '../deps/lockfile.js';
import { LOCK_FILE, type EnvManifest, type InterpreterManifest } from '../model/manifests.js';
import { readPackage } from '../package/package-read.js';
import { metadataHeaders } from './dist-licences.js';

/** A library linked into the interpreter (interpreter.json `linkedLibraries`, when the build records it). */
/** interpreter.json's linkedLibraries entry, as read: older artifacts have none; some fields may be null. */
export interface LinkedLibrary {
  name: string;
  version?: string | null;
  inputSha256?: string | null;
  licence?: string;
}

/** interpreter.json with the fields newer builds add (absent from older artifacts). */
export type InterpreterFacts = InterpreterManifest & {
  linkedLibraries?: LinkedLibrary[];
  buildRoot?: { sha256: string; urls?: string[]; suite?: string };
  spec: InterpreterManifest['spec'] & { buildRoot?: { sha256: string; urls?: string[] } };
};

export interface DistributionFacts {
  name: string;
  version: string;
  /** The sha256 hashes the lock allows for this pin (pyhermetic lock writes one: the wheel's); empty without a lock. */
  lockHashes: string[];
  /** METADATA text (licences); undefined when the package has no dist-info for it. */
  metadata?: string;
}

export interface PackageFacts {
  file: string;
  /** The package file's name (the subject of SBOM and provenance). */
  name: string;
  sha256: string;
  size: number;
  env: EnvManifest;
  interpreter?: InterpreterFacts;
  app: string | null;
  /** The lock, from inside the package (`path` is `PKG!pyhermetic/requirements.lock`) or from --lock. */
  lock?: { path: string; sha256: string; entries: LockEntry[] };
  distributions: DistributionFacts[];
}

async function readLockFile(lockPath: string): Promise<Buffer> {
  try {
    return await readFile(lockPath);
  } catch (err) {
    throw new UsageError(
      `cannot read the lock ${lockPath}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      'pass the requirements.lock the package was installed from',
    );
  }
}

/**
 * The package's lock: the one inside (it must be the one the package records), cross-checked with
 * `lockPath` when given; for a package without one, `lockPath` checked against the recorded sha256.
 */
async function packageLock(
  inside: Buffer | undefined,
  lockPath: string | undefined,
  env: EnvManifest,
  pkgFile: string,
): Promise<PackageFacts['lock']> {
  if (inside) {
    const sha256 = sha256Hex(inside);
    if (sha256 !== env.lock.sha256)
      throw new UsageError(
        `the lock inside ${pkgFile} (${LOCK_FILE}, sha256 ${sha256}) is not the one the package records (sha256 ${env.lock.sha256}): the package was altered after pack`,
        'do not use this package: pack the tested env again (pyhermetic verify names what changed)',
      );
    if (lockPath) {
      const given = sha256Hex(await readLockFile(lockPath));
      if (given !== sha256)
        throw new UsageError(
          `the lock ${lockPath} (sha256 ${given}) differs from the lock inside ${pkgFile} (sha256 ${sha256})`,
          'the package carries its lock: leave out --lock, or pass the requirements.lock of the commit that built the package',
        );
    }
    const path = `${pkgFile}!${LOCK_FILE}`;
    return { path, sha256, entries: parseLock(inside.toString('utf8'), path).entries };
  }
  return lockPath ? readMatchingLock(lockPath, env, pkgFile) : undefined;
}

/** Reads `lockPath` and refuses a lock whose sha256 is not the one the package's env was installed from. */
async function readMatchingLock(
  lockPath: string,
  env: EnvManifest,
  pkgFile: string,
): Promise<NonNullable<PackageFacts['lock']>> {
  const bytes = await readLockFile(lockPath);
  const sha256 = sha256Hex(bytes);
  if (sha256 !== env.lock.sha256) {
    throw new UsageError(
      `the lock ${lockPath} (sha256 ${sha256}) is not the one ${pkgFile} was installed from (sha256 ${env.lock.sha256})`,
      'pass the requirements.lock of the commit that built the package',
    );
  }
  return { path: lockPath, sha256, entries: parseLock(bytes.toString('utf8'), lockPath).entries };
}

export async function readPackageFacts(file: string, lockPath?: string): Promise<PackageFacts> {
  const [pkg, digest] = await Promise.all([readPackage(file), sha256OfFile(file)]);
  const env = pkg.manifest!.env;
  const lock = await packageLock(pkg.lock, lockPath, env, file);
  const locked = new Map((lock?.entries ?? []).map((e) => [normalizeName(e.name), e]));
  const metadataByName = new Map<string, string>();
  for (const [path, text] of pkg.distInfo) {
    if (!path.endsWith('/METADATA')) continue;
    const name = metadataHeaders(text).get('name')?.[0];
    if (name) metadataByName.set(normalizeName(name), text);
  }
  const distributions = env.distributions
    .map((d) => {
      const key = normalizeName(d.name);
      const entry = locked.get(key);
      return {
        name: d.name,
        version: d.version,
        lockHashes: entry && entry.version === d.version ? entry.hashes : [],
        metadata: metadataByName.get(key),
      };
    })
    .sort((a, b) => (normalizeName(a.name) < normalizeName(b.name) ? -1 : 1));
  return {
    file,
    name: basename(file),
    sha256: digest.sha256,
    size: digest.size,
    env,
    interpreter: pkg.interpreterManifest as InterpreterFacts | undefined,
    app: pkg.manifest!.app,
    lock,
    distributions,
  };
}

/** The package URL of a PyPI distribution (purl spec: the name lower-cased, `_` as `-`). */
export function pypiPurl(name: string, version: string): string {
  return `pkg:pypi/${normalizeName(name)}@${encodeURIComponent(version)}`;
}

/** The build root of an interpreter, from its manifest or its spec (older builds have neither). */
export function buildRootOf(
  interpreter: InterpreterFacts | undefined,
): { sha256: string; urls?: string[] } | undefined {
  return interpreter?.buildRoot ?? interpreter?.spec.buildRoot;
}
