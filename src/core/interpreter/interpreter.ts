import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyFileAtomic } from '../../shared/atomic-file.js';
import { ensureOutputDir } from '../../shared/safe-dirs.js';
import * as log from '../../shared/log.js';
import { writeDeterministicTarGz } from '../archive/archive.js';
import { type CompiledPrefix, compileInterpreter, prefixFor, selfCheck } from './build.js';
import { lockInRoot, type PreparedBuildRoot, prepareBuildRoot } from './buildroot.js';
import { fingerprintPython } from './fingerprint.js';
import { buildKeyOf, hostKey } from './hostkey.js';
import { INTERPRETER_MANIFEST, type InterpreterManifest, type PythonSpec } from '../model/manifests.js';
import { ensureSource } from './source.js';
import { specSha256 } from './spec.js';
import { CorruptEntryError, type EntryManifest, type Store, type StoredEntry } from '../store/store.js';
import { RemoteError } from '../store/remote-http.js';
import { interpreterEntryProblems, type WantedInterpreter } from './interpreter-trust.js';
import { obtainEntry, type EntryFrom } from '../store/read-through.js';
import type { RemoteStore } from '../store/remote.js';
import { listTree, NON_REPRODUCIBLE, prepareForPacking, removeNewPaths } from './reproducible.js';
import { ensureOpensslBuild } from './openssl-entry.js';
import { hostSandbox } from './build-sandbox.js';
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
  /** Where the entry came from: this store, the remote store (--remote), or a build. */
  from: EntryFrom;
  /** With --remote --publish: whether it was uploaded or the remote already had it. */
  published?: 'published' | 'existed';
  manifest: InterpreterManifest;
}

/** The remote entry is the interpreter asked for (interpreter-trust.ts), or exit 3 naming the field. */
async function acceptRemoteInterpreter(
  files: Record<string, string>,
  manifest: EntryManifest,
  want: WantedInterpreter,
): Promise<void> {
  const problems = await interpreterEntryProblems(
    {
      artifact: files[ARTIFACT],
      manifest: files[INTERPRETER_MANIFEST],
      manifestSha256: manifest.files[INTERPRETER_MANIFEST].sha256,
    },
    want,
  );
  if (problems.length > 0)
    throw new RemoteError(
      `the remote entry ${ENTRY_TYPE}/${want.key} is not the interpreter asked for: ${problems.join('; ')}; nothing was stored`,
      'a remote entry is trusted for what it is, not for where it came from: have it removed from the remote store (someone published a wrong or forged entry under this key); without --remote the interpreter is built here',
    );
}

async function fromEntry(entry: StoredEntry): Promise<{ manifest: InterpreterManifest; sha256: string }> {
  let manifest: InterpreterManifest;
  try {
    manifest = JSON.parse(await readFile(join(entry.dir, INTERPRETER_MANIFEST), 'utf8')) as InterpreterManifest;
  } catch (err) {
    throw new CorruptEntryError(
      `entries/${ENTRY_TYPE}/${entry.manifest.key}`,
      `${INTERPRETER_MANIFEST}: ${(err as Error).message}`,
    );
  }
  const sha256 = entry.manifest.files[ARTIFACT]?.sha256;
  if (!sha256 || !entry.manifest.files[INTERPRETER_MANIFEST]) {
    throw new CorruptEntryError(
      `entries/${ENTRY_TYPE}/${entry.manifest.key}`,
      `it lacks ${ARTIFACT} or ${INTERPRETER_MANIFEST}`,
    );
  }
  return { manifest, sha256 };
}

