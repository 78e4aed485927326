// The JSON documents that pass between the stages (spec → interpreter artifact → env → package →
// report). Each stage reads only these, never another stage's internals. No timestamps, no host
// paths that vary between runs: two runs on the same inputs must write the same bytes.
import type { FingerprintFields } from './fingerprint-fields.js';

/** python.json, validated by spec.ts. */
export interface PythonSpec {
  name: 'cpython';
  version: string;
  source: { sha256: string; urls: string[] };
  configure: { shared: boolean; args: string[] };
  requireModules: string[];
  /** The root filesystem the build runs in (buildroot.ts); absent: the build runs on the host. */
  buildRoot?: { sha256: string; urls: string[] };
  /**
   * Libraries outside glibc the production host is declared to provide (only libcrypt.so.1: it builds
   * _crypt, dynamically linked). Absent when none is declared.
   */
  systemLibraries?: string[];
  /** A free-threaded build (configure --disable-gil, ABI flag t); absent means the GIL build. */
  freeThreaded?: boolean;
}

export interface FileRecord {
  /** POSIX path relative to the tree's root, no leading './'. */
  path: string;
  sha256: string;
  size: number;
  /** Octal permission bits as a number (e.g. 0o755); symlinks are listed with `link` instead of sha256 of content. */
  mode: number;
  /** Target of a symlink (then sha256 is the sha256 of the target string). */
  link?: string;
}

/**
 * interpreter.json: at the root of interpreter.tar.gz and beside it. The tar's root *is* the
 * installation prefix (bin/, lib/, include/, share/) plus this file.
 */
export interface InterpreterManifest {
  schema: 1;
  kind: 'pyhermetic-interpreter';
  spec: PythonSpec;
  specSha256: string;
  sourceSha256: string;
  /** The compiler, glibc and machine the build used: the build root's when there is one, else the host's. */
  hostKey: { compiler: string; glibc: string; machine: string };
  /**
   * The build root the interpreter was built in, with its glibc (the artifact's glibc floor) and its
   * suite (os-release); null: built on the host. Absent in artifacts of recipe 2 and older (host builds).
   */
  buildRoot?: { sha256: string; suite: string | null; glibc: string } | null;
  /** sha256 over the canonical spec + the host key (or the build root's sha256): the store key of the build. */
  buildKey: string;
  fingerprint: string;
  fields: FingerprintFields;
  /** The interpreter executable, relative to the prefix (e.g. bin/python3.11). */
  python: string;
  /** The prefix configure was given; the artifact is relocatable, this is informational. */
  configuredPrefix: string;
  files: FileRecord[];
  /** Files that could not be made byte-identical between builds, with the reason. */
  nonReproducible?: { path: string; reason: string }[];
  /** The highest GLIBC_x.y any ELF file of the prefix needs (e.g. `2.34`); null when none does. */
  glibcFloor?: string | null;
  /** The union of DT_NEEDED of every ELF file of the prefix, sorted. */
  needed?: string[];
  /**
   * True when every ELF file needs only glibc's libraries (a static build; checked by the build, which
   * fails otherwise). False for a shared build, which links the host's libraries (then `needed` lists them).
   */
  onlyGlibc?: boolean;
  /** Libraries linked statically into the interpreter, with where they came from. */
  linkedLibraries?: LinkedLibrary[];
  /** Standard modules left out on purpose, each with the reason. */
  omittedModules?: { name: string; why: string }[];
  /** Files whose configured-prefix paths are computed from the interpreter's location (relocate.ts). */
  relocated?: string[];
}

/** One library linked into the interpreter (interpreter.json linkedLibraries). */
export interface LinkedLibrary {
  /** The source tarball's project name (openssl) or the Debian binary package (libffi-dev). */
  name: string;
  version: string | null;
  /** sha256 of the input: the source tarball, or the .deb the archive came from; null with `why`. */
  inputSha256: string | null;
  /** SPDX licence expression. */
  licence: string;
  /** Where it came from, in words. */
  from: string;
  /** The static archives linked (libssl.a, libffi.a …). */
  archives: string[];
  why?: string;
}

export interface InstalledDistribution {
  name: string;
  version: string;
  /** Files of the distribution per its RECORD, relative to the env root, hashes verified at create time. */
  files: { path: string; sha256: string; size: number }[];
}

/**
 * pyhermetic-env.json at the root of an env. An env is a whole interpreter prefix with the locked
 * distributions installed into it.
 */
export interface EnvManifest {
  schema: 1;
  kind: 'pyhermetic-env';
  interpreter: {
    fingerprint: string;
    /** sha256 of interpreter.tar.gz; null when the env was made from an installed directory. */
    artifactSha256: string | null;
    /** Relative path of the python executable inside the env (e.g. bin/python3.11). */
    python: string;
    shared: boolean;
    version: string;
  };
  lock: { sha256: string };
  indexUrls: string[];
  allowSource: string[];
  pip: { version: string };
  distributions: InstalledDistribution[];
  /**
   * Console scripts whose absolute `#!<env>/bin/python` shebang env create rewrote to the relative
   * launcher of launcher.ts (so the tree can move). env create rewrites their RECORD rows to the
   * launcher's bytes as well (pip's bytes embedded the temp directory's path); the hashes in
   * `distributions` are of the files as they are on disk.
   */
  launchersRewritten?: string[];
  /**
   * Allowed sdists installed from a wheel another agent built and published (env create --remote),
   * audited before use: the distribution's name, the wheel's remote URL and sha256, the sdist's sha256.
   */
  sharedWheels?: { name: string; url: string; sha256: string; sdistSha256: string }[];
}

/** pyhermetic-package.json at the root of a production package (pack.ts). */
export interface PackageManifest {
  schema: 1;
  kind: 'pyhermetic-package';
  env: EnvManifest;
  /** Where the app was placed inside the package (relative), or null without --app. */
  app: string | null;
  pycPolicy: string;
  files: FileRecord[];
}

export const INTERPRETER_MANIFEST = 'interpreter.json';
export const ENV_MANIFEST = 'pyhermetic-env.json';
export const PACKAGE_MANIFEST = 'pyhermetic-package.json';
/** The metadata directory of an env and of its package (beside the manifests, which stay at the root). */
export const METADATA_DIR = 'pyhermetic';
/**
 * The lock the env was installed from, byte for byte (its sha256 is the manifest's `lock.sha256`):
 * env create writes it, pack ships it, so a package describes itself (sbom needs nothing else).
 */
export const LOCK_FILE = `${METADATA_DIR}/requirements.lock`;
