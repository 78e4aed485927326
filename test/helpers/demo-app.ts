// A private copy of examples/demo-app for a pipeline test (the tests change it, and OUT must not land
// in the repository).
//
// The demo itself builds its interpreter in the pinned Debian 11 build root and smoke-tests the package
// in a Debian 11 production root (test/e2e/demo-portable.test.ts runs exactly that). Most pipeline tests
// are about other things, so their copy builds on the host instead: without buildRoot the demo's spec
// is the `static` fixture's, whose build every test of the run shares.
import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ROOT, tempDir } from './runner.js';

export const DEMO = join(ROOT, 'examples', 'demo-app');

/** Copies the demo app into `dir` (a new directory), leaving out earlier outputs and caches. */
export function copyDemo(dir: string): void {
  cpSync(DEMO, dir, {
    recursive: true,
    filter: (src) => !['.pyhermetic-out', '__pycache__', '.pytest_cache'].includes(basename(src)),
  });
}

/** Rewrites a demo copy's JSON file with `change` applied. */
export function editJson(file: string, change: (doc: Record<string, unknown>) => void): void {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  change(doc);
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
}

/**
 * The demo copy builds on the host (no buildRoot) and verifies without a production root. The lock is
 * the same distributions made for the host build's fingerprint (the lock check compares it).
 */
export function onTheHost(dir: string): void {
  copyFileSync(join(ROOT, 'test', 'fixtures', 'demo-app-host.lock'), join(dir, 'requirements.lock'));
  editJson(join(dir, 'python.json'), (d) => {
    delete d.buildRoot;
  });
  editJson(join(dir, 'pyhermetic.json'), (d) => {
    delete d.productionRoot;
  });
}

export function demoCopy(): { dir: string; config: string } {
  const dir = join(tempDir('demo-'), 'demo-app');
  copyDemo(dir);
  onTheHost(dir);
  return { dir, config: join(dir, 'pyhermetic.json') };
}
