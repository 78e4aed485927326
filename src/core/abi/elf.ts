// A minimal ELF reader: just enough to answer "what will the dynamic loader need to load this file?"
// (DT_NEEDED, RUNPATH/RPATH, SONAME, GNU symbol version needs). Hand-written instead of spawning readelf
// so audits and verify work on bytes streamed out of wheels and tarballs, on any agent, in parallel.
//
// Every read is bounds-checked and every loop has a cap: a hostile or truncated file yields an
// ElfFormatError saying what was wrong, never a RangeError, a hang or a huge allocation.

export class ElfFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ElfFormatError';
  }
}

export interface ElfVersionNeed {
  /** The library the versions are needed from (vn_file), e.g. libc.so.6. */
  file: string;
  /** Version names in file order, e.g. GLIBC_2.2.5, GLIBC_2.17. */
  versions: string[];
}

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

// Caps far above anything a real toolchain writes; they exist to stop hostile counts, not to limit real files.
const MAX_HEADERS = 65_536;
const MAX_DYNAMIC_ENTRIES = 1 << 20;
const MAX_VERNEED = 4_096;
const MAX_VERNAUX = 4_096;

const ET = { 1: 'rel', 2: 'exec', 3: 'dyn', 4: 'core' } as const;
const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const SHT_DYNAMIC = 6;
const SHT_GNU_VERNEED = 0x6ffffffe;
const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_STRSZ = 10;
const DT_SONAME = 14;
const DT_RPATH = 15;
const DT_RUNPATH = 29;
const DT_VERNEED = 0x6ffffffe;
const DT_VERNEEDNUM = 0x6fffffff;

/**
 * The bytes the reader reads: a Buffer, or a view over the chunks a file streamed in as
 * (chunked-bytes.ts), so a file read out of an archive is parsed without being copied together.
 */
export interface ByteView {
  readonly length: number;
  readUInt8(off: number): number;
  readUInt16LE(off: number): number;
  readUInt16BE(off: number): number;
  readUInt32LE(off: number): number;
  readUInt32BE(off: number): number;
  readBigUInt64LE(off: number): bigint;
  readBigUInt64BE(off: number): bigint;
  readBigInt64LE(off: number): bigint;
  readBigInt64BE(off: number): bigint;
  indexOf(value: number, byteOffset: number): number;
  toString(encoding: 'utf8', start: number, end: number): string;
}

export function isElf(buf: ByteView): boolean {
  return buf.length >= 4 && MAGIC.every((b, i) => buf.readUInt8(i) === b);
}

/** Bounds-checked integer reads in the file's byte order and word size. */
class Reader {
  constructor(
    readonly buf: ByteView,
    readonly bits: 32 | 64,
    readonly little: boolean,
  ) {}

  private check(off: number, size: number, what: string): void {
    if (!Number.isSafeInteger(off) || off < 0 || off + size > this.buf.length) {
      throw new ElfFormatError(
        `truncated or corrupt: ${what} at offset ${off} (+${size}) lies outside the file (${this.buf.length} bytes)`,
      );
    }
  }
  u8(off: number, what: string): number {
    this.check(off, 1, what);
    return this.buf.readUInt8(off);
  }
  u16(off: number, what: string): number {
    this.check(off, 2, what);
    return this.little ? this.buf.readUInt16LE(off) : this.buf.readUInt16BE(off);
  }
  u32(off: number, what: string): number {
    this.check(off, 4, what);
    return this.little ? this.buf.readUInt32LE(off) : this.buf.readUInt32BE(off);
  }
  /** A 64-bit value as a Number; values beyond 2^53 cannot be an offset in a Buffer, so they are corrupt. */
  u64(off: number, what: string): number {
    this.check(off, 8, what);
    const v = this.little ? this.buf.readBigUInt64LE(off) : this.buf.readBigUInt64BE(off);
    if (v > BigInt(Number.MAX_SAFE_INTEGER))
      throw new ElfFormatError(`corrupt: ${what} at offset ${off} is ${v}, beyond any file offset`);
    return Number(v);
  }
  /** A signed 64-bit value (d_tag), clamped into the Number range; only small tags matter to us. */
  i64(off: number, what: string): number {
    this.check(off, 8, what);
    const v = this.little ? this.buf.readBigInt64LE(off) : this.buf.readBigInt64BE(off);
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) return -1;
    return Number(v);
  }
  /** An Elf_Addr / Elf_Off / Elf_Xword sized field. */
  word(off: number, what: string): number {
    return this.bits === 64 ? this.u64(off, what) : this.u32(off, what);
  }
}

