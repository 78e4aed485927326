// Builds small but well-formed ELF shared objects byte by byte (ELF32/ELF64, either byte order) with a
// chosen dynamic section, so the ELF reader is tested on layouts no local toolchain produces (32-bit
// big-endian) and against inputs whose answers are known by construction. readelf accepts the output.

export interface ElfSpec {
  bits: 32 | 64;
  endian: 'little' | 'big';
  /** e_type: 2 exec, 3 dyn (default). */
  etype?: number;
  machine?: number;
  needed?: string[];
  runpath?: string;
  rpath?: string;
  soname?: string;
  versionNeeds?: { file: string; versions: string[] }[];
  /** Write PT_LOAD + PT_DYNAMIC (default true). Without them the reader must fall back to sections. */
  programHeaders?: boolean;
  /** Write a section table with .dynstr, .gnu.version_r, .dynamic, .shstrtab (default true). */
  sections?: boolean;
}

const BASE_VADDR = 0x10000;

class Bytes {
  readonly buf: Buffer;
  constructor(
    size: number,
    readonly bits: 32 | 64,
    readonly little: boolean,
  ) {
    this.buf = Buffer.alloc(size);
  }
  u8(off: number, v: number) {
    this.buf[off] = v;
  }
  u16(off: number, v: number) {
    if (this.little) this.buf.writeUInt16LE(v, off);
    else this.buf.writeUInt16BE(v, off);
  }
  u32(off: number, v: number) {
    if (this.little) this.buf.writeUInt32LE(v >>> 0, off);
    else this.buf.writeUInt32BE(v >>> 0, off);
  }
  u64(off: number, v: number) {
    if (this.little) this.buf.writeBigUInt64LE(BigInt(v), off);
    else this.buf.writeBigUInt64BE(BigInt(v), off);
  }
  word(off: number, v: number) {
    if (this.bits === 64) this.u64(off, v);
    else this.u32(off, v);
  }
}

const align = (n: number, a: number) => Math.ceil(n / a) * a;

