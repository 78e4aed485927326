// Which libraries the ELF files of a tree (a package, a wheel) need from the host, and by which rule
// each may come from there. Two rules, the same for verify and cache audit:
//   - the interpreter's own files, the app, a `linux_*` wheel: glibc's libraries only;
//   - a manylinux wheel's files: glibc's plus the list of the policy its platform tag claims
//     (manylinux-policy.ts: auditwheel's table), unless --strict-host-libs turns that off.
// Anything else must be declared (verify --allow-system-lib) or it is a finding.
import { isGlibcLibrary, isLibpython, type TreeElf } from './linkage.js';
import type { ElfInfo } from './elf.js';
import { policyLabel, type ManylinuxPolicy } from './manylinux-policy.js';

/** What a tree provides itself: every ELF file's file name and SONAME. */
export function providedNames(files: readonly TreeElf[]): Set<string> {
  const out = new Set<string>();
  for (const f of files) {
    out.add(f.path.slice(f.path.lastIndexOf('/') + 1));
    if (f.info.soname) out.add(f.info.soname);
  }
  return out;
}

/**
 * The needs of one file that only the host can answer: not provided by the tree, not one of glibc's
 * libraries, not libpython (judged by its own rules), not a path (a finding of its own).
 */
export function hostNeeds(info: ElfInfo, provided: ReadonlySet<string>): string[] {
  return info.needed.filter((n) => !isLibpython(n) && !isGlibcLibrary(n) && !provided.has(n) && !n.includes('/'));
}

/** The rule a file's libraries from the host are held to. */
export interface HostRule {
  /** The policy its wheel claims (absent: glibc's libraries only). */
  policy?: ManylinuxPolicy;
  /** The wheel's platform tags, for messages (empty for the interpreter and the app). */
  platforms: readonly string[];
}

/** Why `name` may come from the host: `--allow-system-lib`, the policy's name, or null (it may not). */
export function hostAllowance(name: string, rule: HostRule, declared: ReadonlySet<string>): string | null {
  if (declared.has(name)) return '--allow-system-lib';
  return rule.policy?.libraries.has(name) ? rule.policy.name : null;
}

/**
 * Says why a wheel's libraries from the host are not allowed, in the words of its tag: the policy it
 * claims and breaks, or that it claims none. Empty for a file that is no wheel's.
 */
export function policyBreachText(names: readonly string[], rule: HostRule): string {
  if (rule.platforms.length === 0) return '';
  const them = names.length > 1 ? 'them' : 'it';
  const tags = rule.platforms.join('.');
  if (!rule.policy)
    return `its tag ${tags} claims no manylinux policy, so nothing but glibc's libraries may come from the host`;
  return `the policy its tag ${tags} claims, ${policyLabel(rule.policy)}, does not allow ${them}: the wheel breaks the policy it claims`;
}
