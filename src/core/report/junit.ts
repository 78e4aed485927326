// junit.xml: one <testcase> per check so Jenkins' junit step shows each check as a test; a check with
// findings is a <failure> whose body lists every finding with its fix, a skipped check is <skipped>.
import { xml } from './escape.js';
import { whereItRunsJunitProperties } from './where-it-runs.js';
import { testedOnJunitProperties } from './tested-on.js';
import { findingCount, type Report } from '../model/report.js';

/** Findings listed in one failure body; the rest are counted (report.json has them all). */
export const JUNIT_FINDINGS_PER_CHECK = 1000;

export function renderJunit(report: Report, suiteName = 'pyhermetic'): string {
  const failures = report.checks.filter((c) => !c.ok).length;
  const skipped = report.checks.filter((c) => c.skipped !== undefined).length;
  const total = Object.values(report.timings).reduce((a, b) => a + b, 0);
  const cases = report.checks.map((c) => {
    const time = ((c.durationMs ?? 0) / 1000).toFixed(3);
    const open = `  <testcase classname="${xml(suiteName)}" name="${xml(c.name)}" time="${time}"`;
    if (c.skipped !== undefined) return `${open}>\n    <skipped message="${xml(c.skipped)}"/>\n  </testcase>`;
    if (c.ok) return `${open}/>`;
    const shown = c.findings.slice(0, JUNIT_FINDINGS_PER_CHECK);
    const body = shown.map((f) => `${f.path}: ${f.message}\n  fix: ${f.fix}`);
    if (c.findings.length > shown.length) body.push(`… and ${c.findings.length - shown.length} more (see report.json)`);
    const first = c.findings[0];
    const message = `${c.findings.length} finding(s)${first ? `; first: ${first.path}: ${first.message}` : ''}`;
    return `${open}>\n    <failure message="${xml(message)}" type="${xml(c.name)}">${xml(body.join('\n'))}</failure>\n  </testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="${xml(report.title)}" tests="${report.checks.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${(total / 1000).toFixed(3)}">
 <testsuite name="${xml(suiteName)}" tests="${report.checks.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${(total / 1000).toFixed(3)}">
  <properties><property name="findings" value="${findingCount(report)}"/>${whereItRunsJunitProperties(report.whereItRuns)}${testedOnJunitProperties(report.testedOn)}</properties>
${cases.join('\n')}
 </testsuite>
</testsuites>
`;
}
