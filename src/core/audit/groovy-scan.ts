// Jenkinsfiles and *.groovy: shared libraries loaded by a branch, container images without a digest,
// the `git` step, and the scripts of `sh` steps (given to the shell rules as one sequence). Patterns
// are searched in the code only (comments and string contents blanked out by the lexer), and the
// strings they take are read as Groovy reads them.
import { findingAt, type LineIndex, type MappedText, type PinFinding, wholeText } from './finding.js';
import { decodeGroovyString, type GroovyLexed, type GroovyString, lexGroovy } from './groovy-lexer.js';
import { classifyLibraryRef, imageHasDigest, pinnedImageForm } from './refs.js';
import { scanShell, type ShellContext } from './shell-rules.js';

export interface GroovyContext extends ShellContext {
  knownTags: ReadonlySet<string>;
}

const CALLS = /@Library\b|(?<![.\w$])(sh|library|docker|image|git)\b/g;

/** The offset of the `)` closing the `(` at `open`, in code (strings and comments already blank). */
function closeParen(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return code.length;
}

function skipSpace(code: string, i: number): number {
  while (i < code.length && (code[i] === ' ' || code[i] === '\t')) i++;
  return i;
}

/** How far a call without parentheses (`sh script: '…', label: '…'`) is searched for its keys. */
const BARE_CALL_WINDOW = 2000;

/** The call's argument range after a name ending at `after`: `(…)`, else to the end of the line. */
function callRange(code: string, after: number): { from: number; to: number } {
  const i = skipSpace(code, after);
  if (code[i] === '(') return { from: i + 1, to: closeParen(code, i) };
  // Bounded search for the line's end: a minified one-line file must not be rescanned per call.
  const limit = Math.min(code.length, i + BARE_CALL_WINDOW);
  let end = i;
  while (end < limit && code[end] !== '\n') end++;
  return { from: i, to: end };
}

function stringsIn(lexed: GroovyLexed, from: number, to: number): GroovyString[] {
  return lexed.strings.filter((s) => s.start >= from && s.start < to);
}

/** The string given to `key:` inside [from, to), if any. */
const KEYS = new Map<string, RegExp>();

function keyed(lexed: GroovyLexed, from: number, to: number, key: string): GroovyString | undefined {
  let re = KEYS.get(key);
  if (!re) {
    re = new RegExp(`\\b${key}\\s*:\\s*`);
    KEYS.set(key, re);
  }
  const m = re.exec(lexed.code.slice(from, to));
  return m ? lexed.at.get(from + m.index + m[0].length) : undefined;
}

/** The string right at `i` (after spaces and an optional opening parenthesis). */
function stringAt(lexed: GroovyLexed, i: number): GroovyString | undefined {
  let k = skipSpace(lexed.code, i);
  if (lexed.code[k] === '(') k = skipSpace(lexed.code, k + 1);
  return lexed.at.get(k);
}

function value(text: string, str: GroovyString): string {
  return text.slice(str.contentStart, str.contentEnd);
}

export function scanGroovy(text: string, ctx: GroovyContext): PinFinding[] {
  const lexed = lexGroovy(text);
  const findings: PinFinding[] = [];
  const file = ctx.file;
  const whole = wholeText(text);
  const at = (str: GroovyString, rule: Parameters<typeof findingAt>[1], message: string, fix?: string): void => {
    findings.push(findingAt(file, rule, { text: whole, start: str.contentStart, end: str.contentEnd }, message, fix));
  };
  const library = (str: GroovyString): void => {
    const spec = value(text, str);
    const atSign = spec.lastIndexOf('@');
    const name = atSign === -1 ? spec : spec.slice(0, atSign);
    const ref = atSign === -1 ? undefined : spec.slice(atSign + 1);
    const verdict = classifyLibraryRef(ref, ctx.knownTags);
    if (!verdict.pinned)
      at(
        str,
        'floating-library',
        `library ${name}: ${verdict.why}`,
        `@Library('${name}@v1.2.3') _ (a tag), or ${name}@<40-hex commit>`,
      );
  };
  const image = (str: GroovyString): void => {
    const ref = value(text, str).trim();
    if (ref === '' || imageHasDigest(ref)) return;
    at(str, 'floating-docker-image', `image ${ref} has no @sha256 digest`, `image '${pinnedImageForm(ref)}'`);
  };
  const scripts: MappedText[] = [];
  const code = lexed.code;
  CALLS.lastIndex = 0;
  for (let m = CALLS.exec(code); m !== null; m = CALLS.exec(code)) {
    const end = m.index + m[0].length;
    const word = m[1] ?? '@Library';
    if (word === '@Library') {
      const r = callRange(code, end);
      for (const s of stringsIn(lexed, r.from, r.to)) library(s);
    } else if (word === 'library') {
      const r = callRange(code, end);
      const str = keyed(lexed, r.from, r.to, 'identifier') ?? stringAt(lexed, end);
      if (str) library(str);
    } else if (word === 'docker') {
      const dot = skipSpace(code, end);
      if (code.startsWith('.', dot)) {
        if (/^\.\s*image\s*\(/.test(code.slice(dot, dot + 40))) {
          const open = code.indexOf('(', dot);
          const str = stringAt(lexed, open);
          if (str) image(str);
        }
      } else {
        const str = stringAt(lexed, end);
        if (str) image(str);
      }
    } else if (word === 'image') {
      const k = skipSpace(code, end);
      const str = code[k] === ':' ? lexed.at.get(skipSpace(code, k + 1)) : stringAt(lexed, end);
      if (str) image(str);
    } else if (word === 'git') {
      const r = callRange(code, end);
      const url = keyed(lexed, r.from, r.to, 'url');
      if (url) {
        const branch = keyed(lexed, r.from, r.to, 'branch');
        at(
          url,
          'git-clone-floating',
          `the git step checks out ${branch ? `branch ${value(text, branch)}` : 'the default branch'} of ${value(text, url)}: whatever it holds today`,
          `checkout scmGit(branches: [[name: '<40-hex commit>']], userRemoteConfigs: [[url: '${value(text, url)}']])`,
        );
      }
    } else if (word === 'sh') {
      // sh 'x' and sh('x') directly; sh(script: 'x', …) and sh label: 'l', script: 'x' by the key.
      const direct = stringAt(lexed, end);
      const r = direct ? undefined : callRange(code, end);
      const str = direct ?? keyed(lexed, r!.from, r!.to, 'script');
      if (str) scripts.push(decodeGroovyString(text, str));
    }
  }
  findings.push(...scanShell(scripts, ctx));
  return findings;
}

export type { LineIndex };
