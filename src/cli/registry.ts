// Every command the runner knows: one line per command module in src/commands/. The list is static data
// (names, options, help); a module loads what its run() needs only when it runs, so a start that runs one
// command evaluates nothing of the others (docs/developing.md: where to add a command).
import { attestCommand, attestVerifyCommand } from '../commands/attest.js';
import { auditPinsCommand } from '../commands/audit-pins.js';
import { buildrootCreateCommand } from '../commands/buildroot-create.js';
import { cacheAuditCommand } from '../commands/cache-audit.js';
import type { Command } from '../commands/command.js';
import { diffCommand } from '../commands/diff.js';
import { envCreateCommand } from '../commands/env-create.js';
import { fingerprintCommand } from '../commands/fingerprint.js';
import { interpreterBuildCommand } from '../commands/interpreter-build.js';
import { jenkinsStepCommand } from '../commands/jenkins-step.js';
import { lockCommand } from '../commands/lock.js';
import { packCommand } from '../commands/pack.js';
import { pipelineCommand } from '../commands/pipeline.js';
import { sbomCommand } from '../commands/sbom.js';
import { sourceImportCommand } from '../commands/source-import.js';
import { storePushCommand } from '../commands/store-push.js';
import { storeVerifyCommand } from '../commands/store-verify.js';
import { testCommand } from '../commands/test.js';
import { verifyCommand } from '../commands/verify.js';

/** In the order `pyhermetic help` and docs/commands.md list them. */
export const COMMANDS: readonly Command[] = [
  fingerprintCommand,
  sourceImportCommand,
  buildrootCreateCommand,
  interpreterBuildCommand,
  storeVerifyCommand,
  storePushCommand,
  lockCommand,
  envCreateCommand,
  cacheAuditCommand,
  testCommand,
  packCommand,
  verifyCommand,
  diffCommand,
  sbomCommand,
  attestCommand,
  attestVerifyCommand,
  auditPinsCommand,
  pipelineCommand,
  jenkinsStepCommand,
];
