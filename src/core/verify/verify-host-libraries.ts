// The part of the `linkage` check about libraries from the host: every DT_NEEDED that no file of the
// package provides and that is not one of glibc's libraries, judged by the rule of whom the file
// belongs to (abi/host-libraries.ts):
//   - the interpreter's own files and the app: glibc's libraries only;
//   - a distribution's files: glibc's plus the list of the manylinux policy its wheel's tag claims
//     (from its dist-info/WHEEL), unless --strict-host-libs;
//   - anything declared with --allow-system-lib: a runtime requirement the team states.
// Whatever no rule allows is a finding. The report lists, per library and per owner, what allows it.
import type { Finding } from '../../shared/errors.js';
import { hostAllowance, hostNeeds, policyBreachText, providedNames, type HostRule } from '../abi/host-libraries.js';
import { GLIBC_LIBRARIES, type TreeElf } from '../abi/linkage.js';
import { claimedPolicy, POLICY_SOURCE } from '../abi/manylinux-policy.js';
import { parseWheelMetadataTags } from '../abi/wheel-tags.js';
import type { PackageContents } from '../package/package-read.js';
import type { HostLibraryUse, SystemLibrary } from '../model/report.js';

export interface HostLibraryResult {
  findings: Finding[];
  /** Every library some file needs from the host, allowed or not (the tree resolution must not judge them again). */
  fromHost: string[];
  rules: string[];
  systemLibraries: SystemLibrary[];
  hostLibraries: HostLibraryUse[];
}

const GLIBC_ONLY: HostRule = { platforms: [] };

/** Each distribution's rule (`name version` → its WHEEL file's platform tags and the policy they claim). */
export function distributionRules(pkg: PackageContents, strict: boolean): Map<string, HostRule> {
  const rules = new Map<string, HostRule>();
  for (const d of pkg.manifest!.env.distributions) {
    const wheelFile = d.files.find((f) => /\.dist-info\/WHEEL$/.test(f.path));
    const text = wheelFile ? pkg.distInfo.get(wheelFile.path) : undefined;
    const platforms = [...new Set(parseWheelMetadataTags(text ?? '').map((t) => t.platform))];
    rules.set(`${d.name} ${d.version}`, { platforms, policy: strict ? undefined : claimedPolicy(platforms) });
  }
  return rules;
}

/** The two rules (or the strict one), as the report states them. */
export function hostLibraryRules(strict: boolean): string[] {
  const glibc = GLIBC_LIBRARIES.join(', ');
  const rest =
    'anything else: declared with --allow-system-lib (a runtime requirement; verify --root checks it), or a finding';
  if (strict) return [`--strict-host-libs: every file, a wheel's too: glibc's libraries only (${glibc})`, rest];
  return [
    `the interpreter's own files and the app: glibc's libraries only (${glibc})`,
    `a wheel's files: glibc's libraries plus the list of the manylinux policy its platform tag claims (the newest one it claims; manylinux2014 = manylinux_2_17; the table is ${POLICY_SOURCE.project} ${POLICY_SOURCE.version}'s); a linux_* tag claims none`,
    rest,
  ];
}

function hostLibraryFinding(path: string, owner: string, names: string[], rule: HostRule, strict: boolean): Finding {
  const list = names.join(', ');
  // Under --strict-host-libs no wheel is judged by its policy: the finding is the plain glibc-only one.
  const breach = strict ? '' : policyBreachText(names, rule);
  const declare = `declare ${names.length > 1 ? 'them' : 'it'} with ${names.map((n) => `--allow-system-lib ${n}`).join(' ')} if every production host has ${names.length > 1 ? 'them' : 'it'} (verify --root proves it)`;
  return {
    path,
    message: `needs ${list} from the host: not inside the package and not one of glibc's libraries${breach ? `, and ${breach}` : ''}; belongs to: ${owner}`,
    fix:
      owner === 'interpreter'
        ? `use an interpreter that links ${names.length > 1 ? 'these libraries' : 'it'} in (built in a build root with the libraries linked statically), or ${declare}`
        : owner === 'app'
          ? `bundle ${names.length > 1 ? 'them' : 'it'} inside the app next to an $ORIGIN rpath, or ${declare}`
          : `use a wheel that bundles ${names.length > 1 ? 'them' : 'it'} (auditwheel repair), or ${declare}`,
  };
}

