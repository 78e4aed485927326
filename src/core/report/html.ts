// report.html: one self-contained page (inline CSS, no scripts, no external assets) that a person reads
// at a glance: the verdict first, then one section per check with each finding and its fix, then what
// was compared. Every value from the report goes through html() — it may come from a hostile archive.
import { baselineHtml } from './baseline-render.js';
import { html } from './escape.js';
import { pinAuditHtml } from './pin-audit-render.js';
import { whereItRunsHtml } from './where-it-runs.js';
import { versionsHtml } from './versions-render.js';
import { testedOnHtml } from './tested-on.js';
import { findingCount, formatMs, verdictLine, type CheckResult, type Report } from '../model/report.js';

/** More findings than this per check are summarised; report.json always has all of them. */
export const HTML_FINDINGS_PER_CHECK = 500;

const CSS = `
:root { --ok: #1a7f37; --bad: #cf222e; --skip: #6e7781; --line: #d0d7de; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328;
  margin: 0 auto; padding: 24px; max-width: 1100px; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
.verdict { border-radius: 8px; padding: 18px 22px; color: #fff; margin-bottom: 20px; }
.verdict.ok { background: var(--ok); } .verdict.bad { background: var(--bad); }
.verdict h1 { margin: 0 0 4px; font-size: 26px; } .verdict p { margin: 0; font-size: 16px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 20px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; min-width: 64px; text-align: center; border-radius: 12px; padding: 1px 10px;
  font-size: 12px; font-weight: 700; color: #fff; }
.badge.ok { background: var(--ok); } .badge.bad { background: var(--bad); } .badge.skip { background: var(--skip); }
section.check { border: 1px solid var(--line); border-radius: 8px; margin: 14px 0; overflow: hidden; }
section.check > h2 { margin: 0; padding: 10px 14px; font-size: 17px; background: var(--bg);
  border-bottom: 1px solid var(--line); display: flex; gap: 10px; align-items: center; }
section.check.bad > h2 { background: #ffebe9; }
section.check .body { padding: 8px 14px; }
ol.findings { margin: 0; padding-left: 22px; }
ol.findings li { margin: 8px 0; }
.path { font-weight: 600; word-break: break-all; }
.fix { color: #0550ae; margin-top: 2px; } .fix::before { content: "fix: "; font-weight: 600; }
.muted { color: #57606a; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 8px 0 20px; }
dl.kv dt { font-weight: 600; } dl.kv dd { margin: 0; word-break: break-all; }
`;

function badge(c: CheckResult): string {
  if (c.skipped !== undefined) return '<span class="badge skip">SKIPPED</span>';
  return c.ok ? '<span class="badge ok">PASS</span>' : '<span class="badge bad">FAIL</span>';
}

function value(v: unknown): string {
  if (v === null || v === undefined) return '<span class="muted">—</span>';
  if (typeof v === 'object') return `<code>${html(JSON.stringify(v))}</code>`;
  return `<code>${html(v)}</code>`;
}

function keyValues(obj: Record<string, unknown>): string {
  const keys = Object.keys(obj);
  if (keys.length === 0) return '<p class="muted">nothing recorded</p>';
  return `<dl class="kv">${keys.map((k) => `<dt>${html(k)}</dt><dd>${value(obj[k])}</dd>`).join('')}</dl>`;
}

function checkSection(c: CheckResult, index: number): string {
  const state = c.skipped !== undefined ? 'skip' : c.ok ? 'ok' : 'bad';
  const lines: string[] = [];
  if (c.summary) lines.push(`<p class="muted">${html(c.summary)}</p>`);
  if (c.skipped !== undefined) lines.push(`<p>Not run: ${html(c.skipped)}</p>`);
  else if (c.findings.length === 0) lines.push('<p>No findings.</p>');
  else {
    const shown = c.findings.slice(0, HTML_FINDINGS_PER_CHECK);
    lines.push(
      `<ol class="findings">${shown
        .map(
          (f) =>
            `<li><div class="path mono">${html(f.path)}</div>` +
            `<div>${html(f.message)}</div><div class="fix">${html(f.fix)}</div></li>`,
        )
        .join('')}</ol>`,
    );
    const more = c.findings.length - shown.length;
    if (more > 0) lines.push(`<p class="muted">… and ${more} more finding(s): see report.json.</p>`);
  }
  return (
    `<section class="check ${state}" id="check-${index}"><h2>${badge(c)} ${html(c.name)}` +
    `<span class="muted" style="margin-left:auto;font-weight:400;font-size:14px">${c.findings.length} finding(s)` +
    `${c.durationMs !== undefined ? ` · ${html(formatMs(c.durationMs))}` : ''}</span></h2>` +
    `<div class="body">${lines.join('')}</div></section>`
  );
}

/** Failing checks' sections come first, so a reader sees the findings without scrolling past passes. */
function sectionsFailingFirst(report: Report): string {
  const indexed = report.checks.map((c, i) => ({ c, i }));
  const ordered = [...indexed.filter(({ c }) => !c.ok), ...indexed.filter(({ c }) => c.ok)];
  return ordered.map(({ c, i }) => checkSection(c, i)).join('\n');
}

export function renderHtml(report: Report): string {
  const n = findingCount(report);
  const rows = report.checks
    .map(
      (c, i) =>
        `<tr><td><a href="#check-${i}">${html(c.name)}</a></td><td>${badge(c)}</td>` +
        `<td class="num">${c.findings.length}</td><td class="muted">${html(c.skipped ?? c.summary ?? '')}</td></tr>`,
    )
    .join('');
  const timings = Object.entries(report.timings)
    .map(([k, ms]) => `<tr><td>${html(k)}</td><td class="num">${html(formatMs(ms))}</td></tr>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(report.title)}: ${report.ok ? 'PASSED' : 'FAILED'}</title>
<style>${CSS}</style></head>
<body>
<div class="verdict ${report.ok ? 'ok' : 'bad'}"><h1>${report.ok ? 'PASSED' : 'FAILED'} — ${html(report.title)}</h1>
<p>${html(verdictLine(report))}${n > 0 ? '. Each finding below says what to do.' : '.'}</p></div>
<table><thead><tr><th>check</th><th>result</th><th style="text-align:right">findings</th><th>details</th></tr></thead>
<tbody>${rows}</tbody></table>
${versionsHtml(report.versions)}
${whereItRunsHtml(report.whereItRuns)}
${testedOnHtml(report.testedOn)}
${pinAuditHtml(report.pinAudit)}
${sectionsFailingFirst(report)}
${report.baseline ? baselineHtml(report.baseline) : ''}
<h2>Artifact (what ships)</h2>${keyValues(report.artifact)}
<h2>Tested (what the tests ran in)</h2>${keyValues(report.tested)}
${timings ? `<h2>Timings</h2><table style="width:auto"><tbody>${timings}</tbody></table>` : ''}
</body></html>
`;
}
