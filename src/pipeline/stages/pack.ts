// Stage `pack`: the production package OUT/dist/<name>.tar.gz from the tested env and the app snapshot.
import { mkdir } from 'node:fs/promises';
import { relative } from 'node:path';
import type { Stage } from './stage.js';

export const packStage: Stage = {
  name: 'pack',
  title: ({ cwd, packagePath }) => `the production package ${relative(cwd, packagePath)}`,
  async run(run) {
    const { layout, packagePath } = run;
    await mkdir(layout.dist, { recursive: true });
    const r = await run.runCommand('pack', [
      'pack',
      '--env',
      layout.envTest,
      '--app',
      layout.app,
      '--out',
      packagePath,
    ]);
    return { ...r, summary: packagePath };
  },
};
