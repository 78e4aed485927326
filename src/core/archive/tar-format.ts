// The tar byte format (POSIX ustar + pax extended headers) shared by the writer and the reader.
// Written by hand rather than through a library because the writer must emit the same bytes on
// every host and every run, and both directions sit on the hot path of `pack` and `verify`.
import { UsageError } from '../../shared/errors.js';

export const BLOCK = 512;
/** Every entry carries this mtime (2000-01-01T00:00:00Z) so that a tree packs to the same bytes whenever it is packed. */
export const FIXED_MTIME = 946684800;
/** GNU tar's default record size: the archive is padded to a multiple of it, as `tar -c` does. */
export const RECORD = 20 * BLOCK;
/** Name of every pax extended header entry; one constant keeps the bytes independent of the entry it describes. */
export const PAX_HEADER_NAME = '././@PaxHeader';

/** Refusal of an archive or one of its entries: names both and says why (exit 2, like any bad input). */
export class UnsafeArchiveError extends UsageError {
  readonly archive: string;
  readonly entry?: string;
  constructor(archive: string, entry: string | undefined, reason: string, hint?: string) {
    super(
      entry === undefined ? `${archive}: refused: ${reason}` : `${archive}: refused entry "${entry}": ${reason}`,
      hint ??
        'do not use this archive: rebuild it with pyhermetic (or plain tar from a clean tree) and check where it came from',
    );
    this.archive = archive;
    this.entry = entry;
  }
}

export type TypeFlag = '0' | '1' | '2' | '5' | 'x';

export interface HeaderFields {
  path: string;
  type: TypeFlag;
  mode: number;
  size: number;
  linkTarget?: string;
}

const ZERO_BLOCK = Buffer.alloc(BLOCK);
export function zeroBlock(): Buffer {
  return ZERO_BLOCK;
}

/** Bytes of padding after `size` bytes of content to reach the next block boundary. */
export function padLength(size: number): number {
  const rem = size % BLOCK;
  return rem === 0 ? 0 : BLOCK - rem;
}

function writeOctal(buf: Buffer, offset: number, width: number, value: number): void {
  // width-1 octal digits then NUL, as GNU tar writes them in ustar mode.
  const s = value.toString(8).padStart(width - 1, '0');
  buf.write(s, offset, width - 1, 'latin1');
  buf[offset + width - 1] = 0;
}

/** Cuts a UTF-8 string to at most `max` bytes without splitting a character. */
function truncateUtf8(s: string, max: number): Buffer {
  const b = Buffer.from(s, 'utf8');
  if (b.length <= max) return b;
  let end = max;
  while (end > 0 && (b[end] & 0xc0) === 0x80) end--;
  return b.subarray(0, end);
}

/**
 * Fits a name into ustar's name (100) + prefix (155) fields, splitting at a '/'. Returns undefined
 * when it cannot, and the caller then adds a pax `path` record.
 */
function splitUstarName(name: Buffer): { name: Buffer; prefix: Buffer } | undefined {
  if (name.length <= 100) return { name, prefix: Buffer.alloc(0) };
  if (name.length > 256) return undefined;
  // The last '/' that leaves a prefix of at most 155 bytes and a name of at most 100 bytes.
  for (let i = Math.min(155, name.length - 1); i > 0; i--) {
    if (name[i] !== 0x2f) continue;
    if (name.length - i - 1 === 0) continue; // a directory's trailing '/' must stay in the name field
    if (name.length - i - 1 > 100) return undefined;
    return { name: name.subarray(i + 1), prefix: name.subarray(0, i) };
  }
  return undefined;
}

function paxRecord(key: string, value: string): Buffer {
  // "LEN key=value\n" where LEN counts its own digits: grow until it is self-consistent.
  const body = ` ${key}=${value}\n`;
  const bodyLen = Buffer.byteLength(body, 'utf8');
  let len = bodyLen + 1;
  while (String(len).length + bodyLen !== len) len = String(len).length + bodyLen;
  return Buffer.from(`${len}${body}`, 'utf8');
}

const MAX_OCTAL_SIZE = 0o77777777777; // 11 octal digits: 8 GiB - 1

function encodeRawHeader(
  name: Buffer,
  prefix: Buffer,
  type: TypeFlag,
  mode: number,
  size: number,
  link: Buffer,
): Buffer {
  const h = Buffer.alloc(BLOCK);
  name.copy(h, 0, 0, Math.min(100, name.length));
  writeOctal(h, 100, 8, mode);
  writeOctal(h, 108, 8, 0); // uid
  writeOctal(h, 116, 8, 0); // gid
  writeOctal(h, 124, 12, size);
  writeOctal(h, 136, 12, FIXED_MTIME);
  h.fill(0x20, 148, 156); // checksum field counts as spaces while summing
  h.write(type, 156, 1, 'latin1');
  link.copy(h, 157, 0, Math.min(100, link.length));
  h.write('ustar\u000000', 257, 8, 'latin1');
  // uname/gname stay empty; devmajor/devminor as zero octal like GNU tar.
  writeOctal(h, 329, 8, 0);
  writeOctal(h, 337, 8, 0);
  prefix.copy(h, 345, 0, Math.min(155, prefix.length));
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += h[i];
  h.write(sum.toString(8).padStart(6, '0'), 148, 6, 'latin1');
  h[154] = 0;
  h[155] = 0x20;
  return h;
}

/**
 * Encodes one entry's header block(s): a pax 'x' header first when the path or link target does not
 * fit ustar, or the size exceeds 11 octal digits.
 * Same fields in → same bytes out.
 */
