// Licences of an installed distribution, from its METADATA headers (core metadata 2.4 and older):
// `License-Expression` (an SPDX expression, PEP 639) wins; else `License` when it is an SPDX id or a
// short name (projects often paste the whole licence text there: that is not a name, so it is skipped);
// else the `License ::` classifiers, mapped to an SPDX id only where the classifier names one licence
// unambiguously ("BSD License" or "Apache Software License" do not say which version: kept as names).

export type DistLicence = { expression: string } | { spdx: string } | { name: string };

/** Every header of the METADATA head (up to the first blank line), names lower-cased, continuation lines joined. */
export function metadataHeaders(text: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  let last: { name: string; index: number } | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') break;
    if (/^[ \t]/.test(line) && last) {
      const values = headers.get(last.name)!;
      values[last.index] = `${values[last.index]}\n${line.trim()}`;
      continue;
    }
    const m = /^([A-Za-z0-9-]+):[ \t]*(.*?)\s*$/.exec(line);
    if (!m) continue;
    const name = m[1].toLowerCase();
    const values = headers.get(name) ?? [];
    values.push(m[2]);
    headers.set(name, values);
    last = { name, index: values.length - 1 };
  }
  return headers;
}

const CLASSIFIER_SPDX: Record<string, string> = {
  'MIT License': 'MIT',
  'MIT No Attribution License (MIT-0)': 'MIT-0',
  'ISC License (ISCL)': 'ISC',
  'Mozilla Public License 2.0 (MPL 2.0)': 'MPL-2.0',
  'The Unlicense (Unlicense)': 'Unlicense',
  'Zope Public License': 'ZPL-2.1',
  'Python Software Foundation License': 'PSF-2.0',
  'GNU Lesser General Public License v3 (LGPLv3)': 'LGPL-3.0-only',
  'GNU General Public License v3 (GPLv3)': 'GPL-3.0-only',
  'GNU General Public License v2 (GPLv2)': 'GPL-2.0-only',
  'Boost Software License 1.0 (BSL-1.0)': 'BSL-1.0',
};

/** A licence name or id short enough to be one (not a pasted licence text). */
function looksLikeName(value: string): boolean {
  return value.length > 0 && value.length <= 80 && !value.includes('\n') && !/^unknown$/i.test(value);
}

/**
 * The licences METADATA declares; `isSpdxId` decides which strings are SPDX ids (the CycloneDX
 * library's list, passed in so this module needs no dependency). Returns an empty list when nothing is declared.
 */
export function distLicences(metadata: string, isSpdxId: (id: string) => string | undefined): DistLicence[] {
  const h = metadataHeaders(metadata);
  const expression = h.get('license-expression')?.[0];
  if (expression) {
    const single = isSpdxId(expression);
    return [single ? { spdx: single } : { expression }];
  }
  const out: DistLicence[] = [];
  const license = h.get('license')?.[0]?.trim();
  if (license && looksLikeName(license)) {
    const id = isSpdxId(license);
    out.push(id ? { spdx: id } : { name: license });
  }
  if (out.length > 0) return out;
  for (const c of h.get('classifier') ?? []) {
    const parts = c.split('::').map((p) => p.trim());
    if (parts[0] !== 'License') continue;
    const last = parts[parts.length - 1];
    if (last === 'OSI Approved' || last === 'License') continue;
    const id = CLASSIFIER_SPDX[last];
    const licence: DistLicence = id ? { spdx: id } : { name: last };
    if (!out.some((l) => JSON.stringify(l) === JSON.stringify(licence))) out.push(licence);
  }
  return out;
}
