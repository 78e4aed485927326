// The steps that put a package on paper: its SBOM, its signed provenance, and the check of that
// provenance before publishing (docs/sbom-and-provenance.md). Kept beside step-table.ts, which joins them.
import { CREDENTIAL_PARAMS, type JenkinsStep } from './step-params.js';

export const PROVENANCE_STEPS: JenkinsStep[] = [
  {
    name: 'sbom',
    command: ['sbom'],
    summary:
      'A CycloneDX 1.6 SBOM of a package: the app, the interpreter and its linked libraries, every distribution.',
    params: [
      { name: 'artifact', type: 'string', required: true, option: 'artifact', description: 'The package.' },
      {
        name: 'lock',
        type: 'string',
        option: 'lock',
        description: "The lock the env was made from: gives every distribution its wheel's sha256.",
      },
      { name: 'name', type: 'string', option: 'name', description: "The application's name (default: the package's)." },
      { name: 'version', type: 'string', option: 'version', description: "The application's version." },
      {
        name: 'out',
        type: 'string',
        default: 'sbom.cdx.json',
        required: true,
        option: 'out',
        description: 'Where to write the SBOM; it is archived.',
      },
    ],
    publish: { archive: ['{out}'] },
    examples: [
      "pyhermetic.sbom(artifact: 'dist/service.tar.gz', lock: 'requirements.lock', out: 'dist/sbom.cdx.json')",
    ],
  },
  {
    name: 'attest',
    command: ['attest'],
    summary:
      'A signed SLSA provenance statement (DSSE envelope) binding the package to its inputs and to the verify verdict.',
    params: [
      { name: 'artifact', type: 'string', required: true, option: 'artifact', description: 'The package.' },
      {
        name: 'report',
        type: 'string',
        required: true,
        option: 'report',
        description: "The verify report directory (the pipeline's `report/`).",
      },
      {
        name: 'lock',
        type: 'string',
        option: 'lock',
        description: 'The lock (default: the one in the report directory).',
      },
      {
        name: 'out',
        type: 'string',
        default: 'provenance.intoto.jsonl',
        required: true,
        option: 'out',
        description: 'Where to write the attestation; it is archived.',
      },
      {
        name: 'strictKeys',
        type: 'boolean',
        default: false,
        option: 'strict-keys',
        description: 'A signing key readable by group or others is an error instead of a warning.',
      },
      CREDENTIAL_PARAMS.signingKeyCredentialsId,
    ],
    withheldOptions: { key: 'the signing key comes from signingKeyCredentialsId (PYHERMETIC_SIGNING_KEY)' },
    publish: { archive: ['{out}'] },
    examples: [
      "pyhermetic.attest(artifact: 'dist/service.tar.gz', report: 'build/report', signingKeyCredentialsId: 'pyhermetic-signing-key')",
    ],
  },
  {
    name: 'attestVerify',
    command: ['attest', 'verify'],
    summary:
      'Before publishing: the signature holds, the subject is this package and the recorded verify verdict was ok; otherwise UNSTABLE.',
    params: [
      { name: 'artifact', type: 'string', required: true, option: 'artifact', description: 'The package.' },
      {
        name: 'attestation',
        type: 'string',
        required: true,
        option: 'attestation',
        description: 'The DSSE envelope written by `attest`.',
      },
      { name: 'key', type: 'string', required: true, option: 'key', description: 'The public key (PEM).' },
    ],
    publish: {},
    examples: [
      "pyhermetic.attestVerify(artifact: 'dist/service.tar.gz', attestation: 'build/report/provenance.intoto.jsonl', key: 'ci/signing.pub.pem')",
    ],
  },
];
