// summary.md: a few lines for a build description or a pull-request comment. The verdict, one table
// row per check, and the first findings; the full list lives in report.html / report.json.
import { baselineMarkdown } from './baseline-render.js';
import { versionsMarkdown } from './versions-render.js';
import { markdown, markdownCode } from './escape.js';
import { pinAuditMarkdown } from './pin-audit-render.js';
import { whereItRunsMarkdown } from './where-it-runs.js';
import { testedOnMarkdown } from './tested-on.js';
import { findingCount, verdictLine, type Report } from '../model/report.js';

export const SUMMARY_FINDINGS = 5;

export function renderMarkdown(report: Report): string {
  const lines = [
    `**${markdown(report.title)}: ${report.ok ? 'PASSED ✅' : 'FAILED ❌'}** — ${markdown(verdictLine(report))}`,
    '',
  ];
  lines.push('| check | result | findings |', '| --- | --- | ---: |');
  for (const c of report.checks) {
    const result = c.skipped !== undefined ? 'skipped' : c.ok ? 'pass' : '**FAIL**';
    lines.push(`| ${markdown(c.name)} | ${result} | ${c.findings.length} |`);
  }
  lines.push(...versionsMarkdown(report.versions));
  lines.push(...whereItRunsMarkdown(report.whereItRuns));
  lines.push(...testedOnMarkdown(report.testedOn));
  const all = report.checks.flatMap((c) => c.findings.map((f) => ({ check: c.name, ...f })));
  if (all.length > 0) {
    lines.push('');
    for (const f of all.slice(0, SUMMARY_FINDINGS)) {
      lines.push(
        `- ${markdown(f.check)}: \`${markdownCode(f.path)}\` ${markdown(f.message)} (fix: ${markdown(f.fix)})`,
      );
    }
    const more = findingCount(report) - Math.min(all.length, SUMMARY_FINDINGS);
    if (more > 0) lines.push(`- … ${more} more in report.html`);
  }
  if (report.baseline) lines.push(...baselineMarkdown(report.baseline));
  // Last: the first lines of summary.md are the verdict and the findings (a Jenkins step's message).
  lines.push(...pinAuditMarkdown(report.pinAudit));
  return `${lines.join('\n')}\n`;
}
