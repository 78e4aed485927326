// The "floating inputs" section of the pipeline's report: what `audit pins` found in the project before
// anything was built. Plain data here (the model is the lowest floor); core/audit fills it, core/report
// renders it, so neither imports the other.

export interface PinAuditFinding {
  rule: string;
  severity: 'error' | 'warning';
  file: string;
  line: number;
  column: number;
  text: string;
  message: string;
  fix: string;
  /** Counted only when at or above failOn and not suppressed. */
  failing: boolean;
  suppressed?: { reason: string; by: string };
}

export interface PinAuditSection {
  /** What was scanned, as given to the audit (relative to the config directory). */
  paths: string[];
  failOn: 'error' | 'warning' | 'never';
  scanned: number;
  counts: { error: number; warning: number; suppressed: number; failing: number };
  /** The SARIF and JUnit files beside the report (names relative to the report directory). */
  sarif: string;
  junit: string;
  /** The exact command that repeats the audit. */
  command: string;
  findings: PinAuditFinding[];
}