interface ProgramHeader {
  type: number;
  offset: number;
  vaddr: number;
  filesz: number;
}
interface SectionHeader {
  type: number;
  offset: number;
  size: number;
  link: number;
  info: number;
}

function readProgramHeaders(r: Reader, phoff: number, phentsize: number, phnum: number): ProgramHeader[] {
  const min = r.bits === 64 ? 56 : 32;
  if (phnum === 0) return [];
  if (phentsize < min)
    throw new ElfFormatError(`corrupt: program header entry size ${phentsize} is smaller than ${min}`);
  if (phnum > MAX_HEADERS) throw new ElfFormatError(`corrupt: ${phnum} program headers (more than ${MAX_HEADERS})`);
  range(r, phoff, phnum * phentsize, `the program header table (${phnum} entries)`);
  const out: ProgramHeader[] = [];
  for (let i = 0; i < phnum; i++) {
    const b = phoff + i * phentsize;
    const what = `program header ${i}`;
    if (r.bits === 64) {
      out.push({
        type: r.u32(b, what),
        offset: r.u64(b + 8, what),
        vaddr: r.u64(b + 16, what),
        filesz: r.u64(b + 32, what),
      });
    } else {
      out.push({
        type: r.u32(b, what),
        offset: r.u32(b + 4, what),
        vaddr: r.u32(b + 8, what),
        filesz: r.u32(b + 16, what),
      });
    }
  }
  return out;
}

function readSectionHeader(r: Reader, b: number, i: number): SectionHeader {
  const what = `section header ${i}`;
  if (r.bits === 64) {
    return {
      type: r.u32(b + 4, what),
      offset: r.u64(b + 24, what),
      size: r.u64(b + 32, what),
      link: r.u32(b + 40, what),
      info: r.u32(b + 44, what),
    };
  }
  return {
    type: r.u32(b + 4, what),
    offset: r.u32(b + 16, what),
    size: r.u32(b + 20, what),
    link: r.u32(b + 24, what),
    info: r.u32(b + 28, what),
  };
}

function readSectionHeaders(r: Reader, shoff: number, shentsize: number, shnum: number): SectionHeader[] {
  if (shoff === 0) return [];
  const min = r.bits === 64 ? 64 : 40;
  if (shentsize < min)
    throw new ElfFormatError(`corrupt: section header entry size ${shentsize} is smaller than ${min}`);
  // Extended numbering: e_shnum 0 with a section table means the count lives in section 0's sh_size.
  const count = shnum === 0 ? readSectionHeader(r, shoff, 0).size : shnum;
  if (count > MAX_HEADERS) throw new ElfFormatError(`corrupt: ${count} section headers (more than ${MAX_HEADERS})`);
  range(r, shoff, count * shentsize, `the section header table (${count} entries)`);
  const out: SectionHeader[] = [];
  for (let i = 0; i < count; i++) out.push(readSectionHeader(r, shoff + i * shentsize, i));
  return out;
}

/** A byte range of the file: [start, end). */
interface Range {
  start: number;
  end: number;
}

function range(r: Reader, offset: number, size: number, what: string): Range {
  if (!Number.isSafeInteger(offset + size) || offset < 0 || size < 0 || offset + size > r.buf.length) {
    throw new ElfFormatError(
      `truncated or corrupt: ${what} (offset ${offset}, ${size} bytes) lies outside the file (${r.buf.length} bytes)`,
    );
  }
  return { start: offset, end: offset + size };
}

/** Maps a virtual address to a file offset through the PT_LOAD segments, as the loader would. */
function addrToOffset(loads: ProgramHeader[], addr: number): number | undefined {
  for (const p of loads) {
    if (addr >= p.vaddr && addr < p.vaddr + p.filesz) return addr - p.vaddr + p.offset;
  }
  return undefined;
}

function readString(r: Reader, table: Range, index: number, what: string): string {
  const start = table.start + index;
  if (!Number.isSafeInteger(index) || index < 0 || start >= table.end) {
    throw new ElfFormatError(
      `corrupt: ${what} points at string ${index}, outside the dynamic string table (${table.end - table.start} bytes)`,
    );
  }
  const nul = r.buf.indexOf(0, start);
  if (nul < 0 || nul >= table.end)
    throw new ElfFormatError(`corrupt: ${what} (string ${index}) runs past the end of the dynamic string table`);
  return r.buf.toString('utf8', start, nul);
}

