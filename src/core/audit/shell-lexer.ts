// A POSIX shell lexer good enough to find commands: words with their quotes removed and their offsets,
// simple commands split at ; & && || | and newlines, pipes remembered, redirections set apart, here-
// documents read (a body fed to sh/bash is a script too), and $( ), ` ` and <( ) scanned as scripts of
// their own. One pass, linear in the text: a 5 MB one-line script costs what reading it costs.
// Expansions ($VAR, ${…}, Groovy's ${…}) stay in the word as written: what they hold is unknown here.

export interface ShellWord {
  /** The word with quotes and backslash escapes removed; expansions as written. */
  value: string;
  start: number;
  end: number;
}

export interface ShellCommand {
  words: ShellWord[];
  /** Redirections: `>` `>>` `<` `<<` …, with their target (or here-document delimiter). */
  redirects: { op: string; target?: ShellWord }[];
  /** Its standard output is piped into the next command. */
  pipeToNext: boolean;
  start: number;
  end: number;
  /** Set for a command inside $( ), ` ` or <( ): the kind, and the word of the command it is part of. */
  substitution?: { kind: '$(' | '`' | '<(' | '>('; in: ShellCommand | null };
  /** Here-document bodies given to this command (offsets of the body). */
  heredocs: { start: number; end: number }[];
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash']);

class WordBuilder {
  value = '';
  start = -1;
  end = -1;
  add(text: string, start: number, end: number): void {
    if (this.start === -1) this.start = start;
    this.value += text;
    this.end = end;
  }
  get empty(): boolean {
    return this.start === -1;
  }
}

/** The index just past the `)` matching an opening at `from` (the character after `(`), quotes respected. */
function matchParen(s: string, from: number, end: number): number {
  let depth = 1;
  let i = from;
  while (i < end) {
    const c = s[i]!;
    if (c === '\\') i += 2;
    else if (c === "'") {
      const q = s.indexOf("'", i + 1);
      i = q === -1 || q >= end ? end : q + 1;
    } else if (c === '"') i = skipDouble(s, i + 1, end);
    else if (c === '(') {
      depth++;
      i++;
    } else if (c === ')') {
      depth--;
      i++;
      if (depth === 0) return i;
    } else i++;
  }
  return end;
}

/** The index just past the closing `"` of a double-quoted string whose content starts at `from`. */
function skipDouble(s: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const c = s[i]!;
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if (c === '$' && s[i + 1] === '(') i = matchParen(s, i + 2, end);
    else i++;
  }
  return end;
}

interface Sub {
  kind: '$(' | '`' | '<(' | '>(';
  start: number;
  end: number;
  owner: number;
}

/** Lexes a script (s[from, to)) into commands, substitutions and fed here-documents included. */
export function lexShell(s: string, from = 0, to = s.length): ShellCommand[] {
  const out: ShellCommand[] = [];
  lexInto(s, from, to, out);
  return out;
}

function lexInto(s: string, from: number, to: number, out: ShellCommand[]): void {
  const lexer = new Lexer(s, from, to);
  lexer.run();
  const subsOf = new Map<number, Sub[]>();
  for (const sub of lexer.subs) subsOf.set(sub.owner, [...(subsOf.get(sub.owner) ?? []), sub]);
  // Substitutions run before the command that holds them: their commands come first.
  for (const [idx, cmd] of lexer.commands.entries()) {
    for (const sub of subsOf.get(idx) ?? []) {
      const before = out.length;
      lexInto(s, sub.start, sub.end, out);
      for (let k = before; k < out.length; k++) out[k]!.substitution ??= { kind: sub.kind, in: cmd };
    }
    out.push(cmd);
    for (const h of cmd.heredocs) if (feedsScript(cmd)) lexInto(s, h.start, h.end, out);
  }
}

/** `sh`, `bash -s`, `sudo bash`: a shell reading its script from standard input. */
export function feedsScript(cmd: ShellCommand): boolean {
  const words = cmd.words.map((w) => w.value);
  let i = 0;
  while (i < words.length && (words[i] === 'sudo' || words[i] === 'env' || /^[A-Za-z_]\w*=/.test(words[i]!))) i++;
  const name = (words[i] ?? '').split('/').pop()!;
  if (!SHELLS.has(name)) return false;
  return words.slice(i + 1).every((w) => w.startsWith('-') && w !== '-c');
}

