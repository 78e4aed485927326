// Orders two Python versions the PEP 440 way, to tell an upgrade from a downgrade in the baseline section.
// The rules (epochs, pre/post/dev releases, local labels, normalisation) are @renovatebot/pep440's, a
// maintained implementation of the PyPA specification; a version that is not PEP 440 (a distribution can
// carry anything in its METADATA) falls back to a numeric-aware string comparison.
import { compare, valid } from '@renovatebot/pep440';

/** Negative when a < b, positive when a > b, 0 when equal. */
export function comparePep440(a: string, b: string): number {
  if (valid(a) === null || valid(b) === null) return a.localeCompare(b, 'en', { numeric: true });
  return compare(a, b);
}
