// The self-check that the installed prefix needs nothing from the host but glibc: every ELF file's
// DT_NEEDED names only glibc's libraries (or a library inside the prefix, e.g. a shared build's own
// libpython), and the highest GLIBC_x.y any file needs is the artifact's glibc floor.
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { EnvironmentError } from '../../shared/errors.js';
import { ElfFormatError, isElf, parseElf, type ElfInfo } from '../abi/elf.js';
import { compareGlibc, isGlibcLibrary, isLibpython } from '../abi/linkage.js';
import { glibcVersions } from '../abi/elf.js';
import { readFile } from 'node:fs/promises';

export interface PrefixElf {
  /** POSIX path relative to the prefix. */
  path: string;
  info: ElfInfo;
}

export interface PrefixLinkage {
  /** The highest GLIBC_x.y any ELF file needs (`2.34`), or null when none needs a versioned symbol. */
  glibcFloor: string | null;
  /** The union of DT_NEEDED of every ELF file, sorted. */
  needed: string[];
  /** Every (file, library) pair outside glibc's libraries and the prefix. */
  violations: { path: string; library: string }[];
}

/** Every ELF file under root (regular files only; symlinks are the files they point to). */
export async function elfFilesOf(root: string, rel = ''): Promise<PrefixElf[]> {
  const out: PrefixElf[] = [];
  const entries = await readdir(join(root, rel), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const d of entries) {
    const p = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) out.push(...(await elfFilesOf(root, p)));
    else if (d.isFile()) {
      const h = await open(join(root, p), 'r');
      const head = Buffer.alloc(4);
      try {
        await h.read(head, 0, 4, 0);
      } finally {
        await h.close();
      }
      if (!isElf(head)) continue;
      try {
        out.push({ path: p, info: parseElf(await readFile(join(root, p))) });
      } catch (err) {
        if (err instanceof ElfFormatError) throw new EnvironmentError(`${p}: not a readable ELF file: ${err.message}`);
        throw err;
      }
    }
  }
  return out;
}

/**
 * The linkage of a prefix's ELF files. `allowed` are further sonames the spec declares the production
 * host provides (only libcrypt.so.1 is accepted there); a libpython is fine when the prefix ships it.
 */
export function prefixLinkage(files: PrefixElf[], allowed: readonly string[] = []): PrefixLinkage {
  const shipped = new Set(files.flatMap((f) => [f.path.split('/').pop() as string, f.info.soname ?? '']));
  const needed = new Set<string>();
  const violations: PrefixLinkage['violations'] = [];
  let floor: string | null = null;
  for (const f of files) {
    for (const lib of f.info.needed) {
      needed.add(lib);
      if (isGlibcLibrary(lib) || allowed.includes(lib)) continue;
      if (isLibpython(lib) && shipped.has(lib)) continue;
      violations.push({ path: f.path, library: lib });
    }
    const versions = glibcVersions(f.info);
    const top = versions[versions.length - 1];
    if (top && (floor === null || compareGlibc(top, floor) > 0)) floor = top;
  }
  return { glibcFloor: floor, needed: [...needed].sort(), violations };
}

/** Exit 3 naming every file and the library it needs, when a prefix needs more than glibc. */
export function assertOnlyGlibc(linkage: PrefixLinkage, where: string): void {
  if (linkage.violations.length === 0) return;
  const lines = linkage.violations.map((v) => `  ${v.path} needs ${v.library}`);
  throw new EnvironmentError(
    `the built interpreter needs libraries from the host besides glibc (${where}):\n${lines.join('\n')}`,
    'every library must be linked statically (static-libs.ts lists how each module is linked); a module that needs another host library must be disabled and listed in omittedModules',
  );
}
