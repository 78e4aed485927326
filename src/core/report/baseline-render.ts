// The "changes since the baseline" section of report.html (tables and an inline SVG size chart: no
// script, no external asset) and of summary.md. Names and paths come from archives: every one goes
// through html() / markdown().
// Only types from baseline.ts: the renderers must not pull the package reader (and its imports) into report/.
import type { BaselineSection, DistributionSize } from '../model/baseline-section.js';
import { html, markdown } from './escape.js';

/** Distributions drawn in the chart (the largest); the rest are counted under it. */
export const CHART_DISTRIBUTIONS = 40;
/** App paths listed per kind of change in the HTML; report.json has all of them. */
const APP_PATHS_SHOWN = 200;

export function formatBytes(n: number | null): string {
  if (n === null) return '—';
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

/** Two bars per distribution: the baseline's (grey) over this package's (blue), on one scale. */
export function sizeChartSvg(sizes: DistributionSize[]): string {
  const shown = sizes.slice(0, CHART_DISTRIBUTIONS);
  const max = Math.max(1, ...shown.flatMap((s) => [s.before ?? 0, s.after ?? 0]));
  const label = 210;
  const barMax = 420;
  const row = 30;
  const width = label + barMax + 150;
  const height = shown.length * row + 34;
  const bar = (n: number | null) => (n === null ? 0 : Math.max(1, Math.round((n / max) * barMax)));
  const rows = shown.map((s, i) => {
    const y = 28 + i * row;
    const delta =
      s.before === null
        ? 'new'
        : s.after === null
          ? 'removed'
          : `${s.after >= s.before ? '+' : '−'}${formatBytes(Math.abs(s.after - s.before))}`;
    return (
      `<g><title>${html(`${s.name}: ${formatBytes(s.before)} → ${formatBytes(s.after)}`)}</title>` +
      `<text x="${label - 8}" y="${y + 15}" text-anchor="end">${html(s.name.length > 28 ? `${s.name.slice(0, 27)}…` : s.name)}</text>` +
      `<rect x="${label}" y="${y + 2}" width="${bar(s.before)}" height="10" fill="#afb8c1"/>` +
      `<rect x="${label}" y="${y + 13}" width="${bar(s.after)}" height="10" fill="#0969da"/>` +
      `<text x="${label + Math.max(bar(s.before), bar(s.after)) + 6}" y="${y + 21}" fill="#57606a">${html(`${formatBytes(s.after ?? 0)} (${delta})`)}</text></g>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="system-ui, sans-serif" font-size="12" aria-label="installed size per distribution, baseline and this package">` +
    `<rect x="${label}" y="4" width="12" height="10" fill="#afb8c1"/><text x="${label + 16}" y="13">baseline</text>` +
    `<rect x="${label + 90}" y="4" width="12" height="10" fill="#0969da"/><text x="${label + 106}" y="13">this package</text>` +
    `${rows.join('')}</svg>`
  );
}

function list(items: string[], empty = 'none'): string {
  if (items.length === 0) return `<span class="muted">${empty}</span>`;
  const shown = items.slice(0, APP_PATHS_SHOWN).map((i) => `<li>${i}</li>`);
  const more = items.length - shown.length;
  return `<ul>${shown.join('')}${more > 0 ? `<li class="muted">… ${more} more in report.json</li>` : ''}</ul>`;
}

export function baselineHtml(s: BaselineSection): string {
  const d = s.distributions;
  const rows = [
    ...d.upgraded.map((c) => ['upgraded', c.name, c.from, c.to]),
    ...d.downgraded.map((c) => ['<b>downgraded</b>', c.name, c.from, c.to]),
    ...d.added.map((c) => ['added', c.name, '—', c.version]),
    ...d.removed.map((c) => ['removed', c.name, c.version, '—']),
  ];
  const table =
    rows.length === 0
      ? '<p>No distribution changed.</p>'
      : `<table><thead><tr><th>change</th><th>distribution</th><th>baseline</th><th>this package</th></tr></thead><tbody>${rows
          .map(
            ([what, name, from, to]) =>
              `<tr><td>${what}</td><td><code>${html(name)}</code></td><td>${html(from)}</td><td>${html(to)}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  const interp = s.interpreter.changed
    ? `<p><b>The interpreter changed:</b></p><ul>${s.interpreter.fields
        .map(
          (f) =>
            `<li><code>${html(f.field)}</code>: ${html(JSON.stringify(f.before))} → ${html(JSON.stringify(f.after))}</li>`,
        )
        .join('')}</ul>`
    : '<p>The interpreter is unchanged (same fingerprint and artifact).</p>';
  const app = s.app;
  const more = s.sizes.length - CHART_DISTRIBUTIONS;
  return `<section class="check" id="baseline"><h2>Changes since the baseline</h2><div class="body">
<p class="muted">${html(baselineLine(s))} · baseline <code>${html(s.baseline.path)}</code> (sha256 <code>${html(s.baseline.sha256)}</code>)</p>
<h3>Distributions</h3>${table}<p class="muted">${d.unchanged} unchanged</p>
<h3>Interpreter</h3>${interp}
<h3>App files</h3><dl class="kv"><dt>added</dt><dd>${list(app.added.map((p) => `<code>${html(p)}</code>`))}</dd>
<dt>removed</dt><dd>${list(app.removed.map((p) => `<code>${html(p)}</code>`))}</dd>
<dt>changed</dt><dd>${list(app.changed.map((c) => `<code>${html(c.path)}</code> <span class="muted">${html(c.what)}</span>`))}</dd></dl>
<p class="muted">Outside app/: ${s.otherFiles.added} file(s) added, ${s.otherFiles.removed} removed, ${s.otherFiles.changed} changed.</p>
<h3>Installed size per distribution</h3>${sizeChartSvg(s.sizes)}${more > 0 ? `<p class="muted">… and ${more} smaller distribution(s) in report.json</p>` : ''}
</div></section>`;
}

export function baselineMarkdown(s: BaselineSection): string[] {
  const d = s.distributions;
  const lines = ['', `**Changes since the baseline:** ${markdown(baselineLine(s))}`];
  for (const c of d.upgraded) lines.push(`- upgraded ${markdown(c.name)} ${markdown(c.from)} → ${markdown(c.to)}`);
  for (const c of d.downgraded)
    lines.push(`- **downgraded** ${markdown(c.name)} ${markdown(c.from)} → ${markdown(c.to)}`);
  for (const c of d.added) lines.push(`- added ${markdown(c.name)} ${markdown(c.version)}`);
  for (const c of d.removed) lines.push(`- removed ${markdown(c.name)} ${markdown(c.version)}`);
  return lines;
}

/** One line for logs and the stage summary. */
export function baselineLine(s: BaselineSection): string {
  if (s.identical) return 'identical to the baseline';
  const d = s.distributions;
  const parts = [
    `${d.upgraded.length} upgraded`,
    `${d.downgraded.length} downgraded`,
    `${d.added.length} added`,
    `${d.removed.length} removed`,
    `interpreter ${s.interpreter.changed ? 'changed' : 'unchanged'}`,
    `${s.app.added.length + s.app.removed.length + s.app.changed.length} app file(s) changed`,
  ];
  return parts.join(', ');
}
