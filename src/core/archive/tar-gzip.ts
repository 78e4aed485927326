// Deterministic parallel gzip (the pigz technique): the uncompressed stream is cut at FIXED offsets
// into blocks, each block is deflated on its own with the previous 32 KiB as its dictionary, and the
// raw deflate pieces are joined into ONE ordinary gzip member. Compressing is what makes packing slow;
// the blocks go to worker threads (deflate-pool.ts) so that every core compresses. The bytes depend
// only on the input, the level and GZIP_BLOCK, never on timing, on how the caller slices its writes,
// or on the agent: the deflate is pako, pinned and bundled (deflate-block.ts), not the zlib the
// agent's Node was built with. Any gzip reader (gzip -d, tar -z, Python, zlib) reads the result.
import * as os from 'node:os';
import * as zlib from 'node:zlib';
import { type BlockJob, deflateBlock, loadPako } from './deflate-block.js';
import { DeflatePool } from './deflate-pool.js';

/** Part of the output format: changing it changes the bytes of every archive. */
export const GZIP_BLOCK = 1024 * 1024;
const WINDOW = 32 * 1024;

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
// A CRC is defined by its polynomial: every implementation gives the same value (unlike deflate).
const nativeCrc32 = (zlib as unknown as { crc32?: (data: Buffer, value?: number) => number }).crc32;
export function crc32(buf: Buffer, crc = 0): number {
  return nativeCrc32 ? nativeCrc32(buf, crc) : crc32Js(buf, crc);
}

/** How many blocks are compressed at once (worker threads): one per core, 2 to 4. */
function defaultConcurrency(): number {
  // os.availableParallelism is missing before Node 18.14.
  const cores = (os as { availableParallelism?: () => number }).availableParallelism?.() ?? os.cpus().length;
  return Math.max(2, Math.min(4, cores));
}

function asBuffer(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

/**
 * Call write() with the stream in any slicing, then end(); close() (which end() calls) stops the
 * workers: call it when giving up half-way, or the process keeps running.
 */
export class ParallelGzip {
  private block = Buffer.allocUnsafe(GZIP_BLOCK);
  private fill = 0;
  private dictionary: Buffer | undefined;
  private crc = 0;
  private isize = 0;
  private readonly inFlight: Promise<Buffer>[] = [];
  private started = false;
  /** Started by the first block that is not the last: a stream of one block is deflated on this thread. */
  private pool: DeflatePool | undefined;

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

  private deflate(job: BlockJob): Promise<Buffer> {
    if (job.last && !this.pool) return loadPako().then((pako) => asBuffer(deflateBlock(pako, job)));
    this.pool ??= new DeflatePool(this.concurrency);
    return this.pool.deflate(job).then(asBuffer);
  }

  private async dispatch(block: Buffer, last: boolean): Promise<void> {
    this.crc = crc32(block, this.crc);
    this.isize = (this.isize + block.length) % 0x100000000;
    const p = this.deflate({ block, dictionary: this.dictionary, level: this.level, last });
    p.catch(() => undefined); // awaited in order below
    this.inFlight.push(p);
    // The next block's dictionary: the last 32 KiB of this one (a block is always ≥ 32 KiB unless last).
    this.dictionary = block.length >= WINDOW ? block.subarray(block.length - WINDOW) : undefined;
    // Two blocks per worker: each has its next block waiting while this thread writes out the oldest.
    while (this.inFlight.length >= 2 * this.concurrency) await this.out(await this.inFlight.shift()!);
  }

  async end(): Promise<void> {
    try {
      if (!this.started) {
        this.started = true;
        await this.out(this.header());
      }
      await this.dispatch(this.block.subarray(0, this.fill), true);
      while (this.inFlight.length > 0) await this.out(await this.inFlight.shift()!);
    } finally {
      await this.close();
    }
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(this.crc >>> 0, 0);
    trailer.writeUInt32LE(this.isize >>> 0, 4);
    await this.out(trailer);
  }

  /** Stops the deflate workers (if any were started); blocks still being deflated are dropped. */
  async close(): Promise<void> {
    await this.pool?.close();
  }
}
