// Turns pip's "No matching distribution found for X" under --only-binary :all: into the finding a
// person can act on. pip cannot tell "there is no such version" from "there is only an sdist (which
// --only-binary forbids)"; the index page can. Reading it ourselves means nothing is ever built to
// find out (a dry-run that allows sdists would already run their setup.py).
import { FindingsError, UsageError, type Finding } from '../../shared/errors.js';
import { projectFiles, type IndexFile } from './index-page.js';
import { normalizeName } from './dist-metadata.js';
import { runPython } from './pip.js';
import { interpreterTagSummary, parseWheelFileName, wheelFits } from '../abi/wheel-tags.js';
import type { FingerprintFields } from '../model/fingerprint-fields.js';

/** Why each wheel does not fit (`x-1.0-cp314-cp314-….whl: ABI tag cp314 is not cp314t`), when the fields are known. */
function whyNot(wheels: string[], fields: FingerprintFields | undefined): string {
  if (!fields) return '';
  const reasons = wheels.flatMap((w) => {
    const parsed = parseWheelFileName(w);
    if (!parsed) return [];
    const fit = wheelFits(parsed.tags, fields);
    return fit.fits ? [] : [`${w}: ${fit.reasons.map((r) => r.replace(/^[^:]*: /, '')).join('; ')}`];
  });
  return reasons.length ? ` (this interpreter takes ${interpreterTagSummary(fields)}: ${reasons.join(' | ')})` : '';
}

export function fixFor(name: string): string {
  return `no wheel for this interpreter: pin a version that has one, or allow building it with --allow-source ${normalizeName(name)}`;
}

/** The project name at the start of a requirement string (`foo[bar]>=1; marker` → foo). */
export function requirementName(requirement: string): string {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement);
  return m ? m[1] : requirement.trim();
}

// Filters versions by the requirement's specifier with the packaging library vendored in the
// interpreter's own pip, so the answer follows exactly the rules pip applied.
const MATCH_VERSIONS = `
import sys, json
from pip._vendor.packaging.requirements import Requirement
from pip._vendor.packaging.version import Version, InvalidVersion
d = json.load(sys.stdin)
r = Requirement(d['req'])
ok = []
for v in d['versions']:
    try:
        pv = Version(v)
    except InvalidVersion:
        continue
    if r.specifier.contains(pv, prereleases=True):
        ok.append(v)
ok.sort(key=Version, reverse=True)
sys.stdout.write(json.dumps(ok))
`;

async function matchingVersions(python: string, requirement: string, versions: string[]): Promise<string[]> {
  const r = await runPython(
    python,
    MATCH_VERSIONS,
    JSON.stringify({ req: requirement.replace(/\s*\(from .*\)$/, ''), versions }),
  );
  if (r.exitCode !== 0) return versions;
  try {
    return JSON.parse(r.stdout) as string[];
  } catch {
    return versions;
  }
}

/**
 * Explains each requirement pip found no wheel for. Returns findings for the sdist-only (or
 * wrong-platform-wheel-only) ones; throws a UsageError when the index has no file at all for a
 * requirement (a typo or a version that does not exist — nothing an --allow-source would fix).
 */
export async function explainMissing(
  python: string,
  indexUrls: string[],
  requirements: string[],
  fields?: FingerprintFields,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const requirement of requirements) {
    const name = requirementName(requirement);
    const files: IndexFile[] = [];
    for (const url of indexUrls) files.push(...(await projectFiles(url, name)));
    const versions = [...new Set(files.map((f) => f.version).filter((v) => v !== ''))];
    const wanted = await matchingVersions(python, requirement, versions);
    if (wanted.length === 0) {
      throw new UsageError(
        `no version of ${name} matching '${requirement}' is on ${indexUrls.join(', ')}`,
        versions.length
          ? `versions there: ${versions.join(', ')}; change the requirement`
          : `check the name and the --index-url`,
      );
    }
    const version = wanted[0];
    const atVersion = files.filter((f) => f.version === version);
    const sdist = atVersion.find((f) => f.kind === 'sdist');
    const wheels = atVersion.filter((f) => f.kind === 'wheel').map((f) => f.filename);
    const what = sdist
      ? `only an sdist (${sdist.filename}) is on the index for ${name} ${version}${wheels.length ? `; its wheels (${wheels.join(', ')}) do not fit this interpreter${whyNot(wheels, fields)}` : ''}`
      : `the wheels of ${name} ${version} on the index (${wheels.join(', ')}) do not fit this interpreter${whyNot(wheels, fields)}`;
    findings.push({
      path: `${normalizeName(name)}==${version}`,
      message: `${what}; nothing was built`,
      fix: fixFor(name),
    });
  }
  return findings;
}

export function missingWheelError(findings: Finding[]): FindingsError {
  const names = findings.map((f) => f.path).join(', ');
  return new FindingsError(`no wheel for this interpreter: ${names}`, findings, findings.map((f) => f.fix).join('\n'));
}
