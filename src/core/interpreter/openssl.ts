// OpenSSL 3 for the ssl and hashlib modules, built from its pinned source tarball into a private
// prefix inside the interpreter's build directory and linked statically (libssl.a, libcrypto.a).
//
// Why from source: Debian 11 (the build root) ships OpenSSL 1.1.1, past its end of life; a static
// libcrypto.a of Debian's is not PIC either. It is built once per build root and kept in the store
// (openssl-entry.ts): every CPython version built in that root links the same libssl.a/libcrypto.a.
//
// The pinned table is part of the build recipe (hostkey.ts BUILD_RECIPE): changing it is a new recipe.
// The tarball is Debian's orig tarball of the `openssl` source package (bookworm), byte-identical to the
// upstream release; scripts/fetch-sources.sh fetches it, `pyhermetic source import` puts it in the store.
import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { EnvironmentError } from '../../shared/errors.js';
import { extractTarGz } from '../archive/archive.js';
import type { Store } from '../store/store.js';

export const OPENSSL = {
  name: 'openssl',
  version: '3.0.22',
  file: 'openssl_3.0.22.orig.tar.gz',
  sha256: '67ebca7e50d17383028045486653492195b83db95f8558709701bb47b5c1ef81',
  debianSource: 'openssl',
  licence: 'Apache-2.0',
} as const;

/**
 * The prefix OpenSSL is configured with. It ends up in libcrypto as ENGINESDIR/MODULESDIR (never used:
 * engines and providers are built in with no-module), so it is fixed and independent of the build key.
 * The files are staged with DESTDIR under the build directory; this path is never written.
 */
export const OPENSSL_PREFIX = `/opt/pyhermetic/openssl-${OPENSSL.version}`;

/**
 * Configure options. no-shared: only .a files, so CPython cannot pick a shared libssl by accident.
 * no-module: the legacy provider is compiled into libcrypto instead of a loadable ossl-modules/legacy.so.
 * -fPIC: so libcrypto.a may also be linked into a shared object (a shared libpython, an extension).
 * --openssldir=/etc/ssl: certificates and openssl.cnf where Debian-family hosts keep them (the host's
 * CA store is used; SSL_CERT_FILE / SSL_CERT_DIR override it).
 */
export const OPENSSL_CONFIGURE = [
  'linux-x86_64',
  'no-shared',
  'no-module',
  'no-tests',
  '-fPIC',
  `--prefix=${OPENSSL_PREFIX}`,
  '--libdir=lib',
  '--openssldir=/etc/ssl',
];

/** The verified store path of the pinned OpenSSL tarball, or exit 3 saying how to get it there. */
export async function opensslTarball(store: Store): Promise<string> {
  const path = await store.blob(OPENSSL.sha256);
  if (path) return path;
  throw new EnvironmentError(
    `the OpenSSL ${OPENSSL.version} source (${OPENSSL.file}, sha256 ${OPENSSL.sha256}) is not in the store ${store.root}`,
    `fetch it with scripts/fetch-sources.sh (apt-get source ${OPENSSL.debianSource} from Debian's bookworm) and run: pyhermetic source import test/inputs/${OPENSSL.file} --store ${store.root}`,
  );
}

/** Runs one build step where the build runs (host or build root); throws when it exits non-zero. */
export type StepRunner = (name: string, cmd: string[], cwd: string) => Promise<{ stdout: string }>;

/** Extracts, configures, builds and stages OpenSSL under buildDir; returns the staged prefix (include/, lib/). */
export async function buildOpenssl(
  tarball: string,
  buildDir: string,
  runStep: StepRunner,
  jobs: number,
): Promise<string> {
  const unpacked = join(buildDir, 'openssl-unpacked');
  await rm(unpacked, { recursive: true, force: true });
  await extractTarGz(tarball, unpacked);
  const top = await readdir(unpacked);
  if (top.length !== 1) throw new EnvironmentError(`the OpenSSL tarball ${tarball} does not hold one top directory`);
  const src = join(buildDir, 'openssl-src');
  await rename(join(unpacked, top[0]), src);
  await rm(unpacked, { recursive: true });
  const destdir = join(buildDir, 'openssl-destdir');
  // perl runs Configure (perl is part of build-essential's dependencies on Debian).
  await runStep('openssl configure', ['perl', './Configure', ...OPENSSL_CONFIGURE], src);
  // build_libs + install_dev: the libraries, headers and .pc files only (no apps, docs or tests).
  await runStep('openssl make', ['make', `-j${jobs}`, 'build_libs'], src);
  await runStep('openssl install', ['make', 'install_dev', `DESTDIR=${destdir}`], src);
  // The object files are in the archives now; the tree is ~250 MB the CPython build does not need.
  await rm(src, { recursive: true, force: true });
  return join(destdir, OPENSSL_PREFIX.replace(/^\/+/, ''));
}
