// The tar layer of the reader: fed decompressed chunks in order, it validates every header (paths,
// links, types, limits) before the entry is handed on. No I/O here; tar-read.ts feeds it.
import { createHash, type Hash } from 'node:crypto';
import { BLOCK, UnsafeArchiveError, decodeHeader, entryKind, isZeroBlock, padLength, parsePax } from './tar-format.js';
import { rootRelativeTarget, safeRelative, symlinkEscapes } from './tar-paths.js';
import { bombExpansion, EXPANSION_LIMITS, formatHarm } from '../../shared/expansion-limit.js';

export interface TarEntryInfo {
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'hardlink';
  mode: number;
  size: number;
  linkTarget?: string;
  /**
   * Added beyond the agreed shape (optional, so nothing breaks): sha256 of the content for a file,
   * of the target string for a symlink, of the linked file's content for a hardlink. Computed while
   * streaming, so callers need not hash again.
   */
  sha256?: string;
}

export interface TarReadLimits {
  maxTotalBytes?: number;
  maxEntryBytes?: number;
  maxEntries?: number;
  /** The expansion ratio limit of shared/expansion-limit.ts: it counts only past the harm sizes below. */
  maxRatio?: number;
  /** An entry past this size is judged by the ratio (its share of the stream is bounded by the file's size). */
  memberHarmBytes?: number;
  /** The whole stream past this size is judged by the ratio. */
  archiveHarmBytes?: number;
}

/**
 * Defaults sized for interpreter and application packages with a wide margin (a CPython install is
 * ~300 MiB in ~10k files and compresses 3-5x): one entry ≤ 4 GiB, the uncompressed tar stream ≤ 16 GiB,
 * ≤ 1,000,000 entries. A decompression bomb is judged by the one rule of shared/expansion-limit.ts: an
 * entry past 64 MiB, or the stream past 1 GiB, that is also more than 200 times the compressed file.
 */
export const DEFAULT_READ_LIMITS: Required<TarReadLimits> = {
  maxEntryBytes: 4 * 1024 ** 3,
  maxTotalBytes: 16 * 1024 ** 3,
  maxEntries: 1_000_000,
  ...EXPANSION_LIMITS,
};
/** pax and GNU long-name bodies are metadata: anything bigger is not a real archive. */
const MAX_META_BYTES = 1024 * 1024;

export interface EntrySink {
  write(chunk: Buffer): void | Promise<void>;
  end(sha256: string): void | Promise<void>;
}
export type OnHeader = (info: TarEntryInfo) => EntrySink | null | Promise<EntrySink | null>;

type Kind = TarEntryInfo['type'];

export interface TarParseOptions {
  /**
   * The archive is a root filesystem (a build root, a `docker export`): absolute symlinks are made
   * relative to the archive's root (rootRelativeTarget) instead of being refused, and device nodes
   * and FIFOs are skipped (the sandbox provides /dev) instead of being refused.
   */
  rootfs?: boolean;
}

type State = 'header' | 'data' | 'meta' | 'pad' | 'end';

/** The tar layer: fed decompressed chunks in order; validates and dispatches each entry. */
export class TarStreamParser {
  private readonly limits: Required<TarReadLimits>;
  private state: State = 'header';
  private readonly headerBuf = Buffer.alloc(BLOCK);
  private headerFill = 0;
  private remaining = 0;
  private padRemaining = 0;
  private total = 0;
  private entries = 0;
  private zeroBlocks = 0;
  private current?: TarEntryInfo;
  private sink: EntrySink | null = null;
  private hash: Hash | null = null;
  private meta?: { type: string; buf: Buffer; fill: number };
  private pending: { path?: string; linkpath?: string; size?: number } = {};
  private readonly kinds = new Map<string, Kind>();
  private readonly fileHashes = new Map<string, { sha256: string; size: number; mode: number }>();
  private readonly symlinks = new Map<string, string>();

  constructor(
    private readonly archive: string,
    private readonly compressedSize: number,
    limits: TarReadLimits | undefined,
    private readonly onHeader: OnHeader,
    private readonly opts: TarParseOptions = {},
  ) {
    this.limits = { ...DEFAULT_READ_LIMITS, ...stripUndefined(limits ?? {}) };
  }

