// The installed distributions of a prefix, read from their *.dist-info (METADATA name/version,
// RECORD files and hashes), with every RECORD hash checked against the bytes on disk.
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import pLimit from 'p-limit';
import type { Finding } from '../../shared/errors.js';
import type { InstalledDistribution } from '../model/manifests.js';
import { writeFileAtomic } from '../../shared/atomic-file.js';
import { metadataField } from './dist-metadata.js';
import { isRelativeLauncher } from '../interpreter/launcher.js';

interface RecordRow {
  /** The path exactly as RECORD writes it (relative to the site-packages directory). */
  raw: string;
  /** The path relative to the prefix. */
  path: string;
  /** Expected sha256 (hex) per RECORD, undefined for rows without a hash (RECORD itself, pycs). */
  sha256?: string;
  size?: string;
}

export interface DistInfo {
  name: string;
  version: string;
  /** dist-info directory relative to the prefix. */
  dir: string;
  recordFile: string;
  rows: RecordRow[];
}

/**
 * CSV with RFC 4180 quoting, which is what RECORD uses: a quoted field may hold a comma, a quote and a
 * newline (a file name with a newline is written quoted), so the text is parsed as a whole, never split
 * into lines first. Blank lines are skipped.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let quoted = false;
  let any = false;
  const endRow = (): void => {
    if (any || row.length > 0) rows.push([...row, cur]);
    row = [];
    cur = '';
    any = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') {
      quoted = true;
      any = true;
    } else if (ch === ',') {
      row.push(cur);
      cur = '';
      any = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else {
      cur += ch;
      any = true;
    }
  }
  endRow();
  return rows;
}

/** One CSV line (parseCsv of a text without line breaks outside quotes). */
export function parseCsvLine(line: string): string[] {
  return parseCsv(line)[0] ?? [''];
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function b64ToHex(b64: string): string {
  return Buffer.from(b64.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('hex');
}

function hexToB64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64url').replace(/=+$/, '');
}

/** Reads every *.dist-info under the given site directories (relative to prefix). */
export async function readDistInfos(prefix: string, siteDirs: string[]): Promise<DistInfo[]> {
  const dists: DistInfo[] = [];
  for (const site of [...new Set(siteDirs)]) {
    const names = await readdir(join(prefix, site)).catch(() => [] as string[]);
    for (const entry of names.filter((n) => n.endsWith('.dist-info')).sort()) {
      const dir = posix.join(site, entry);
      const metadata = await readFile(join(prefix, dir, 'METADATA'), 'utf8').catch(() => '');
      const recordText = await readFile(join(prefix, dir, 'RECORD'), 'utf8').catch(() => undefined);
      if (recordText === undefined) continue;
      const rows: RecordRow[] = [];
      for (const [raw, hash, size] of parseCsv(recordText)) {
        if (raw === undefined || raw.trim() === '') continue;
        const path = posix.normalize(raw.startsWith('/') ? raw : posix.join(site, raw));
        const m = /^sha256=([A-Za-z0-9_-]+)$/.exec(hash ?? '');
        rows.push({ raw, path, sha256: m ? b64ToHex(m[1]) : undefined, size });
      }
      dists.push({
        name: metadataField(metadata, 'Name') ?? entry.replace(/-[^-]*\.dist-info$/, ''),
        version: metadataField(metadata, 'Version') ?? '',
        dir,
        recordFile: posix.join(dir, 'RECORD'),
        rows,
      });
    }
  }
  return dists;
}

async function sha256Of(file: string): Promise<{ sha256: string; size: number; content: Buffer }> {
  const content = await readFile(file);
  return { sha256: createHash('sha256').update(content).digest('hex'), size: content.length, content };
}

export interface VerifiedDistributions {
  distributions: InstalledDistribution[];
  findings: Finding[];
  /** Rows whose file is our relative launcher while RECORD has the bytes pip wrote: accepted, to be re-recorded. */
  launcherRows: string[];
}

/** Checks every hashed RECORD row against the disk; lists the files (on-disk hashes) per distribution. */
export async function verifyDistributions(prefix: string, dists: DistInfo[]): Promise<VerifiedDistributions> {
  const findings: Finding[] = [];
  const launcherRows: string[] = [];
  const distributions: InstalledDistribution[] = [];
  // Hash up to 8 files at a time: the reads overlap, and sha256 of large .so files dominates.
  const limit = pLimit(8);
  for (const d of dists) {
    const files: InstalledDistribution['files'] = [];
    const checked = await Promise.all(d.rows.map((row) => limit(() => checkRow(prefix, d, row))));
    for (const c of checked) {
      if (c.finding) findings.push(c.finding);
      if (c.launcher) launcherRows.push(c.launcher);
      if (c.file) files.push(c.file);
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    distributions.push({ name: d.name, version: d.version, files });
  }
  distributions.sort((a, b) =>
    a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0,
  );
  return { distributions, findings, launcherRows };
}

interface RowCheck {
  finding?: Finding;
  launcher?: string;
  file?: InstalledDistribution['files'][number];
}

async function checkRow(prefix: string, d: DistInfo, row: RecordRow): Promise<RowCheck> {
  if (row.path.startsWith('../') || row.path.startsWith('/')) {
    return {
      finding: {
        path: `${d.name} ${d.version}: ${row.raw}`,
        message: 'RECORD names a file outside the environment',
        fix: 'the wheel installs outside its prefix; do not use it',
      },
    };
  }
  const st = await lstat(join(prefix, row.path)).catch(() => undefined);
  if (!st) {
    return row.sha256
      ? {
          finding: {
            path: row.path,
            message: `${d.name} ${d.version}: file listed in RECORD is missing`,
            fix: 'recreate the environment; if it repeats, the wheel is broken',
          },
        }
      : {};
  }
  if (!st.isFile()) return {};
  const disk = await sha256Of(join(prefix, row.path));
  const file = { path: row.path, sha256: disk.sha256, size: disk.size };
  if (row.sha256 && disk.sha256 !== row.sha256) {
    if (row.path.startsWith('bin/') && isRelativeLauncher(disk.content)) return { launcher: row.path, file };
    return {
      finding: {
        path: row.path,
        message: `${d.name} ${d.version}: sha256 ${disk.sha256} on disk, RECORD says ${row.sha256}`,
        fix: 'the installed file was changed after pip wrote it; recreate the environment and find what modifies it',
      },
    };
  }
  return { file };
}

/**
 * Rewrites the RECORD rows of `paths` (prefix-relative) to the files' current hash and size, so that
 * RECORD keeps describing the disk after the launcher rewrite (and no longer carries a hash of pip's
 * bytes, which embedded the temporary directory's path). Returns the RECORD files it changed.
 */
export async function rerecord(prefix: string, dists: DistInfo[], paths: Set<string>): Promise<string[]> {
  const changed: string[] = [];
  for (const d of dists) {
    if (!d.rows.some((r) => paths.has(r.path))) continue;
    const lines: string[] = [];
    for (const row of d.rows) {
      if (paths.has(row.path)) {
        const disk = await sha256Of(join(prefix, row.path));
        row.sha256 = disk.sha256;
        row.size = String(disk.size);
        lines.push([row.raw, `sha256=${hexToB64(disk.sha256)}`, row.size].map(csvField).join(','));
      } else {
        lines.push(
          [row.raw, row.sha256 ? `sha256=${hexToB64(row.sha256)}` : '', row.size ?? ''].map(csvField).join(','),
        );
      }
    }
    const file = join(prefix, d.recordFile);
    await writeFileAtomic(file, `${lines.join('\n')}\n`);
    changed.push(d.recordFile);
  }
  return changed;
}
