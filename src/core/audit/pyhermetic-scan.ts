// pyhermetic's own files: a python.json must pin its source by sha256 (and should name a build root);
// a pyhermetic.json must name a lock that exists; and that lock must have been made for the spec's
// interpreter. The lock records the interpreter it was resolved for in its header (lockfile.ts:
// `# pyhermetic-lock fingerprint=…` and `python=…`); the spec's own fingerprint is known once its
// interpreter was built (the store entry of its build key, or the pipeline's interpreter.json for
// this very spec), and its version always is.
import { parseLock } from '../deps/lockfile.js';
import { findingOnLine, type LineIndex, type PinFinding } from './finding.js';
import type { RuleId } from './rules.js';

export interface SpecFingerprint {
  fingerprint: string;
  /** Where it was read: the store entry or the pipeline's interpreter.json. */
  from: string;
}

export interface PyhermeticContext {
  file: { path: string; lines: LineIndex };
  /** Reads a file next to the config (relative paths resolved against its directory); undefined if absent. */
  readSibling(path: string): string | undefined;
  /** The fingerprint of the interpreter a spec builds, when it was built already (undefined: not known here). */
  specFingerprint(specDoc: unknown, specPath: string): SpecFingerprint | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The line of `"key":` in a JSON text (1 when it is not there). */
function keyLine(lines: LineIndex, key: string): { line: number; column: number; length: number } {
  const i = lines.text.indexOf(`"${key}"`);
  if (i === -1) return { line: 1, column: 1, length: 1 };
  const p = lines.position(i);
  return { ...p, length: key.length + 2 };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function scanSpec(text: string, ctx: { file: { path: string; lines: LineIndex } }): PinFinding[] {
  const doc = parseJson(text);
  if (!isObject(doc)) return [];
  const out: PinFinding[] = [];
  const f = (rule: RuleId, key: string, message: string) =>
    out.push(findingOnLine(ctx.file, rule, keyLine(ctx.file.lines, key), message));
  const source = doc.source;
  const sha = isObject(source) ? source.sha256 : undefined;
  if (typeof sha !== 'string' || !/^[0-9a-f]{64}$/.test(sha))
    f(
      'spec-source-unpinned',
      isObject(source) ? 'source' : 'version',
      `the CPython source has no sha256${isObject(source) && Array.isArray(source.urls) ? ` (only URLs: ${source.urls.join(', ')})` : ''}`,
    );
  if (!isObject(doc.buildRoot))
    f(
      'spec-no-build-root',
      'configure',
      'no buildRoot: the interpreter is built with the compiler and libraries of whichever agent runs the build',
    );
  return out;
}

/** The version a lock made for this spec records: `3.14.7`, `3.14.7t` for a free-threaded build (lockfile.ts). */
const lockLabelOf = (spec: Record<string, unknown>): string | undefined =>
  typeof spec.version === 'string' ? `${spec.version}${spec.freeThreaded === true ? 't' : ''}` : undefined;

type Report = (rule: RuleId, key: string, message: string, fix?: string) => void;

/** One spec and the lock the config gives it: the lock exists, and was made for that spec's interpreter. */
function checkLockForSpec(
  doc: Record<string, unknown>,
  lockPath: string,
  specPath: string | undefined,
  ctx: PyhermeticContext,
  f: Report,
): void {
  const lockText = ctx.readSibling(lockPath);
  if (lockText === undefined) {
    f('config-no-lock', 'lock', `"lock" names ${lockPath}, which does not exist`);
    return;
  }
  const specText = specPath ? ctx.readSibling(specPath) : undefined;
  const spec = specText === undefined ? undefined : parseJson(specText);
  if (!isObject(spec)) return;
  let header: ReturnType<typeof parseLock>['header'];
  try {
    header = parseLock(lockText, lockPath).header;
  } catch {
    return; // the lock's own lines are reported by the requirements rules
  }
  const relock = `pyhermetic lock -r ${typeof doc.requirements === 'string' ? doc.requirements : 'requirements.in'} --interpreter <the spec's interpreter> … -o ${lockPath}`;
  if (!header.fingerprint) {
    f(
      'lock-fingerprint-mismatch',
      'lock',
      `${lockPath} records no interpreter fingerprint, so nothing says it was made for ${specPath}`,
      relock,
    );
    return;
  }
  const label = lockLabelOf(spec);
  if (label && header.python && header.python !== label) {
    f(
      'lock-fingerprint-mismatch',
      'lock',
      `${lockPath} was made for Python ${header.python}; ${specPath} builds ${label}`,
      relock,
    );
    return;
  }
  const known = ctx.specFingerprint(spec, specPath!);
  if (known && known.fingerprint !== header.fingerprint)
    f(
      'lock-fingerprint-mismatch',
      'lock',
      `${lockPath} was made for interpreter ${header.fingerprint.slice(0, 16)}…; ${specPath} builds ${known.fingerprint.slice(0, 16)}… (${known.from})`,
      relock,
    );
}

export function scanConfig(text: string, ctx: PyhermeticContext): PinFinding[] {
  const doc = parseJson(text);
  if (!isObject(doc)) return [];
  const out: PinFinding[] = [];
  const f: Report = (rule, key, message, fix) =>
    out.push(findingOnLine(ctx.file, rule, keyLine(ctx.file.lines, key), message, fix));
  // Several specs ("specs"): one lock per version, the "lock" pattern with {version} replaced.
  const several = Array.isArray(doc.specs) ? doc.specs.filter((x): x is string => typeof x === 'string') : undefined;
  const lockField = doc.lock ?? (several ? 'requirements-{version}.lock' : undefined);
  if (typeof lockField !== 'string' || lockField === '') {
    f('config-no-lock', 'spec', 'no "lock": the environment would be resolved at build time');
    return out;
  }
  if (!several) {
    checkLockForSpec(doc, lockField, typeof doc.spec === 'string' ? doc.spec : undefined, ctx, f);
    return out;
  }
  for (const specPath of several) {
    const specText = ctx.readSibling(specPath);
    const spec = specText === undefined ? undefined : parseJson(specText);
    const label = isObject(spec) ? lockLabelOf(spec) : undefined;
    if (!label) continue; // a missing or broken spec is the pipeline's exit 2, not a pin finding
    checkLockForSpec(doc, lockField.replaceAll('{version}', label), specPath, ctx, f);
  }
  return out;
}
