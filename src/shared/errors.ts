// The one place where failures become exit codes (the table is in README.md and docs/commands.md).
// 0 ok · 1 findings · 2 usage or config error · 3 environment or tool failure.

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
export const EXIT_ENVIRONMENT = 3;

/** Base class: every pyhermetic error carries an exit code and a hint saying what to do. */
export class PyhermeticError extends Error {
  readonly exitCode: number;
  readonly hint?: string;
  constructor(message: string, exitCode: number, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

/** Bad command line, bad config or spec, unsupported input: the person must change what they asked for. */
export class UsageError extends PyhermeticError {
  constructor(message: string, hint?: string) {
    super(message, EXIT_USAGE, hint);
  }
}

/** A tool, the network, the compiler or the machine failed: the request was fine, the world was not. */
export class EnvironmentError extends PyhermeticError {
  constructor(message: string, hint?: string) {
    super(message, EXIT_ENVIRONMENT, hint);
  }
}

export interface Finding {
  /** What the finding is about: a file path, a wheel, a package name. */
  path: string;
  message: string;
  /** What to do about it. */
  fix: string;
}

/** The check ran and found problems. Commands that render their own findings return exit 1 instead of throwing. */
export class FindingsError extends PyhermeticError {
  readonly findings: Finding[];
  constructor(message: string, findings: Finding[], hint?: string) {
    super(message, EXIT_FINDINGS, hint);
    this.findings = findings;
  }
}

/** Maps anything thrown to an exit code; an unexpected exception is a tool failure, never success. */
export function exitCodeOf(err: unknown): number {
  if (err instanceof PyhermeticError) return err.exitCode;
  return EXIT_ENVIRONMENT;
}