export function encodeHeader(f: HeaderFields): Buffer {
  const entryName = f.type === '5' ? `${f.path}/` : f.path;
  const nameBytes = Buffer.from(entryName, 'utf8');
  const pax: Buffer[] = [];
  let split = splitUstarName(nameBytes);
  if (!split) {
    pax.push(paxRecord('path', entryName));
    split = { name: truncateUtf8(entryName, 100), prefix: Buffer.alloc(0) };
  }
  let link: Buffer = Buffer.alloc(0);
  if (f.linkTarget !== undefined) {
    link = Buffer.from(f.linkTarget, 'utf8');
    if (link.length > 100) {
      pax.push(paxRecord('linkpath', f.linkTarget));
      link = truncateUtf8(f.linkTarget, 100);
    }
  }
  let size = f.size;
  if (size > MAX_OCTAL_SIZE) {
    pax.push(paxRecord('size', String(size)));
    size = 0;
  }
  const header = encodeRawHeader(split.name, split.prefix, f.type, f.mode, size, link);
  if (pax.length === 0) return header;
  const body = Buffer.concat(pax);
  const paxHeader = encodeRawHeader(
    Buffer.from(PAX_HEADER_NAME),
    Buffer.alloc(0),
    'x',
    0o644,
    body.length,
    Buffer.alloc(0),
  );
  return Buffer.concat([paxHeader, body, Buffer.alloc(padLength(body.length)), header]);
}

// ---- decoding -------------------------------------------------------------------------------

export interface RawHeader {
  name: string;
  linkname: string;
  type: string;
  mode: number;
  size: number;
}

function cString(buf: Buffer, start: number, end: number): Buffer {
  const nul = buf.indexOf(0, start);
  return buf.subarray(start, nul === -1 || nul > end ? end : nul);
}

/** Octal (optionally space/NUL padded) or GNU base-256 (high bit of the first byte set). Returns NaN when invalid. */
function parseNumeric(buf: Buffer, start: number, width: number): number {
  if (buf[start] & 0x80) {
    // base-256, big endian; the first byte's high bit is only the marker. Negative values are refused.
    if (buf[start] & 0x40) return NaN;
    let v = buf[start] & 0x3f;
    for (let i = 1; i < width; i++) v = v * 256 + buf[start + i];
    return Number.isSafeInteger(v) ? v : NaN;
  }
  const s = buf
    .toString('latin1', start, start + width)
    .replace(/[\0 ]+$/, '')
    .replace(/^[ ]+/, '');
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) return NaN;
  return parseInt(s, 8);
}

export function isZeroBlock(buf: Buffer, offset: number): boolean {
  for (let i = offset; i < offset + BLOCK; i++) if (buf[i] !== 0) return false;
  return true;
}

/** Validates the checksum (unsigned, and signed as some old tars computed it). */
function checksumOk(h: Buffer, offset: number): boolean {
  const stored = parseNumeric(h, offset + 148, 8);
  if (Number.isNaN(stored)) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : h[offset + i];
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}

/** Decodes a header block at `offset`; returns a string describing the corruption instead when it is not one. */
export function decodeHeader(buf: Buffer, offset: number): RawHeader | string {
  if (!checksumOk(buf, offset)) return 'header checksum mismatch (corrupt or not a tar archive)';
  const magic = buf.toString('latin1', offset + 257, offset + 263);
  let name = cString(buf, offset, offset + 100);
  if (magic === 'ustar\u0000' || magic === 'ustar ') {
    // POSIX ustar has a prefix field; the old GNU format ('ustar  ') uses those bytes for times.
    if (magic === 'ustar\u0000') {
      const prefix = cString(buf, offset + 345, offset + 500);
      if (prefix.length > 0) name = Buffer.concat([prefix, Buffer.from('/'), name]);
    }
  }
  const mode = parseNumeric(buf, offset + 100, 8);
  const size = parseNumeric(buf, offset + 124, 12);
  if (Number.isNaN(mode) || Number.isNaN(size)) return 'header has an invalid mode or size field';
  const typeByte = buf[offset + 156];
  return {
    name: name.toString('utf8'),
    linkname: cString(buf, offset + 157, offset + 257).toString('utf8'),
    type: typeByte === 0 ? '0' : String.fromCharCode(typeByte),
    mode,
    size,
  };
}

/** Parses a pax extended header body into key → value. Returns a string describing the corruption when malformed. */
export function parsePax(body: Buffer): Map<string, string> | string {
  const out = new Map<string, string>();
  let pos = 0;
  while (pos < body.length) {
    if (body[pos] === 0) break; // some writers pad with NULs
    const space = body.indexOf(0x20, pos);
    if (space === -1) return 'malformed pax header';
    const len = Number(body.toString('latin1', pos, space));
    if (!Number.isInteger(len) || len <= space - pos + 1 || pos + len > body.length) return 'malformed pax header';
    const record = body.toString('utf8', space + 1, pos + len - 1);
    const eq = record.indexOf('=');
    if (eq === -1 || body[pos + len - 1] !== 0x0a) return 'malformed pax header';
    out.set(record.slice(0, eq), record.slice(eq + 1));
    pos += len;
  }
  return out;
}

/** The kind of entry a tar type flag names, or why such an entry is refused. */
export function entryKind(typeFlag: string): 'file' | 'dir' | 'symlink' | 'hardlink' | { refused: string } {
  switch (typeFlag) {
    case '0':
    case '7':
      return 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '5':
      return 'dir';
    case '3':
      return { refused: 'character device entry (device nodes are never extracted)' };
    case '4':
      return { refused: 'block device entry (device nodes are never extracted)' };
    case '6':
      return { refused: 'FIFO entry (only files, directories and links are extracted)' };
    case 'S':
      return { refused: 'sparse file entry is not supported' };
    default:
      return { refused: `unsupported entry type '${typeFlag}'` };
  }
}
