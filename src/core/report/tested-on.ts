// The "tested on" section of a verify report, rendered for each format from the one TestedOn object:
// one row per agent and shard, with whether it tested the package's bytes.
import { html, markdown, xml } from './escape.js';
import { formatMs } from '../model/report.js';
import type { TestedOn, TestedOnRow } from '../model/tested-record.js';

function rowText(r: TestedOnRow): string {
  const counts =
    r.tests === null ? 'no junit' : `${r.tests} tests, ${r.failures} failed, ${r.errors} errors, ${r.skipped} skipped`;
  return `${r.agent} shard ${r.shard}: ${r.sameBytes ? 'same bytes' : 'OTHER BYTES'}; ${counts}; exit ${r.exitCode}; ${formatMs(r.durationMs)}`;
}

export function testedOnHtml(t: TestedOn | undefined): string {
  if (!t) return '';
  const rows = t.rows
    .map(
      (r) =>
        `<tr><td class="mono">${html(r.agent)}</td><td>${html(r.shard)}</td><td>${r.sameBytes ? '<span class="badge ok">SAME BYTES</span>' : '<span class="badge bad">OTHER BYTES</span>'}</td>` +
        `<td>${html(r.tests === null ? '-' : `${r.tests} / ${r.failures} / ${r.errors} / ${r.skipped}`)}</td><td>${r.exitCode}</td><td>${html(formatMs(r.durationMs))}</td><td class="mono">${html(r.record)}</td></tr>`,
    )
    .join('');
  return `<h2 id="tested-on">Tested on</h2>
<p>Every record must have tested the package's env: tree digest <span class="mono">${html(t.packageEnvDigest)}</span>.</p>
<table><thead><tr><th>agent</th><th>shard</th><th>env</th><th>tests / failed / errors / skipped</th><th>exit</th><th>duration</th><th>record</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function testedOnMarkdown(t: TestedOn | undefined): string[] {
  if (!t) return [];
  return ['', '**Tested on**', '', ...t.rows.map((r) => `- ${markdown(rowText(r))}`)];
}

export function testedOnJunitProperties(t: TestedOn | undefined): string {
  if (!t) return '';
  return [
    `<property name="testedOn.envDigest" value="${xml(t.packageEnvDigest)}"/>`,
    ...t.rows.map((r, i) => `<property name="testedOn.${i + 1}" value="${xml(rowText(r))}"/>`),
  ].join('');
}