export async function buildInterpreter(
  store: Store,
  spec: PythonSpec,
  opts: { outDir?: string; remote?: RemoteStore } = {},
): Promise<InterpreterBuildResult> {
  const specHash = specSha256(spec);
  // With a build root the key needs only its sha256: a store hit needs neither the root nor a sandbox.
  const host = spec.buildRoot ? null : await hostKey();
  const key = buildKeyOf(specHash, host, spec.buildRoot?.sha256);
  log.info(`spec sha256 ${specHash}`);
  log.info(
    `build key ${key} (${host ? `${host.compiler}; glibc ${host.glibc}; ${host.machine}` : `build root ${spec.buildRoot!.sha256}`})`,
  );
  // Created if missing; a symlink, a directory of another user or one others can write is refused.
  if (opts.outDir) ensureOutputDir(opts.outDir, 'the --out directory');

  const { entry, from, published } = await obtainEntry(
    store,
    opts.remote,
    ENTRY_TYPE,
    key,
    () => buildAndStore(store, spec, specHash, host, key, opts.remote),
    {
      requiredFiles: [ARTIFACT, INTERPRETER_MANIFEST],
      accept: (files, manifest) => acceptRemoteInterpreter(files, manifest, { key, specSha256: specHash }),
    },
  );
  const cached = from !== 'build';
  const { manifest, sha256 } = await fromEntry(entry);
  if (from === 'local') log.info(`store hit: ${entry.dir}`);
  let artifact = join(entry.dir, ARTIFACT);
  if (opts.outDir) {
    artifact = await copyFileAtomic(join(entry.dir, ARTIFACT), join(opts.outDir, ARTIFACT));
    await copyFileAtomic(join(entry.dir, INTERPRETER_MANIFEST), join(opts.outDir, INTERPRETER_MANIFEST));
  }
  return {
    key,
    specSha256: specHash,
    fingerprint: manifest.fingerprint,
    artifact,
    sha256,
    cached,
    from,
    published,
    manifest,
  };
}

/**
 * The compiled prefix made relocatable, self-checked, its linkage judged and recorded, fingerprinted, and
 * cleaned of what running it wrote: everything interpreter.json says about it besides its files.
 */
async function checkCompiled(spec: PythonSpec, compiled: CompiledPrefix, root: PreparedBuildRoot | undefined) {
  const python = join(compiled.prefix, compiled.python);
  const relocated = await makeRelocatable(compiled.prefix, prefixFor(spec), python);
  const installed = await listTree(compiled.prefix);
  await selfCheck(spec, python, compiled.sandbox);
  const linkage = await log.stage('linkage check', async () => {
    const l = prefixLinkage(await elfFilesOf(compiled.prefix), spec.systemLibraries);
    // A shared build links the host's libraries (static-libs.ts says why); it records them instead.
    if (!spec.configure.shared) assertOnlyGlibc(l, compiled.prefix);
    log.info(`glibc floor ${l.glibcFloor ?? 'none'}; needs ${l.needed.join(', ')}`);
    return l;
  });
  // The -dev packages the libraries came from are the build root's (their .deb sha256 from its lock).
  const linked = spec.configure.shared
    ? []
    : root
      ? await linkedLibraries(root.info.dir, (await lockInRoot(root.info)) ?? null)
      : await linkedLibraries('/');
  const fp = await fingerprintPython(python, { sandbox: compiled.sandbox });
  log.info(`fingerprint ${fp.fingerprint}`);
  const strays = await removeNewPaths(compiled.prefix, installed);
  if (strays.length > 0)
    log.info(
      `removed ${strays.length} path(s) written by running the interpreter (${strays.slice(0, 3).join(', ')}${strays.length > 3 ? ', …' : ''})`,
    );
  const launchers = await prepareForPacking(compiled.prefix, prefixFor(spec), compiled.python);
  log.info(`relative launchers for ${launchers.join(', ') || 'no scripts'}`);
  return { relocated, linkage, linked, fp };
}

async function buildAndStore(
  store: Store,
  spec: PythonSpec,
  specHash: string,
  hostOfKey: InterpreterManifest['hostKey'] | null,
  key: string,
  remote: RemoteStore | undefined,
): Promise<StoredEntry> {
  const root = spec.buildRoot ? await prepareBuildRoot(store, spec.buildRoot, remote) : undefined;
  // Recorded in interpreter.json: with a build root, the compiler and glibc inside it (deterministic).
  const host = hostOfKey ?? (await hostKey(root!.enter([])));
  const source = await log.stage('source', async () => {
    const s = await ensureSource(store, spec, (url) => log.info(`fetching ${url}`), remote);
    log.info(`source ${s.sha256} from ${s.from}`);
    return s;
  });
  // Built once per build root (or host) and kept in the store: openssl-entry.ts.
  const openssl = spec.configure.shared
    ? undefined
    : await ensureOpensslBuild(
        store,
        root ? { buildRoot: root.info.sha256 } : { host },
        root?.enter ?? (() => hostSandbox),
      );
  const compiled = await compileInterpreter(spec, source.path, key, { opensslArchive: openssl }, root?.enter);
  try {
    const { relocated, linkage, linked, fp } = await checkCompiled(spec, compiled, root);
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
            buildRoot: root ? { sha256: root.info.sha256, suite: root.info.suite, glibc: root.info.glibc } : null,
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
            omittedModules: spec.configure.shared ? [] : omittedModules(spec.systemLibraries, spec.version),
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
