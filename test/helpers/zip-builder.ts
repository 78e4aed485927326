// A tiny raw zip writer for tests: it writes exactly what it is told, including what no honest zip tool
// writes (names with '../', absolute names, symlink entries, duplicate names, sizes that lie), so the
// wheel reader is tested against real hostile bytes.
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';

export interface ZipEntrySpec {
  name: string;
  data?: Buffer | string;
  /** 0 stored, 8 deflate (default 8). */
  method?: 0 | 8;
  /** Unix mode for the external attributes (default 0o100644; 0o120777 makes a symlink entry). */
  mode?: number;
  /** Declare this uncompressed size instead of the real one (a lying header). */
  declaredSize?: number;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function buildZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data ?? '', 'utf8');
    const method = e.method ?? 8;
    const body = method === 8 ? deflateRawSync(raw) : raw;
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(raw);
    const size = e.declaredSize ?? raw.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x031e, 4); // made by Unix, spec 3.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30);
    central.writeUInt16LE(0, 32);
    central.writeUInt16LE(0, 34);
    central.writeUInt16LE(0, 36);
    central.writeUInt32LE(((e.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** The members of a minimal valid wheel of `dist` with the given tag line(s). */
export function wheelMembers(
  dist: string,
  version: string,
  tags: string[],
  extra: ZipEntrySpec[] = [],
): ZipEntrySpec[] {
  const di = `${dist}-${version}.dist-info`;
  return [
    { name: `${dist}/__init__.py`, data: '' },
    ...extra,
    { name: `${di}/METADATA`, data: `Metadata-Version: 2.1\nName: ${dist}\nVersion: ${version}\n` },
    {
      name: `${di}/WHEEL`,
      data: `Wheel-Version: 1.0\nGenerator: pyhermetic-tests\nRoot-Is-Purelib: false\n${tags.map((t) => `Tag: ${t}\n`).join('')}`,
    },
    { name: `${di}/RECORD`, data: '' },
  ];
}

/** A complete wheel: the given files, a WHEEL with the tags, and a RECORD with real hashes. */
export function buildWheel(
  dist: string,
  version: string,
  tags: string[],
  files: { name: string; data: Buffer | string }[],
): Buffer {
  const members = wheelMembers(dist, version, tags, files).filter((m) => !m.name.endsWith('/RECORD'));
  const record = members.map((m) => {
    const data = Buffer.isBuffer(m.data) ? m.data : Buffer.from(m.data ?? '', 'utf8');
    const digest = createHash('sha256').update(data).digest('base64url');
    return `${m.name},sha256=${digest},${data.length}`;
  });
  const recordName = `${dist}-${version}.dist-info/RECORD`;
  return buildZip([...members, { name: recordName, data: `${[...record, `${recordName},,`].join('\n')}\n` }]);
}
