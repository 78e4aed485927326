// Reads a wheel without extracting it: validates every entry name, refuses symlink entries, duplicate
// names and sizes that lie, reads the WHEEL tags and hands every ELF member (found by magic, not by
// suffix) to the ELF reader. A hostile or broken zip becomes a list of problems for that one wheel —
// never an exception for the caller, never a file written anywhere.
import yauzl from 'yauzl';
import { basename } from 'node:path';
import { bombExpansion, EXPANSION_LIMITS, formatHarm, type ExpansionLimits } from '../../shared/expansion-limit.js';
import { ElfFormatError, isElf, parseElf, type ElfInfo } from './elf.js';
import { parseWheelFileName, parseWheelMetadataTags, type WheelFileName, type WheelTag } from './wheel-tags.js';

export interface WheelElfMember {
  name: string;
  size: number;
  info?: ElfInfo;
  /** Set when the member starts with the ELF magic but is not a readable ELF file. */
  error?: string;
}

export interface WheelContents {
  path: string;
  /** The parsed file name (undefined when the name is not `{dist}-{version}-{py}-{abi}-{plat}.whl`). */
  fileName?: WheelFileName;
  /** `Tag:` lines of `{dist}.dist-info/WHEEL` (undefined when there is no such file). */
  metadataTags?: WheelTag[];
  /** Path of the WHEEL file inside the zip. */
  wheelFile?: string;
  entries: number;
  /** Names of the file members (directories left out), in zip order. */
  members: string[];
  elfs: WheelElfMember[];
  /** Hostile or broken content. Non-empty means the wheel must not be installed. */
  problems: string[];
}

export interface WheelReadLimits extends ExpansionLimits {
  maxEntries: number;
  /** Largest single member we are willing to hold in memory (ELF members are parsed whole). */
  maxMemberBytes: number;
  /** Largest total uncompressed size, whatever the ratio. */
  maxTotalBytes: number;
}

// Far above real wheels (the largest on the mirror, scipy, is ~110 MB uncompressed in ~2000 members).
// The bomb rule (maxRatio past the harm sizes) is the one of shared/expansion-limit.ts.
export const DEFAULT_WHEEL_LIMITS: WheelReadLimits = {
  maxEntries: 100_000,
  maxMemberBytes: 1 << 30,
  maxTotalBytes: 8 * 2 ** 30,
  ...EXPANSION_LIMITS,
};

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const MAX_WHEEL_FILE_BYTES = 64 * 1024;

/** Why an entry name is unsafe, or undefined. yauzl already refuses `..`, absolute and backslash names; this is the rest. */
export function unsafeEntryName(name: string): string | undefined {
  if (name === '') return 'empty entry name';
  if (name.includes('\0')) return `entry name with a NUL byte: ${JSON.stringify(name)}`;
  if (name.includes('\\')) return `entry name with a backslash: ${name}`;
  if (name.startsWith('/')) return `absolute entry name: ${name}`;
  if (/^[A-Za-z]:/.test(name)) return `entry name with a drive letter: ${name}`;
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.includes('..')) return `entry name climbs out of the wheel: ${name}`;
  if (segments.some((s) => s === '' || s === '.')) return `entry name with an empty or '.' segment: ${name}`;
  return undefined;
}

const isWheelMetadataFile = (name: string): boolean => /^[^/]+\.dist-info\/WHEEL$/.test(name);

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      path,
      { lazyEntries: true, strictFileNames: true, validateEntrySizes: true, autoClose: true, decodeStrings: true },
      (err, zip) => (err ? reject(err) : resolve(zip)),
    );
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream))),
  );
}

type Kind = 'elf' | 'elf-too-big' | 'wheel-metadata' | 'other';

/** Largest ELF member parsed (parsing needs it whole); a bigger one is reported, not held. */
export const ELF_PARSE_LIMIT = 256 * 1024 * 1024;

/** Reads one member to the end (so yauzl checks its size) and keeps the bytes only when it is ELF or the WHEEL file. */
async function readMember(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<{ kind: Kind; data?: Buffer }> {
  const stream = await openEntry(zip, entry);
  const wheelMeta = isWheelMetadataFile(entry.fileName);
  const chunks: Buffer[] = [];
  let head = Buffer.alloc(0);
  let kind: Kind | undefined = wheelMeta ? 'wheel-metadata' : undefined;
  for await (const raw of stream) {
    const chunk = raw as Buffer;
    if (kind === undefined) {
      head = Buffer.concat([head, chunk]);
      if (head.length >= 4) {
        kind = isElf(head) ? 'elf' : 'other';
        // An ELF member is parsed whole: past ELF_PARSE_LIMIT it is drained unparsed (memory stays bounded).
        if (kind === 'elf' && entry.uncompressedSize > ELF_PARSE_LIMIT) kind = 'elf-too-big';
        if (kind === 'elf') chunks.push(head);
      }
      continue;
    }
    if (kind === 'elf' || kind === 'wheel-metadata') chunks.push(chunk);
  }
  if (kind === undefined) kind = 'other';
  return { kind, data: kind === 'elf' || kind === 'wheel-metadata' ? Buffer.concat(chunks) : undefined };
}

/** Calls handle for each entry of the zip in turn (the next is read once handle is done); rejects on the first error. */
function eachEntry(zip: yauzl.ZipFile, handle: (entry: yauzl.Entry) => Promise<void>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      if (zip.isOpen) zip.close();
      reject(err);
    };
    zip.on('error', fail);
    zip.on('end', () => {
      if (!settled) {
        settled = true;
        resolve();
      }
    });
    zip.on('entry', (entry: yauzl.Entry) => {
      handle(entry).then(() => {
        if (!settled) zip.readEntry();
      }, fail);
    });
    zip.readEntry();
  });
}

