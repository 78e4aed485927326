// The audit as JUnit XML: one testcase per rule, so Jenkins' test view lists every rule that was
// checked; a rule with findings at or above --fail-on is a failure listing each one with its pinned
// form. Rendered by the report's own JUnit renderer from a Report whose checks are the rules.
import type { Finding } from '../../shared/errors.js';
import { checkResult, makeReport } from '../model/report.js';
import { renderJunit } from '../report/index.js';
import type { AuditResult } from './audit.js';
import { atOrAbove, RULES } from './rules.js';

export function renderAuditJunit(result: AuditResult): string {
  const checks = RULES.map((rule) => {
    const mine = result.findings.filter((f) => f.rule === rule.id);
    const failing = mine.filter((f) => !f.suppressed && atOrAbove(f.severity, result.failOn));
    const findings: Finding[] = failing.map((f) => ({
      path: `${f.file}:${f.line}:${f.column}`,
      message: `${f.message}: ${f.text}`,
      fix: f.fix,
    }));
    const below = mine.filter((f) => !f.suppressed).length - failing.length;
    const suppressed = mine.length - failing.length - below;
    const notes = [
      ...(below ? [`${below} ${rule.severity}(s) below --fail-on ${result.failOn}`] : []),
      ...(suppressed ? [`${suppressed} suppressed with a reason`] : []),
    ];
    return checkResult(rule.id, findings, { summary: `${rule.title}${notes.length ? ` (${notes.join('; ')})` : ''}` });
  });
  return renderJunit(makeReport({ title: 'pyhermetic audit pins', checks }), 'pyhermetic.audit-pins');
}
