// Reads a package in ONE streaming pass (readTarGz refuses hostile archives): a record per file and
// symlink, the ELF dynamic info of every ELF file parsed while its bytes are in memory, the manifests,
// and the dist-info RECORD files — everything the checks need, without extracting anything.
import { UsageError } from '../../shared/errors.js';
import { readTarGz, type TarEntryInfo } from '../archive/archive.js';
import { sha256Hex } from '../../shared/canonical.js';
import { isElf, parseElf, type ElfInfo } from '../abi/elf.js';
import {
  ENV_MANIFEST,
  INTERPRETER_MANIFEST,
  PACKAGE_MANIFEST,
  type EnvManifest,
  type FileRecord,
  type InterpreterManifest,
  type PackageManifest,
} from './manifests.js';

export interface PackageContents {
  file: string;
  /** Files and symlinks (hardlinks as files), by path. Directories are in `dirs`. */
  records: Map<string, FileRecord>;
  dirs: Set<string>;
  /** The trailer manifest (pyhermetic-package.json), or undefined when the archive has none. */
  manifest?: PackageManifest;
  /** pyhermetic-env.json as packed in the tree. */
  envManifest?: EnvManifest;
  /** interpreter.json at the root, when the env was made from an interpreter artifact (it is the artifact's root). */
  interpreterManifest?: InterpreterManifest;
  /** Every ELF file: its parsed info, or the parse error text (garbage/truncated). */
  elf: Map<string, ElfInfo | { error: string }>;
  /** Text of every `*.dist-info/RECORD` and `*.dist-info/METADATA`, by path. */
  distInfo: Map<string, string>;
}

const DIST_INFO_FILE = /\.dist-info\/(RECORD|METADATA)$/;

function parseJson<T>(file: string, name: string, content: Buffer): T {
  try {
    return JSON.parse(content.toString('utf8')) as T;
  } catch (err) {
    throw new UsageError(
      `${file}: ${name} inside the package is not valid JSON (${(err as Error).message})`,
      'the package is damaged or was not made by `pyhermetic pack`: pack it again',
    );
  }
}

export async function readPackage(file: string): Promise<PackageContents> {
  const out: PackageContents = { file, records: new Map(), dirs: new Set(), elf: new Map(), distInfo: new Map() };
  const onEntry = (e: TarEntryInfo, content: Buffer | null): void => {
    const path = e.path.replace(/\/+$/, '');
    if (e.type === 'dir') {
      out.dirs.add(path);
      return;
    }
    if (e.type === 'symlink') {
      const link = e.linkTarget ?? '';
      out.records.set(path, {
        path,
        sha256: e.sha256 ?? sha256Hex(link),
        size: Buffer.byteLength(link),
        mode: 0o777,
        link,
      });
      return;
    }
    if (e.type === 'hardlink') {
      // pack never writes hardlinks; another tool's may. It stands for the file it links to.
      const target = out.records.get((e.linkTarget ?? '').replace(/^\.\//, ''));
      out.records.set(path, { path, sha256: e.sha256 ?? target?.sha256 ?? '', size: target?.size ?? 0, mode: e.mode });
      const elf = target && out.elf.get(target.path);
      if (elf) out.elf.set(path, elf);
      return;
    }
    const bytes = content ?? Buffer.alloc(0);
    out.records.set(path, { path, sha256: e.sha256 ?? sha256Hex(bytes), size: bytes.length, mode: e.mode });
    if (path === PACKAGE_MANIFEST) out.manifest = parseJson<PackageManifest>(file, PACKAGE_MANIFEST, bytes);
    else if (path === ENV_MANIFEST) out.envManifest = parseJson<EnvManifest>(file, ENV_MANIFEST, bytes);
    else if (path === INTERPRETER_MANIFEST)
      out.interpreterManifest = parseJson<InterpreterManifest>(file, INTERPRETER_MANIFEST, bytes);
    else if (DIST_INFO_FILE.test(path)) out.distInfo.set(path, bytes.toString('utf8'));
    if (isElf(bytes)) {
      try {
        out.elf.set(path, parseElf(bytes));
      } catch (err) {
        out.elf.set(path, { error: (err as Error).message });
      }
    }
  };
  await readTarGz(file, onEntry);
  if (out.manifest?.kind !== 'pyhermetic-package' || !out.manifest.env?.interpreter) {
    throw new UsageError(
      `${file} has no valid ${PACKAGE_MANIFEST}: it was not made by \`pyhermetic pack\``,
      'make the package with `pyhermetic pack --env DIR --out FILE.tar.gz`',
    );
  }
  return out;
}
