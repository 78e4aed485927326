// Stage `verify`: the package against the tested env (and in the production roots), with verify's own
// report in OUT/report/verify. verify's findings become this stage's findings, each named by its check.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Report, verdictLine } from '../../core/model/report.js';
import { EXIT_FINDINGS } from '../../shared/errors.js';
import type { PipelineConfig } from '../pipeline-config.js';
import { readOutputJson } from '../out-dir.js';
import { StageError } from './stage-error.js';
import type { Stage } from './stage.js';

function verifyArgs(
  config: PipelineConfig,
  packagePath: string,
  envTest: string,
  reportDir: string,
  testedRecord: string,
): string[] {
  return [
    'verify',
    '--artifact',
    packagePath,
    '--tested',
    envTest,
    '--report',
    reportDir,
    ...(config.glibcMax ? ['--glibc-max', config.glibcMax] : []),
    ...config.systemLibraries.flatMap((l) => ['--allow-system-lib', l]),
    ...(config.strictHostLibs ? ['--strict-host-libs'] : []),
    ...config.productionRoots.flatMap((r) => ['--root', r]),
    ...(config.deployPath ? ['--deploy-path', config.deployPath] : []),
    ...config.smoke.flatMap((m) => ['--smoke', m]),
    // The test stage's record: the report's "tested on" row, and proof that the tests ran on these bytes.
    ...(existsSync(testedRecord) ? ['--tested-record', testedRecord] : []),
  ];
}

export const verifyStage: Stage = {
  name: 'verify',
  title: ({ cwd, config }) =>
    `parity of the package with the tested environment, and where it runs${config.productionRoots.length ? ` (in ${config.productionRoots.map((r) => relative(cwd, r)).join(', ')})` : ''}`,
  async run(run) {
    const { layout } = run;
    const reportJson = join(layout.verifyReport, 'report.json');
    try {
      const r = await run.runCommand(
        'verify',
        verifyArgs(run.config, run.packagePath, layout.envTest, layout.verifyReport, layout.testedRecord),
      );
      run.found.verifyReport = await readOutputJson<Report>(reportJson);
      return { ...r, summary: run.found.verifyReport ? verdictLine(run.found.verifyReport) : undefined };
    } catch (err) {
      const verifyReport = await readOutputJson<Report>(reportJson);
      run.found.verifyReport = verifyReport;
      if (!(err instanceof StageError) || err.exitCode !== EXIT_FINDINGS || !verifyReport) throw err;
      // verify's own findings, one per line of the pipeline report, named by the check that found them.
      const findings = verifyReport.checks.flatMap((c) =>
        c.findings.map((f) => ({ ...f, message: `[${c.name}] ${f.message}` })),
      );
      throw new StageError(
        `verify: ${verdictLine(verifyReport)}`,
        EXIT_FINDINGS,
        findings.length > 0 ? findings : err.findings,
        `the verify report: ${join(layout.verifyReport, 'report.html')}\nre-run it by hand: ${err.findings[0]?.fix.replace(/^re-run this stage by hand: /, '') ?? ''}`,
      );
    }
  },
};