interface Tally {
  neededBy: Set<string>;
  allowedBy: Set<string>;
  notAllowedFor: Set<string>;
}

export function hostLibraryCheck(input: {
  loadable: readonly TreeElf[];
  owner: (path: string) => string;
  rules: ReadonlyMap<string, HostRule>;
  declared: ReadonlySet<string>;
  strict: boolean;
  /** File names of ELF files the package holds but that could not be parsed: provided all the same. */
  unparsed?: readonly string[];
}): HostLibraryResult {
  const provided = providedNames(input.loadable);
  for (const path of input.unparsed ?? []) provided.add(path.slice(path.lastIndexOf('/') + 1));
  const findings: Finding[] = [];
  const byName = new Map<string, Tally>();
  const byOwner = new Map<string, HostLibraryUse>();
  for (const f of input.loadable) {
    const needs = hostNeeds(f.info, provided);
    if (needs.length === 0) continue;
    const who = input.owner(f.path);
    const rule = input.rules.get(who) ?? GLIBC_ONLY;
    const use = byOwner.get(who) ?? {
      owner: who,
      policy: rule.policy?.name ?? null,
      platforms: [...rule.platforms],
      libraries: [],
    };
    byOwner.set(who, use);
    const notAllowed: string[] = [];
    for (const name of needs) {
      const by = hostAllowance(name, rule, input.declared);
      const t = byName.get(name) ?? { neededBy: new Set(), allowedBy: new Set(), notAllowedFor: new Set() };
      byName.set(name, t);
      t.neededBy.add(who);
      if (by === null) {
        t.notAllowedFor.add(who);
        notAllowed.push(name);
      } else if (by !== '--allow-system-lib') t.allowedBy.add(by);
      if (!use.libraries.some((l) => l.name === name)) use.libraries.push({ name, allowedBy: by });
    }
    if (notAllowed.length > 0) findings.push(hostLibraryFinding(f.path, who, notAllowed, rule, input.strict));
  }
  // Declared ones are listed even when no file needs them: the declaration is the stated requirement.
  for (const name of input.declared)
    if (!byName.has(name)) byName.set(name, { neededBy: new Set(), allowedBy: new Set(), notAllowedFor: new Set() });
  const systemLibraries: SystemLibrary[] = [...byName.keys()].sort().map((name) => {
    const t = byName.get(name)!;
    return {
      name,
      declared: input.declared.has(name),
      neededBy: [...t.neededBy].sort(),
      allowedBy: [...t.allowedBy].sort(),
      notAllowedFor: [...t.notAllowedFor].sort(),
    };
  });
  const hostLibraries = [...byOwner.values()]
    .map((u) => ({ ...u, libraries: u.libraries.sort((a, b) => (a.name < b.name ? -1 : 1)) }))
    .sort((a, b) => (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));
  const fromHost = [...byName.keys()].filter((n) => byName.get(n)!.neededBy.size > 0);
  return { findings, fromHost, rules: hostLibraryRules(input.strict), systemLibraries, hostLibraries };
}

/** `libz.so.1 (allowed by manylinux_2_17)`, `libssl.so.3 (declared)`, `libfoo.so.1 (undeclared)`. */
export function systemLibrarySummary(l: SystemLibrary): string {
  if (l.declared) return `${l.name} (declared)`;
  const allowed = l.allowedBy.length ? `allowed by ${l.allowedBy.join(', ')}` : '';
  if (l.notAllowedFor.length === 0) return `${l.name} (${allowed})`;
  return `${l.name} (undeclared${allowed ? `; ${allowed} for the others, not for ${l.notAllowedFor.join(', ')}` : ''})`;
}
