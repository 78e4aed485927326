// One floating input found by `audit pins`, and the text positions it points at. Positions are 1-based
// lines and columns counted in UTF-16 code units (SARIF's default column kind), in the file as stored
// (a CRLF file counts its lines the same; the \r is not a column of the text).
import { type RuleId, ruleOf, type Severity } from './rules.js';

export interface PinFinding {
  rule: RuleId;
  severity: Severity;
  /** POSIX path relative to the scanned root. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The floating text as written (cut to 200 characters). */
  text: string;
  /** What is floating here, in words. */
  message: string;
  /** Why it matters (the rule's). */
  why: string;
  /** The pinned form (the rule's, or one made for this finding). */
  fix: string;
  /** Set when a suppression with a reason covers it: such a finding is reported, never counted. */
  suppressed?: { reason: string; by: string };
}

/** Maps offsets of a file's text to lines and columns; built once per file in O(n). */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  /** The text of a 1-based line, without its line ending. */
  lineText(line: number): string {
    const start = this.starts[line - 1] ?? this.text.length;
    const next = this.starts[line] ?? this.text.length + 1;
    return this.text.slice(start, next - 1).replace(/\r$/, '');
  }

  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }
}

/** A piece of text and the offset in the file of each of its characters (decoded strings, joined lines). */
export interface MappedText {
  text: string;
  /** Offset in the file of text[i]; a function so an unchanged slice needs no table. */
  source(i: number): number;
}

/** A slice of the file as it is: offsets map by adding the start. */
export function sliceOf(file: string, start: number, end: number): MappedText {
  return { text: file.slice(start, end), source: (i) => start + i };
}

/** The whole file: offsets map to themselves. */
export function wholeText(file: string): MappedText {
  return { text: file, source: (i) => i };
}

/** Builds a MappedText character by character (for decoded or joined text). */
export class MappedBuilder {
  private readonly parts: string[] = [];
  private readonly map: number[] = [];
  push(ch: string, at: number): void {
    this.parts.push(ch);
    for (let k = 0; k < ch.length; k++) this.map.push(at + k);
  }
  /** Appends a run of the file unchanged. */
  pushRun(file: string, start: number, end: number): void {
    this.parts.push(file.slice(start, end));
    for (let k = start; k < end; k++) this.map.push(k);
  }
  build(): MappedText {
    const map = Int32Array.from(this.map);
    const last = map.length ? map[map.length - 1]! + 1 : 0;
    return { text: this.parts.join(''), source: (i) => (i < map.length ? map[i]! : last) };
  }
}

const MAX_TEXT = 200;

/** A finding at [start, end) of a mapped text, with the rule's why and fix unless given. */
export function findingAt(
  file: { path: string; lines: LineIndex },
  rule: RuleId,
  at: { text: MappedText; start: number; end: number },
  message: string,
  fix?: string,
): PinFinding {
  const r = ruleOf(rule);
  const a = file.lines.position(at.text.source(at.start));
  const b = file.lines.position(at.text.source(Math.max(at.start, at.end - 1)) + 1);
  const raw = at.text.text.slice(at.start, at.end).replace(/\s+/g, ' ').trim();
  return {
    rule,
    severity: r.severity,
    file: file.path,
    line: a.line,
    column: a.column,
    endLine: b.line,
    endColumn: b.column,
    text: raw.length > MAX_TEXT ? `${raw.slice(0, MAX_TEXT)}…` : raw,
    message,
    why: r.why,
    fix: fix ?? r.fix,
  };
}

/** A finding on a whole line (JSON fields, requirement lines) by line and column. */
export function findingOnLine(
  file: { path: string; lines: LineIndex },
  rule: RuleId,
  pos: { line: number; column: number; length: number },
  message: string,
  fix?: string,
): PinFinding {
  const start = file.lines.lineStart(pos.line) + pos.column - 1;
  const end = start + Math.max(1, pos.length);
  return findingAt(file, rule, { text: wholeText(file.lines.text), start, end }, message, fix);
}
