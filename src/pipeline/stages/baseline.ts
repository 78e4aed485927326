// Stage `baseline`: what the new package changes against the last released one (--baseline or the
// config's "baseline"); the section goes into the pipeline's report. Only in runs that have a baseline.
import { relative } from 'node:path';
import { compareWithBaseline } from '../../core/provenance/baseline.js';
import { baselineLine } from '../../core/report/baseline-render.js';
import type { Stage } from './stage.js';

export const baselineStage: Stage = {
  name: 'baseline',
  when: (run) => run.baseline !== undefined,
  title: ({ cwd, baseline }) => `changes since the baseline ${relative(cwd, baseline!) || baseline}`,
  async run(run) {
    const section = await compareWithBaseline(run.baseline!, run.packagePath);
    run.found.baseline = section;
    return { summary: baselineLine(section) };
  },
};
