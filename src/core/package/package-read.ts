// Reads a package in ONE streaming pass (readTarGz refuses hostile archives): a record per file and
// symlink, the ELF dynamic info of every ELF file parsed while its bytes are in memory, the manifests,
// and the dist-info RECORD files — everything the checks need, without extracting anything.
import { UsageError } from '../../shared/errors.js';
import { parseTarGz, type EntrySink, type TarEntryInfo } from '../archive/tar-read.js';
import { sha256Hex } from '../../shared/canonical.js';
import { isElf, parseElf, type ElfInfo } from '../abi/elf.js';
import {
  ENV_MANIFEST,
  INTERPRETER_MANIFEST,
  LOCK_FILE,
  PACKAGE_MANIFEST,
  type EnvManifest,
  type FileRecord,
  type InterpreterManifest,
  type PackageManifest,
} from '../model/manifests.js';

export interface PackageContents {
  file: string;
  /** Files and symlinks (hardlinks as files), by path. Directories are in `dirs`. */
  records: Map<string, FileRecord>;
  dirs: Set<string>;
  /** Mode of every directory entry, exactly as stored (verify reports unsafe ones). */
  dirModes: Map<string, number>;
  /** The trailer manifest (pyhermetic-package.json), or undefined when the archive has none. */
  manifest?: PackageManifest;
  /** pyhermetic-env.json as packed in the tree. */
  envManifest?: EnvManifest;
  /** interpreter.json at the root, when the env was made from an interpreter artifact (it is the artifact's root). */
  interpreterManifest?: InterpreterManifest;
  /** The lock the package carries (pyhermetic/requirements.lock), as bytes; absent in packages of older packs. */
  lock?: Buffer;
  /** Every ELF file: its parsed info, or the parse error text (garbage/truncated). */
  elf: Map<string, ElfInfo | { error: string }>;
  /** Text of every `*.dist-info/RECORD`, `METADATA` and `WHEEL` (its tags: the manylinux policy), by path. */
  distInfo: Map<string, string>;
}

const DIST_INFO_FILE = /\.dist-info\/(RECORD|METADATA|WHEEL)$/;

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

/**
 * Largest ELF file parsed (ELF files are parsed whole). Anything else is hashed while it streams and
 * never held, so reading a package takes memory bounded by this limit whatever an entry's size.
 */
export const ELF_PARSE_LIMIT = 256 * 1024 * 1024;
/** Manifests, RECORD and METADATA files are kept as text up to this size. */
const TEXT_LIMIT = 64 * 1024 * 1024;

function wantsText(path: string): boolean {
  return (
    path === PACKAGE_MANIFEST ||
    path === ENV_MANIFEST ||
    path === INTERPRETER_MANIFEST ||
    path === LOCK_FILE ||
    DIST_INFO_FILE.test(path)
  );
}

type OnFile = (e: TarEntryInfo, content: Buffer | null, elfTooBig?: string) => void;

/** Keeps a regular file's bytes only when a check needs them: its text (manifests, dist-info) or an ELF file to parse. */
function selectiveSink(info: TarEntryInfo, done: OnFile): EntrySink {
  const text = wantsText(info.path);
  const parts: Buffer[] = [];
  let seen = 0;
  // Text files are kept (when not absurdly big); other files once their first 4 bytes say ELF.
  let keep: boolean | undefined = text ? info.size <= TEXT_LIMIT : undefined;
  let elfTooBig: string | undefined;
  return {
    write(chunk) {
      seen += chunk.length;
      if (keep === false) return;
      parts.push(chunk);
      if (keep === undefined && seen >= 4) {
        const elf = isElf(parts.length === 1 ? parts[0] : Buffer.concat(parts));
        keep = elf && info.size <= ELF_PARSE_LIMIT;
        if (elf && !keep)
          elfTooBig = `ELF file of ${info.size} bytes, larger than the ${ELF_PARSE_LIMIT} bytes pyhermetic parses`;
        if (!keep) parts.length = 0;
      }
    },
    end() {
      done(info, keep === true || (text && keep !== false) ? Buffer.concat(parts) : null, elfTooBig);
    },
  };
}

export async function readPackage(file: string): Promise<PackageContents> {
  const out: PackageContents = {
    file,
    records: new Map(),
    dirs: new Set(),
    dirModes: new Map(),
    elf: new Map(),
    distInfo: new Map(),
  };
  const onEntry: OnFile = (e, content, elfTooBig) => {
    const path = e.path.replace(/\/+$/, '');
    if (e.type === 'dir') {
      out.dirs.add(path);
      out.dirModes.set(path, e.mode);
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
    out.records.set(path, {
      path,
      sha256: e.sha256 ?? sha256Hex(content ?? Buffer.alloc(0)),
      size: e.size,
      mode: e.mode,
    });
    if (elfTooBig) out.elf.set(path, { error: elfTooBig });
    if (!content) {
      if (wantsText(path))
        throw new UsageError(
          `${file}: ${path} is ${e.size} bytes, far too big for a manifest or dist-info file`,
          'the package is damaged or was not made by `pyhermetic pack`: pack it again',
        );
      return;
    }
    const bytes = content;
    if (path === PACKAGE_MANIFEST) out.manifest = parseJson<PackageManifest>(file, PACKAGE_MANIFEST, bytes);
    else if (path === ENV_MANIFEST) out.envManifest = parseJson<EnvManifest>(file, ENV_MANIFEST, bytes);
    else if (path === INTERPRETER_MANIFEST)
      out.interpreterManifest = parseJson<InterpreterManifest>(file, INTERPRETER_MANIFEST, bytes);
    else if (path === LOCK_FILE) out.lock = bytes;
    else if (DIST_INFO_FILE.test(path)) out.distInfo.set(path, bytes.toString('utf8'));
    if (isElf(bytes)) {
      try {
        out.elf.set(path, parseElf(bytes));
      } catch (err) {
        out.elf.set(path, { error: (err as Error).message });
      }
    }
  };
  await parseTarGz(file, undefined, (info) => {
    if (info.path === '' || info.type !== 'file') return { write() {}, end: () => onEntry(info, null) };
    return selectiveSink(info, onEntry);
  });
  if (out.manifest?.kind !== 'pyhermetic-package' || !out.manifest.env?.interpreter) {
    throw new UsageError(
      `${file} has no valid ${PACKAGE_MANIFEST}: it was not made by \`pyhermetic pack\``,
      'make the package with `pyhermetic pack --env DIR --out FILE.tar.gz`',
    );
  }
  return out;
}