interface DynamicEntry {
  tag: number;
  val: number;
}

function readDynamic(r: Reader, dyn: Range): DynamicEntry[] {
  const size = r.bits === 64 ? 16 : 8;
  const out: DynamicEntry[] = [];
  for (let off = dyn.start; off + size <= dyn.end; off += size) {
    if (out.length >= MAX_DYNAMIC_ENTRIES)
      throw new ElfFormatError(`corrupt: more than ${MAX_DYNAMIC_ENTRIES} dynamic entries`);
    const tag = r.bits === 64 ? r.i64(off, 'dynamic entry') : r.u32(off, 'dynamic entry');
    if (tag === DT_NULL) break;
    // d_val of tags we do not read may be anything (even > 2^53), so only decode the ones we use.
    const wanted = [
      DT_NEEDED,
      DT_STRTAB,
      DT_STRSZ,
      DT_SONAME,
      DT_RPATH,
      DT_RUNPATH,
      DT_VERNEED,
      DT_VERNEEDNUM,
    ].includes(tag);
    out.push({ tag, val: wanted ? r.word(off + size / 2, 'dynamic entry value') : 0 });
  }
  return out;
}

function readVersionNeeds(r: Reader, start: number, count: number, strtab: Range, limit: number): ElfVersionNeed[] {
  if (count > MAX_VERNEED)
    throw new ElfFormatError(`corrupt: ${count} version-need entries (more than ${MAX_VERNEED})`);
  const out: ElfVersionNeed[] = [];
  let off = start;
  for (let i = 0; i < count; i++) {
    const what = `version need ${i}`;
    if (off + 16 > limit)
      throw new ElfFormatError(`truncated or corrupt: ${what} at offset ${off} lies outside its section`);
    const cnt = r.u16(off + 2, what);
    const file = readString(r, strtab, r.u32(off + 4, what), `${what} file name`);
    const aux = r.u32(off + 8, what);
    const next = r.u32(off + 12, what);
    if (cnt > MAX_VERNAUX)
      throw new ElfFormatError(`corrupt: ${what} claims ${cnt} versions (more than ${MAX_VERNAUX})`);
    const versions: string[] = [];
    let a = off + aux;
    for (let j = 0; j < cnt; j++) {
      const w = `${what} version ${j}`;
      if (a + 16 > limit)
        throw new ElfFormatError(`truncated or corrupt: ${w} at offset ${a} lies outside its section`);
      versions.push(readString(r, strtab, r.u32(a + 8, w), w));
      const an = r.u32(a + 12, w);
      if (an === 0) break;
      a += an;
    }
    out.push({ file, versions });
    // vn_next is a forward offset; 0 ends the chain. Offsets only grow, so the chain cannot loop.
    if (next === 0) break;
    off += next;
  }
  return out;
}

const splitPath = (s: string): string[] => (s === '' ? [] : s.split(':'));

/** Parses the headers and dynamic section of an ELF file held in memory. Throws ElfFormatError on anything malformed. */
export function parseElf(buf: ByteView): ElfInfo {
  if (!isElf(buf)) throw new ElfFormatError('not an ELF file (no \\x7fELF magic)');
  if (buf.length < 16) throw new ElfFormatError(`truncated: ${buf.length} bytes, shorter than the ELF identification`);
  const cls = buf.readUInt8(4);
  const data = buf.readUInt8(5);
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

  // The dynamic string table: DT_STRTAB through the PT_LOAD mapping, else the section linked from SHT_DYNAMIC.
  let strtab: Range | undefined;
  const strAddr = first(DT_STRTAB);
  const strOff = strAddr === undefined ? undefined : addrToOffset(loads, strAddr);
  if (strOff !== undefined) {
    const strsz = first(DT_STRSZ);
    const size = strsz === undefined ? buf.length - strOff : Math.min(strsz, buf.length - strOff);
    strtab = range(r, strOff, size, 'the dynamic string table');
  } else if (dynSec && dynSec.link > 0 && dynSec.link < sections.length) {
    const s = sections[dynSec.link];
    strtab = range(r, s.offset, s.size, 'the dynamic string table section');
  }
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
