// A file's bytes as the chunks it arrived in (views into gunzip's output), read like one Buffer by the
// ELF reader. verify reads ~250 MB of ELF files out of a typical package: copying each into one Buffer
// first cost more than parsing them. Reads that cross a chunk boundary copy just the bytes they need.
import type { ByteView } from './elf.js';

export class ChunkedBytes implements ByteView {
  readonly length: number;
  private readonly chunks: Buffer[];
  /** Offset of each chunk's first byte in the file. */
  private readonly starts: number[];

  constructor(chunks: Buffer[]) {
    this.chunks = chunks.filter((c) => c.length > 0);
    this.starts = [];
    let at = 0;
    for (const c of this.chunks) {
      this.starts.push(at);
      at += c.length;
    }
    this.length = at;
  }

  /** The index of the chunk holding byte `off` (0 ≤ off < length). */
  private locate(off: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= off) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Bytes [off, off + n) as one Buffer: a view when they lie in one chunk, else a copy. RangeError outside. */
  bytes(off: number, n: number): Buffer {
    if (!Number.isInteger(off) || !Number.isInteger(n) || off < 0 || n < 0 || off + n > this.length)
      throw new RangeError(`bytes ${off}..${off + n} lie outside ${this.length} bytes`);
    if (n === 0) return Buffer.alloc(0);
    let i = this.locate(off);
    const local = off - this.starts[i]!;
    const first = this.chunks[i]!;
    if (local + n <= first.length) return first.subarray(local, local + n);
    const out = Buffer.allocUnsafe(n);
    let filled = first.copy(out, 0, local);
    while (filled < n) filled += this.chunks[++i]!.copy(out, filled, 0, n - filled);
    return out;
  }

  readUInt8(off: number): number {
    return this.bytes(off, 1)[0]!;
  }
  readUInt16LE(off: number): number {
    return this.bytes(off, 2).readUInt16LE(0);
  }
  readUInt16BE(off: number): number {
    return this.bytes(off, 2).readUInt16BE(0);
  }
  readUInt32LE(off: number): number {
    return this.bytes(off, 4).readUInt32LE(0);
  }
  readUInt32BE(off: number): number {
    return this.bytes(off, 4).readUInt32BE(0);
  }
  readBigUInt64LE(off: number): bigint {
    return this.bytes(off, 8).readBigUInt64LE(0);
  }
  readBigUInt64BE(off: number): bigint {
    return this.bytes(off, 8).readBigUInt64BE(0);
  }
  readBigInt64LE(off: number): bigint {
    return this.bytes(off, 8).readBigInt64LE(0);
  }
  readBigInt64BE(off: number): bigint {
    return this.bytes(off, 8).readBigInt64BE(0);
  }

  /** The offset of the first byte equal to `value` at or after `from`, or -1. */
  indexOf(value: number, from: number): number {
    if (from >= this.length) return -1;
    const start = Math.max(0, from);
    const first = this.locate(start);
    for (let i = first; i < this.chunks.length; i++) {
      const hit = this.chunks[i]!.indexOf(value, i === first ? start - this.starts[i]! : 0);
      if (hit >= 0) return this.starts[i]! + hit;
    }
    return -1;
  }

  toString(encoding: 'utf8', start: number, end: number): string {
    return this.bytes(start, end - start).toString(encoding);
  }
}
