// Suppressions: a comment in the file (`# pyhermetic: allow RULE[, RULE] — reason`, `//` in Groovy) on
// the finding's line or alone on the line before it, or an entry of the audit config with rule, path
// and reason. A suppressed finding stays in every output, marked with its reason, and is never
// counted; a suppression without a reason, or naming no known rule, is itself a finding.
import { globMatcher, type AuditConfig } from './audit-config.js';
import { findingOnLine, type LineIndex, type PinFinding } from './finding.js';
import { isRuleId } from './rules.js';

export interface InlineSuppression {
  line: number;
  /** The lines it covers: its own, and the next code line when the comment stands alone. */
  covers: number[];
  rules: string[];
  reason: string;
}

const MARK = 'pyhermetic:';
const COMMENT = /(?:#|\/\/)\s*pyhermetic:\s*allow\b(.*)$/;
/** The reason follows an em or en dash, or a double hyphen. */
const SEPARATOR = /\s*(?:—|–|--)\s*/;

/** The suppression comments of a file (none is searched for unless the text holds `pyhermetic:`). */
export function inlineSuppressions(lines: LineIndex): InlineSuppression[] {
  if (!lines.text.includes(MARK)) return [];
  const out: InlineSuppression[] = [];
  for (let at = lines.text.indexOf(MARK); at !== -1; at = lines.text.indexOf(MARK, at + MARK.length)) {
    const { line } = lines.position(at);
    const text = lines.lineText(line);
    const m = COMMENT.exec(text);
    if (!m || out.some((s) => s.line === line)) continue;
    const rest = m[1]!;
    const sep = SEPARATOR.exec(rest);
    const ruleText = sep ? rest.slice(0, sep.index) : rest;
    const reason = sep ? rest.slice(sep.index + sep[0].length).trim() : '';
    const rules = ruleText.split(/[\s,]+/).filter(Boolean);
    const alone = text.trim().startsWith('#') || text.trim().startsWith('//');
    const covers = [line];
    if (alone) {
      for (let next = line + 1; next <= lines.lineCount; next++) {
        const t = lines.lineText(next).trim();
        if (t === '' || t.startsWith('#') || t.startsWith('//')) continue;
        covers.push(next);
        break;
      }
    }
    out.push({ line, covers, rules, reason });
  }
  return out;
}

/** Marks the findings a valid suppression covers; returns the findings about bad suppressions. */
export function applyInline(
  findings: PinFinding[],
  file: { path: string; lines: LineIndex },
  suppressions: InlineSuppression[],
): PinFinding[] {
  const bad: PinFinding[] = [];
  for (const s of suppressions) {
    const unknown = s.rules.filter((r) => !isRuleId(r));
    const column = file.lines.lineText(s.line).search(/(#|\/\/)\s*pyhermetic:/) + 1;
    const pos = { line: s.line, column: Math.max(1, column), length: file.lines.lineText(s.line).length - column + 1 };
    if (s.rules.length === 0 || unknown.length > 0)
      bad.push(
        findingOnLine(
          file,
          'invalid-suppression',
          pos,
          s.rules.length === 0
            ? 'the suppression names no rule'
            : `the suppression names unknown rule(s): ${unknown.join(', ')}`,
        ),
      );
    if (s.reason === '')
      bad.push(
        findingOnLine(
          file,
          'invalid-suppression',
          pos,
          `the suppression of ${s.rules.join(', ') || 'nothing'} gives no reason`,
        ),
      );
    if (s.reason === '' || s.rules.length === 0) continue;
    for (const f of findings)
      if (!f.suppressed && s.covers.includes(f.line) && s.rules.includes(f.rule))
        f.suppressed = { reason: s.reason, by: `${file.path}:${s.line}` };
  }
  return bad;
}

/** Marks the findings the config's entries cover (entries without a reason were reported when it was read). */
export function applyConfig(
  findings: PinFinding[],
  config: AuditConfig,
  relativeToConfig: (file: string) => string,
): void {
  const entries = config.suppress
    .filter((e) => e.reason !== '' && isRuleId(e.rule))
    .map((e) => ({ ...e, match: globMatcher(e.path) }));
  if (entries.length === 0) return;
  for (const f of findings) {
    if (f.suppressed) continue;
    const rel = relativeToConfig(f.file);
    const e = entries.find((x) => x.rule === f.rule && x.match(rel));
    if (e) f.suppressed = { reason: e.reason, by: `${config.path}: suppress[${e.index}]` };
  }
}
