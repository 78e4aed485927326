// The glibc floor of an interpreter: the oldest glibc it runs on. The default of every `--glibc-max`
// (verify, lock, cache audit, the pipeline), because a package can never run below its interpreter.
// interpreter.json declares it (`glibcFloor`, written by builds in a pinned build root); an older
// artifact, an installed prefix or a python executable has none, so the floor is computed from the
// interpreter's own ELF files: the highest GLIBC_x.y any of them needs.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EnvironmentError } from '../../shared/errors.js';
import { run, scrubbedEnv, tail } from '../../shared/exec.js';
import { isElf, maxGlibcVersion, parseElf, type ElfInfo } from '../abi/elf.js';
import { compareGlibc, parseGlibcVersion } from '../abi/linkage.js';
import { readTarGz } from '../archive/archive.js';
import type { InterpreterManifest } from '../model/manifests.js';
import type { InterpreterRef } from './interpreter-ref.js';

export interface GlibcFloor {
  /** `2.31`; undefined when no file of the interpreter needs a versioned glibc symbol (not a glibc build). */
  version?: string;
  /** Where the number comes from, for the report. */
  source: string;
}

/** The highest GLIBC_x.y among the given files, or undefined. */
export function highestGlibc(infos: Iterable<ElfInfo>): string | undefined {
  let best: string | undefined;
  for (const info of infos) {
    const v = maxGlibcVersion(info);
    if (v && (!best || compareGlibc(v, best) > 0)) best = v;
  }
  return best;
}

/** `glibcFloor` of an interpreter.json (issue 11's portable builds), when it holds a version. */
export function declaredGlibcFloor(manifest: InterpreterManifest | undefined): string | undefined {
  const v = (manifest as { glibcFloor?: unknown } | undefined)?.glibcFloor;
  return typeof v === 'string' ? parseGlibcVersion(v) : undefined;
}

/** The ELF info of `bytes`, or undefined: a damaged file is verify's finding to report, not a reason to refuse a floor. */
function elfInfo(bytes: Buffer | null | undefined): ElfInfo | undefined {
  if (!bytes || !isElf(bytes)) return undefined;
  try {
    return parseElf(bytes);
  } catch {
    return undefined;
  }
}

async function floorOfArtifact(tarball: string): Promise<string | undefined> {
  const infos: ElfInfo[] = [];
  await readTarGz(tarball, (_e, content) => {
    const info = elfInfo(content);
    if (info) infos.push(info);
  });
  return highestGlibc(infos);
}

// Prints the interpreter's own binaries: the executable, libpython when shared, lib-dynload's modules.
const PROBE = `
import json, os, sys, sysconfig
v = sysconfig.get_config_var
libs = []
if v('Py_ENABLE_SHARED'):
    for d in (v('LIBDIR'), os.path.join(v('LIBDIR') or '', v('MULTIARCH') or '')):
        p = os.path.join(d or '', v('INSTSONAME') or '')
        if os.path.isfile(p):
            libs.append(p)
            break
print(json.dumps({'exe': os.path.realpath(sys.executable), 'libs': libs, 'dynload': v('DESTSHARED') or ''}))
`;

async function floorOfInstalled(python: string): Promise<string | undefined> {
  const r = await run(python, ['-I', '-c', PROBE], { env: scrubbedEnv(), timeoutMs: 60_000 });
  if (r.exitCode !== 0)
    throw new EnvironmentError(
      `${python} did not report its own files (${r.spawnError ?? `exit ${r.exitCode}`}): ${tail(r.stderr, 5)}`,
      'pass --glibc-max X.Y explicitly, or an interpreter that runs on this machine',
    );
  const doc = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { exe: string; libs: string[]; dynload: string };
  const dynload = doc.dynload
    ? (await readdir(doc.dynload).catch(() => [] as string[])).filter((n) => n.endsWith('.so'))
    : [];
  const files = [doc.exe, ...doc.libs, ...dynload.map((n) => join(doc.dynload, n))];
  const infos: ElfInfo[] = [];
  for (const f of files) {
    const info = elfInfo(await readFile(f).catch(() => undefined));
    if (info) infos.push(info);
  }
  return highestGlibc(infos);
}

/** The interpreter's glibc floor: declared in its interpreter.json, else computed from its ELF files. */
export async function interpreterGlibcFloor(ref: InterpreterRef): Promise<GlibcFloor> {
  const declared = declaredGlibcFloor(ref.manifest);
  if (declared) return { version: declared, source: 'glibcFloor of interpreter.json' };
  if (ref.kind === 'artifact' && ref.artifactPath)
    return {
      version: await floorOfArtifact(ref.artifactPath),
      source: "computed from the interpreter's ELF files",
    };
  if (!ref.python) return { source: 'unknown' };
  return { version: await floorOfInstalled(ref.python), source: "computed from the interpreter's ELF files" };
}
