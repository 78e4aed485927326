// A pipeline stage failed: the exit code ends the chain and the findings become the stage's check in
// the pipeline report.
import { PyhermeticError, type Finding } from '../../shared/errors.js';

export class StageError extends PyhermeticError {
  readonly findings: Finding[];
  constructor(message: string, exitCode: number, findings: Finding[], hint?: string) {
    super(message, exitCode, hint);
    this.findings = findings;
  }
}
