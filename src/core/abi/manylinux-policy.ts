// The manylinux policy table: which system libraries a wheel of each manylinux platform tag may expect
// from the host instead of bundling them (PEP 513, 571, 599, 600, as auditwheel lists them). The data is
// manylinux-policy.json, extracted from the auditwheel release it names; this file only reads it, so
// verify (a wheel's files), cache audit (a manylinux wheel keeps to the policy it claims) and
// lock --glibc-max (manylinux2014 = manylinux_2_17) agree on what "portable" means.
import data from './manylinux-policy.json' with { type: 'json' };
import { compareVersions } from './elf.js';

export interface ManylinuxPolicy {
  /** The PEP 600 name: manylinux_2_17. */
  name: string;
  /** The legacy names of the same policy: manylinux2014. */
  aliases: readonly string[];
  /** The glibc the policy stands for: 2.17. */
  glibc: string;
  /** The libraries a wheel of this policy may need from the host (glibc's own among them). */
  libraries: ReadonlySet<string>;
}

/** Where the table comes from: project, release, commit, URL and sha256 of the file it was extracted from. */
export const POLICY_SOURCE: Readonly<typeof data.source> = data.source;

const PEP600 = /^manylinux_(\d+)_(\d+)$/;

/** Every manylinux policy of the table, oldest glibc first (auditwheel's `linux` entry is no policy). */
export const MANYLINUX_POLICIES: readonly ManylinuxPolicy[] = data.policies
  .filter((p) => PEP600.test(p.name))
  .map((p) => {
    const m = PEP600.exec(p.name)!;
    return { name: p.name, aliases: p.aliases, glibc: `${m[1]}.${m[2]}`, libraries: new Set(p.lib_whitelist) };
  })
  .sort((a, b) => compareVersions(a.glibc, b.glibc));

const BY_ALIAS = new Map(MANYLINUX_POLICIES.flatMap((p) => p.aliases.map((a) => [a, p] as const)));

export interface ManylinuxTag {
  /** The glibc the tag promises: 2.17 for manylinux2014_x86_64 and manylinux_2_17_x86_64. */
  glibc: string;
  arch: string;
}

/** The glibc and architecture a manylinux platform tag stands for (legacy alias or PEP 600), else undefined. */
export function manylinuxTag(platform: string): ManylinuxTag | undefined {
  const legacy = /^(manylinux\d+)_(.+)$/.exec(platform);
  const aliased = legacy ? BY_ALIAS.get(legacy[1]) : undefined;
  if (legacy && aliased) return { glibc: aliased.glibc, arch: legacy[2] };
  const pep600 = /^manylinux_(\d+)_(\d+)_(.+)$/.exec(platform);
  return pep600 ? { glibc: `${pep600[1]}.${pep600[2]}`, arch: pep600[3] } : undefined;
}

/**
 * The policy a platform tag claims: the table's policy of its glibc, or for a level the table does not
 * list (manylinux_2_30) the newest one below it, whose list PEP 600 guarantees on that host too.
 * Undefined for a tag that claims no manylinux policy (linux_x86_64, any, musllinux_*).
 */
export function policyOf(platform: string): ManylinuxPolicy | undefined {
  const tag = manylinuxTag(platform);
  if (!tag) return undefined;
  let found: ManylinuxPolicy | undefined;
  for (const p of MANYLINUX_POLICIES) if (compareVersions(p.glibc, tag.glibc) <= 0) found = p;
  return found;
}

/**
 * The newest policy any of a wheel's platform tags claims (a wheel tagged manylinux_2_17 and
 * manylinux_2_28 keeps to the manylinux_2_28 list), or undefined when none claims one.
 */
export function claimedPolicy(platforms: Iterable<string>): ManylinuxPolicy | undefined {
  let newest: ManylinuxPolicy | undefined;
  for (const platform of platforms) {
    const p = policyOf(platform);
    if (p && (!newest || compareVersions(p.glibc, newest.glibc) > 0)) newest = p;
  }
  return newest;
}

/** `manylinux_2_17 (auditwheel 6.8.1)`: a policy as findings and reports name it. */
export function policyLabel(p: ManylinuxPolicy): string {
  return `${p.name} (${POLICY_SOURCE.project.split('/').pop()} ${POLICY_SOURCE.version})`;
}