class StringTable {
  private parts: Buffer[] = [Buffer.from([0])];
  private size = 1;
  private index = new Map<string, number>();
  add(s: string): number {
    const known = this.index.get(s);
    if (known !== undefined) return known;
    const at = this.size;
    const b = Buffer.from(`${s}\0`, 'utf8');
    this.parts.push(b);
    this.size += b.length;
    this.index.set(s, at);
    return at;
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export function buildElf(spec: ElfSpec): Buffer {
  const { bits } = spec;
  const little = spec.endian === 'little';
  const withPh = spec.programHeaders ?? true;
  const withSh = spec.sections ?? true;
  const ehsize = bits === 64 ? 64 : 52;
  const phentsize = bits === 64 ? 56 : 32;
  const shentsize = bits === 64 ? 64 : 40;
  const dynEntSize = bits === 64 ? 16 : 8;

  const dynstr = new StringTable();
  const dyn: [number, number][] = [];
  for (const n of spec.needed ?? []) dyn.push([1, dynstr.add(n)]);
  if (spec.soname !== undefined) dyn.push([14, dynstr.add(spec.soname)]);
  if (spec.rpath !== undefined) dyn.push([15, dynstr.add(spec.rpath)]);
  if (spec.runpath !== undefined) dyn.push([29, dynstr.add(spec.runpath)]);
  const vneeds = (spec.versionNeeds ?? []).map((v) => ({
    file: dynstr.add(v.file),
    names: v.versions.map((n) => dynstr.add(n)),
  }));
  const strBytes = dynstr.bytes();

  // Layout: ehdr | phdrs | .dynstr | .gnu.version_r | .dynamic | .shstrtab | shdrs
  const phnum = withPh ? 2 : 0;
  const strOff = ehsize + phnum * phentsize;
  const vnOff = align(strOff + strBytes.length, 4);
  const vnSize = vneeds.reduce((n, v) => n + 16 + 16 * v.names.length, 0);
  const dynOff = align(vnOff + vnSize, 8);
  const dynCount = dyn.length + 2 /* STRTAB, STRSZ */ + (vneeds.length ? 2 : 0) + 1 /* NULL */;
  const dynSize = dynCount * dynEntSize;
  const shstr = new StringTable();
  const names = ['.dynstr', '.gnu.version_r', '.dynamic', '.shstrtab'].map((n) => shstr.add(n));
  const shstrBytes = shstr.bytes();
  const shstrOff = dynOff + dynSize;
  const shOff = align(shstrOff + shstrBytes.length, 8);
  const shnum = withSh ? 5 : 0;
  const total = withSh ? shOff + shnum * shentsize : shstrOff;

  const w = new Bytes(total, bits, little);
  // e_ident
  w.buf.set([0x7f, 0x45, 0x4c, 0x46, bits === 64 ? 2 : 1, little ? 1 : 2, 1], 0);
  w.u16(16, spec.etype ?? 3);
  w.u16(18, spec.machine ?? (bits === 64 ? 62 : 8));
  w.u32(20, 1);
  if (bits === 64) {
    w.u64(32, withPh ? ehsize : 0);
    w.u64(40, withSh ? shOff : 0);
    w.u16(52, ehsize);
    w.u16(54, phentsize);
    w.u16(56, phnum);
    w.u16(58, shentsize);
    w.u16(60, shnum);
    w.u16(62, withSh ? 4 : 0);
  } else {
    w.u32(28, withPh ? ehsize : 0);
    w.u32(32, withSh ? shOff : 0);
    w.u16(40, ehsize);
    w.u16(42, phentsize);
    w.u16(44, phnum);
    w.u16(46, shentsize);
    w.u16(48, shnum);
    w.u16(50, withSh ? 4 : 0);
  }

  const phdr = (i: number, type: number, offset: number, size: number) => {
    const b = ehsize + i * phentsize;
    w.u32(b, type);
    if (bits === 64) {
      w.u32(b + 4, 4);
      w.u64(b + 8, offset);
      w.u64(b + 16, BASE_VADDR + offset);
      w.u64(b + 24, BASE_VADDR + offset);
      w.u64(b + 32, size);
      w.u64(b + 40, size);
      w.u64(b + 48, 8);
    } else {
      w.u32(b + 4, offset);
      w.u32(b + 8, BASE_VADDR + offset);
      w.u32(b + 12, BASE_VADDR + offset);
      w.u32(b + 16, size);
      w.u32(b + 20, size);
      w.u32(b + 24, 4);
      w.u32(b + 28, 4);
    }
  };
  if (withPh) {
    phdr(0, 1, 0, total);
    phdr(1, 2, dynOff, dynSize);
  }

  strBytes.copy(w.buf, strOff);
  let o = vnOff;
  vneeds.forEach((v, i) => {
    const size = 16 + 16 * v.names.length;
    w.u16(o, 1);
    w.u16(o + 2, v.names.length);
    w.u32(o + 4, v.file);
    w.u32(o + 8, 16);
    w.u32(o + 12, i === vneeds.length - 1 ? 0 : size);
    v.names.forEach((n, j) => {
      const a = o + 16 + 16 * j;
      w.u32(a, 0);
      w.u16(a + 4, 0);
      w.u16(a + 6, 2 + j);
      w.u32(a + 8, n);
      w.u32(a + 12, j === v.names.length - 1 ? 0 : 16);
    });
    o += size;
  });

  const entries: [number, number][] = [...dyn, [5, BASE_VADDR + strOff], [10, strBytes.length]];
  if (vneeds.length) entries.push([0x6ffffffe, BASE_VADDR + vnOff], [0x6fffffff, vneeds.length]);
  entries.push([0, 0]);
  entries.forEach(([tag, val], i) => {
    const b = dynOff + i * dynEntSize;
    w.word(b, tag);
    w.word(b + dynEntSize / 2, val);
  });

  if (withSh) {
    shstrBytes.copy(w.buf, shstrOff);
    const shdr = (
      i: number,
      name: number,
      type: number,
      offset: number,
      size: number,
      link: number,
      info: number,
      entsize: number,
    ) => {
      const b = shOff + i * shentsize;
      w.u32(b, name);
      w.u32(b + 4, type);
      if (bits === 64) {
        w.u64(b + 16, type === 3 && i === 4 ? 0 : BASE_VADDR + offset);
        w.u64(b + 24, offset);
        w.u64(b + 32, size);
        w.u32(b + 40, link);
        w.u32(b + 44, info);
        w.u64(b + 48, 8);
        w.u64(b + 56, entsize);
      } else {
        w.u32(b + 12, type === 3 && i === 4 ? 0 : BASE_VADDR + offset);
        w.u32(b + 16, offset);
        w.u32(b + 20, size);
        w.u32(b + 24, link);
        w.u32(b + 28, info);
        w.u32(b + 32, 4);
        w.u32(b + 36, entsize);
      }
    };
    shdr(1, names[0], 3, strOff, strBytes.length, 0, 0, 0);
    shdr(2, names[1], 0x6ffffffe, vnOff, vnSize, 1, vneeds.length, 0);
    shdr(3, names[2], 6, dynOff, dynSize, 1, 0, dynEntSize);
    shdr(4, names[3], 3, shstrOff, shstrBytes.length, 0, 0, 0);
  }
  return w.buf;
}