  private refuse(entry: string | undefined, reason: string): never {
    throw new UnsafeArchiveError(this.archive, entry, reason);
  }

  private checkGrowth(projected: number, entry?: string): void {
    if (projected > this.limits.maxTotalBytes) {
      this.refuse(
        entry,
        `archive expands beyond ${this.limits.maxTotalBytes} bytes (maxTotalBytes): a decompression bomb or an archive too big to read`,
      );
    }
    const bomb = bombExpansion('archive', projected, this.compressedSize, this.limits);
    if (bomb) {
      this.refuse(
        entry,
        `archive expands past ${formatHarm(bomb.harmBytes)}, more than ${this.limits.maxRatio} times its compressed size of ${this.compressedSize} bytes (maxRatio): a decompression bomb`,
      );
    }
  }

  /**
   * One entry by its declared size, before any of it is read. Its share of the gzip stream is not known;
   * the whole file's size bounds it, so a ratio past the limit by that bound is past it for sure.
   */
  private checkEntry(size: number, entry: string): void {
    const bomb = bombExpansion('member', size, this.compressedSize, this.limits);
    if (bomb) {
      this.refuse(
        entry,
        `entry of ${size} bytes (past ${formatHarm(bomb.harmBytes)}) is more than ${this.limits.maxRatio} times the whole archive's compressed size of ${this.compressedSize} bytes (maxRatio): a decompression bomb`,
      );
    }
  }

  async push(chunk: Buffer): Promise<void> {
    this.total += chunk.length;
    this.checkGrowth(this.total, this.current?.path);
    let pos = 0;
    const len = chunk.length;
    while (pos < len) {
      switch (this.state) {
        case 'end': {
          for (let i = pos; i < len; i++) {
            if (chunk[i] !== 0)
              this.refuse(undefined, 'data after the end-of-archive marker (corrupt, or two archives glued together)');
          }
          pos = len;
          break;
        }
        case 'header': {
          if (this.headerFill === 0 && len - pos >= BLOCK) {
            await this.onBlock(chunk, pos);
            pos += BLOCK;
          } else {
            const n = Math.min(BLOCK - this.headerFill, len - pos);
            chunk.copy(this.headerBuf, this.headerFill, pos, pos + n);
            this.headerFill += n;
            pos += n;
            if (this.headerFill === BLOCK) {
              this.headerFill = 0;
              await this.onBlock(this.headerBuf, 0);
            }
          }
          break;
        }
        case 'data': {
          const n = Math.min(this.remaining, len - pos);
          const piece = chunk.subarray(pos, pos + n);
          this.hash!.update(piece);
          if (this.sink) {
            const r = this.sink.write(piece);
            if (r) await r;
          }
          this.remaining -= n;
          pos += n;
          if (this.remaining === 0) await this.endEntry();
          break;
        }
        case 'meta': {
          const m = this.meta!;
          const n = Math.min(this.remaining, len - pos);
          chunk.copy(m.buf, m.fill, pos, pos + n);
          m.fill += n;
          this.remaining -= n;
          pos += n;
          if (this.remaining === 0) this.endMeta();
          break;
        }
        case 'pad': {
          const n = Math.min(this.padRemaining, len - pos);
          this.padRemaining -= n;
          pos += n;
          if (this.padRemaining === 0) this.state = 'header';
          break;
        }
      }
    }
  }

  /** Called once the stream ended without a zlib error. */
  finish(): void {
    if (this.state === 'data' || this.state === 'meta' || this.state === 'pad' || this.headerFill !== 0) {
      this.refuse(this.current?.path, 'archive is truncated (ends in the middle of an entry)');
    }
    if (this.state !== 'end' && this.zeroBlocks === 0) {
      this.refuse(undefined, 'archive is truncated (no end-of-archive marker)');
    }
    // Links can be made to escape by a link that comes later in the archive: judge them all again.
    for (const [path, target] of this.symlinks) {
      if (symlinkEscapes(path, target, this.symlinks))
        this.refuse(path, `symlink -> ${target} resolves outside the archive root through other symlinks`);
    }
  }

