// `interpreter build` end to end: spec → build key → store hit, or source → compile → deterministic
// artifact → store entry; then the optional --out copy. The store entry keeps the same layout as an
// --out directory (interpreter.tar.gz with interpreter.json beside it), so interpreter-ref.ts reads
// either.
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import * as log from '../../shared/log.js';
import { writeDeterministicTarGz } from '../archive/archive.js';
import { compileInterpreter, prefixFor, selfCheck } from './build.js';
import { fingerprintPython } from './fingerprint.js';
import { buildKeyOf, hostKey } from './hostkey.js';
import { INTERPRETER_MANIFEST, type InterpreterManifest, type PythonSpec } from '../package/manifests.js';
import { ensureSource } from './source.js';
import { specSha256 } from './spec.js';
import { CorruptEntryError, type Store, type StoredEntry } from '../store/store.js';
import { listTree, NON_REPRODUCIBLE, prepareForPacking, removeNewPaths } from './reproducible.js';
import { opensslTarball } from './openssl.js';
import { makeRelocatable } from './relocate.js';
import { assertOnlyGlibc, elfFilesOf, prefixLinkage } from './portable-check.js';
import { linkedLibraries } from './linked-libraries.js';
import { omittedModules } from './static-libs.js';

export const ARTIFACT = 'interpreter.tar.gz';
export const ENTRY_TYPE = 'interpreters';

export interface InterpreterBuildResult {
  key: string;
  specSha256: string;
  fingerprint: string;
  /** Path of interpreter.tar.gz: in --out when given, else in the store. */
  artifact: string;
  sha256: string;
  cached: boolean;
  manifest: InterpreterManifest;
}

async function fromEntry(entry: StoredEntry): Promise<{ manifest: InterpreterManifest; sha256: string }> {
  const manifest = JSON.parse(await readFile(join(entry.dir, INTERPRETER_MANIFEST), 'utf8')) as InterpreterManifest;
  const sha256 = entry.manifest.files[ARTIFACT]?.sha256;
  if (!sha256 || !entry.manifest.files[INTERPRETER_MANIFEST]) {
    throw new CorruptEntryError(
      `entries/${ENTRY_TYPE}/${entry.manifest.key}`,
      `it lacks ${ARTIFACT} or ${INTERPRETER_MANIFEST}`,
    );
  }
  return { manifest, sha256 };
}

/** Copies a file into dir under name atomically (temp in the same directory, fsync, rename). */
async function copyAtomic(src: string, dir: string, name: string): Promise<string> {
  const dest = join(dir, name);
  const tmp = join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await copyFile(src, tmp);
    const h = await open(tmp, 'r+');
    await h.chmod(0o644);
    await h.sync();
    await h.close();
    await rename(tmp, dest);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  const d = await open(dir, 'r');
  await d.sync();
  await d.close();
  return dest;
}

export async function buildInterpreter(
  store: Store,
  spec: PythonSpec,
  opts: { outDir?: string } = {},
): Promise<InterpreterBuildResult> {
  const specHash = specSha256(spec);
  const host = await hostKey();
  const key = buildKeyOf(specHash, host);
  log.info(`spec sha256 ${specHash}`);
  log.info(`build key ${key} (${host.compiler}; glibc ${host.glibc}; ${host.machine})`);
  if (opts.outDir) {
    await mkdir(opts.outDir, { recursive: true }).catch((err: Error) => {
      throw new UsageError(
        `cannot create the --out directory ${opts.outDir}: ${err.message}`,
        'pass a writable directory',
      );
    });
  }

  let entry = await store.entry(ENTRY_TYPE, key);
  let cached = true;
  if (!entry) {
    const lock = await store.lock(ENTRY_TYPE, key, () =>
      log.info('another build of this key into this store is running; waiting for it'),
    );
    try {
      entry = await store.entry(ENTRY_TYPE, key);
      if (!entry) {
        cached = false;
        entry = await buildAndStore(store, spec, specHash, host, key);
      }
    } finally {
      await lock.release();
    }
  }
  const { manifest, sha256 } = await fromEntry(entry);
  if (cached) log.info(`store hit: ${entry.dir}`);
  let artifact = join(entry.dir, ARTIFACT);
  if (opts.outDir) {
    artifact = await copyAtomic(join(entry.dir, ARTIFACT), opts.outDir, ARTIFACT);
    await copyAtomic(join(entry.dir, INTERPRETER_MANIFEST), opts.outDir, INTERPRETER_MANIFEST);
  }
  return { key, specSha256: specHash, fingerprint: manifest.fingerprint, artifact, sha256, cached, manifest };
}

