// Dockerfiles: FROM without a digest (scratch and earlier build stages are fine; ARG defaults are
// substituted, so `ARG BASE=python:3.11` + `FROM $BASE` is judged by its default), COPY --from an image,
// ADD of a URL without --checksum, pip's index settings in ENV, and the RUN scripts (shell form, exec
// form, here-documents) given to the shell rules as one sequence. Instructions are read as BuildKit
// reads them: the escape directive, continuation lines, comment lines inside an instruction skipped.
import { findingAt, type LineIndex, MappedBuilder, type MappedText, type PinFinding } from './finding.js';
import { imageHasDigest, pinnedImageForm } from './refs.js';
import { scanShell, type ShellContext } from './shell-rules.js';
import type { RuleId } from './rules.js';
import { isFullCommit } from './shell-words.js';

interface Instruction {
  keyword: string;
  /** The arguments, continuation lines joined, mapped to the file. */
  args: MappedText;
  /** Here-document bodies after the instruction (`RUN <<EOF`). */
  heredocs: MappedText[];
}

const HEREDOC = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;

function escapeChar(text: string): string {
  for (const line of text.split('\n', 20)) {
    const m = /^#\s*escape\s*=\s*([\\`])\s*$/i.exec(line.trim());
    if (m) return m[1]!;
    if (!/^#\s*\w+\s*=/.test(line.trim())) break;
  }
  return '\\';
}

/** The instructions of a Dockerfile, in order. */
export function readInstructions(text: string): Instruction[] {
  const escapeMark = escapeChar(text);
  const lines: { start: number; end: number }[] = [];
  for (let s = 0; s <= text.length; ) {
    const nl = text.indexOf('\n', s);
    const end = nl === -1 ? text.length : nl;
    lines.push({ start: s, end: text[end - 1] === '\r' ? end - 1 : end });
    s = end + 1;
  }
  const out: Instruction[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = text.slice(lines[i]!.start, lines[i]!.end);
    const trimmed = first.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const kw = /^[A-Za-z]+/.exec(trimmed)?.[0] ?? '';
    const b = new MappedBuilder();
    let line = i;
    let from = lines[i]!.start + (first.length - trimmed.length) + kw.length;
    for (;;) {
      const { end } = lines[line]!;
      const body = text.slice(from, end).replace(/\s+$/, '');
      const continued = body.endsWith(escapeMark) && line + 1 < lines.length;
      b.pushRun(text, from, from + body.length - (continued ? 1 : 0));
      if (!continued) break;
      // Comment lines and empty lines inside a continued instruction are skipped, as BuildKit does.
      line++;
      while (line + 1 < lines.length && /^\s*(#.*)?$/.test(text.slice(lines[line]!.start, lines[line]!.end))) line++;
      from = lines[line]!.start;
    }
    const args = b.build();
    const heredocs: MappedText[] = [];
    HEREDOC.lastIndex = 0;
    for (let m = HEREDOC.exec(args.text); m !== null; m = HEREDOC.exec(args.text)) {
      const body = new MappedBuilder();
      for (line++; line < lines.length; line++) {
        const l = text.slice(lines[line]!.start, lines[line]!.end);
        if ((m[1] ? l.replace(/^\t+/, '') : l) === m[3]) break;
        body.pushRun(text, lines[line]!.start, lines[line]!.end);
        body.push('\n', lines[line]!.end);
      }
      heredocs.push(body.build());
    }
    out.push({ keyword: kw.toUpperCase(), args, heredocs });
    i = line;
  }
  return out;
}

function words(t: MappedText): { value: string; start: number; end: number }[] {
  return [...t.text.matchAll(/\S+/g)].map((m) => ({ value: m[0], start: m.index, end: m.index + m[0].length }));
}

/** $VAR, ${VAR}, ${VAR:-default} replaced by the ARG values known here; unknown ones stay. */
function substitute(value: string, args: Map<string, string | undefined>): string {
  return value.replace(/\$\{([A-Za-z_]\w*)(?::?-([^}]*))?\}|\$([A-Za-z_]\w*)/g, (all, a, dflt, b) => {
    const name = (a ?? b) as string;
    const v = args.get(name);
    if (v !== undefined && v !== '') return v;
    return dflt !== undefined ? dflt : all;
  });
}

/** A RUN's script: the shell form as is, the exec form's `sh -c` argument, or the here-document. */
function runScripts(ins: Instruction): MappedText[] {
  const text = ins.args.text.trim();
  const flagsEnd = /^(\s*--\S+)*\s*/.exec(ins.args.text)![0].length;
  const rest = ins.args.text.slice(flagsEnd);
  if (ins.heredocs.length > 0) {
    const cmd = rest.replace(HEREDOC, '').trim();
    if (cmd === '' || /^(\/bin\/)?(ba|da)?sh\b/.test(cmd)) return ins.heredocs;
  }
  if (text.startsWith('[') || rest.startsWith('[')) {
    try {
      const argv = JSON.parse(rest) as unknown;
      if (Array.isArray(argv) && argv.every((a) => typeof a === 'string')) {
        const script = /^(\/bin\/)?(ba|da)?sh$/.test(argv[0] as string) && argv[1] === '-c' ? argv[2] : argv.join(' ');
        const at = ins.args.source(flagsEnd);
        return [{ text: String(script ?? ''), source: () => at }];
      }
    } catch {
      // not JSON: the shell form after all
    }
  }
  return [{ text: rest, source: (i) => ins.args.source(flagsEnd + i) }];
}

type Word = { value: string; start: number; end: number };
type At = (w: Word, rule: RuleId, message: string, fix?: string) => void;

/** What the instructions so far declared: ARG defaults and build-stage names. */
interface DockerState {
  args: Map<string, string | undefined>;
  stages: Set<string>;
}

function argInstruction(ws: Word[], state: DockerState): void {
  for (const w of ws) {
    const eq = w.value.indexOf('=');
    const name = eq === -1 ? w.value : w.value.slice(0, eq);
    if (eq === -1 && state.args.has(name)) continue; // re-declared in a stage: keeps the global default
    state.args.set(name, eq === -1 ? undefined : w.value.slice(eq + 1).replace(/^["']|["']$/g, ''));
  }
}

/** FROM: scratch and earlier stages are fine; ARG defaults are substituted before the digest check. */
function fromInstruction(ws: Word[], state: DockerState, at: At): void {
  const operands = ws.filter((w) => !w.value.startsWith('--'));
  const image = operands[0];
  if (!image) return;
  const resolved = substitute(image.value, state.args);
  const earlierStage = state.stages.has(resolved.toLowerCase());
  const asAt = operands.findIndex((w) => w.value.toLowerCase() === 'as');
  if (asAt !== -1 && operands[asAt + 1]) state.stages.add(operands[asAt + 1]!.value.toLowerCase());
  if (resolved === 'scratch' || earlierStage || imageHasDigest(resolved)) return;
  const via = resolved !== image.value ? ` (${image.value} = ${resolved})` : '';
  if (/\$/.test(resolved))
    at(
      image,
      'floating-docker-image',
      `FROM ${image.value}: the image comes from a build argument with no default here, so nothing pins it`,
      'ARG with a pinned default: ARG BASE=python:3.11-slim@sha256:<64 hex>',
    );
  else
    at(
      image,
      'floating-docker-image',
      `FROM ${resolved}${via} has no @sha256 digest`,
      `FROM ${pinnedImageForm(resolved)}`,
    );
}

function copyInstruction(ws: Word[], state: DockerState, at: At): void {
  for (const w of ws) {
    const m = /^--from=(.+)$/.exec(w.value);
    if (!m) continue;
    const src = substitute(m[1]!, state.args);
    if (state.stages.has(src.toLowerCase()) || /^\d+$/.test(src) || imageHasDigest(src)) continue;
    at(
      w,
      'floating-docker-image',
      `COPY --from=${src}: an image without an @sha256 digest`,
      `COPY --from=${pinnedImageForm(src)}`,
    );
  }
}

/** ADD of an http(s) URL needs --checksum; of a git URL, a full commit after #. */
function addInstruction(ws: Word[], at: At): void {
  const checksum = ws.some((w) => /^--checksum=/.test(w.value));
  const operands = ws.filter((w) => !w.value.startsWith('--'));
  for (const w of operands.slice(0, -1)) {
    const src = w.value.replace(/^\[?"|",?$|"\]$/g, '');
    if (/^git@|\.git(#|$)/.test(src)) {
      const ref = src.includes('#') ? src.slice(src.indexOf('#') + 1).split(':')[0]! : '';
      if (!isFullCommit(ref))
        at(
          w,
          'unchecked-add-url',
          `ADD ${src}: a git source at ${ref || 'its default branch'}, not a full commit`,
          `ADD ${src.replace(/#.*$/, '')}#<40-hex commit> /dest`,
        );
    } else if (/^https?:\/\//i.test(src) && !checksum)
      at(w, 'unchecked-add-url', `ADD ${src} without --checksum`, `ADD --checksum=sha256:<64 hex> ${src} …`);
  }
}

/** ENV PIP_INDEX_URL=http://…, PIP_TRUSTED_HOST, PIP_EXTRA_INDEX_URL: the source rules of pip install. */
function envInstruction(ws: Word[], at: At): void {
  for (const w of ws) {
    const m = /^(PIP_INDEX_URL|PIP_EXTRA_INDEX_URL|PIP_FIND_LINKS|PIP_TRUSTED_HOST)=(.*)$/.exec(w.value);
    if (!m) continue;
    const v = m[2]!.replace(/^["']|["']$/g, '');
    if (m[1] === 'PIP_TRUSTED_HOST') at(w, 'trusted-host', `${m[1]}=${v} turns off TLS checks for it`);
    else if (/^http:\/\//i.test(v)) at(w, 'index-url-http', `${m[1]}=${v} is plain http`);
    if (m[1] === 'PIP_EXTRA_INDEX_URL')
      at(w, 'extra-index-url', `${m[1]}=${v}: pip takes the highest version from either index`);
  }
}

export function scanDockerfile(text: string, ctx: ShellContext): PinFinding[] {
  const findings: PinFinding[] = [];
  const state: DockerState = { args: new Map(), stages: new Set() };
  const scripts: MappedText[] = [];
  for (const ins of readInstructions(text)) {
    const ws = words(ins.args);
    const at: At = (w, rule, message, fix) =>
      findings.push(findingAt(ctx.file, rule, { text: ins.args, start: w.start, end: w.end }, message, fix));
    if (ins.keyword === 'ARG') argInstruction(ws, state);
    else if (ins.keyword === 'FROM') fromInstruction(ws, state, at);
    else if (ins.keyword === 'COPY') copyInstruction(ws, state, at);
    else if (ins.keyword === 'ADD') addInstruction(ws, at);
    else if (ins.keyword === 'ENV') envInstruction(ws, at);
    else if (ins.keyword === 'RUN') scripts.push(...runScripts(ins));
  }
  findings.push(...scanShell(scripts, ctx));
  return findings;
}

export type { LineIndex };
