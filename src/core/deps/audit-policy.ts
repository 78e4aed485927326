// cache audit's manylinux check: a manylinux wheel must keep to the policy its tag claims. Whatever its
// files need from the host beyond glibc's libraries and that policy's list must come with it: bundled
// in the wheel, or from another wheel of the audited directory (nvidia-cusolver loads nvidia-cublas's
// libcublas through its RPATH; they are installed together). A `linux_*` wheel (pip builds them from
// sdists) claims no policy: its libraries from the host are verify's to judge, where a team can declare
// them (--allow-system-lib).
import { basename } from 'node:path';
import type { Finding } from '../../shared/errors.js';
import { hostNeeds, policyBreachText } from '../abi/host-libraries.js';
import { claimedPolicy, type ManylinuxPolicy } from '../abi/manylinux-policy.js';
import type { WheelContents } from '../abi/wheel.js';

/** What a manylinux wheel needs from outside itself that its policy does not allow, member by member. */
export interface PolicyNeeds {
  policy: ManylinuxPolicy;
  platforms: string[];
  members: { member: string; names: string[] }[];
}

/** The library names a wheel provides: every ELF member's file name (parsed or too big to parse) and SONAME. */
export function wheelProvides(w: WheelContents): string[] {
  return w.elfs.flatMap((e) => [basename(e.name), ...(e.info?.soname ? [e.info.soname] : [])]);
}

/** Undefined for a wheel that claims no manylinux policy or needs nothing its policy does not allow. */
export function policyNeeds(w: WheelContents): PolicyNeeds | undefined {
  const platforms = [...new Set((w.fileName?.tags ?? w.metadataTags ?? []).map((t) => t.platform))];
  const policy = claimedPolicy(platforms);
  if (!policy) return undefined;
  const provided = new Set(wheelProvides(w));
  const members = w.elfs.flatMap((e) => {
    const names = e.info ? hostNeeds(e.info, provided).filter((n) => !policy.libraries.has(n)) : [];
    return names.length > 0 ? [{ member: e.name, names }] : [];
  });
  return members.length > 0 ? { policy, platforms, members } : undefined;
}

/** The findings of one wheel's needs that no other audited wheel provides either. */
export function policyBreaches(
  path: string,
  p: PolicyNeeds,
  providedElsewhere: ReadonlySet<string>,
): (Finding & { member: string })[] {
  const out: (Finding & { member: string })[] = [];
  for (const { member, names } of p.members) {
    const breach = names.filter((n) => !providedElsewhere.has(n));
    if (breach.length === 0) continue;
    out.push({
      path,
      member,
      message: `${member}: needs ${breach.join(', ')} from the host, which neither the wheel nor another wheel here provides; ${policyBreachText(breach, p)}`,
      fix: `do not use this wheel: a ${p.policy.name} wheel must bundle what the policy does not allow (auditwheel repair grafts it in); fetch or build one that does`,
    });
  }
  return out;
}
