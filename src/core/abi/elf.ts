// A minimal ELF reader: just enough to answer "what will the dynamic loader need to load this file?"
// (DT_NEEDED, RUNPATH/RPATH, SONAME, GNU symbol version needs). Hand-written instead of spawning readelf
// so audits and verify work on bytes streamed out of wheels and tarballs, on any agent, in parallel.
//
// Every read is bounds-checked and every loop has a cap: a hostile or truncated file yields an
// ElfFormatError saying what was wrong, never a RangeError, a hang or a huge allocation.
import {
  addrToOffset,
  DT_NEEDED,
  DT_RPATH,
  DT_RUNPATH,
  DT_SONAME,
  DT_STRSZ,
  DT_STRTAB,
  DT_VERNEED,
  DT_VERNEEDNUM,
  ElfFormatError,
  type ElfVersionNeed,
  ET,
  type ProgramHeader,
  PT_DYNAMIC,
  PT_INTERP,
  PT_LOAD,
  type Range,
  range,
  Reader,
  readDynamic,
  readProgramHeaders,
  readSectionHeaders,
  readString,
  readVersionNeeds,
  type SectionHeader,
  SHT_DYNAMIC,
  SHT_GNU_VERNEED,
} from './elf-structures.js';

export { ElfFormatError, type ElfVersionNeed };

export interface ElfInfo {
  bits: 32 | 64;
  endian: 'little' | 'big';
  type: 'exec' | 'dyn' | 'rel' | 'core' | 'other';
  machine: number;
  needed: string[];
  runpath: string[];
  rpath: string[];
  soname?: string;
  versionNeeds: ElfVersionNeed[];
  /** PT_INTERP (e.g. /lib64/ld-linux-x86-64.so.2): present for executables, including PIE ones (type 'dyn'). */
  interpreter?: string;
}

const MAGIC = [0x7f, 0x45, 0x4c, 0x46];

export function isElf(buf: Buffer): boolean {
  return buf.length >= 4 && MAGIC.every((b, i) => buf[i] === b);
}

const splitPath = (s: string): string[] => (s === '' ? [] : s.split(':'));

/** The identification and ELF header: word size, byte order, type, machine and the header tables. */
function readHeaders(buf: Buffer) {
  if (!isElf(buf)) throw new ElfFormatError('not an ELF file (no \\x7fELF magic)');
  if (buf.length < 16) throw new ElfFormatError(`truncated: ${buf.length} bytes, shorter than the ELF identification`);
  const cls = buf[4];
  const data = buf[5];
  if (cls !== 1 && cls !== 2) throw new ElfFormatError(`corrupt: unknown ELF class ${cls} (1 = 32-bit, 2 = 64-bit)`);
  if (data !== 1 && data !== 2)
    throw new ElfFormatError(`corrupt: unknown ELF data encoding ${data} (1 = little, 2 = big endian)`);
  const bits = cls === 2 ? 64 : 32;
  const r = new Reader(buf, bits, data === 1);
  const ehsize = bits === 64 ? 64 : 52;
  if (buf.length < ehsize)
    throw new ElfFormatError(`truncated: ${buf.length} bytes, shorter than the ${bits}-bit ELF header (${ehsize})`);

  const etype = r.u16(16, 'e_type');
  const machine = r.u16(18, 'e_machine');
  const [phoff, shoff] =
    bits === 64 ? [r.u64(32, 'e_phoff'), r.u64(40, 'e_shoff')] : [r.u32(28, 'e_phoff'), r.u32(32, 'e_shoff')];
  const h = bits === 64 ? 54 : 42;
  const phentsize = r.u16(h, 'e_phentsize');
  let phnum = r.u16(h + 2, 'e_phnum');
  const shentsize = r.u16(h + 4, 'e_shentsize');
  const shnum = r.u16(h + 6, 'e_shnum');

  const sections = readSectionHeaders(r, shoff, shentsize, shnum);
  // PN_XNUM: the real program header count is in section 0's sh_info.
  if (phnum === 0xffff && sections.length > 0) phnum = sections[0].info;
  const programs = readProgramHeaders(r, phoff, phentsize, phnum);

  const info: ElfInfo = {
    bits,
    endian: data === 1 ? 'little' : 'big',
    type: (ET as Record<number, ElfInfo['type']>)[etype] ?? 'other',
    machine,
    needed: [],
    runpath: [],
    rpath: [],
    versionNeeds: [],
  };
  return { r, info, sections, programs };
}

