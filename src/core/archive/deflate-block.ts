// One block of the gzip writer's stream, deflated by pako (a JavaScript port of zlib, pinned exactly in
// package.json and bundled into the runner), never by Node's zlib. Node deflates with whatever zlib it
// was built with: nodejs.org's Node bundles Chromium's fork, Debian's links Debian's zlib, and the two
// turn the same bytes into different streams, so an archive's sha256 depended on the agent's Node.
// pako's output depends only on its own code. Its default hash ("ANZAC++") makes it emit the same
// stream as the Chromium fork in current nodejs.org Nodes, so archives written before the switch on
// such a Node keep their sha256 (docs/design-decisions.md, "Archives are deflated by pako").
// pako is loaded on first use: a command that writes no archive never evaluates it.

/** The deflate module as far as this file uses it (pako's own types). */
type Pako = typeof import('pako');

let loaded: Promise<Pako> | undefined;

/** pako, evaluated on the first call only. */
export function loadPako(): Promise<Pako> {
  loaded ??= import('pako');
  return loaded;
}

export interface BlockJob {
  block: Uint8Array;
  /** The 32 KiB of input before this block (none for the first one). */
  dictionary?: Uint8Array;
  level: number;
  /** The last block ends the deflate stream; every other one ends with a sync flush (byte-aligned). */
  last: boolean;
}

/**
 * Raw deflate of one block. Every parameter that shapes the output is stated, not left to pako's
 * defaults: they are part of the archive format (changing one changes the bytes of every archive).
 */
export function deflateBlock(pako: Pako, job: BlockJob): Uint8Array {
  const opts: import('pako').DeflateOptions = {
    level: job.level,
    raw: true,
    windowBits: 15,
    memLevel: 8,
    strategy: pako.Z_DEFAULT_STRATEGY,
    legacyHash: false,
    // The size of pako's output chunks: zlib can end a sync flush differently when its output space runs out.
    chunkSize: 16 * 1024,
    // pako 3.0.3 reads `dictionary.length` whenever the key is present, even when it is undefined.
    ...(job.dictionary ? { dictionary: job.dictionary } : {}),
  };
  const d = new pako.Deflate(opts);
  const parts: Uint8Array[] = [];
  let length = 0;
  d.onData = (chunk) => {
    parts.push(chunk);
    length += chunk.length;
  };
  d.onEnd = () => undefined;
  d.push(job.block, job.last ? pako.Z_FINISH : pako.Z_SYNC_FLUSH);
  if (d.err) throw new Error(`deflate failed: ${d.msg || `zlib status ${d.err}`}`);
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}
