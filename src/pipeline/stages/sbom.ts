// Stage `sbom`: the CycloneDX SBOM of the package, OUT/report/sbom.cdx.json, as a child of the runner.
import { join, relative } from 'node:path';
import type { Stage } from './stage.js';

export const SBOM_FILE = 'sbom.cdx.json';

export const sbomStage: Stage = {
  name: 'sbom',
  title: ({ cwd, layout }) => `CycloneDX SBOM of the package: ${relative(cwd, join(layout.report, SBOM_FILE))}`,
  async run(run) {
    const out = join(run.layout.report, SBOM_FILE);
    const r = await run.runCommand('sbom', [
      'sbom',
      '--artifact',
      run.packagePath,
      '--lock',
      run.config.lock,
      '--name',
      run.config.name,
      '--out',
      out,
    ]);
    return { ...r, summary: out };
  },
};
