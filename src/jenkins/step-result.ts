// The result file a Jenkins step reads back after the runner ran: exit code, the one-line message the
// step shows (echo, unstable or error), what to publish, and rerun.sh. Written as pure ASCII JSON so
// that neither the agent's default charset nor the JSON reader the Groovy has changes a byte.
import { quoteWord } from '../shared/shell-quote.js';
import type { CredentialBinding, PublishPlan } from './step-plan.js';

export interface StepResult {
  exitCode: number;
  message: string;
  publish: PublishPlan;
  /** Absolute path of rerun.sh, or null when none was written (the parameters were refused). */
  rerun: string | null;
  /**
   * Non-empty only from the `check` phase of a step that names credentials: the command has not run;
   * the Groovy binds these and runs the `run` phase.
   */
  credentials: CredentialBinding[];
}

export const NOTHING_TO_PUBLISH: PublishPlan = { junit: [], html: null, archive: [], sarif: [] };

const EXIT_MEANING: Record<number, string> = {
  2: 'usage or config error',
  3: 'environment or tool failure',
};

/**
 * Characters a build log or a terminal would act on rather than show: the other C0 controls (ESC starts
 * a terminal escape), DEL, C1, the Unicode line and paragraph separators (a new line to many viewers),
 * bidirectional overrides and isolates (they reorder what is shown).
 */
const UNSHOWABLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Each unshowable character as its visible escape, `\u001b`. */
export function showable(text: string): string {
  return text.replace(UNSHOWABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text on one line: newlines and tabs become spaces, controls are escaped, at most `max` characters. */
export function oneLine(text: string, max = 600): string {
  const line = showable(text.replace(/\s*[\r\n\t]+\s*/g, ' ').trim());
  return line.length > max ? `${line.slice(0, max)}...` : line;
}

/** summary.md as one line for unstable()'s message: the verdict and the first findings, no tables. */
export function summaryText(markdown: string): string {
  const lines: string[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    const t = line.trim();
    if (t && !t.startsWith('|') && !t.startsWith('#')) lines.push(t.replace(/\*\*/g, ''));
    if (lines.length >= 4) break;
  }
  return oneLine(lines.join(' '));
}

/**
 * The message the step shows. `detail` is the error, the summary of the findings, or the command's last
 * line; a rerun path is appended except for a run that was fine.
 */
export function stepMessage(step: string, exitCode: number, detail: string, rerun: string | null): string {
  const again = rerun === null ? '' : ` | re-run on the agent: sh ${quoteWord(rerun)}`;
  if (exitCode === 0) return `pyhermetic ${step}: ok`;
  if (exitCode === 1) return `pyhermetic ${step}: findings (exit 1): ${oneLine(detail)}${again}`;
  const what = EXIT_MEANING[exitCode] ?? 'unexpected exit code';
  return `pyhermetic ${step} failed (exit ${exitCode}: ${what}): ${oneLine(detail)}${again}`;
}

/** The result as JSON text with every character outside printable ASCII escaped as \uXXXX. */
export function resultJson(result: StepResult): string {
  const text = JSON.stringify(result, null, 2);
  return `${text.replace(/[^\x20-\x7e\n]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
