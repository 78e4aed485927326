// `audit pins`: walks the given paths, reads each file it knows (file-kinds.ts) one at a time, runs the
// rules of its kind, applies suppressions, and returns the findings sorted by place. Memory stays
// bounded by one file and the findings: no file's text outlives its scan. The reads are synchronous on
// purpose: for thousands of small files a promise and a thread-pool round trip per system call cost
// more than the reads themselves (measured: 4.3 s → see npm run bench).
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import { type AuditConfig, globMatcher } from './audit-config.js';
import { scanDockerfile } from './dockerfile-scan.js';
import { type FileKind, isShellShebang, type KindName, kindByName } from './file-kinds.js';
import { findingOnLine, LineIndex, type PinFinding, wholeText } from './finding.js';
import { scanGroovy } from './groovy-scan.js';
import { scanConfig, scanSpec } from './pyhermetic-scan.js';
import { hashedLockStatus, scanRequirements } from './requirements-scan.js';
import { atOrAbove, type FailOn, isRuleId } from './rules.js';
import type { LockStatus } from './shell-context.js';
import { scanShell } from './shell-rules.js';
import { knownSpecFingerprint } from './spec-fingerprint.js';
import { applyConfig, applyInline, inlineSuppressions } from './suppress.js';

/** Files larger than this are listed as skipped, not read (a generated 5 MB file is read). */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Directories never entered: VCS data, dependency trees, virtualenvs, caches, the Jenkins steps' outputs. */
const SKIP_DIRS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.pyhermetic',
]);
/** The marker `pyhermetic pipeline` leaves in its output directory (a copy of the app and an env). */
const PIPELINE_MARKER = '.pyhermetic-pipeline';

export interface AuditOptions {
  /** Files or directories, absolute or relative to `cwd`. */
  paths: string[];
  cwd: string;
  config: AuditConfig;
  failOn: FailOn;
  /** The interpreter store to look up spec fingerprints in (undefined: the default store). */
  store?: string;
}

export interface AuditResult {
  /** Findings' paths are relative to it (or absolute when outside it). */
  root: string;
  config: string | null;
  scanned: number;
  byKind: Record<KindName, number>;
  skipped: { file: string; why: string }[];
  findings: PinFinding[];
  failOn: FailOn;
  counts: { error: number; warning: number; suppressed: number; failing: number };
  ok: boolean;
}

interface Candidate {
  abs: string;
  kind: FileKind | 'shebang?';
}

function walk(dir: string, out: Candidate[], excluded: (abs: string) => boolean): void {
  const entries = readdirSync(dir, { withFileTypes: true });
  if (entries.some((e) => e.name === PIPELINE_MARKER && e.isFile())) return;
  const subdirs: string[] = [];
  for (const e of entries) {
    const abs = join(dir, e.name);
    if (e.isSymbolicLink() || excluded(abs)) continue;
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && e.name !== '.pyhermetic-out') subdirs.push(abs);
    } else if (e.isFile()) {
      const kind = kindByName(e.name);
      if (kind) out.push({ abs, kind });
    }
  }
  for (const d of subdirs) walk(d, out, excluded);
}

/** Where a name given to `pip install -r` is found: beside the script, else under a scanned root. */
function lockStatusFor(
  scriptAbs: string,
  roots: string[],
  cache: Map<string, LockStatus>,
): (name: string) => LockStatus {
  return (name) => {
    const candidates = isAbsolute(name) ? [name] : [dirname(scriptAbs), ...roots].map((d) => resolve(d, name));
    for (const c of candidates) {
      const hit = cache.get(c);
      if (hit) return hit;
      let text: string;
      try {
        if (!statSync(c).isFile()) continue;
        text = readFileSync(c, 'utf8');
      } catch {
        continue;
      }
      const s = hashedLockStatus(text);
      const status: LockStatus = s.hashed ? { status: 'hashed' } : { status: 'unhashed', detail: s.detail };
      cache.set(c, status);
      return status;
    }
    return { status: 'unknown' };
  };
}

