// The "floating inputs" section (core/model/pin-audit-section.ts) in the html report and summary.md:
// the counts against --fail-on, then every finding with its place, the floating text and the pinned
// form; suppressed ones with their reason. A clean audit says so, with what was scanned.
import type { PinAuditSection } from '../model/pin-audit-section.js';
import { html, markdown } from './escape.js';

/** More rows than this are summarised; report.json and the SARIF beside the report have them all. */
export const HTML_PIN_FINDINGS = 500;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function countsText(s: PinAuditSection): string {
  const { error, warning, suppressed, failing } = s.counts;
  return `${plural(s.scanned, 'file')} scanned: ${plural(error, 'error')}, ${plural(warning, 'warning')}, ${suppressed} suppressed; ${failing} at or above fail-on ${s.failOn}`;
}

function badge(f: PinAuditSection['findings'][number]): string {
  if (f.suppressed) return '<span class="badge skip">SUPPRESSED</span>';
  return f.failing
    ? `<span class="badge bad">${html(f.severity.toUpperCase())}</span>`
    : `<span class="badge skip">${html(f.severity.toUpperCase())}</span>`;
}

export function pinAuditHtml(s: PinAuditSection | undefined): string {
  if (!s) return '';
  const head = `<h2 id="floating-inputs">Floating inputs (audit pins)</h2>
<p>${html(countsText(s))}. Scanned: <code>${html(s.paths.join(' '))}</code>. SARIF: <code>${html(s.sarif)}</code>, JUnit: <code>${html(s.junit)}</code>.</p>
<p class="muted">Repeat it: <code>${html(s.command)}</code></p>`;
  if (s.findings.length === 0)
    return `${head}\n<p>No floating inputs: every image, library, clone, download and requirement is pinned.</p>`;
  const shown = s.findings.slice(0, HTML_PIN_FINDINGS);
  const rows = shown
    .map(
      (f) =>
        `<tr><td>${badge(f)}</td><td class="mono">${html(f.rule)}</td><td class="mono">${html(`${f.file}:${f.line}:${f.column}`)}</td>` +
        `<td><div class="mono">${html(f.text)}</div><div>${html(f.message)}</div>` +
        `${f.suppressed ? `<div class="muted">suppressed: ${html(f.suppressed.reason)} (${html(f.suppressed.by)})</div>` : `<div class="fix">${html(f.fix)}</div>`}</td></tr>`,
    )
    .join('');
  const more = s.findings.length - shown.length;
  return `${head}
<table><thead><tr><th>severity</th><th>rule</th><th>where</th><th>what floats, and the pinned form</th></tr></thead><tbody>${rows}</tbody></table>
${more > 0 ? `<p class="muted">… and ${more} more: see ${html(s.sarif)} or report.json.</p>` : ''}`;
}

/** One line: the failing findings are listed with the other checks' (the audit-pins check holds them). */
export function pinAuditMarkdown(s: PinAuditSection | undefined): string[] {
  if (!s) return [];
  return ['', `**Floating inputs (audit pins)**: ${markdown(countsText(s))}`];
}
