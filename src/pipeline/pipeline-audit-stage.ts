// The pipeline's first stage: `audit pins` over the project, before anything is built. It runs in this
// process (a read-only check, like the lock check) and writes what the command would: the SARIF and the
// JUnit beside the report, plus the report's "floating inputs" section. Its findings do not stop the
// chain — the build and verify still run, so one pipeline run shows every problem — but they make the
// pipeline's verdict FAILED (exit 1), so nothing built from floating inputs is published.
import { join, relative } from 'node:path';
import { auditPins, type AuditResult } from '../core/audit/audit.js';
import { AUDIT_CONFIG_FILE, emptyConfig, readAuditConfig } from '../core/audit/audit-config.js';
import { renderAuditJunit } from '../core/audit/junit.js';
import { atOrAbove } from '../core/audit/rules.js';
import { renderSarif } from '../core/audit/sarif.js';
import type { PinAuditSection } from '../core/model/pin-audit-section.js';
import { writeFileAtomic } from '../shared/atomic-file.js';
import type { Finding } from '../shared/errors.js';
import { existsSync } from 'node:fs';
import { shellQuote } from '../shared/shell-quote.js';
import type { PipelineConfig } from './pipeline-config.js';

export const PINS_SARIF = 'pins.sarif';
export const PINS_JUNIT = 'pins-junit.xml';

export interface PinAuditOutcome {
  section: PinAuditSection;
  /** The findings at or above failOn, unsuppressed: the stage's check findings. */
  failing: Finding[];
  command: string[];
  summary: string;
}

function sectionOf(result: AuditResult, paths: string[], command: string): PinAuditSection {
  return {
    paths,
    failOn: result.failOn,
    scanned: result.scanned,
    counts: result.counts,
    sarif: PINS_SARIF,
    junit: PINS_JUNIT,
    command,
    findings: result.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      file: f.file,
      line: f.line,
      column: f.column,
      text: f.text,
      message: f.message,
      fix: f.fix,
      failing: !f.suppressed && atOrAbove(f.severity, result.failOn),
      ...(f.suppressed ? { suppressed: f.suppressed } : {}),
    })),
  };
}

export async function pinAuditStage(opts: {
  config: PipelineConfig;
  reportDir: string;
  runner: { node: string; script: string };
  store?: string;
  toolVersion: string;
}): Promise<PinAuditOutcome> {
  const { config, reportDir } = opts;
  const audit = config.auditPins!;
  const paths = audit.paths.map((p) => relative(config.baseDir, p) || '.');
  const configFile = join(audit.paths[0]!, AUDIT_CONFIG_FILE);
  const auditConfig = existsSync(configFile) ? readAuditConfig(configFile) : emptyConfig(audit.paths[0]!);
  const store = opts.store ?? config.store ?? undefined;
  const result = await auditPins({ paths, cwd: config.baseDir, config: auditConfig, failOn: audit.failOn, store });
  await writeFileAtomic(join(reportDir, PINS_SARIF), renderSarif(result, opts.toolVersion));
  await writeFileAtomic(join(reportDir, PINS_JUNIT), renderAuditJunit(result));
  const command = [
    opts.runner.node,
    opts.runner.script,
    'audit',
    'pins',
    ...paths,
    '--sarif',
    join(reportDir, PINS_SARIF),
    '--junit',
    join(reportDir, PINS_JUNIT),
    '--fail-on',
    audit.failOn,
    ...(store ? ['--store', store] : []),
  ];
  const failing = result.findings
    .filter((f) => !f.suppressed && atOrAbove(f.severity, audit.failOn))
    .map((f) => ({
      path: `${f.file}:${f.line}:${f.column}`,
      message: `[${f.rule}] ${f.message}: ${f.text}`,
      fix: f.fix,
    }));
  const { error, warning, suppressed } = result.counts;
  return {
    section: sectionOf(result, paths, `cd ${shellQuote([config.baseDir])} && ${shellQuote(command)}`),
    failing,
    command,
    summary: `${result.scanned} file(s): ${error} error(s), ${warning} warning(s), ${suppressed} suppressed (fail on ${audit.failOn})`,
  };
}
