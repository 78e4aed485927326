// Check `interpreter`: the package's interpreter is the tested env's interpreter — same fingerprint
// and same interpreter artifact (sha256 of interpreter.tar.gz). The first outage was exactly this
// check missing: the tests ran under one interpreter and production under another.
import type { Finding } from '../../shared/errors.js';
import type { EnvManifest } from '../model/manifests.js';
import type { PackageContents } from '../package/package-read.js';
import { checkResult, type CheckResult } from '../model/report.js';

function describe(i: EnvManifest['interpreter']): string {
  return `CPython ${i.version}, ${i.shared ? 'shared' : 'static'}, fingerprint ${i.fingerprint.slice(0, 16)}…, artifact ${i.artifactSha256 ? `${i.artifactSha256.slice(0, 16)}…` : 'none (made from an installed directory)'}`;
}

export function interpreterCheck(pkg: PackageContents, tested: EnvManifest, testedDir: string): CheckResult {
  const findings: Finding[] = [];
  const packaged = pkg.manifest!.env.interpreter;
  const fix = `make the package from the env the tests ran in (pyhermetic pack --env ${testedDir}), or run the tests in an env made from the package's interpreter artifact`;
  if (packaged.fingerprint !== tested.interpreter.fingerprint) {
    findings.push({
      path: 'interpreter fingerprint',
      message: `the package's interpreter (${describe(packaged)}) is not the tested one (${describe(tested.interpreter)}): extensions tested under one ABI would ship under another`,
      fix,
    });
  }
  if (packaged.artifactSha256 !== tested.interpreter.artifactSha256) {
    findings.push({
      path: 'interpreter artifact',
      message: `the package was made from interpreter artifact ${packaged.artifactSha256 ?? '(none)'}, the tested env from ${tested.interpreter.artifactSha256 ?? '(none)'}`,
      fix: `${fix}; build the interpreter once and use that one artifact for both`,
    });
  }
  const inTree = pkg.envManifest?.interpreter;
  if (!inTree) {
    findings.push({
      path: 'pyhermetic-env.json',
      message: 'the package has no env manifest in its tree',
      fix: 'pack the env again with `pyhermetic pack`; do not edit packages by hand',
    });
  } else if (inTree.fingerprint !== packaged.fingerprint || inTree.artifactSha256 !== packaged.artifactSha256) {
    findings.push({
      path: 'pyhermetic-env.json',
      message:
        'the env manifest inside the package names another interpreter than the package manifest: the package was altered after packing',
      fix: 'pack the tested env again with `pyhermetic pack`',
    });
  }
  const summary = `package: ${describe(packaged)}; tested: ${describe(tested.interpreter)}`;
  return checkResult('interpreter', findings, { summary });
}