async function buildAndStore(
  store: Store,
  spec: PythonSpec,
  specHash: string,
  host: InterpreterManifest['hostKey'],
  key: string,
): Promise<StoredEntry> {
  const source = await log.stage('source', async () => {
    const s = await ensureSource(store, spec, (url) => log.info(`fetching ${url}`));
    log.info(`source ${s.sha256} from ${s.from}`);
    return s;
  });
  const openssl = spec.configure.shared ? undefined : await opensslTarball(store);
  const compiled = await compileInterpreter(spec, source.path, key, { opensslTarball: openssl });
  try {
    const python = join(compiled.prefix, compiled.python);
    const relocated = await makeRelocatable(compiled.prefix, prefixFor(spec), python);
    const installed = await listTree(compiled.prefix);
    await selfCheck(spec, python);
    const linkage = await log.stage('linkage check', async () => {
      const l = prefixLinkage(await elfFilesOf(compiled.prefix), spec.systemLibraries);
      // A shared build links the host's libraries (static-libs.ts says why); it records them instead.
      if (!spec.configure.shared) assertOnlyGlibc(l, compiled.prefix);
      log.info(`glibc floor ${l.glibcFloor ?? 'none'}; needs ${l.needed.join(', ')}`);
      return l;
    });
    const linked = spec.configure.shared ? [] : await linkedLibraries('/');
    const fp = await fingerprintPython(python);
    log.info(`fingerprint ${fp.fingerprint}`);
    const strays = await removeNewPaths(compiled.prefix, installed);
    if (strays.length > 0)
      log.info(
        `removed ${strays.length} path(s) written by running the interpreter (${strays.slice(0, 3).join(', ')}${strays.length > 3 ? ', …' : ''})`,
      );
    const launchers = await prepareForPacking(compiled.prefix, prefixFor(spec), compiled.python);
    log.info(`relative launchers for ${launchers.join(', ') || 'no scripts'}`);
    const tarPath = join(compiled.buildDir, ARTIFACT);
    let manifestBytes: Buffer | undefined;
    const written = await log.stage('artifact', () =>
      writeDeterministicTarGz(compiled.prefix, tarPath, {
        trailer: (files) => {
          const manifest: InterpreterManifest = {
            schema: 1,
            kind: 'pyhermetic-interpreter',
            spec,
            specSha256: specHash,
            sourceSha256: spec.source.sha256,
            hostKey: host,
            buildKey: key,
            fingerprint: fp.fingerprint,
            fields: fp.fields,
            python: compiled.python,
            configuredPrefix: prefixFor(spec),
            files,
            ...(NON_REPRODUCIBLE.length > 0 ? { nonReproducible: NON_REPRODUCIBLE } : {}),
            glibcFloor: linkage.glibcFloor,
            needed: linkage.needed,
            onlyGlibc: linkage.violations.length === 0,
            linkedLibraries: linked,
            omittedModules: spec.configure.shared ? [] : omittedModules(spec.systemLibraries),
            relocated,
          };
          manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
          return { [INTERPRETER_MANIFEST]: manifestBytes };
        },
      }),
    );
    log.info(
      `artifact sha256 ${written.sha256} (${(written.size / 1024 / 1024).toFixed(1)} MiB, ${written.files.length} files)`,
    );
    const entry = await store.putEntry(
      ENTRY_TYPE,
      key,
      { [ARTIFACT]: tarPath, [INTERPRETER_MANIFEST]: manifestBytes! },
      { [ARTIFACT]: written.sha256 },
    );
    await compiled.done();
    return entry;
  } catch (err) {
    await compiled.done().catch(() => undefined);
    throw err;
  }
}
