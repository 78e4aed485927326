// Groovy as far as a Jenkinsfile needs it: string literals (' " ''' """ and $/…/$, with ${…}
// interpolation that may itself hold strings and braces) and comments (// and /* */). The result is the
// list of strings and a copy of the file in which comments and string contents are blanked out, so a
// pattern such as `sh (` or `docker.image(` is searched in code only: a commented-out line or a word
// inside a string never matches. One pass over the file.
import { MappedBuilder, type MappedText, sliceOf } from './finding.js';

export interface GroovyString {
  /** Offset of the opening quote and just past the closing one. */
  start: number;
  end: number;
  quote: "'" | '"' | "'''" | '"""' | '$/';
  /** The content between the quotes, as written. */
  contentStart: number;
  contentEnd: number;
}

export interface GroovyLexed {
  strings: GroovyString[];
  /** The file with comments and string contents replaced by spaces (newlines kept): offsets unchanged. */
  code: string;
  /** Strings by the offset of their opening quote. */
  at: Map<number, GroovyString>;
}

function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

/** The offset just past the `}` closing a `${` whose content starts at `from`. */
function skipInterpolation(s: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === "'" || c === '"') {
      i = readString(s, i).end;
      continue;
    }
    i++;
  }
  return s.length;
}

function readString(s: string, start: number): GroovyString {
  const triple = s.startsWith("'''", start) ? "'''" : s.startsWith('"""', start) ? '"""' : null;
  if (s.startsWith('$/', start)) {
    const close = s.indexOf('/$', start + 2);
    const end = close === -1 ? s.length : close;
    return { start, end: Math.min(s.length, end + 2), quote: '$/', contentStart: start + 2, contentEnd: end };
  }
  const quote = (triple ?? s[start]) as GroovyString['quote'];
  const interpolates = quote === '"' || quote === '"""';
  let i = start + quote.length;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (interpolates && c === '$' && s[i + 1] === '{') {
      i = skipInterpolation(s, i + 2);
      continue;
    }
    if (s.startsWith(quote, i))
      return { start, end: i + quote.length, quote, contentStart: start + quote.length, contentEnd: i };
    // A single-line string ends at the line's end if it never closes (broken input, still linear).
    if (quote.length === 1 && c === '\n') return { start, end: i, quote, contentStart: start + 1, contentEnd: i };
    i++;
  }
  return { start, end: s.length, quote, contentStart: start + quote.length, contentEnd: s.length };
}

export function lexGroovy(s: string): GroovyLexed {
  const strings: GroovyString[] = [];
  const parts: string[] = [];
  let copied = 0;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '/' && s[i + 1] === '/') {
      const nl = s.indexOf('\n', i);
      const end = nl === -1 ? s.length : nl;
      parts.push(s.slice(copied, i), blank(s.slice(i, end)));
      copied = i = end;
    } else if (c === '/' && s[i + 1] === '*') {
      const close = s.indexOf('*/', i + 2);
      const end = close === -1 ? s.length : close + 2;
      parts.push(s.slice(copied, i), blank(s.slice(i, end)));
      copied = i = end;
    } else if (c === "'" || c === '"' || (c === '$' && s[i + 1] === '/')) {
      const str = readString(s, i);
      strings.push(str);
      parts.push(s.slice(copied, str.contentStart), blank(s.slice(str.contentStart, str.contentEnd)));
      copied = str.contentEnd;
      i = str.end;
    } else i++;
  }
  parts.push(s.slice(copied));
  return { strings, code: parts.join(''), at: new Map(strings.map((x) => [x.start, x])) };
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '\\': '\\',
  "'": "'",
  '"': '"',
  $: '$',
  '/': '/',
};

/**
 * A string's value as the shell will get it, with each character's offset in the file. Escapes are
 * decoded; a backslash before a newline joins the lines; interpolations (${…}, $name) stay as written —
 * their value is only known when Jenkins runs the line.
 */
export function decodeGroovyString(s: string, str: GroovyString): MappedText {
  const dollarSlashy = str.quote === '$/';
  // Most scripts have no escape: the text as written, offsets by addition, no table.
  if (dollarSlashy || !s.slice(str.contentStart, str.contentEnd).includes('\\'))
    return sliceOf(s, str.contentStart, str.contentEnd);
  const out = new MappedBuilder();
  let i = str.contentStart;
  let run = i;
  const flush = (to: number): void => {
    if (to > run) out.pushRun(s, run, to);
  };
  while (i < str.contentEnd) {
    const c = s[i]!;
    if (!dollarSlashy && c === '\\' && i + 1 < str.contentEnd) {
      flush(i);
      const n = s[i + 1]!;
      if (n === '\n') i += 2;
      else if (n === '\r' && s[i + 2] === '\n') i += 3;
      else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
        out.push(String.fromCharCode(Number.parseInt(s.slice(i + 2, i + 6), 16)), i);
        i += 6;
      } else {
        out.push(ESCAPES[n] ?? n, i);
        i += 2;
      }
      run = i;
    } else if (c === '$' && s[i + 1] === '{' && (str.quote === '"' || str.quote === '"""' || dollarSlashy)) {
      i = Math.min(skipInterpolation(s, i + 2), str.contentEnd);
    } else i++;
  }
  flush(str.contentEnd);
  return out.build();
}
