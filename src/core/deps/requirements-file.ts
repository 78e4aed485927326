// pip's requirements-file format, read the way pip reads it (pip/_internal/req/req_file.py): physical
// lines joined at a trailing backslash (a line that holds a comment is never continued), comments
// removed (`#` at the start or after whitespace), then the line split at its first word that starts with
// `-`: the words before are the requirement, the words after are options (--hash, --index-url, -r …).
// The requirement itself is parsed by a real PEP 508 parser (pip-requirements-js), never by a regular
// expression; paths and bare URLs, which pip accepts but PEP 508 does not, are told apart first.
// Shared by the requirements.in check, the lock reader and `audit pins`.
import { parsePipRequirementsLine, type Requirement } from 'pip-requirements-js';

export type { Requirement } from 'pip-requirements-js';

/** Options that take a value (pip's requirements-file options and the per-requirement ones). */
const VALUE_OPTIONS = new Set([
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '--trusted-host',
  '--use-feature',
  '--no-binary',
  '--only-binary',
  '--hash',
  '--global-option',
  '--config-settings',
  '-C',
]);

/** Short options whose value may follow without a space: `-rfile.txt`. */
const SHORT_WITH_VALUE = ['-i', '-f', '-r', '-c', '-e', '-C'];

export interface RequirementOption {
  /** As written: `--hash`, `-r`. */
  name: string;
  value?: string;
  /** Offset of the option in the line's `text`. */
  offset: number;
}

/** What the requirement part of a line is. */
export type RequirementKind =
  /** A PEP 508 requirement (`name[extras] specifiers ; marker` or `name @ url`), parsed. */
  | { kind: 'pep508'; requirement: Exclude<Requirement, { type: 'RequirementsFile' | 'ConstraintsFile' }> }
  /** A local path (`.`, `./pkg`, `dist/x.whl`) or a bare URL (`https://…/x.whl`, `git+https://…`). */
  | { kind: 'path'; target: string }
  | { kind: 'url'; target: string }
  /** Not valid: the parser's message. */
  | { kind: 'invalid'; error: string };

export interface RequirementsLine {
  /** 1-based number of the line's first physical line. */
  line: number;
  /** The logical line: continuations joined, comment removed, trimmed. */
  text: string;
  /** The requirement words (empty when the line holds only options) and their offset in `text`. */
  requirementText: string;
  requirementOffset: number;
  requirement: RequirementKind | null;
  options: RequirementOption[];
  /** The physical line and 1-based column of an offset in `text`. */
  position(offset: number): { line: number; column: number };
}

const COMMENT = /(^|\s+)#.*$/;

interface Piece {
  /** Where the piece starts in the logical line. */
  at: number;
  line: number;
  /** 0-based column in the physical line of the piece's first character. */
  column: number;
}

function positionIn(pieces: Piece[], lead: number, offset: number): { line: number; column: number } {
  const abs = offset + lead;
  let p = pieces[0]!;
  for (const piece of pieces) if (piece.at <= abs) p = piece;
  return { line: p.line, column: p.column + (abs - p.at) + 1 };
}

function looksLikePathOrUrl(text: string): 'path' | 'url' | null {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text)) return 'url';
  if (text === '.' || text.startsWith('./') || text.startsWith('../') || text.startsWith('/') || text.startsWith('~'))
    return 'path';
  if (/\.(whl|zip|tar\.gz|tgz|tar\.bz2|tar\.xz)$/i.test(text) && !text.includes('@')) return 'path';
  return null;
}

/**
 * Parsed requirements by their text. The parser (an Ohm grammar) costs ~0.1 ms a line, and a fleet's
 * files repeat the same lines; the result is a pure function of the text, so a bounded memo is safe.
 */
const MEMO_LIMIT = 4096;
const memo = new Map<string, RequirementKind>();

/** One requirement (the words before a line's options, or one word of `pip install`), parsed. */
export function parseRequirement(text: string): RequirementKind {
  const hit = memo.get(text);
  if (hit) return hit;
  const parsed = parseRequirementUncached(text);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(text, parsed);
  return parsed;
}

