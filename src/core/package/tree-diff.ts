// Comparing two trees given as file records (a tested env hashed with the pack policy, a package
// read from its archive): what is only on one side, and what differs in content, mode or link target.
import type { FileRecord } from '../model/manifests.js';

export interface ChangedFile {
  path: string;
  a: FileRecord;
  b: FileRecord;
  /** 'content', 'mode', 'type', 'link target' */
  what: string[];
}

export interface TreeDifference {
  /** Only in b. */
  added: FileRecord[];
  /** Only in a. */
  removed: FileRecord[];
  changed: ChangedFile[];
}

function toMap(records: Iterable<FileRecord> | Map<string, FileRecord>): Map<string, FileRecord> {
  if (records instanceof Map) return records;
  const m = new Map<string, FileRecord>();
  for (const r of records) m.set(r.path, r);
  return m;
}

const byPath = (x: { path: string }, y: { path: string }): number =>
  Buffer.compare(Buffer.from(x.path), Buffer.from(y.path));

export function compareTrees(
  aIn: Iterable<FileRecord> | Map<string, FileRecord>,
  bIn: Iterable<FileRecord> | Map<string, FileRecord>,
  keep: (path: string) => boolean = () => true,
): TreeDifference {
  const a = toMap(aIn);
  const b = toMap(bIn);
  const diff: TreeDifference = { added: [], removed: [], changed: [] };
  for (const [path, ra] of a) {
    if (!keep(path)) continue;
    const rb = b.get(path);
    if (!rb) {
      diff.removed.push(ra);
      continue;
    }
    const what: string[] = [];
    if ((ra.link === undefined) !== (rb.link === undefined)) what.push('type');
    else if (ra.link !== undefined && ra.link !== rb.link) what.push('link target');
    else if (ra.sha256 !== rb.sha256) what.push('content');
    if (ra.link === undefined && rb.link === undefined && ra.mode !== rb.mode) what.push('mode');
    if (what.length > 0) diff.changed.push({ path, a: ra, b: rb, what });
  }
  for (const [path, rb] of b) if (keep(path) && !a.has(path)) diff.added.push(rb);
  diff.added.sort(byPath);
  diff.removed.sort(byPath);
  diff.changed.sort(byPath);
  return diff;
}

export function isEmptyDifference(d: TreeDifference): boolean {
  return d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
}

export function describeChange(c: ChangedFile, labels: [string, string] = ['A', 'B']): string {
  const [la, lb] = labels;
  const parts: string[] = [];
  for (const w of c.what) {
    if (w === 'content')
      parts.push(
        `content differs (${la}: sha256 ${c.a.sha256.slice(0, 12)}…, ${c.a.size} bytes; ${lb}: sha256 ${c.b.sha256.slice(0, 12)}…, ${c.b.size} bytes)`,
      );
    else if (w === 'mode') parts.push(`mode differs (${la}: ${c.a.mode.toString(8)}; ${lb}: ${c.b.mode.toString(8)})`);
    else if (w === 'link target') parts.push(`symlink target differs (${la}: ${c.a.link}; ${lb}: ${c.b.link})`);
    else if (w === 'type')
      parts.push(
        `type differs (${la}: ${c.a.link === undefined ? 'file' : 'symlink'}; ${lb}: ${c.b.link === undefined ? 'file' : 'symlink'})`,
      );
  }
  return parts.join('; ');
}
