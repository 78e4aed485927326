// The one Report object that every renderer (json, html, junit, markdown) reads. verify builds it from
// its checks; the pipeline builds it from its stages. Renderers never compute verdicts themselves: `ok`
// is decided here, from the checks, so all four files always agree.
import type { Finding } from '../../shared/errors.js';
import type { BaselineSection } from './baseline-section.js';
import type { TestedOn } from './tested-record.js';
import type { PinAuditSection } from './pin-audit-section.js';

export interface CheckResult {
  /** Short stable name: `interpreter`, `files`, a pipeline stage name. */
  name: string;
  ok: boolean;
  findings: Finding[];
  /** One line saying what was checked (e.g. "2,314 files compared"). */
  summary?: string;
  /** Set when the check did not run; the text says why. A skipped check is ok (it found nothing). */
  skipped?: string;
  durationMs?: number;
}

export interface Report {
  schema: 1;
  kind: 'pyhermetic-report';
  /** What produced the report: "pyhermetic verify", "pyhermetic pipeline". */
  title: string;
  ok: boolean;
  checks: CheckResult[];
  /** What ships: the package file, its sha256, its interpreter identity. */
  artifact: Record<string, unknown>;
  /** What was tested: the env directory and its identity. */
  tested: Record<string, unknown>;
  /** Milliseconds per phase. */
  timings: Record<string, number>;
  /** verify: where the package runs (glibc floor, libraries it needs from the host, roots it was run in). */
  whereItRuns?: WhereItRuns;
  /** Changes since the baseline package (pipeline --baseline); absent without one. */
  baseline?: BaselineSection;
  /** verify --tested-record: one row per agent and shard that tested the package's env. */
  testedOn?: TestedOn;
  /** The pipeline's first stage: what floats in the project (absent when "auditPins" is false). */
  pinAudit?: PinAuditSection;
  /** A pipeline over several interpreter specs: one row per version; absent otherwise. */
  versions?: VersionRun[];
}

/** One interpreter version of a pipeline over several specs: what it made and where its own report is. */
export interface VersionRun {
  /** `3.9.2`, `3.14.7t`. */
  version: string;
  /** The spec file it was built from. */
  spec: string;
  ok: boolean;
  exitCode: number;
  fingerprint: string | null;
  /** The package file (null when the run stopped before pack). */
  package: string | null;
  /** Its report.html, relative to the summary report's directory. */
  report: string;
}

/** A root filesystem the package was smoke-tested in (verify --root). */
export interface RootRun {
  /** The root as given (a directory or a tarball). */
  root: string;
  kind: 'directory' | 'tarball';
  /** sha256 of the tarball; null for a directory (its path identifies it). */
  sha256: string | null;
  /** Where the package was placed inside the root. */
  deployPath: string;
  /** How the root was entered: `unshare -m + chroot` or `bwrap`. */
  sandbox: string;
  /** glibc of the root, read from its libc.so.6 (null when unknown). */
  glibc: string | null;
  ok: boolean;
  findings: number;
  /** The name of the check that holds the findings. */
  check: string;
  /**
   * The root's own loader on each library the package needs from the host (whereItRuns.systemLibraries):
   * where it found it (null: not found), and its words.
   */
  libraries?: { name: string; found: string | null; loader: string }[];
}

/** One library the package needs from the host besides glibc's. */
export interface SystemLibrary {
  name: string;
  /** Declared with --allow-system-lib: a runtime requirement the team states. */
  declared: boolean;
  /** Who needs it: `interpreter`, `app`, or `name version` of a distribution. */
  neededBy: string[];
  /** The manylinux policies that allow it for the distributions that need it (`manylinux_2_17`). */
  allowedBy: string[];
  /** Who needs it without a rule that allows it: each is a finding (empty when declared). */
  notAllowedFor: string[];
}

/** What one owner (a distribution, the interpreter, the app) needs from the host, and under which policy. */
export interface HostLibraryUse {
  owner: string;
  /** The manylinux policy its wheel's tag claims (null: the interpreter, the app, a linux_* wheel, --strict-host-libs). */
  policy: string | null;
  /** The wheel's platform tags (empty for the interpreter and the app). */
  platforms: string[];
  /** Each library and what allows it: `manylinux_2_17`, `--allow-system-lib`, or null (a finding). */
  libraries: { name: string; allowedBy: string | null }[];
}

export interface WhereItRuns {
  glibcFloor: {
    /** The floor every ELF file was held to (null: no file needs a versioned glibc symbol). */
    version: string | null;
    /** Where it came from: --glibc-max, interpreter.json's glibcFloor, or the interpreter's own files. */
    source: string;
    /** The highest GLIBC_x.y the interpreter's own files need. */
    interpreterNeeds: string | null;
  };
  /** The rules a file's libraries from the host were held to, in words (the interpreter's, a wheel's). */
  hostLibraryRules: string[];
  /** Libraries from the host other than glibc's: declared or allowed by a policy, or findings. */
  systemLibraries: SystemLibrary[];
  /** The same, per owner: which libraries each distribution relies on and under which policy. */
  hostLibraries: HostLibraryUse[];
  roots: RootRun[];
}

export function checkResult(
  name: string,
  findings: Finding[],
  extra: Partial<Omit<CheckResult, 'name' | 'findings' | 'ok'>> = {},
): CheckResult {
  return { name, ok: findings.length === 0, findings, ...extra };
}

export function skippedCheck(name: string, reason: string): CheckResult {
  return { name, ok: true, findings: [], skipped: reason };
}

export function makeReport(parts: {
  title: string;
  checks: CheckResult[];
  artifact?: Record<string, unknown>;
  tested?: Record<string, unknown>;
  timings?: Record<string, number>;
  whereItRuns?: WhereItRuns;
  baseline?: BaselineSection;
  testedOn?: TestedOn;
  pinAudit?: PinAuditSection;
  versions?: VersionRun[];
}): Report {
  // A check's ok is re-derived from its findings so that a caller cannot hand in {ok: true, findings: [x]}.
  const checks = parts.checks.map((c) => ({ ...c, ok: c.ok && c.findings.length === 0 }));
  return {
    schema: 1,
    kind: 'pyhermetic-report',
    title: parts.title,
    ok: checks.every((c) => c.ok),
    checks,
    artifact: parts.artifact ?? {},
    tested: parts.tested ?? {},
    timings: parts.timings ?? {},
    ...(parts.whereItRuns ? { whereItRuns: parts.whereItRuns } : {}),
    ...(parts.baseline ? { baseline: parts.baseline } : {}),
    ...(parts.testedOn ? { testedOn: parts.testedOn } : {}),
    ...(parts.pinAudit ? { pinAudit: parts.pinAudit } : {}),
    ...(parts.versions ? { versions: parts.versions } : {}),
  };
}

export function findingCount(report: Report): number {
  return report.checks.reduce((n, c) => n + c.findings.length, 0);
}

/** "PASSED" / "FAILED" with the numbers, the same wording in every renderer. */
export function verdictLine(report: Report): string {
  const n = findingCount(report);
  const failed = report.checks.filter((c) => !c.ok).map((c) => c.name);
  if (report.ok) return `PASSED: ${report.checks.length} checks, no findings`;
  return `FAILED: ${n} finding${n === 1 ? '' : 's'} in ${failed.join(', ')}`;
}

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