/** The dynamic string table: DT_STRTAB through the PT_LOAD mapping, else the section linked from SHT_DYNAMIC. */
function dynamicStrtab(
  r: Reader,
  first: (tag: number) => number | undefined,
  loads: ProgramHeader[],
  sections: SectionHeader[],
  dynSec: SectionHeader | undefined,
): Range | undefined {
  const strAddr = first(DT_STRTAB);
  const strOff = strAddr === undefined ? undefined : addrToOffset(loads, strAddr);
  if (strOff !== undefined) {
    const strsz = first(DT_STRSZ);
    const size = strsz === undefined ? r.buf.length - strOff : Math.min(strsz, r.buf.length - strOff);
    return range(r, strOff, size, 'the dynamic string table');
  }
  if (dynSec && dynSec.link > 0 && dynSec.link < sections.length) {
    const s = sections[dynSec.link];
    return range(r, s.offset, s.size, 'the dynamic string table section');
  }
  return undefined;
}

/** Parses the headers and dynamic section of an ELF file held in memory. Throws ElfFormatError on anything malformed. */
export function parseElf(buf: Buffer): ElfInfo {
  const { r, info, sections, programs } = readHeaders(buf);
  const interp = programs.find((p) => p.type === PT_INTERP);
  if (interp) {
    const ir = range(r, interp.offset, interp.filesz, 'PT_INTERP');
    const nul = buf.indexOf(0, ir.start);
    info.interpreter = buf.toString('utf8', ir.start, nul >= 0 && nul < ir.end ? nul : ir.end);
  }

  // The loader uses PT_DYNAMIC; the section table is optional (strip can remove it) so it is only the fallback.
  const loads = programs.filter((p) => p.type === PT_LOAD);
  const dynSeg = programs.find((p) => p.type === PT_DYNAMIC);
  const dynSec = sections.find((s) => s.type === SHT_DYNAMIC);
  let dynRange: Range | undefined;
  if (dynSeg) dynRange = range(r, dynSeg.offset, dynSeg.filesz, 'PT_DYNAMIC');
  else if (dynSec) dynRange = range(r, dynSec.offset, dynSec.size, 'the dynamic section');
  if (!dynRange) return info;
  const entries = readDynamic(r, dynRange);
  const first = (tag: number): number | undefined => entries.find((e) => e.tag === tag)?.val;

  const strtab = dynamicStrtab(r, first, loads, sections, dynSec);
  const needsStrings = entries.some((e) => [DT_NEEDED, DT_SONAME, DT_RPATH, DT_RUNPATH].includes(e.tag));
  if (!strtab) {
    if (needsStrings || first(DT_VERNEED) !== undefined)
      throw new ElfFormatError('corrupt: dynamic entries name strings but the dynamic string table cannot be located');
    return info;
  }
  for (const e of entries) {
    if (e.tag === DT_NEEDED) info.needed.push(readString(r, strtab, e.val, 'DT_NEEDED'));
    else if (e.tag === DT_SONAME && info.soname === undefined) info.soname = readString(r, strtab, e.val, 'DT_SONAME');
    else if (e.tag === DT_RUNPATH) info.runpath.push(...splitPath(readString(r, strtab, e.val, 'DT_RUNPATH')));
    else if (e.tag === DT_RPATH) info.rpath.push(...splitPath(readString(r, strtab, e.val, 'DT_RPATH')));
  }

  // GNU version needs: DT_VERNEED/DT_VERNEEDNUM through PT_LOAD, else the SHT_GNU_verneed section.
  const vnAddr = first(DT_VERNEED);
  const vnOff = vnAddr === undefined ? undefined : addrToOffset(loads, vnAddr);
  const vnSec = sections.find((s) => s.type === SHT_GNU_VERNEED);
  if (vnOff !== undefined) {
    info.versionNeeds = readVersionNeeds(r, vnOff, first(DT_VERNEEDNUM) ?? vnSec?.info ?? 0, strtab, buf.length);
  } else if (vnSec) {
    const vr = range(r, vnSec.offset, vnSec.size, 'the version-need section');
    info.versionNeeds = readVersionNeeds(r, vr.start, vnSec.info, strtab, vr.end);
  }
  return info;
}

/** Compares dotted version numbers numerically (2.17 < 2.2.5 is false: 17 > 2). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** The glibc symbol versions (`GLIBC_2.17` → `2.17`) a file needs, from any library. GLIBC_PRIVATE is not a version. */
export function glibcVersions(info: ElfInfo): string[] {
  const out = new Set<string>();
  for (const need of info.versionNeeds) {
    for (const v of need.versions) {
      const m = /^GLIBC_(\d+(?:\.\d+)*)$/.exec(v);
      if (m) out.add(m[1]);
    }
  }
  return [...out].sort(compareVersions);
}

/** The highest GLIBC_x.y the file needs, as `x.y`, or undefined when it needs none. */
export function maxGlibcVersion(info: ElfInfo): string | undefined {
  const all = glibcVersions(info);
  return all.length > 0 ? all[all.length - 1] : undefined;
}
