// The list of commands the runner knows. Add one import and one entry per command module.
import type { Command } from './command.js';
import { fingerprintCommand } from './fingerprint.js';
import { pipelineCommand } from './pipeline.js';
import { lockCommand } from './lock.js';
import { envCreateCommand } from './env-create.js';
import { packCommand } from './pack.js';
import { verifyCommand } from './verify.js';
import { diffCommand } from './diff.js';
import { cacheAuditCommand } from './cache-audit.js';
import { sourceImportCommand } from './source-import.js';
import { interpreterBuildCommand } from './interpreter-build.js';
import { storeVerifyCommand } from './store-verify.js';
import { jenkinsStepCommand } from './jenkins-step.js';
import { storePushCommand } from './store-push.js';
import { sbomCommand } from './sbom.js';
import { attestCommand, attestVerifyCommand } from './attest.js';
import { buildrootCreateCommand } from './buildroot-create.js';
import { testCommand } from './test.js';

export const commands: Command[] = [
  fingerprintCommand,
  pipelineCommand,
  lockCommand,
  envCreateCommand,
  testCommand,
  packCommand,
  verifyCommand,
  diffCommand,
  cacheAuditCommand,
  sourceImportCommand,
  interpreterBuildCommand,
  storeVerifyCommand,
  jenkinsStepCommand,
  storePushCommand,
  sbomCommand,
  attestCommand,
  attestVerifyCommand,
  buildrootCreateCommand,
];
