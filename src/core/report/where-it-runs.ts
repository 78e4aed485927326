// The "where it runs" section of a verify report, rendered for each format from the one WhereItRuns
// object: the glibc floor, the rules for libraries from the host and each library the package needs
// from there besides glibc's (declared, or allowed by a wheel's manylinux policy, or a finding) per
// library and per distribution, and every root filesystem the package was run in with its result and
// its loader's answer for each of those libraries.
import { html, markdown, xml } from './escape.js';
import type { WhereItRuns } from '../model/report.js';

function floorText(w: WhereItRuns): string {
  const f = w.glibcFloor;
  return `glibc ≥ ${f.version ?? 'any'} (${f.source}; the interpreter's own files need ${f.interpreterNeeds ?? 'no versioned glibc'})`;
}

/** `libz.so.1: from the host, allowed by manylinux_2_17; needed by numpy 1.26.4, pillow 11.3.0`. */
function libText(l: WhereItRuns['systemLibraries'][number]): string {
  const who = l.neededBy.length ? `needed by ${l.neededBy.join(', ')}` : 'declared, needed by no file';
  const allowed = l.allowedBy ?? [];
  const notAllowed = l.notAllowedFor ?? [];
  const status = l.declared
    ? 'declared (a runtime requirement)'
    : notAllowed.length > 0
      ? `NOT ALLOWED from the host for ${notAllowed.join(', ')} (a finding)${allowed.length ? `; allowed by ${allowed.join(', ')} for the others` : ''}`
      : `from the host, allowed by ${allowed.join(', ')}`;
  return `${l.name}: ${status}; ${who}`;
}

/** `numpy 1.26.4 (manylinux_2_17): libgcc_s.so.1, libz.so.1`. */
function ownerText(u: WhereItRuns['hostLibraries'][number]): string {
  const under = u.policy
    ? `under ${u.policy}`
    : u.platforms.length
      ? `tag ${u.platforms.join('.')}: no policy`
      : 'glibc only';
  const libs = u.libraries.map((l) => `${l.name} (${l.allowedBy ?? 'NOT ALLOWED'})`).join(', ');
  return `${u.owner} (${under}): ${libs}`;
}

/** `libz.so.1 at /lib/x86_64-linux-gnu/libz.so.1 (the loader: …)` for each library of one root. */
function rootLibText(r: WhereItRuns['roots'][number]): string[] {
  return (r.libraries ?? []).map(
    (l) => `in ${r.root}: ${l.name} ${l.found ? `present at ${l.found}` : 'MISSING'} (the loader: ${l.loader})`,
  );
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
  const rules = `<ul>${(w.hostLibraryRules ?? []).map((r) => `<li>${html(r)}</li>`).join('')}</ul>`;
  const owners = (w.hostLibraries ?? []).length
    ? `<ul>${w.hostLibraries.map((u) => `<li class="mono">${html(ownerText(u))}</li>`).join('')}</ul>`
    : '';
  const inRoots = w.roots.flatMap(rootLibText);
  const rootLibs = inRoots.length ? `<ul>${inRoots.map((t) => `<li class="mono">${html(t)}</li>`).join('')}</ul>` : '';
  return `<h2 id="where-it-runs">Where it runs</h2>
<dl class="kv"><dt>glibc floor</dt><dd>${html(floorText(w))}</dd></dl>
<h3>Libraries from the host besides glibc</h3>${rules}${libs}${owners}
<h3>Production roots</h3>${roots}${rootLibs}`;
}

export function whereItRunsMarkdown(w: WhereItRuns | undefined): string[] {
  if (!w) return [];
  const lines = ['', '**Where it runs**', '', `- ${markdown(floorText(w))}`];
  if (w.systemLibraries.length === 0) lines.push("- needs nothing from the host besides glibc's libraries");
  for (const l of w.systemLibraries) lines.push(`- ${markdown(libText(l))}`);
  for (const u of w.hostLibraries ?? []) lines.push(`- ${markdown(ownerText(u))}`);
  if (w.roots.length === 0) lines.push('- not run in a production root (verify --root)');
  for (const r of w.roots) lines.push(`- ${markdown(rootText(r))}`, ...rootLibText(r).map((t) => `  - ${markdown(t)}`));
  return lines;
}

export function whereItRunsJunitProperties(w: WhereItRuns | undefined): string {
  if (!w) return '';
  const props: [string, string][] = [
    ['glibcFloor', w.glibcFloor.version ?? 'none'],
    ['glibcFloorSource', w.glibcFloor.source],
    ['systemLibraries', w.systemLibraries.map(libText).join(' | ')],
    ...w.roots.map((r, i): [string, string] => [`root.${i + 1}`, [rootText(r), ...rootLibText(r)].join(' | ')]),
  ];
  return props.map(([k, v]) => `<property name="${xml(k)}" value="${xml(v)}"/>`).join('');
}