class Lexer {
  readonly commands: ShellCommand[] = [];
  readonly subs: Sub[] = [];
  private words: ShellWord[] = [];
  private redirects: ShellCommand['redirects'] = [];
  private word = new WordBuilder();
  private pendingRedirect: string | null = null;
  private pendingHeredocs: { delimiter: string; strip: boolean; cmd: number }[] = [];
  private cmdStart = -1;
  private i: number;

  constructor(
    private readonly s: string,
    from: number,
    private readonly to: number,
  ) {
    this.i = from;
  }

  run(): void {
    const { s, to } = this;
    while (this.i < to) {
      const c = s[this.i]!;
      if (c === '#' && this.word.empty) this.skipComment();
      else if (c === '\\') this.backslash();
      else if (c === "'") this.single();
      else if (c === '"') this.double();
      else if (c === '`') this.backtick();
      else if (c === '$') this.dollar();
      else if (c === ' ' || c === '\t' || c === '\r') {
        this.endWord();
        this.i++;
      } else if (c === '\n') {
        this.endCommand(false);
        this.i++;
        this.readHeredocs();
      } else if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') this.operator(c);
      else if ((c === '<' || c === '>') && s[this.i + 1] === '(' && this.word.empty) this.processSub(c);
      else if (c === '<' || c === '>') this.redirect();
      else {
        this.word.add(c, this.i, this.i + 1);
        this.i++;
      }
    }
    this.endCommand(false);
  }

  private skipComment(): void {
    const nl = this.s.indexOf('\n', this.i);
    this.i = nl === -1 || nl > this.to ? this.to : nl;
  }

  private backslash(): void {
    const next = this.s[this.i + 1];
    if (next === '\n') this.i += 2;
    else if (next === '\r' && this.s[this.i + 2] === '\n') this.i += 3;
    else {
      if (next !== undefined) this.word.add(next, this.i, this.i + 2);
      this.i += 2;
    }
  }

  private single(): void {
    const q = this.s.indexOf("'", this.i + 1);
    const end = q === -1 || q >= this.to ? this.to : q;
    this.word.add(this.s.slice(this.i + 1, end), this.i, end + 1);
    this.i = end + 1;
  }

  private double(): void {
    const { s, to } = this;
    const start = this.i;
    let i = this.i + 1;
    let value = '';
    while (i < to && s[i] !== '"') {
      const c = s[i]!;
      if (c === '\\' && i + 1 < to) {
        const n = s[i + 1]!;
        if (n === '\n') {
          i += 2;
          continue;
        }
        value += '$`"\\'.includes(n) ? n : `\\${n}`;
        i += 2;
      } else if (c === '$' && s[i + 1] === '(') {
        const end = matchParen(s, i + 2, to);
        this.subs.push({ kind: '$(', start: i + 2, end: end - 1, owner: this.commands.length });
        value += s.slice(i, end);
        i = end;
      } else if (c === '`') {
        const q = s.indexOf('`', i + 1);
        const end = q === -1 || q >= to ? to : q;
        this.subs.push({ kind: '`', start: i + 1, end, owner: this.commands.length });
        value += s.slice(i, end + 1);
        i = end + 1;
      } else {
        value += c;
        i++;
      }
    }
    this.word.add(value, start, Math.min(i + 1, to));
    this.i = i + 1;
  }

  private backtick(): void {
    const q = this.s.indexOf('`', this.i + 1);
    const end = q === -1 || q >= this.to ? this.to : q;
    this.subs.push({ kind: '`', start: this.i + 1, end, owner: this.commands.length });
    this.word.add(this.s.slice(this.i, end + 1), this.i, end + 1);
    this.i = end + 1;
  }

