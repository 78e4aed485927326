// .pyhermetic-audit.json: what `audit pins` leaves out, which library versions are tags although their
// names do not look like one, and suppressions with their reasons. Paths are globs relative to the
// config file's directory (`**` any directories, `*` and `?` within one name). Read strictly: an
// unknown key is a usage error (a typo must not silently suppress nothing).
//
//   { "exclude": ["test/fixtures/**"],
//     "libraryTags": ["stable-2024"],
//     "suppress": [{ "rule": "apt-unpinned", "path": "ci/*.Dockerfile", "reason": "the base image is rebuilt weekly" }] }
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import { fsError } from '../../shared/fs-errors.js';
import { parseJsonStrict } from '../../shared/json-strict.js';

export const AUDIT_CONFIG_FILE = '.pyhermetic-audit.json';

export interface ConfigSuppression {
  rule: string;
  path: string;
  reason: string;
  /** Its position in "suppress", for messages. */
  index: number;
  /** 1-based line of the entry in the config file (for a finding about it). */
  line: number;
}

export interface AuditConfig {
  /** The file it was read from ('' when there is none). */
  path: string;
  dir: string;
  exclude: string[];
  libraryTags: string[];
  suppress: ConfigSuppression[];
}

export function emptyConfig(dir: string): AuditConfig {
  return { path: '', dir, exclude: [], libraryTags: [], suppress: [] };
}

const EXAMPLE = `{"exclude": ["test/fixtures/**"], "libraryTags": ["stable"], "suppress": [{"rule": "apt-unpinned", "path": "ci/Dockerfile", "reason": "why"}]}`;

function strings(file: string, key: string, v: unknown): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x === ''))
    throw new UsageError(`${file}: "${key}" must be an array of non-empty strings`, `an example: ${EXAMPLE}`);
  return v as string[];
}

/** The line of the n-th `"rule"` key (the entries' order in the file). */
function entryLines(text: string): number[] {
  return [...text.matchAll(/"rule"\s*:/g)].map((m) => text.slice(0, m.index).split('\n').length);
}

export function readAuditConfig(file: string): AuditConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw fsError(err as NodeJS.ErrnoException, file);
  }
  let doc: unknown;
  try {
    doc = parseJsonStrict(text);
  } catch (err) {
    throw new UsageError(`${file}: not valid JSON (${(err as Error).message})`, `an example: ${EXAMPLE}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    throw new UsageError(`${file}: must be a JSON object`, `an example: ${EXAMPLE}`);
  const d = doc as Record<string, unknown>;
  for (const key of Object.keys(d))
    if (!['exclude', 'libraryTags', 'suppress'].includes(key))
      throw new UsageError(
        `${file}: unknown key "${key}" (known: exclude, libraryTags, suppress)`,
        `an example: ${EXAMPLE}`,
      );
  const lines = entryLines(text);
  const rawSuppress = d.suppress ?? [];
  if (!Array.isArray(rawSuppress))
    throw new UsageError(`${file}: "suppress" must be an array`, `an example: ${EXAMPLE}`);
  const suppress = rawSuppress.map((e, index): ConfigSuppression => {
    const ok = e !== null && typeof e === 'object' && !Array.isArray(e);
    const entry = (ok ? e : {}) as Record<string, unknown>;
    const extra = Object.keys(entry).filter((k) => !['rule', 'path', 'reason'].includes(k));
    if (!ok || typeof entry.rule !== 'string' || typeof entry.path !== 'string' || extra.length > 0)
      throw new UsageError(
        `${file}: suppress[${index}] must be {"rule": "…", "path": "…", "reason": "…"}${extra.length ? ` (unknown: ${extra.join(', ')})` : ''}`,
        `an example: ${EXAMPLE}`,
      );
    const reason = typeof entry.reason === 'string' ? entry.reason.trim() : '';
    return { rule: entry.rule, path: entry.path, reason, index, line: lines[index] ?? 1 };
  });
  return {
    path: file,
    dir: dirname(file),
    exclude: strings(file, 'exclude', d.exclude),
    libraryTags: strings(file, 'libraryTags', d.libraryTags),
    suppress,
  };
}

/** A glob over POSIX relative paths: `**` spans directories, `*` and `?` stay within one name. */
export function globMatcher(glob: string): (path: string) => boolean {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A directory pattern covers what is below it.
  const compiled = new RegExp(`^${re}(?:/.*)?$`);
  return (path) => compiled.test(path);
}
