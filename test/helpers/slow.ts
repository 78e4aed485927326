// The fast loop (`npm run test:fast`) runs every test whose title does not carry SLOW: the unit tests
// and the e2e tests that need no compiler. A test (or a whole describe) that builds an interpreter,
// debootstraps a Debian root or makes a build root says so with SLOW in its title; mocha's
// `--grep @slow --invert` then leaves it out (a tag on a describe covers everything inside it).
//
// The helpers that make those expensive things call mayBuild() first: under test:fast
// (PYHERMETIC_TEST_FAST=1) it throws, so a test that needs a build but lacks the tag fails at once,
// naming what it needed, instead of quietly making the fast loop slow.

export const SLOW = '@slow';

/** Throws under test:fast: the calling test needs `what` (a compiler or debootstrap) and must be tagged SLOW. */
export function mayBuild(what: string): void {
  if (process.env.PYHERMETIC_TEST_FAST)
    throw new Error(
      `this test needs ${what}, which the fast loop never makes: put ${SLOW} in its title (or its describe's); see docs/developing.md`,
    );
}
