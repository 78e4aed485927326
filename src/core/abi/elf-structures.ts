// The bounds-checked reads of ELF's tables for elf.ts: the identification, program and section headers,
// the dynamic section, strings and GNU version needs. Every read is checked against the file's length and
// every count against a cap, so a hostile or truncated file yields an ElfFormatError, never a RangeError,
// a hang or a huge allocation.

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

// Caps far above anything a real toolchain writes; they exist to stop hostile counts, not to limit real files.
const MAX_HEADERS = 65_536;
const MAX_DYNAMIC_ENTRIES = 1 << 20;
const MAX_VERNEED = 4_096;
const MAX_VERNAUX = 4_096;

export const ET = { 1: 'rel', 2: 'exec', 3: 'dyn', 4: 'core' } as const;
export const PT_LOAD = 1;
export const PT_DYNAMIC = 2;
export const PT_INTERP = 3;
export const SHT_DYNAMIC = 6;
export const SHT_GNU_VERNEED = 0x6ffffffe;
export const DT_NULL = 0;
export const DT_NEEDED = 1;
export const DT_STRTAB = 5;
export const DT_STRSZ = 10;
export const DT_SONAME = 14;
export const DT_RPATH = 15;
export const DT_RUNPATH = 29;
export const DT_VERNEED = 0x6ffffffe;
export const DT_VERNEEDNUM = 0x6fffffff;

/** Bounds-checked integer reads in the file's byte order and word size. */
export class Reader {
  constructor(
    readonly buf: Buffer,
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
    return this.buf[off];
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

export interface ProgramHeader {
  type: number;
  offset: number;
  vaddr: number;
  filesz: number;
}
export interface SectionHeader {
  type: number;
  offset: number;
  size: number;
  link: number;
  info: number;
}

export function readProgramHeaders(r: Reader, phoff: number, phentsize: number, phnum: number): ProgramHeader[] {
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

export function readSectionHeaders(r: Reader, shoff: number, shentsize: number, shnum: number): SectionHeader[] {
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
export interface Range {
  start: number;
  end: number;
}

export function range(r: Reader, offset: number, size: number, what: string): Range {
  if (!Number.isSafeInteger(offset + size) || offset < 0 || size < 0 || offset + size > r.buf.length) {
    throw new ElfFormatError(
      `truncated or corrupt: ${what} (offset ${offset}, ${size} bytes) lies outside the file (${r.buf.length} bytes)`,
    );
  }
  return { start: offset, end: offset + size };
}

/** Maps a virtual address to a file offset through the PT_LOAD segments, as the loader would. */
export function addrToOffset(loads: ProgramHeader[], addr: number): number | undefined {
  for (const p of loads) {
    if (addr >= p.vaddr && addr < p.vaddr + p.filesz) return addr - p.vaddr + p.offset;
  }
  return undefined;
}

export function readString(r: Reader, table: Range, index: number, what: string): string {
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

export interface DynamicEntry {
  tag: number;
  val: number;
}

export function readDynamic(r: Reader, dyn: Range): DynamicEntry[] {
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

export function readVersionNeeds(
  r: Reader,
  start: number,
  count: number,
  strtab: Range,
  limit: number,
): ElfVersionNeed[] {
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
