// The steps that put a package on paper: its SBOM, its signed provenance, and the check of that
// provenance before publishing (docs/sbom-and-provenance.md). Kept beside step-table.ts, which joins them.
// attest's --key is declared secret, so it has no parameter: the key comes from signingKeyCredentialsId.
import { CREDENTIAL_PARAMS, type StepRow } from './step-params.js';

export const PROVENANCE_STEPS: StepRow[] = [
  {
    name: 'sbom',
    command: ['sbom'],
    defaults: { out: 'sbom.cdx.json' },
    publish: { archive: ['{out}'] },
    examples: [
      "pyhermetic.sbom(artifact: 'dist/service.tar.gz', lock: 'requirements.lock', out: 'dist/sbom.cdx.json')",
    ],
  },
  {
    name: 'attest',
    command: ['attest'],
    defaults: { out: 'provenance.intoto.jsonl' },
    credentials: [CREDENTIAL_PARAMS.signingKeyCredentialsId],
    publish: { archive: ['{out}'] },
    examples: [
      "pyhermetic.attest(artifact: 'dist/service.tar.gz', report: 'build/report', signingKeyCredentialsId: 'pyhermetic-signing-key')",
    ],
  },
  {
    name: 'attestVerify',
    command: ['attest', 'verify'],
    publish: {},
    examples: [
      "pyhermetic.attestVerify(artifact: 'dist/service.tar.gz', attestation: 'build/report/provenance.intoto.jsonl', key: 'ci/signing.pub.pem')",
    ],
  },
];
