// requirements*.txt, *.lock, constraints*.txt and *.in, read with the shared requirements-file reader
// (a real PEP 508 parser for the requirement part). A file installed as it is (requirements*.txt, a
// lock) must pin every line with == and --hash; a constraints file must pin with ==; an input to a
// locker (*.in) may hold ranges. Every kind is held to the source rules: no plain http index, no
// --trusted-host, and --extra-index-url is a warning.
import { type RequirementsLine, readRequirementsLines } from '../deps/requirements-file.js';
import { findingOnLine, type LineIndex, type PinFinding } from './finding.js';
import type { RuleId } from './rules.js';
import { vcsRef } from './shell-pip.js';
import { isFullCommit } from './shell-words.js';

/** How a requirements file is used: installed as is, constraints, or the input a lock is made from. */
export type RequirementsRole = 'lock' | 'constraints' | 'input';

const SOURCE_OPTIONS = ['-i', '--index-url', '--extra-index-url', '-f', '--find-links'];
const VCS = /^(git|hg|svn|bzr)\+/;

interface Ctx {
  file: { path: string; lines: LineIndex };
}

function at(
  ctx: Ctx,
  l: RequirementsLine,
  offset: number,
  length: number,
  rule: RuleId,
  message: string,
  fix?: string,
): PinFinding {
  const p = l.position(offset);
  return findingOnLine(ctx.file, rule, { line: p.line, column: p.column, length }, message, fix);
}

function sourceFindings(ctx: Ctx, l: RequirementsLine): PinFinding[] {
  const out: PinFinding[] = [];
  for (const o of l.options) {
    const v = o.value ?? '';
    const len = o.name.length + 1 + v.length;
    if (SOURCE_OPTIONS.includes(o.name) && /^http:\/\//i.test(v))
      out.push(at(ctx, l, o.offset, len, 'index-url-http', `${o.name} ${v} is plain http`));
    if (o.name === '--trusted-host')
      out.push(at(ctx, l, o.offset, len, 'trusted-host', `--trusted-host ${v} turns off TLS checks for it`));
    if (o.name === '--extra-index-url')
      out.push(
        at(
          ctx,
          l,
          o.offset,
          len,
          'extra-index-url',
          `--extra-index-url ${v}: pip takes the highest version from either index`,
        ),
      );
  }
  return out;
}

function vcsFinding(ctx: Ctx, l: RequirementsLine, url: string, offset: number, length: number): PinFinding | null {
  const ref = vcsRef(url);
  if (ref && isFullCommit(ref)) return null;
  return at(
    ctx,
    l,
    offset,
    length,
    'vcs-unpinned',
    `${url} ${ref ? `is at ${ref}, not a full commit` : 'names no commit'}`,
  );
}

/** The findings of one line's requirement; `hashed`: the line has --hash. */
function requirementFindings(ctx: Ctx, l: RequirementsLine, role: RequirementsRole): PinFinding[] {
  const r = l.requirement;
  const off = l.requirementOffset;
  const len = l.requirementText.length;
  const editable = l.options.find((o) => o.name === '-e' || o.name === '--editable');
  if (editable?.value && (VCS.test(editable.value) || /:\/\//.test(editable.value))) {
    const f = vcsFinding(ctx, l, editable.value, editable.offset, l.text.length - editable.offset);
    return f ? [f] : [];
  }
  if (!r) return [];
  if (r.kind === 'path') return [];
  if (r.kind === 'url') {
    if (VCS.test(r.target)) {
      const f = vcsFinding(ctx, l, r.target, off, len);
      return f ? [f] : [];
    }
    return [];
  }
  if (r.kind === 'invalid')
    return role === 'input'
      ? []
      : [
          at(
            ctx,
            l,
            off,
            len,
            'requirement-unpinned',
            `'${l.requirementText}' cannot be read as a pinned requirement (${r.error})`,
          ),
        ];
  const req = r.requirement;
  if (req.type === 'ProjectURL') {
    if (VCS.test(req.url)) {
      const f = vcsFinding(ctx, l, req.url, off, len);
      return f ? [f] : [];
    }
    return [];
  }
  if (role === 'input') return [];
  const specs = req.versionSpec ?? [];
  const exact =
    specs.length === 1 &&
    (specs[0]!.operator === '==' || specs[0]!.operator === '===') &&
    !specs[0]!.version.includes('*');
  if (exact) return [];
  const what = specs.length === 0 ? 'no version at all' : specs.map((s) => `${s.operator}${s.version}`).join(',');
  return [
    at(
      ctx,
      l,
      off,
      len,
      'requirement-unpinned',
      `${req.name}: ${what}, not an exact == pin`,
      `${req.name}==<the version you tested> --hash=sha256:<64 hex> (pyhermetic lock makes these lines)`,
    ),
  ];
}

/**
 * Lines that install something by name or archive URL: those need a hash. Not -r includes, local paths
 * or VCS URLs (pip cannot hash a checkout; a full commit pins it, which vcs-unpinned checks).
 */
function installsByName(l: RequirementsLine): boolean {
  const r = l.requirement;
  if (!r) return false;
  if (r.kind === 'url') return !VCS.test(r.target);
  if (r.kind !== 'pep508') return false;
  return r.requirement.type === 'ProjectName' || !VCS.test(r.requirement.url);
}

export function scanRequirements(text: string, role: RequirementsRole, ctx: Ctx): PinFinding[] {
  const lines = readRequirementsLines(text);
  const findings: PinFinding[] = [];
  for (const l of lines) {
    findings.push(...sourceFindings(ctx, l));
    findings.push(...requirementFindings(ctx, l, role));
  }
  if (role !== 'lock') return findings;
  const named = lines.filter(installsByName);
  const unhashed = named.filter((l) => !l.options.some((o) => o.name === '--hash'));
  if (named.length > 0 && unhashed.length === named.length) {
    // None hashed: pip then installs whatever the listed packages depend on, unlisted and unpinned.
    const first = unhashed[0]!;
    findings.push(
      at(
        ctx,
        first,
        first.requirementOffset,
        first.requirementText.length,
        'requirement-unhashed',
        `${named.length} requirement(s) and not one --hash: pip will install their dependencies unpinned (nothing lists them)`,
      ),
    );
  } else {
    for (const l of unhashed)
      findings.push(
        at(
          ctx,
          l,
          l.requirementOffset,
          l.requirementText.length,
          'requirement-unhashed',
          `${l.requirementText} has no --hash in a file whose other lines have one`,
        ),
      );
  }
  return findings;
}

/** For `pip install -r FILE`: whether FILE is a complete hashed lock, and if not, its first unhashed line. */
export function hashedLockStatus(text: string): { hashed: true } | { hashed: false; detail: string } {
  const lines = readRequirementsLines(text).filter(installsByName);
  const bad = lines.find((l) => !l.options.some((o) => o.name === '--hash'));
  if (lines.length > 0 && !bad) return { hashed: true };
  return { hashed: false, detail: bad ? `line ${bad.line}: ${bad.requirementText} has no --hash` : 'it pins nothing' };
}
