// What makes a package dangerous or ambiguous on its own, whatever was tested: modes that would let
// someone else replace or escalate a file once the package is unpacked as root (`tar -p`), and names
// that are different bytes on Linux but one file on a case-insensitive or normalising file system
// (macOS, Windows shares, some container layers), where one of the two silently wins.
import type { Finding } from '../../shared/errors.js';
import { unsafeModeBits } from '../archive/tar-tree.js';
import type { PackageContents } from './package-read.js';

const REPACK =
  'pack the tested env again with `pyhermetic pack` (it writes 0755/0644 modes only) and find what altered the package';

/** Every file or directory of the package with a setuid, setgid or sticky bit, or writable by group/others. */
export function unsafeModeFindings(pkg: PackageContents): Finding[] {
  const out: Finding[] = [];
  const entries: [string, number, string][] = [
    ...[...pkg.records.values()]
      .filter((r) => r.link === undefined)
      .map((r): [string, number, string] => [r.path, r.mode, 'file']),
    ...[...pkg.dirModes].map(([p, m]): [string, number, string] => [p, m, 'directory']),
  ];
  for (const [path, mode, kind] of entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const bad = unsafeModeBits(mode);
    if (bad.length === 0) continue;
    out.push({
      path,
      message: `${kind} with mode ${mode.toString(8).padStart(4, '0')}: ${bad.join(', ')} — unpacked as root, ${
        bad.some((b) => b.startsWith('set')) ? 'it runs with its owner’s rights' : 'another local user could replace it'
      }`,
      fix: REPACK,
    });
  }
  return out;
}

/** Paths that differ only in Unicode normalisation (NFC/NFD) or only in letter case. */
export function nameCollisionFindings(paths: Iterable<string>): Finding[] {
  const byNfc = new Map<string, string[]>();
  const byCase = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, k: string, p: string) => {
    const list = m.get(k);
    if (list) list.push(p);
    else m.set(k, [p]);
  };
  for (const p of paths) {
    const nfc = p.normalize('NFC');
    add(byNfc, nfc, p);
    add(byCase, nfc.toLowerCase(), p);
  }
  const out: Finding[] = [];
  const fix =
    'rename one of them (or remove it) before packing: on a case-insensitive or normalising file system one file silently replaces the other';
  for (const list of byNfc.values()) {
    if (list.length < 2) continue;
    out.push({
      path: list.sort()[0],
      message: `differs only in Unicode normalisation (NFC/NFD) from ${list
        .slice(1)
        .map((p) => JSON.stringify(p))
        .join(', ')}`,
      fix,
    });
  }
  for (const list of byCase.values()) {
    const distinct = [...new Set(list.map((p) => p.normalize('NFC')))].sort();
    if (distinct.length < 2) continue;
    out.push({
      path: distinct[0],
      message: `differs only in letter case from ${distinct
        .slice(1)
        .map((p) => JSON.stringify(p))
        .join(', ')}`,
      fix,
    });
  }
  return out;
}
