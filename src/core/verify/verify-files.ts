// Check `files`: every file of the package against the tested tree hashed with the pack policy
// (missing, extra, changed content/mode/link), and the package's own manifest against its archive.
import type { Finding } from '../../shared/errors.js';
import { PACKAGE_MANIFEST, type FileRecord } from '../model/manifests.js';
import { isAppPath, isInterpreterPath } from '../package/package-layout.js';
import type { PackageContents } from '../package/package-read.js';
import { checkResult, type CheckResult } from '../model/report.js';
import { compareTrees, describeChange } from '../package/tree-diff.js';
import { nameCollisionFindings, unsafeModeFindings } from '../package/package-hazards.js';

export interface FilesCheckInput {
  pkg: PackageContents;
  testedDir: string;
  /** The tested env hashed with ENV_TREE_OPTIONS. */
  tested: FileRecord[];
  /** The tested app hashed with APP_TREE_OPTIONS, paths prefixed with app/ (when verify got --app). */
  app?: FileRecord[];
  /** When the interpreter check failed, the interpreter's own files are not compared (they all differ). */
  skipInterpreterFiles?: Set<string>;
}

export function filesCheck(input: FilesCheckInput): CheckResult {
  const { pkg } = input;
  const findings: Finding[] = [];
  const repack = `pack the tested env again (pyhermetic pack --env ${input.testedDir}${input.app ? ' --app …' : ''}) and ship that package`;
  const keep = (path: string): boolean => {
    if (path === PACKAGE_MANIFEST) return false;
    if (isAppPath(path) && !input.app) return false;
    if (input.skipInterpreterFiles && isInterpreterPath(path, input.skipInterpreterFiles)) return false;
    return true;
  };
  const testedRecords = input.app ? [...input.tested, ...input.app] : input.tested;
  const diff = compareTrees(testedRecords, pkg.records, keep);
  for (const r of diff.removed)
    findings.push({ path: r.path, message: 'in the tested env but missing from the package', fix: repack });
  for (const r of diff.added)
    findings.push({
      path: r.path,
      message: 'in the package but not in the tested env: it would ship without having been tested',
      fix: repack,
    });
  for (const c of diff.changed)
    findings.push({
      path: c.path,
      message: `differs between the tested env and the package: ${describeChange(c, ['tested', 'package'])}`,
      fix: repack,
    });

  // The package's manifest must describe its own archive (every file but the manifest itself).
  const listed = (pkg.manifest?.files ?? []).filter((r) => r.path !== PACKAGE_MANIFEST);
  const archived = [...pkg.records.values()].filter((r) => r.path !== PACKAGE_MANIFEST);
  const self = compareTrees(listed, archived);
  const tampered = 'the package was altered after `pyhermetic pack` wrote it: pack it again and find what changes it';
  for (const r of self.removed)
    findings.push({ path: r.path, message: `listed in ${PACKAGE_MANIFEST} but not in the archive`, fix: tampered });
  for (const r of self.added)
    findings.push({ path: r.path, message: `in the archive but not listed in ${PACKAGE_MANIFEST}`, fix: tampered });
  for (const c of self.changed)
    findings.push({
      path: c.path,
      message: `does not match ${PACKAGE_MANIFEST}: ${describeChange(c, ['manifest', 'archive'])}`,
      fix: tampered,
    });

  // The package on its own: modes exactly as stored, and names one file system could merge.
  findings.push(...unsafeModeFindings(pkg));
  findings.push(...nameCollisionFindings([...pkg.records.keys(), ...pkg.dirs]));

  const compared = testedRecords.filter((r) => keep(r.path)).length;
  let summary = `${compared} tested files compared with ${archived.length} packaged files`;
  if (!input.app && archived.some((r) => isAppPath(r.path)))
    summary += '; app/ checked against the package manifest only (pass --app to compare it with the tested app)';
  if (input.skipInterpreterFiles)
    summary +=
      "; the interpreter's own files were not compared because the interpreters differ (see the interpreter check)";
  return checkResult('files', findings, { summary });
}
