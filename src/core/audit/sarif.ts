// The audit as SARIF 2.1.0, built with node-sarif-builder: one run, every rule described (why it matters
// and the pinned form as its help), one result per finding with its region and snippet, suppressed
// findings carried with their justification (SARIF `suppressions`) so Warnings NG and code scanning
// show them as suppressed instead of dropping them. Paths are relative to %SRCROOT%, the audit's root.
import { pathToFileURL } from 'node:url';
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { Result, Run } from 'sarif';
import type { AuditResult } from './audit.js';
import { RULES, type Severity } from './rules.js';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning' };

/** A relative POSIX path as a URI reference (each segment percent-encoded); absolute paths as file: URIs. */
function uriOf(file: string): string {
  if (file.startsWith('/')) return pathToFileURL(file).href;
  return file.split('/').map(encodeURIComponent).join('/');
}

export function renderSarif(result: AuditResult, toolVersion: string): string {
  const run = new SarifRunBuilder().initSimple({
    toolDriverName: 'pyhermetic audit pins',
    toolDriverVersion: toolVersion,
  });
  for (const r of RULES) {
    const rule = new SarifRuleBuilder().initSimple({
      ruleId: r.id,
      shortDescriptionText: r.title,
      fullDescriptionText: r.why,
    });
    rule.rule.help = { text: `Pinned form: ${r.fix}` };
    rule.rule.defaultConfiguration = { level: LEVEL[r.severity] };
    rule.rule.properties = { tags: ['supply-chain', 'reproducibility'] };
    run.addRule(rule);
  }
  for (const f of result.findings) {
    const res = new SarifResultBuilder().initSimple({
      level: LEVEL[f.severity],
      messageText: `${f.message}. Why: ${f.why} Pinned form: ${f.fix}`,
      ruleId: f.rule,
      fileUri: uriOf(f.file),
      startLine: f.line,
      startColumn: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
    });
    const physical = res.result.locations![0]!.physicalLocation!;
    if (!f.file.startsWith('/')) physical.artifactLocation!.uriBaseId = '%SRCROOT%';
    physical.region!.snippet = { text: f.text };
    res.result.partialFingerprints = { 'pyhermetic/rule-file-text': `${f.rule}:${f.file}:${f.text}` };
    if (f.suppressed)
      res.result.suppressions = [
        { kind: f.suppressed.by.includes(': suppress[') ? 'external' : 'inSource', justification: f.suppressed.reason },
      ];
    run.addResult(res);
  }
  const sarif = run.run;
  sarif.originalUriBaseIds = { '%SRCROOT%': { uri: pathToFileURL(`${result.root.replace(/\/$/, '')}/`).href } };
  sarif.columnKind = 'utf16CodeUnits';
  sarif.invocations = [
    { executionSuccessful: true, properties: { failOn: result.failOn, scannedFiles: result.scanned } },
  ];
  const builder = new SarifBuilder();
  builder.addRun(run);
  completeRun(sarif);
  return `${JSON.stringify(builder.log, null, 2)}\n`;
}

/**
 * What node-sarif-builder's buildSarifOutput() completes (the artifacts list, each result's ruleIndex and
 * artifact index), done with maps: its own pass compares every result with every artifact, which for
 * 10,000 findings in as many files costs more than the audit.
 */
function completeRun(run: Run): void {
  const ruleIndex = new Map((run.tool.driver.rules ?? []).map((r, i) => [r.id, i]));
  const artifactIndex = new Map<string, number>();
  run.artifacts = [];
  for (const result of run.results ?? []) {
    const index = ruleIndex.get(result.ruleId ?? '');
    if (index !== undefined) result.ruleIndex = index;
    for (const location of result.locations ?? []) {
      const artifact = location.physicalLocation?.artifactLocation;
      if (!artifact?.uri) continue;
      let i = artifactIndex.get(artifact.uri);
      if (i === undefined) {
        i = run.artifacts.length;
        artifactIndex.set(artifact.uri, i);
        run.artifacts.push({
          location: { uri: artifact.uri, ...(artifact.uriBaseId ? { uriBaseId: artifact.uriBaseId } : {}) },
        });
      }
      artifact.index = i;
    }
  }
}
