// The "where it runs" section of a verify report, rendered for each format from the one WhereItRuns
// object: the glibc floor, the libraries the package needs from the host besides glibc (declared ones
// are its runtime requirements), and every root filesystem the package was run in with its result.
import { html, markdown, xml } from './escape.js';
import type { WhereItRuns } from '../model/report.js';

function floorText(w: WhereItRuns): string {
  const f = w.glibcFloor;
  return `glibc ≥ ${f.version ?? 'any'} (${f.source}; the interpreter's own files need ${f.interpreterNeeds ?? 'no versioned glibc'})`;
}

function libText(l: WhereItRuns['systemLibraries'][number]): string {
  const who = l.neededBy.length ? `needed by ${l.neededBy.join(', ')}` : 'declared, needed by no file';
  return `${l.name}: ${l.declared ? 'declared (a runtime requirement)' : 'UNDECLARED (a finding)'}; ${who}`;
}

function rootText(r: WhereItRuns['roots'][number]): string {
  const id = r.kind === 'tarball' ? `tarball sha256 ${r.sha256}` : 'directory';
  return `${r.ok ? 'runs' : 'FAILS'} in ${r.root} (${id}; glibc ${r.glibc ?? 'unknown'}) at ${r.deployPath} via ${r.sandbox}: ${r.findings} finding(s), check "${r.check}"`;
}

export function whereItRunsHtml(w: WhereItRuns | undefined): string {
  if (!w) return '';
  const libs = w.systemLibraries.length
    ? `<ul>${w.systemLibraries.map((l) => `<li class="mono">${html(libText(l))}</li>`).join('')}</ul>`
    : "<p>Nothing besides glibc's libraries.</p>";
  const roots = w.roots.length
    ? `<table><thead><tr><th>root</th><th>result</th><th>identity</th><th>glibc</th><th>deploy path</th><th>entered with</th></tr></thead><tbody>${w.roots
        .map(
          (r) =>
            `<tr><td class="mono">${html(r.root)}</td><td>${r.ok ? '<span class="badge ok">RUNS</span>' : '<span class="badge bad">FAILS</span>'} ${html(`${r.findings} finding(s)`)}</td>` +
            `<td class="mono">${html(r.sha256 ? `sha256 ${r.sha256}` : 'directory')}</td><td>${html(r.glibc ?? '?')}</td>` +
            `<td class="mono">${html(r.deployPath)}</td><td>${html(r.sandbox)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="muted">Not run in any production root (verify --root ROOTFS does).</p>';
  return `<h2 id="where-it-runs">Where it runs</h2>
<dl class="kv"><dt>glibc floor</dt><dd>${html(floorText(w))}</dd></dl>
<h3>Libraries from the host besides glibc</h3>${libs}
<h3>Production roots</h3>${roots}`;
}

export function whereItRunsMarkdown(w: WhereItRuns | undefined): string[] {
  if (!w) return [];
  const lines = ['', '**Where it runs**', '', `- ${markdown(floorText(w))}`];
  if (w.systemLibraries.length === 0) lines.push("- needs nothing from the host besides glibc's libraries");
  for (const l of w.systemLibraries) lines.push(`- ${markdown(libText(l))}`);
  if (w.roots.length === 0) lines.push('- not run in a production root (verify --root)');
  for (const r of w.roots) lines.push(`- ${markdown(rootText(r))}`);
  return lines;
}

export function whereItRunsJunitProperties(w: WhereItRuns | undefined): string {
  if (!w) return '';
  const props: [string, string][] = [
    ['glibcFloor', w.glibcFloor.version ?? 'none'],
    ['glibcFloorSource', w.glibcFloor.source],
    ['systemLibraries', w.systemLibraries.map((l) => `${l.name}${l.declared ? '' : ' (undeclared)'}`).join(', ')],
    ...w.roots.map((r, i): [string, string] => [`root.${i + 1}`, rootText(r)]),
  ];
  return props.map(([k, v]) => `<property name="${xml(k)}" value="${xml(v)}"/>`).join('');
}