  private startData(size: number, state: 'data' | 'meta'): void {
    this.remaining = size;
    this.padRemaining = padLength(size);
    this.state = state;
  }

  private async onBlock(buf: Buffer, off: number): Promise<void> {
    if (isZeroBlock(buf, off)) {
      this.zeroBlocks++;
      if (this.zeroBlocks === 2) this.state = 'end';
      return;
    }
    if (this.zeroBlocks > 0) this.refuse(undefined, 'an entry follows an end-of-archive block (corrupt archive)');
    const h = decodeHeader(buf, off);
    if (typeof h === 'string') this.refuse(undefined, `${h} at byte ${this.total} of the tar stream`);
    if (h.type === 'x' || h.type === 'g' || h.type === 'L' || h.type === 'K') {
      if (h.size > MAX_META_BYTES)
        this.refuse(h.name, `metadata header of ${h.size} bytes (type ${h.type}) is larger than any real archive has`);
      this.meta = { type: h.type, buf: Buffer.alloc(h.size), fill: 0 };
      this.startData(h.size, 'meta');
      if (h.size === 0) this.endMeta();
      return;
    }
    const name = this.pending.path ?? h.name;
    const linkTarget = this.pending.linkpath ?? h.linkname;
    const size = this.pending.size ?? h.size;
    this.pending = {};
    await this.onEntryHeader(name, h.type, h.mode, size, linkTarget);
  }

  private endMeta(): void {
    const m = this.meta!;
    this.meta = undefined;
    this.state = this.padRemaining === 0 ? 'header' : 'pad';
    if (m.type === 'L' || m.type === 'K') {
      const end = m.buf.indexOf(0);
      const value = m.buf.subarray(0, end === -1 ? m.buf.length : end).toString('utf8');
      if (m.type === 'L') this.pending.path = value;
      else this.pending.linkpath = value;
      return;
    }
    const records = parsePax(m.buf);
    if (typeof records === 'string') this.refuse(undefined, `${records} at byte ${this.total} of the tar stream`);
    if (m.type === 'g') return; // global defaults (times, charset) change nothing this reader uses
    for (const key of records.keys()) {
      if (key.startsWith('GNU.sparse.')) this.refuse(records.get('path'), 'sparse files are not supported');
    }
    if (records.has('path')) this.pending.path = records.get('path');
    if (records.has('linkpath')) this.pending.linkpath = records.get('linkpath');
    if (records.has('size')) {
      const s = records.get('size')!;
      if (!/^[0-9]+$/.test(s) || !Number.isSafeInteger(Number(s)))
        this.refuse(records.get('path'), `invalid pax size "${s}"`);
      this.pending.size = Number(s);
    }
  }

  private async onEntryHeader(
    name: string,
    typeFlag: string,
    rawMode: number,
    size: number,
    rawTarget: string,
  ): Promise<void> {
    if (this.opts.rootfs && (typeFlag === '3' || typeFlag === '4' || typeFlag === '6')) {
      this.skipData(size);
      return;
    }
    const type = entryKind(typeFlag);
    if (typeof type !== 'string') return this.refuse(name, type.refused);
    const safe = safeRelative(name);
    if ('reason' in safe) return this.refuse(name, safe.reason);
    const path = safe.path;
    if (path === '') {
      if (type === 'dir') {
        this.skipData(size);
        return;
      } // "./": the root itself
      return this.refuse(name, 'entry names the archive root itself');
    }
    if (++this.entries > this.limits.maxEntries)
      this.refuse(path, `more than ${this.limits.maxEntries} entries (maxEntries)`);
    if (size > this.limits.maxEntryBytes)
      this.refuse(path, `entry of ${size} bytes is larger than ${this.limits.maxEntryBytes} (maxEntryBytes)`);
    this.checkEntry(size, path);
    this.checkGrowth(this.total + size, path);
    this.checkParents(path);
    const existing = this.kinds.get(path);
    if (existing !== undefined && !(existing === 'dir' && type === 'dir')) {
      this.refuse(path, `appears twice in the archive (${existing}, then ${type}): ambiguous which one is meant`);
    }
    // Exactly as stored: verify must see a 0777 or setuid entry to report it (extraction applies 0o755 itself).
    const mode = rawMode & 0o7777;
    const info: TarEntryInfo = { path, type, mode, size: type === 'file' ? size : 0 };
    if (type === 'symlink') this.describeSymlink(info, rawTarget);
    else if (type === 'hardlink') this.describeHardlink(info, rawTarget);
    this.kinds.set(path, type);
    this.current = info;
    const sink = await this.onHeader(info);
    if (type !== 'file') {
      if (sink) await sink.end(info.sha256 ?? '');
      this.current = undefined;
      this.skipData(size);
      return;
    }
    this.sink = sink;
    this.hash = createHash('sha256');
    this.startData(size, 'data');
    if (size === 0) await this.endEntry();
  }