function readSiblingOf(configAbs: string): (path: string) => string | undefined {
  return (path) => {
    try {
      return readFileSync(resolve(dirname(configAbs), path), 'utf8');
    } catch {
      return undefined;
    }
  };
}

function isBinaryOrShebang(abs: string): { binary: boolean; head: string } {
  const fd = openSync(abs, 'r');
  try {
    const buf = Buffer.alloc(512);
    const bytesRead = readSync(fd, buf, 0, 512, 0);
    const head = buf.subarray(0, bytesRead);
    return { binary: head.includes(0), head: head.toString('utf8') };
  } finally {
    closeSync(fd);
  }
}

/** The files to scan under the given paths (excluded ones left out), and the specs the configs name. */
function collectCandidates(
  opts: AuditOptions,
  root: string,
  excluded: (abs: string) => boolean,
): { roots: string[]; candidates: Candidate[] } {
  const roots: string[] = [];
  const candidates: Candidate[] = [];
  for (const p of opts.paths) {
    const abs = resolve(root, p);
    const st = statSync(abs, { throwIfNoEntry: false });
    if (!st)
      throw new UsageError(
        `audit pins: no such file or directory: ${p}`,
        'pass the repository (default: the current directory) or files in it',
      );
    if (st.isDirectory()) {
      roots.push(abs);
      walk(abs, candidates, excluded);
    } else {
      roots.push(dirname(abs));
      candidates.push({ abs, kind: kindByName(abs) ?? 'shebang?' });
    }
  }
  // A spec named by a pyhermetic.json is a spec whatever its name.
  const known = new Set(candidates.map((c) => c.abs));
  for (const c of candidates.filter((x) => x.kind !== 'shebang?' && x.kind.kind === 'config')) {
    let spec: unknown;
    try {
      spec = (JSON.parse(readFileSync(c.abs, 'utf8')) as { spec?: unknown }).spec;
    } catch {
      continue;
    }
    if (typeof spec !== 'string') continue;
    const abs = resolve(dirname(c.abs), spec);
    if (!known.has(abs) && statSync(abs, { throwIfNoEntry: false })?.isFile()) {
      known.add(abs);
      candidates.push({ abs, kind: { kind: 'spec' } });
    }
  }
  return { roots, candidates };
}

export async function auditPins(opts: AuditOptions): Promise<AuditResult> {
  const root = resolve(opts.cwd);
  const rel = (abs: string): string => {
    const r = relative(root, abs);
    return r.startsWith('..') || isAbsolute(r) ? abs : r.split(sep).join('/') || '.';
  };
  const relToConfig = (abs: string): string => relative(opts.config.dir, abs).split(sep).join('/');
  const excludes = opts.config.exclude.map(globMatcher);
  const excluded = (abs: string): boolean => excludes.some((m) => m(relToConfig(abs)));
  const skipped: AuditResult['skipped'] = [];
  const { roots, candidates } = collectCandidates(opts, root, excluded);

  const lockCache = new Map<string, LockStatus>();
  const knownTags = new Set(opts.config.libraryTags);
  const byKind: AuditResult['byKind'] = { groovy: 0, dockerfile: 0, shell: 0, requirements: 0, spec: 0, config: 0 };
  const findings: PinFinding[] = [];
  const env: ScanEnv = { roots, lockCache, knownTags, store: opts.store, skipped };
  for (const c of candidates) {
    const found = scanFile(c, rel(c.abs), env);
    if (found) {
      byKind[found.kind]++;
      for (const f of found.findings) findings.push(f);
    }
  }
  findings.push(...configFindings(opts.config, rel));
  applyConfig(findings, opts.config, (file) => relToConfig(resolve(root, file)));
  findings.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : 1),
  );
  const counts = countFindings(findings, opts.failOn);
  skipped.sort((a, b) => (a.file < b.file ? -1 : 1));
  return {
    root,
    config: opts.config.path || null,
    scanned: Object.values(byKind).reduce((a, b) => a + b, 0),
    byKind,
    skipped,
    findings,
    failOn: opts.failOn,
    counts,
    ok: counts.failing === 0,
  };
}

