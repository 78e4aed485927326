// Dockerfiles: FROM without a digest (scratch and earlier build stages are fine; ARG defaults are
// substituted, so `ARG BASE=python:3.11` + `FROM $BASE` is judged by its default), COPY --from an image,
// ADD of a URL without --checksum, pip's index settings in ENV, and the RUN scripts (shell form, exec
// form, here-documents) given to the shell rules as one sequence. Instructions are read as BuildKit
// reads them: the escape directive, continuation lines, comment lines inside an instruction skipped.
import { findingAt, type LineIndex, MappedBuilder, type MappedText, type PinFinding } from './finding.js';
import { imageHasDigest, pinnedImageForm } from './refs.js';
import { scanShell, type ShellContext } from './shell-rules.js';
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

type Word = ReturnType<typeof words>[number];

/** What one Dockerfile's scan knows so far: its ARG defaults, its stage names, and where findings go. */
interface DockerfileScan {
  args: Map<string, string | undefined>;
  stages: Set<string>;
  at(t: MappedText, w: Word, rule: Parameters<typeof findingAt>[1], message: string, fix?: string): void;
}

function onArg(ws: Word[], scan: DockerfileScan): void {
  for (const w of ws) {
    const eq = w.value.indexOf('=');
    const name = eq === -1 ? w.value : w.value.slice(0, eq);
    if (eq === -1 && scan.args.has(name)) continue; // re-declared in a stage: keeps the global default
    scan.args.set(name, eq === -1 ? undefined : w.value.slice(eq + 1).replace(/^["']|["']$/g, ''));
  }
}

function onFrom(ins: Instruction, ws: Word[], scan: DockerfileScan): void {
  const operands = ws.filter((w) => !w.value.startsWith('--'));
  const image = operands[0];
  if (!image) return;
  const asAt = operands.findIndex((w) => w.value.toLowerCase() === 'as');
  const resolved = substitute(image.value, scan.args);
  if (asAt !== -1 && operands[asAt + 1]) scan.stages.add(operands[asAt + 1]!.value.toLowerCase());
  if (
    resolved === 'scratch' ||
    (scan.stages.has(resolved.toLowerCase()) && resolved.toLowerCase() !== operands[asAt + 1]?.value.toLowerCase())
  )
    return;
  if (imageHasDigest(resolved)) return;
  const via = resolved !== image.value ? ` (${image.value} = ${resolved})` : '';
  const unknown = /\$/.test(resolved);
  scan.at(
    ins.args,
    image,
    'floating-docker-image',
    unknown
      ? `FROM ${image.value}: the image comes from a build argument with no default here, so nothing pins it`
      : `FROM ${resolved}${via} has no @sha256 digest`,
    unknown
      ? `ARG with a pinned default: ARG BASE=python:3.11-slim@sha256:<64 hex>`
      : `FROM ${pinnedImageForm(resolved)}`,
  );
}

function onCopy(ins: Instruction, ws: Word[], scan: DockerfileScan): void {
  for (const w of ws) {
    const m = /^--from=(.+)$/.exec(w.value);
    if (!m) continue;
    const src = substitute(m[1]!, scan.args);
    if (scan.stages.has(src.toLowerCase()) || /^\d+$/.test(src) || imageHasDigest(src)) continue;
    scan.at(
      ins.args,
      w,
      'floating-docker-image',
      `COPY --from=${src}: an image without an @sha256 digest`,
      `COPY --from=${pinnedImageForm(src)}`,
    );
  }
}

function onAdd(ins: Instruction, ws: Word[], scan: DockerfileScan): void {
  const checksum = ws.some((w) => /^--checksum=/.test(w.value));
  const operands = ws.filter((w) => !w.value.startsWith('--'));
  for (const w of operands.slice(0, -1)) {
    const src = w.value.replace(/^\[?"|",?$|"\]$/g, '');
    const git = /^git@|\.git(#|$)/.test(src);
    if (git) {
      const ref = src.includes('#') ? src.slice(src.indexOf('#') + 1).split(':')[0]! : '';
      if (!isFullCommit(ref))
        scan.at(
          ins.args,
          w,
          'unchecked-add-url',
          `ADD ${src}: a git source at ${ref || 'its default branch'}, not a full commit`,
          `ADD ${src.replace(/#.*$/, '')}#<40-hex commit> /dest`,
        );
    } else if (/^https?:\/\//i.test(src) && !checksum)
      scan.at(
        ins.args,
        w,
        'unchecked-add-url',
        `ADD ${src} without --checksum`,
        `ADD --checksum=sha256:<64 hex> ${src} …`,
      );
  }
}

function onEnv(ins: Instruction, ws: Word[], scan: DockerfileScan): void {
  for (const w of ws) {
    const m = /^(PIP_INDEX_URL|PIP_EXTRA_INDEX_URL|PIP_FIND_LINKS|PIP_TRUSTED_HOST)=(.*)$/.exec(w.value);
    if (!m) continue;
    const v = m[2]!.replace(/^["']|["']$/g, '');
    if (m[1] === 'PIP_TRUSTED_HOST') scan.at(ins.args, w, 'trusted-host', `${m[1]}=${v} turns off TLS checks for it`);
    else if (/^http:\/\//i.test(v)) scan.at(ins.args, w, 'index-url-http', `${m[1]}=${v} is plain http`);
    if (m[1] === 'PIP_EXTRA_INDEX_URL')
      scan.at(ins.args, w, 'extra-index-url', `${m[1]}=${v}: pip takes the highest version from either index`);
  }
}

export function scanDockerfile(text: string, ctx: ShellContext): PinFinding[] {
  const findings: PinFinding[] = [];
  const file = ctx.file;
  const scan: DockerfileScan = {
    args: new Map(),
    stages: new Set(),
    at: (t, w, rule, message, fix) =>
      findings.push(findingAt(file, rule, { text: t, start: w.start, end: w.end }, message, fix)),
  };
  const scripts: MappedText[] = [];
  for (const ins of readInstructions(text)) {
    const ws = words(ins.args);
    if (ins.keyword === 'ARG') onArg(ws, scan);
    else if (ins.keyword === 'FROM') onFrom(ins, ws, scan);
    else if (ins.keyword === 'COPY') onCopy(ins, ws, scan);
    else if (ins.keyword === 'ADD') onAdd(ins, ws, scan);
    else if (ins.keyword === 'ENV') onEnv(ins, ws, scan);
    else if (ins.keyword === 'RUN') scripts.push(...runScripts(ins));
  }
  findings.push(...scanShell(scripts, ctx));
  return findings;
}

export type { LineIndex };