  private dollar(): void {
    const { s, to } = this;
    const next = s[this.i + 1];
    if (next === '(' && s[this.i + 2] === '(') {
      const end = matchParen(s, this.i + 2, to);
      this.word.add(s.slice(this.i, end), this.i, end);
      this.i = end;
    } else if (next === '(') {
      const end = matchParen(s, this.i + 2, to);
      this.subs.push({ kind: '$(', start: this.i + 2, end: end - 1, owner: this.commands.length });
      this.word.add(s.slice(this.i, end), this.i, end);
      this.i = end;
    } else if (next === '{') {
      const close = s.indexOf('}', this.i + 2);
      const end = close === -1 || close >= to ? to : close + 1;
      this.word.add(s.slice(this.i, end), this.i, end);
      this.i = end;
    } else if (next === "'") {
      this.i++;
      this.single();
    } else {
      this.word.add('$', this.i, this.i + 1);
      this.i++;
    }
  }

  private processSub(c: string): void {
    const end = matchParen(this.s, this.i + 2, this.to);
    this.subs.push({ kind: c === '<' ? '<(' : '>(', start: this.i + 2, end: end - 1, owner: this.commands.length });
    this.word.add(this.s.slice(this.i, end), this.i, end);
    this.i = end;
  }

  private operator(c: string): void {
    const two = this.s.slice(this.i, this.i + 2);
    if (c === '&' && this.s[this.i + 1] === '>') {
      this.redirect();
      return;
    }
    const pipe = c === '|' && two !== '||';
    this.endCommand(pipe);
    this.i += two === '&&' || two === '||' || two === ';;' || two === '|&' ? 2 : 1;
  }

  private redirect(): void {
    const { s } = this;
    // A word of digits right before is the file descriptor (2>), not an argument.
    if (!this.word.empty && /^\d+$/.test(this.word.value) && this.word.end === this.i) this.word = new WordBuilder();
    else this.endWord();
    const m = /^(<<<|<<-|<<|>>|>&|<&|&>>|&>|>\||<>|<|>)/.exec(s.slice(this.i, this.i + 4))!;
    this.pendingRedirect = m[1]!;
    this.i += m[1]!.length;
    if (this.cmdStart === -1) this.cmdStart = this.i;
  }

  private endWord(): void {
    if (this.word.empty) return;
    const w: ShellWord = { value: this.word.value, start: this.word.start, end: this.word.end };
    this.word = new WordBuilder();
    if (this.pendingRedirect !== null) {
      const op = this.pendingRedirect;
      this.pendingRedirect = null;
      this.redirects.push({ op, target: w });
      if (op === '<<' || op === '<<-')
        this.pendingHeredocs.push({ delimiter: w.value, strip: op === '<<-', cmd: this.commands.length });
      return;
    }
    if (this.cmdStart === -1) this.cmdStart = w.start;
    this.words.push(w);
  }

  private endCommand(pipeToNext: boolean): void {
    this.endWord();
    if (this.words.length === 0 && this.redirects.length === 0) {
      if (pipeToNext && this.commands.length > 0) this.commands[this.commands.length - 1]!.pipeToNext = true;
      return;
    }
    const last = this.words[this.words.length - 1] ?? this.redirects[this.redirects.length - 1]?.target;
    this.commands.push({
      words: this.words,
      redirects: this.redirects,
      pipeToNext,
      start: this.cmdStart === -1 ? (this.words[0]?.start ?? this.i) : this.cmdStart,
      end: last?.end ?? this.i,
      heredocs: [],
    });
    this.words = [];
    this.redirects = [];
    this.cmdStart = -1;
  }

  /** Reads the bodies of the here-documents opened on the line that just ended. */
  private readHeredocs(): void {
    const { s, to } = this;
    for (const h of this.pendingHeredocs) {
      const start = this.i;
      let bodyEnd = to;
      while (this.i < to) {
        const nl = s.indexOf('\n', this.i);
        const lineEnd = nl === -1 || nl > to ? to : nl;
        let line = s.slice(this.i, lineEnd).replace(/\r$/, '');
        if (h.strip) line = line.replace(/^\t+/, '');
        const atLine = this.i;
        this.i = lineEnd + 1;
        if (line === h.delimiter) {
          bodyEnd = atLine;
          break;
        }
      }
      if (this.i > to) this.i = to;
      const cmd = this.commands[h.cmd];
      if (cmd) cmd.heredocs.push({ start, end: bodyEnd });
    }
    this.pendingHeredocs = [];
  }
}