/** The name of an entry: safe, unique, not a symlink. Returns false for a directory entry (nothing to read). */
function checkEntryName(entry: yauzl.Entry, seen: Set<string>): boolean {
  const name = entry.fileName;
  const bad = unsafeEntryName(name);
  if (bad) throw new Error(bad);
  if (seen.has(name)) throw new Error(`duplicate entry name: ${name} (an installer may take either copy)`);
  seen.add(name);
  if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK)
    throw new Error(`symlink entry: ${name} (wheels hold no symlinks; it could point anywhere)`);
  return !name.endsWith('/');
}

/** The sizes a member declares, within the limits before its data is read; `total` sums them. */
function checkEntrySize(
  entry: yauzl.Entry,
  limits: WheelReadLimits,
  total: { bytes: number },
  wheelBytes: number,
): void {
  const name = entry.fileName;
  if (entry.uncompressedSize > limits.maxMemberBytes)
    throw new Error(
      `entry ${name} declares ${entry.uncompressedSize} bytes, more than the per-member limit of ${limits.maxMemberBytes}`,
    );
  // Judged on the sizes the directory declares; yauzl then stops a member whose data says otherwise.
  const bomb = bombExpansion('member', entry.uncompressedSize, entry.compressedSize, limits);
  if (bomb)
    throw new Error(
      `entry ${name} expands ${bomb.ratio} times (${entry.compressedSize} → ${entry.uncompressedSize} bytes, past ${formatHarm(bomb.harmBytes)}), past the compression ratio limit of ${limits.maxRatio}: a decompression bomb`,
    );
  total.bytes += entry.uncompressedSize;
  if (total.bytes > limits.maxTotalBytes)
    throw new Error(`the entries declare more than ${limits.maxTotalBytes} bytes in total (a decompression bomb?)`);
  const whole = bombExpansion('archive', total.bytes, wheelBytes, limits);
  if (whole)
    throw new Error(
      `the entries up to ${name} declare ${total.bytes} bytes (past ${formatHarm(whole.harmBytes)}), ${whole.ratio} times the ${wheelBytes} bytes of the wheel, past the compression ratio limit of ${limits.maxRatio}: a decompression bomb`,
    );
}

/** What a member read says about the wheel: its WHEEL file's tags, or an ELF file parsed (or why not). */
function recordMember(out: WheelContents, entry: yauzl.Entry, member: { kind: Kind; data?: Buffer }): void {
  const name = entry.fileName;
  if (member.kind === 'wheel-metadata' && member.data) {
    if (member.data.length > MAX_WHEEL_FILE_BYTES)
      throw new Error(`${name} is ${member.data.length} bytes, not a WHEEL metadata file`);
    out.wheelFile = name;
    out.metadataTags = parseWheelMetadataTags(member.data.toString('utf8'));
  } else if (member.kind === 'elf-too-big') {
    out.elfs.push({
      name,
      size: entry.uncompressedSize,
      error: `ELF member of ${entry.uncompressedSize} bytes, larger than the ${ELF_PARSE_LIMIT} bytes pyhermetic parses`,
    });
  } else if (member.kind === 'elf' && member.data) {
    try {
      out.elfs.push({ name, size: member.data.length, info: parseElf(member.data) });
    } catch (err) {
      if (!(err instanceof ElfFormatError)) throw err;
      out.elfs.push({ name, size: member.data.length, error: err.message });
    }
  }
}

/** Opens the wheel at `path` and reads it all. Never throws for what is inside the file; unreadable files become problems too. */
export async function readWheel(path: string, limits: WheelReadLimits = DEFAULT_WHEEL_LIMITS): Promise<WheelContents> {
  const out: WheelContents = {
    path,
    fileName: parseWheelFileName(basename(path)),
    entries: 0,
    members: [],
    elfs: [],
    problems: [],
  };
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(path);
  } catch (err) {
    out.problems.push(`not a readable zip file: ${(err as Error).message}`);
    return out;
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    out.problems.push(`${zip.entryCount} entries, more than the limit of ${limits.maxEntries}`);
    return out;
  }
  const seen = new Set<string>();
  const total = { bytes: 0 };
  try {
    await eachEntry(zip, async (entry) => {
      out.entries++;
      if (!checkEntryName(entry, seen)) return;
      out.members.push(entry.fileName);
      checkEntrySize(entry, limits, total, zip.fileSize);
      let member: { kind: Kind; data?: Buffer };
      try {
        member = await readMember(zip, entry);
      } catch (err) {
        throw new Error(`entry ${entry.fileName}: ${(err as Error).message}`);
      }
      recordMember(out, entry, member);
    });
  } catch (err) {
    out.problems.push(`hostile or broken zip: ${(err as Error).message}`);
  }
  return out;
}
