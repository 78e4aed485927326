// The pipeline's first stage: `audit pins` over the project, before anything is built. It runs in this
// process (a read-only check, like the lock check) and writes what the command would: the SARIF and the
// JUnit beside the report, plus the report's "floating inputs" section. Its findings do not stop the
// chain — the build and verify still run, so one pipeline run shows every problem — but they make the
// pipeline's verdict FAILED (exit 1), so nothing built from floating inputs is published.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { auditPins, type AuditResult } from '../../core/audit/audit.js';
import { AUDIT_CONFIG_FILE, emptyConfig, readAuditConfig } from '../../core/audit/audit-config.js';
import { renderAuditJunit } from '../../core/audit/junit.js';
import { atOrAbove } from '../../core/audit/rules.js';
import { renderSarif } from '../../core/audit/sarif.js';
import type { PinAuditSection } from '../../core/model/pin-audit-section.js';
import { writeFileAtomic } from '../../shared/atomic-file.js';
import { shellQuote } from '../../shared/shell-quote.js';
import { VERSION } from '../../shared/version.js';
import type { Stage } from './stage.js';

export const PINS_SARIF = 'pins.sarif';
export const PINS_JUNIT = 'pins-junit.xml';

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

export const auditPinsStage: Stage = {
  name: 'audit-pins',
  when: ({ config }) => config.auditPins !== null,
  title: ({ cwd, config }) =>
    `what floats in ${config.auditPins!.paths.map((p) => relative(cwd, p) || '.').join(', ')} (audit pins, fail on ${config.auditPins!.failOn})`,
  async run({ config, layout, runner, storeArgs, found }) {
    const audit = config.auditPins!;
    const paths = audit.paths.map((p) => relative(config.baseDir, p) || '.');
    const configFile = join(audit.paths[0]!, AUDIT_CONFIG_FILE);
    const auditConfig = existsSync(configFile) ? readAuditConfig(configFile) : emptyConfig(audit.paths[0]!);
    const store = storeArgs[1] ?? config.store ?? undefined;
    const result = await auditPins({ paths, cwd: config.baseDir, config: auditConfig, failOn: audit.failOn, store });
    await writeFileAtomic(join(layout.report, PINS_SARIF), renderSarif(result, VERSION));
    await writeFileAtomic(join(layout.report, PINS_JUNIT), renderAuditJunit(result));
    const command = [
      runner.node,
      runner.script,
      'audit',
      'pins',
      ...paths,
      '--sarif',
      join(layout.report, PINS_SARIF),
      '--junit',
      join(layout.report, PINS_JUNIT),
      '--fail-on',
      audit.failOn,
      ...(store ? ['--store', store] : []),
    ];
    found.pinAudit = sectionOf(result, paths, `cd ${shellQuote([config.baseDir])} && ${shellQuote(command)}`);
    const failing = result.findings
      .filter((f) => !f.suppressed && atOrAbove(f.severity, audit.failOn))
      .map((f) => ({
        path: `${f.file}:${f.line}:${f.column}`,
        message: `[${f.rule}] ${f.message}: ${f.text}`,
        fix: f.fix,
      }));
    const { error, warning, suppressed } = result.counts;
    return {
      command,
      cwd: config.baseDir,
      summary: `${result.scanned} file(s): ${error} error(s), ${warning} warning(s), ${suppressed} suppressed (fail on ${audit.failOn})`,
      findings: failing,
    };
  },
};
