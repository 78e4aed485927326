// A private copy of examples/demo-app for a pipeline test (the tests change it, and OUT must not land
// in the repository).
import { cpSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ROOT, tempDir } from './runner.js';

export const DEMO = join(ROOT, 'examples', 'demo-app');

export function demoCopy(): { dir: string; config: string } {
  const dir = join(tempDir('demo-'), 'demo-app');
  cpSync(DEMO, dir, {
    recursive: true,
    filter: (src) => !['.pyhermetic-out', '__pycache__', '.pytest_cache'].includes(basename(src)),
  });
  return { dir, config: join(dir, 'pyhermetic.json') };
}