function parseRequirementUncached(text: string): RequirementKind {
  const shape = looksLikePathOrUrl(text);
  if (shape) return { kind: shape, target: text };
  try {
    const r = parsePipRequirementsLine(text);
    if (r === null) return { kind: 'invalid', error: 'no requirement' };
    if (r.type === 'RequirementsFile' || r.type === 'ConstraintsFile')
      return { kind: 'invalid', error: `'${text}' is an include, not a requirement` };
    return { kind: 'pep508', requirement: r };
  } catch (err) {
    return { kind: 'invalid', error: (err as Error).message.replace(/^Failed to parse requirements line\. /, '') };
  }
}

/** `name==version` with nothing else (no extras, no marker, no other specifier), else null. */
export function exactPin(text: string): { name: string; version: string } | null {
  const r = parseRequirement(text);
  if (r.kind !== 'pep508' || r.requirement.type !== 'ProjectName') return null;
  const { name, versionSpec, extras, environmentMarkerTree } = r.requirement;
  if (extras?.length || environmentMarkerTree || versionSpec?.length !== 1) return null;
  const [spec] = versionSpec;
  return spec!.operator === '==' ? { name, version: spec!.version } : null;
}

/** Splits the option words of a line (`--hash=sha256:x --hash sha256:y -r f.txt`). */
function parseOptions(words: { word: string; offset: number }[]): RequirementOption[] {
  const out: RequirementOption[] = [];
  for (let i = 0; i < words.length; i++) {
    const { word, offset } = words[i]!;
    const eq = word.indexOf('=');
    if (word.startsWith('--') && eq > 0) {
      out.push({ name: word.slice(0, eq), value: word.slice(eq + 1), offset });
      continue;
    }
    const short = SHORT_WITH_VALUE.find((s) => word.startsWith(s) && word.length > s.length && !word.startsWith('--'));
    if (short) {
      out.push({ name: short, value: word.slice(short.length), offset });
      continue;
    }
    if (VALUE_OPTIONS.has(word) && i + 1 < words.length) {
      out.push({ name: word, value: words[i + 1]!.word, offset });
      i++;
      continue;
    }
    out.push({ name: word, offset });
  }
  return out;
}

function splitWords(text: string): { word: string; offset: number }[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ word: m[0], offset: m.index }));
}

function logicalLine(pieces: Piece[], joined: string): RequirementsLine | null {
  const text = joined.replace(COMMENT, '').trim();
  if (text === '') return null;
  const lead = joined.length - joined.trimStart().length;
  const words = splitWords(text);
  const firstOption = words.findIndex((w) => w.word.startsWith('-'));
  const reqWords = firstOption === -1 ? words : words.slice(0, firstOption);
  const requirementText = reqWords.map((w) => w.word).join(' ');
  return {
    line: pieces[0]!.line,
    text,
    requirementText,
    requirementOffset: reqWords[0]?.offset ?? 0,
    requirement: requirementText === '' ? null : parseRequirement(requirementText),
    options: firstOption === -1 ? [] : parseOptions(words.slice(firstOption)),
    position: (offset) => positionIn(pieces, lead, offset),
  };
}

/** Every logical line of a requirements file that holds a requirement or an option. */
export function readRequirementsLines(content: string): RequirementsLine[] {
  const out: RequirementsLine[] = [];
  const physical = content.split('\n');
  let pending: { pieces: Piece[]; text: string } | null = null;
  for (let i = 0; i < physical.length; i++) {
    const line = physical[i]!.replace(/\r$/, '');
    const continued = line.endsWith('\\') && !COMMENT.test(line);
    const piece: Piece = { at: pending?.text.length ?? 0, line: i + 1, column: 0 };
    const body = continued ? line.replace(/\\+$/, '') : line;
    const acc: { pieces: Piece[]; text: string } = pending ?? { pieces: [], text: '' };
    acc.pieces.push(piece);
    acc.text += body;
    if (continued && i + 1 < physical.length) {
      pending = acc;
      continue;
    }
    pending = null;
    const parsed = logicalLine(acc.pieces, acc.text);
    if (parsed) out.push(parsed);
  }
  return out;
}
