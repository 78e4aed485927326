// Deterministic parallel gzip (the pigz technique): the uncompressed stream is cut at FIXED offsets
// into blocks, each block is deflated on its own thread with the previous 32 KiB as its dictionary,
// and the raw deflate pieces are joined into ONE ordinary gzip member. Compressing is what makes
// packing slow; a single zlib stream keeps one core busy while `tar | gzip` already uses two
// processes. The bytes depend only on the input, the level and GZIP_BLOCK — never on timing or on
// how the caller slices its writes — so archives stay byte-identical between runs and hosts (given
// the same zlib, as for any gzip). Any gzip reader (gzip -d, tar -z, Python, zlib) reads the result.
import * as os from 'node:os';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';

/** Part of the output format: changing it changes the bytes of every archive. */
export const GZIP_BLOCK = 1024 * 1024;
const WINDOW = 32 * 1024;

const deflateRaw = promisify(zlib.deflateRaw) as (buf: Buffer, opts: zlib.ZlibOptions) => Promise<Buffer>;

let crcTable: Int32Array | undefined;
export function crc32Js(buf: Buffer, crc = 0): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let c = ~crc;
  for (let i = 0; i < buf.length; i++) c = crcTable[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

// zlib.crc32 exists from Node 20.15 / 22.2; the package supports Node 18, where the table version runs.
const nativeCrc32 = (zlib as unknown as { crc32?: (data: Buffer, value?: number) => number }).crc32;
export function crc32(buf: Buffer, crc = 0): number {
  return nativeCrc32 ? nativeCrc32(buf, crc) : crc32Js(buf, crc);
}

/** How many blocks are compressed at once: enough to keep every core busy, within libuv's 4 threads. */
function defaultConcurrency(): number {
  // os.availableParallelism is missing before Node 18.14.
  const cores = (os as { availableParallelism?: () => number }).availableParallelism?.() ?? os.cpus().length;
  return Math.max(2, Math.min(4, cores));
}

export class ParallelGzip {
  private block = Buffer.allocUnsafe(GZIP_BLOCK);
  private fill = 0;
  private dictionary: Buffer | undefined;
  private crc = 0;
  private isize = 0;
  private readonly inFlight: Promise<Buffer>[] = [];
  private started = false;

  constructor(
    private readonly level: number,
    private readonly out: (chunk: Buffer) => Promise<void>,
    private readonly concurrency = defaultConcurrency(),
  ) {}

  private header(): Buffer {
    // No name, no mtime (zero), OS = 3 (Unix) as zlib writes it; XFL as zlib sets it for the level.
    const xfl = this.level === 9 ? 2 : this.level === 1 ? 4 : 0;
    return Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, xfl, 0x03]);
  }

  async write(data: Buffer): Promise<void> {
    if (!this.started) {
      this.started = true;
      await this.out(this.header());
    }
    let pos = 0;
    while (pos < data.length) {
      const n = Math.min(GZIP_BLOCK - this.fill, data.length - pos);
      data.copy(this.block, this.fill, pos, pos + n);
      this.fill += n;
      pos += n;
      if (this.fill === GZIP_BLOCK) {
        await this.dispatch(this.block, false);
        this.block = Buffer.allocUnsafe(GZIP_BLOCK);
        this.fill = 0;
      }
    }
  }

  private async dispatch(block: Buffer, last: boolean): Promise<void> {
    this.crc = crc32(block, this.crc);
    this.isize = (this.isize + block.length) % 0x100000000;
    const opts: zlib.ZlibOptions = {
      level: this.level,
      finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
    };
    if (this.dictionary) opts.dictionary = this.dictionary;
    const p = deflateRaw(block, opts);
    p.catch(() => undefined); // awaited in order below
    this.inFlight.push(p);
    // The next block's dictionary: the last 32 KiB of this one (a block is always ≥ 32 KiB unless last).
    this.dictionary = block.length >= WINDOW ? block.subarray(block.length - WINDOW) : undefined;
    while (this.inFlight.length >= this.concurrency) await this.out(await this.inFlight.shift()!);
  }

  async end(): Promise<void> {
    if (!this.started) {
      this.started = true;
      await this.out(this.header());
    }
    await this.dispatch(this.block.subarray(0, this.fill), true);
    while (this.inFlight.length > 0) await this.out(await this.inFlight.shift()!);
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(this.crc >>> 0, 0);
    trailer.writeUInt32LE(this.isize >>> 0, 4);
    await this.out(trailer);
  }
}