  /** A symlink's target, judged (never outside the root), and its identity: the target string's hash. */
  private describeSymlink(info: TarEntryInfo, rawTarget: string): void {
    const path = info.path;
    const linkTarget = this.opts.rootfs ? rootRelativeTarget(path, rawTarget) : rawTarget;
    if (linkTarget === '') this.refuse(path, 'symlink with an empty target');
    if (linkTarget.includes('\0')) this.refuse(path, 'symlink target contains a NUL byte');
    this.symlinks.set(path, linkTarget);
    if (symlinkEscapes(path, linkTarget, this.symlinks)) {
      this.refuse(path, `symlink -> ${linkTarget} points outside the archive root`);
    }
    info.linkTarget = linkTarget;
    info.mode = 0o777;
    info.size = Buffer.byteLength(linkTarget);
    info.sha256 = createHash('sha256').update(linkTarget).digest('hex');
  }

  /** A hardlink names an earlier regular file of the archive; it takes that file's size, mode and hash. */
  private describeHardlink(info: TarEntryInfo, rawTarget: string): void {
    const path = info.path;
    const t = safeRelative(rawTarget);
    if ('reason' in t) this.refuse(path, `hardlink -> ${rawTarget}: ${t.reason}`);
    const target = this.fileHashes.get(t.path);
    if (!target) this.refuse(path, `hardlink -> ${rawTarget} does not name an earlier regular file of the archive`);
    info.linkTarget = t.path;
    info.size = target.size;
    info.mode = target.mode;
    info.sha256 = target.sha256;
    this.fileHashes.set(path, target);
  }

  /** Every ancestor must be a directory (seen or implied), never a symlink or a file. */
  private checkParents(path: string): void {
    let slash = path.lastIndexOf('/');
    while (slash > 0) {
      const parent = path.slice(0, slash);
      const k = this.kinds.get(parent);
      if (k === 'dir') return; // its own ancestors were checked when it was recorded
      if (k === 'symlink')
        this.refuse(path, `goes through the symlink ${parent} (would be written wherever that link points)`);
      if (k !== undefined) this.refuse(path, `its parent ${parent} is a ${k}, not a directory`);
      this.kinds.set(parent, 'dir');
      slash = parent.lastIndexOf('/');
    }
  }

  private skipData(size: number): void {
    if (size === 0) return;
    this.sink = null;
    this.hash = createHash('sha256');
    this.current = undefined;
    this.startData(size, 'data');
    this.skipping = true;
  }

  private skipping = false;

  private async endEntry(): Promise<void> {
    const digest = this.hash!.digest('hex');
    this.hash = null;
    this.state = this.padRemaining === 0 ? 'header' : 'pad';
    if (this.skipping) {
      this.skipping = false;
      return;
    }
    const info = this.current!;
    info.sha256 = digest;
    this.fileHashes.set(info.path, { sha256: digest, size: info.size, mode: info.mode });
    const sink = this.sink;
    this.sink = null;
    this.current = undefined;
    if (sink) await sink.end(digest);
  }
}

function stripUndefined(o: TarReadLimits): TarReadLimits {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as TarReadLimits;
}
