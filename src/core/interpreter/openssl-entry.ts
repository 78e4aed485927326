// OpenSSL is built once per (build root or host, OpenSSL source sha256, configure options) and kept in
// the store as an entry of its own: every static interpreter built in that root unpacks it instead of
// compiling OpenSSL again (the longest step of a build before: ~80 s of 2 cores, minutes under load).
//
// Why this cannot change an interpreter's bytes: the entry is a deterministic tarball of OpenSSL's
// staged prefix (headers, libssl.a, libcrypto.a, .pc files), built at a fixed path of its own with
// SOURCE_DATE_EPOCH (OpenSSL's build information reads it) and relative source paths (make runs in
// the source tree), so rebuilding it gives the same bytes; the interpreter build unpacks it at the very
// path its own OpenSSL build used to stage it (openssl-destdir/ in the interpreter's build directory),
// so configure, the Makefile and sysconfig see the same paths. The byte-identical rebuild tests build
// everything from empty stores, this entry included.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson, sha256Hex } from '../../shared/canonical.js';
import * as log from '../../shared/log.js';
import { extractTarGz, writeDeterministicTarGz } from '../archive/archive.js';
import type { InterpreterManifest } from '../model/manifests.js';
import { acquireFileLock } from '../store/store-lock.js';
import type { Store } from '../store/store.js';
import type { BuildSandbox } from './build-sandbox.js';
import { BUILD_ROOT, buildEnv, buildJobs, ensureBuildRoot, step, waitForOrphans } from './build-step.js';
import { buildOpenssl, OPENSSL, OPENSSL_CONFIGURE, OPENSSL_PREFIX, opensslTarball } from './openssl.js';

export const OPENSSL_ENTRY_TYPE = 'openssl-builds';
export const OPENSSL_ARCHIVE = 'openssl.tar.gz';
/** Bumped when buildOpenssl changes what it stages. */
const OPENSSL_RECIPE = 1;

/** Where OpenSSL was compiled: the build root (by sha256), or the host (its compiler and glibc). */
export type OpensslWhere = { buildRoot: string } | { host: InterpreterManifest['hostKey'] };

export function opensslBuildKey(where: OpensslWhere): string {
  return sha256Hex(
    canonicalJson({ source: OPENSSL.sha256, configure: OPENSSL_CONFIGURE, recipe: OPENSSL_RECIPE, ...where }),
  );
}

async function compileOnce(store: Store, key: string, enter: (binds: string[]) => BuildSandbox): Promise<string> {
  const tarball = await opensslTarball(store);
  await ensureBuildRoot();
  const dir = join(BUILD_ROOT, `openssl-${key}`);
  const dirLock = await acquireFileLock(`${dir}.lock`, () => log.info(`another OpenSSL build uses ${dir}; waiting`));
  try {
    const workers = `${dir}.workers`;
    await waitForOrphans(workers);
    await rm(dir, { recursive: true, force: true });
    await mkdir(join(dir, 'home'), { recursive: true });
    await mkdir(join(dir, 'tmp'), { recursive: true });
    const logPath = join(dir, 'build.log');
    await writeFile(logPath, `pyhermetic build of OpenSSL ${OPENSSL.version} (key ${key})\n`);
    const env = buildEnv(dir);
    const sandbox = enter([dir]);
    const staged = await buildOpenssl(
      tarball,
      dir,
      (name, cmd, cwd) => step(name, workers, cmd, cwd, env, logPath, sandbox),
      buildJobs(),
    );
    const out = join(dir, OPENSSL_ARCHIVE);
    const written = await writeDeterministicTarGz(staged, out);
    const entry = await store.putEntry(
      OPENSSL_ENTRY_TYPE,
      key,
      { [OPENSSL_ARCHIVE]: out },
      {
        [OPENSSL_ARCHIVE]: written.sha256,
      },
    );
    log.info(`OpenSSL ${OPENSSL.version} kept in the store (${key}, ${written.sha256})`);
    await rm(dir, { recursive: true, force: true });
    return join(entry.dir, OPENSSL_ARCHIVE);
  } finally {
    // On failure the directory stays for inspection (its build.log); the next build of the key wipes it.
    await dirLock.release();
  }
}

/**
 * The staged OpenSSL of this build root (or host) as a tarball in the store: found, or built once
 * (two builders of one key wait for each other; the first rename wins anyway).
 */
export async function ensureOpensslBuild(
  store: Store,
  where: OpensslWhere,
  enter: (binds: string[]) => BuildSandbox,
): Promise<string> {
  const key = opensslBuildKey(where);
  const found = await store.entry(OPENSSL_ENTRY_TYPE, key);
  if (found) {
    log.info(`OpenSSL ${OPENSSL.version}: store hit (${key})`);
    return join(found.dir, OPENSSL_ARCHIVE);
  }
  const lock = await store.lock(OPENSSL_ENTRY_TYPE, key, () =>
    log.info(`another process builds OpenSSL ${OPENSSL.version} for this root; waiting for it`),
  );
  try {
    const again = await store.entry(OPENSSL_ENTRY_TYPE, key);
    if (again) return join(again.dir, OPENSSL_ARCHIVE);
    return await log.stage(`OpenSSL ${OPENSSL.version} (once for this build root)`, () =>
      compileOnce(store, key, enter),
    );
  } finally {
    await lock.release();
  }
}

/** Unpacks the kept OpenSSL where an interpreter build expects it; returns the staged prefix. */
export async function unpackOpenssl(archive: string, buildDir: string): Promise<string> {
  const staged = join(buildDir, 'openssl-destdir', OPENSSL_PREFIX.replace(/^\/+/, ''));
  await extractTarGz(archive, staged);
  return staged;
}
