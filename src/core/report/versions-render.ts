// The summary table of a pipeline over several interpreter versions: one row per version with its
// verdict, fingerprint, package and a link to its own report.
import type { VersionRun } from '../model/report.js';
import { html, markdown } from './escape.js';

export function versionsHtml(rows: VersionRun[] | undefined): string {
  if (!rows || rows.length === 0) return '';
  const body = rows
    .map(
      (r) =>
        `<tr><td>${html(r.version)}</td><td>${r.ok ? '<span class="badge ok">PASSED</span>' : `<span class="badge bad">FAILED (exit ${r.exitCode})</span>`}</td>` +
        `<td class="muted">${html(r.fingerprint ? `${r.fingerprint.slice(0, 16)}…` : '—')}</td>` +
        `<td>${html(r.package ?? '—')}</td><td><a href="${html(r.report)}">report</a></td></tr>`,
    )
    .join('');
  return `<h2>Versions</h2>
<table><thead><tr><th>CPython</th><th>result</th><th>fingerprint</th><th>package</th><th>its report</th></tr></thead>
<tbody>${body}</tbody></table>`;
}

export function versionsMarkdown(rows: VersionRun[] | undefined): string[] {
  if (!rows || rows.length === 0) return [];
  return [
    '',
    '## Versions',
    '',
    '| CPython | result | fingerprint | package | report |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${markdown(r.version)} | ${r.ok ? 'PASSED' : `FAILED (exit ${r.exitCode})`} | ${r.fingerprint ? `${r.fingerprint.slice(0, 16)}…` : '—'} | ${markdown(r.package ?? '—')} | ${markdown(r.report)} |`,
    ),
  ];
}
