// Check `distributions`: the package holds the same distributions, at the same versions, as the
// tested env (by the real dist-info metadata inside the package, not only by its manifest), every
// hashed RECORD row of every distribution in the package matches the packed file, and the lock the
// package carries (pyhermetic/requirements.lock) is the one it records.
import { posix } from 'node:path';
import type { Finding } from '../../shared/errors.js';
import { normalizeName } from '../deps/dist-metadata.js';
import { parseCsv } from '../deps/dist-record.js';
import { sha256Hex } from '../../shared/canonical.js';
import { LOCK_FILE, PACKAGE_MANIFEST, type EnvManifest } from '../model/manifests.js';
import { isPycPath } from '../package/pack-policy.js';
import type { PackageContents } from '../package/package-read.js';
import { packagedDistributions } from '../package/packaged-distributions.js';
import { checkResult, type CheckResult } from '../model/report.js';

function b64urlToHex(b64: string): string {
  return Buffer.from(b64.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('hex');
}

function recordFindings(pkg: PackageContents, launchers: Set<string>): { findings: Finding[]; rows: number } {
  const findings: Finding[] = [];
  let rows = 0;
  for (const [recordPath, text] of pkg.distInfo) {
    if (!recordPath.endsWith('/RECORD')) continue;
    const distInfo = posix.dirname(recordPath);
    const site = posix.dirname(distInfo);
    // Parsed whole: a quoted file name may hold a newline (splitting into lines first broke such a row).
    for (const [raw, hash] of parseCsv(text)) {
      if (raw === undefined || raw.trim() === '') continue;
      const m = /^sha256=([A-Za-z0-9_-]+=*)$/.exec(hash ?? '');
      if (!m) continue; // RECORD itself and pycs carry no hash
      const path = posix.normalize(posix.join(site, raw));
      if (path.startsWith('../') || raw.startsWith('/')) {
        findings.push({
          path: `${recordPath}: ${raw}`,
          message: 'RECORD names a file outside the package',
          fix: 'the distribution installs outside its prefix: do not ship it',
        });
        continue;
      }
      if (isPycPath(path, false) || launchers.has(path)) continue;
      rows++;
      const rec = pkg.records.get(path);
      const expected = b64urlToHex(m[1]);
      if (!rec) {
        findings.push({
          path,
          message: `listed with a hash in ${recordPath} but missing from the package`,
          fix: 'the installed distribution is incomplete: recreate the env with `pyhermetic env create` and pack it again',
        });
      } else if (rec.sha256 !== expected) {
        findings.push({
          path,
          message: `sha256 ${rec.sha256.slice(0, 16)}… in the package, ${recordPath} says ${expected.slice(0, 16)}…: the file was changed after pip installed it`,
          fix: 'find what modified the installed file; recreate the env with `pyhermetic env create`, test it, and pack it again',
        });
      }
    }
  }
  return { findings, rows };
}

/** The lock inside the package: present, and the one the package records. */
function lockFindings(pkg: PackageContents): Finding[] {
  const recorded = pkg.manifest!.env.lock?.sha256;
  const repack = 'pack the tested env again (pyhermetic pack) and ship that package; never edit a package';
  if (!pkg.lock)
    return [
      {
        path: LOCK_FILE,
        message: `the package carries no lock (${LOCK_FILE}): it cannot say which wheels it was installed from`,
        fix: 'recreate the env with `pyhermetic env create` (it keeps its lock), test it, and pack that',
      },
    ];
  const findings: Finding[] = [];
  const inside = sha256Hex(pkg.lock);
  if (inside !== recorded)
    findings.push({
      path: LOCK_FILE,
      message: `the lock inside the package has sha256 ${inside}, but the package records ${recorded} (${PACKAGE_MANIFEST}): it was altered after pack`,
      fix: repack,
    });
  // Whether it is the tested env's lock is the files check's to say: the env holds the same file.
  return findings;
}

export function distributionsCheck(pkg: PackageContents, tested: EnvManifest): CheckResult {
  const findings: Finding[] = [];
  const packaged = packagedDistributions(pkg);
  const inPackage = new Map(packaged.map((d) => [normalizeName(d.name), d]));
  const inTested = new Map(tested.distributions.map((d) => [normalizeName(d.name), d]));
  const fix =
    'ship what was tested: pack the tested env itself (pyhermetic pack --env <tested>), and change distributions only through the lock';
  for (const [key, t] of inTested) {
    const p = inPackage.get(key);
    if (!p)
      findings.push({
        path: t.name,
        message: `${t.name} ${t.version} is installed in the tested env but not in the package`,
        fix,
      });
    else if (p.version !== t.version)
      findings.push({
        path: p.distInfo,
        message: `${t.name}: version ${p.version} in the package, ${t.version} in the tested env`,
        fix,
      });
  }
  for (const [key, p] of inPackage) {
    if (!inTested.has(key)) {
      findings.push({
        path: p.distInfo,
        message: `${p.name} ${p.version} is in the package but not among the tested env's distributions (not installed from the lock by env create)`,
        fix,
      });
    }
  }
  const launchers = new Set(pkg.manifest?.env.launchersRewritten ?? []);
  const records = recordFindings(pkg, launchers);
  findings.push(...records.findings);
  findings.push(...lockFindings(pkg));
  return checkResult('distributions', findings, {
    summary: `${packaged.length} distributions in the package, ${tested.distributions.length} in the tested env; ${records.rows} RECORD hashes checked; ${pkg.lock ? `the lock inside: sha256 ${sha256Hex(pkg.lock).slice(0, 16)}…` : 'no lock inside'}`,
  });
}