/** Findings by severity, suppressed ones apart, and how many are at or above failOn. */
function countFindings(findings: PinFinding[], failOn: AuditOptions['failOn']) {
  const counts = { error: 0, warning: 0, suppressed: 0, failing: 0 };
  for (const f of findings) {
    if (f.suppressed) counts.suppressed++;
    else {
      counts[f.severity]++;
      if (atOrAbove(f.severity, failOn)) counts.failing++;
    }
  }
  return counts;
}

/** Config entries that cannot suppress anything: no reason, or a rule that does not exist. */
function configFindings(config: AuditConfig, rel: (abs: string) => string): PinFinding[] {
  if (!config.path) return [];
  let lines: LineIndex | undefined;
  const out: PinFinding[] = [];
  for (const e of config.suppress) {
    const problems = [
      ...(e.reason === '' ? ['gives no reason'] : []),
      ...(isRuleId(e.rule) ? [] : [`names unknown rule ${e.rule}`]),
    ];
    if (problems.length === 0) continue;
    lines ??= new LineIndex(readFileSync(config.path, 'utf8'));
    const file = { path: rel(config.path), lines };
    out.push(
      findingOnLine(
        file,
        'invalid-suppression',
        { line: e.line, column: 1, length: lines.lineText(e.line).length },
        `suppress[${e.index}] (${e.rule} on ${e.path}) ${problems.join(' and ')}`,
      ),
    );
  }
  return out;
}

interface ScanEnv {
  roots: string[];
  lockCache: Map<string, LockStatus>;
  knownTags: Set<string>;
  store?: string;
  skipped: AuditResult['skipped'];
}

function scanFile(c: Candidate, path: string, env: ScanEnv): { kind: KindName; findings: PinFinding[] } | null {
  let kind = c.kind;
  const st = statSync(c.abs);
  if (st.size > MAX_FILE_BYTES) {
    env.skipped.push({ file: path, why: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB` });
    return null;
  }
  if (kind === 'shebang?') {
    const { binary, head } = isBinaryOrShebang(c.abs);
    if (binary || !isShellShebang(head)) return null;
    kind = { kind: 'shell' };
  }
  const buf = readFileSync(c.abs);
  if (buf.subarray(0, 8000).includes(0)) {
    env.skipped.push({ file: path, why: 'binary (a NUL byte)' });
    return null;
  }
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  const lines = new LineIndex(text);
  const file = { path, lines };
  const shellCtx = { file, lockStatus: lockStatusFor(c.abs, env.roots, env.lockCache) };
  let findings: PinFinding[];
  switch (kind.kind) {
    case 'groovy':
      findings = scanGroovy(text, { ...shellCtx, knownTags: env.knownTags });
      break;
    case 'dockerfile':
      findings = scanDockerfile(text, shellCtx);
      break;
    case 'shell':
      findings = scanShell([wholeText(text)], shellCtx);
      break;
    case 'requirements':
      findings = scanRequirements(text, kind.role, { file });
      break;
    case 'spec':
      findings = scanSpec(text, { file });
      break;
    case 'config': {
      const outDirs = [join(dirname(c.abs), '.pyhermetic-out', 'interpreter')];
      findings = scanConfig(text, {
        file,
        readSibling: readSiblingOf(c.abs),
        specFingerprint: (doc) => knownSpecFingerprint(doc, outDirs, env.store),
      });
      break;
    }
  }
  findings.push(...applyInline(findings, file, inlineSuppressions(lines)));
  return { kind: kind.kind, findings };
}
