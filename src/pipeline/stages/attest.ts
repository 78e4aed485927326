// Stage `attest`: signed provenance of the package, OUT/report/provenance.intoto.jsonl, signed with the
// key named by PYHERMETIC_SIGNING_KEY; skipped without one. It runs as a child of the runner like the
// other stages, so its line is the command to repeat it; the signing key reaches the child through the
// environment only, never an argument.
import { join, relative } from 'node:path';
import { SIGNING_KEY_ENV } from '../../core/provenance/attest.js';
import type { Stage } from './stage.js';

export const ATTESTATION_FILE = 'provenance.intoto.jsonl';

export const attestStage: Stage = {
  name: 'attest',
  title: ({ cwd, layout }) =>
    `signed provenance of the package: ${relative(cwd, join(layout.report, ATTESTATION_FILE))}`,
  async run(run) {
    if (!run.env[SIGNING_KEY_ENV])
      return { skipped: `no signing key: set ${SIGNING_KEY_ENV} to a PEM file (Jenkins: signingKeyCredentialsId)` };
    const out = join(run.layout.report, ATTESTATION_FILE);
    const r = await run.runCommand('attest', [
      'attest',
      '--artifact',
      run.packagePath,
      '--report',
      run.layout.report,
      '--out',
      out,
    ]);
    return { ...r, summary: out };
  },
};
