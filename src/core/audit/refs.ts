// Is a reference pinned? Container images by digest; Jenkins library versions by tag or full commit.
import { hasExpansion, isFullCommit } from './shell-words.js';

/** An image reference carries a digest: `name[:tag]@sha256:<64 hex>` (or a digest from a variable). */
export function imageHasDigest(ref: string): boolean {
  const at = ref.indexOf('@sha256:');
  if (at === -1) return false;
  const digest = ref.slice(at + 8);
  return /^[0-9a-f]{64}$/.test(digest) || (hasExpansion(digest) && /^(\$\{[^}]*\}|\$[A-Za-z_]\w*)$/.test(digest));
}

/** `python:3.11-slim@sha256:…` → `python:3.11-slim@sha256:<64 hex>`: the pinned form to show. */
export function pinnedImageForm(ref: string): string {
  return `${ref.replace(/@.*$/, '')}@sha256:<64 hex>`;
}

/** A version name shaped like a release tag: v1.2.3, 1.2, 2024.01.15, v1.2.3-rc.1, release-1.4. */
const TAG_SHAPE = /^(v|release[-/_]?|rel[-/_]?)?\d+(\.\d+)+([-+._][0-9A-Za-z.]+)*$|^v\d+$/;

export type RefVerdict = { pinned: true; as: 'tag' | 'commit' } | { pinned: false; why: string };

/** A library version: a full commit or a tag (by its shape, or listed in the config as a known tag). */
export function classifyLibraryRef(ref: string | undefined, knownTags: ReadonlySet<string>): RefVerdict {
  if (ref === undefined || ref === '')
    return { pinned: false, why: 'no version: Jenkins loads the default version configured for it (usually a branch)' };
  if (isFullCommit(ref)) return { pinned: true, as: 'commit' };
  if (knownTags.has(ref)) return { pinned: true, as: 'tag' };
  if (hasExpansion(ref))
    return { pinned: false, why: `the version ${ref} comes from a variable this audit cannot see` };
  if (/^[0-9a-f]{7,39}$/i.test(ref))
    return { pinned: false, why: `${ref} looks like an abbreviated commit; give all 40 hex digits` };
  if (TAG_SHAPE.test(ref)) return { pinned: true, as: 'tag' };
  return {
    pinned: false,
    why: `${ref} is shaped like a branch, not a tag or a commit (list real tags in the audit config's "libraryTags")`,
  };
}
