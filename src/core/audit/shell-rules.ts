// The shell rules, over every script of one file read as one sequence (the `sh` steps of a Jenkinsfile
// share a workspace, the RUN lines of a Dockerfile share an image): pip install, git clone and its
// checkout, pyenv; downloads (shell-downloads.ts), package managers and docker (shell-packages.ts).
import { findingAt, type LineIndex, type MappedText, type PinFinding } from './finding.js';
import { lexShell, type ShellWord } from './shell-lexer.js';
import type { At, Located, ShellContext } from './shell-context.js';
import { checkPipInstall, pipArgs } from './shell-pip.js';
import { pipedIntoShell, savesDownload, VERIFY_WITHIN_LINES, verifiedAfter } from './shell-downloads.js';
import { checkContainerRun, checkPackages } from './shell-packages.js';
import { hasExpansion, invocationOf, isFullCommit, splitArgs, type Invocation } from './shell-words.js';

export type { LockStatus, ShellContext } from './shell-context.js';

const GIT_GLOBAL_VALUED = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace']);
const CLONE_VALUED = new Set([
  '-b',
  '--branch',
  '--depth',
  '-o',
  '--origin',
  '--reference',
  '--separate-git-dir',
  '-c',
  '--config',
  '--filter',
  '-j',
  '--jobs',
  '-u',
  '--upload-pack',
  '--template',
  '--shallow-since',
  '--shallow-exclude',
  '--revision',
  '--server-option',
]);

/** Every command of the scripts, in order; each unit is lexed once. */
export function locate(units: MappedText[], lines: LineIndex): Located[] {
  const out: Located[] = [];
  for (const unit of units) {
    for (const cmd of lexShell(unit.text)) {
      out.push({ cmd, inv: invocationOf(cmd), unit, line: lines.position(unit.source(cmd.start)).line });
    }
  }
  return out;
}

export function scanShell(units: MappedText[], ctx: ShellContext): PinFinding[] {
  const located = locate(units, ctx.file.lines);
  const findings: PinFinding[] = [];
  const at: At = (l, rule, message, fix, word) => {
    const start = word ? word.start : l.cmd.start;
    const end = word ? word.end : l.cmd.end;
    findings.push(findingAt(ctx.file, rule, { text: l.unit, start, end }, message, fix));
  };
  const piped = pipedIntoShell(located);
  const clones = new Map<number, CloneState>();
  let floatingPyenv: Located | null = null;
  for (const [i, l] of located.entries()) {
    const inv = l.inv;
    if (!inv) continue;
    const pip = pipArgs(inv);
    if (pip) checkPipInstall(l, pip, ctx, at);
    if (inv.name === 'git') {
      const clone = gitClone(inv);
      if (clone) {
        if (!clone.pinned) clones.set(i, { ...clone, l, covered: false });
      } else checkoutCovers(inv, clones);
    }
    if (inv.name === 'curl' || inv.name === 'wget') {
      const pipe = piped.get(i);
      if (pipe) {
        const span = { ...l.cmd.words[0]!, start: l.cmd.start, end: pipe.end ?? l.cmd.end };
        at(l, 'curl-pipe-shell', `${inv.name} output runs as a script (${pipe.how})`, undefined, span);
        if (/pyenv/.test(l.cmd.words.map((w) => w.value).join(' '))) floatingPyenv = l;
      } else if (savesDownload(located, i) && !verifiedAfter(located, i)) {
        const url = inv.args.find((w) => /^[a-z][a-z0-9+.-]*:\/\//i.test(w.value))?.value ?? 'the URL';
        at(
          l,
          'download-unverified',
          `${inv.name} downloads ${url} and nothing checks its checksum within ${VERIFY_WITHIN_LINES} lines`,
        );
      }
    }
    if (inv.name === 'pyenv') {
      const sub = inv.args.find((w) => !w.value.startsWith('-'))?.value;
      if (sub === 'update')
        at(l, 'pyenv-floating', 'pyenv update moves pyenv (and its CPython build defaults) to the newest commit');
      else if (sub === 'install') {
        const cloned = floatingPyenvClone(clones, i) ?? floatingPyenv;
        if (cloned)
          at(
            l,
            'pyenv-floating',
            `pyenv install runs a pyenv that was installed floating on line ${cloned.line}: its build defaults can change under this line`,
          );
      }
    }
    if (inv.name === 'docker' || inv.name === 'podman') checkContainerRun(l, inv, at);
    if (inv.name === 'apt-get' || inv.name === 'apt' || inv.name === 'aptitude' || inv.name === 'apk')
      checkPackages(l, inv, at);
  }
  for (const c of clones.values())
    if (!c.covered)
      at(
        c.l,
        'git-clone-floating',
        `git clone of ${c.url}${c.ref ? ` at ${c.ref}` : ''} is never checked out at a full commit afterwards`,
        `git clone ${c.url} ${quoted(c.dir)} && git -C ${quoted(c.dir)} checkout --detach <40-hex commit>`,
      );
  return findings;
}

/** A directory as a shell word for a fix line ("$HOME/.pyenv" keeps its variable). */
const quoted = (dir: string): string => (/^[\w./@:+-]+$/.test(dir) ? dir : `"${dir}"`);

interface CloneState {
  url: string;
  dir: string;
  ref?: string;
  l: Located;
  covered: boolean;
}

function gitSub(inv: Invocation): { sub: string; args: ShellWord[]; dirOption?: string } | null {
  // Global options come before the subcommand (git -C dir checkout …).
  let k = 0;
  let dirOption: string | undefined;
  while (k < inv.args.length && inv.args[k]!.value.startsWith('-')) {
    if (GIT_GLOBAL_VALUED.has(inv.args[k]!.value)) {
      if (inv.args[k]!.value === '-C') dirOption = inv.args[k + 1]?.value;
      k += 2;
    } else k++;
  }
  const sub = inv.args[k];
  if (!sub) return null;
  return { sub: sub.value, args: inv.args.slice(k + 1), dirOption };
}

function gitClone(inv: Invocation): { url: string; dir: string; ref?: string; pinned: boolean } | null {
  const g = gitSub(inv);
  if (g?.sub !== 'clone') return null;
  const { options, operands } = splitArgs(g.args, CLONE_VALUED);
  const url = operands[0]?.value ?? '';
  const dir = operands[1]?.value ?? (url.replace(/\/+$/, '').split(/[/:]/).pop() ?? 'repo').replace(/\.git$/, '');
  const ref = options.find((o) => o.name === '-b' || o.name === '--branch')?.value?.value;
  const revision = options.find((o) => o.name === '--revision')?.value?.value;
  return { url, dir, ref, pinned: !!revision && isFullCommit(revision) };
}

/** A checkout, switch, reset or fetch of a literal full commit pins the most recent floating clone (of its -C dir). */
function checkoutCovers(inv: Invocation, clones: Map<number, CloneState>): void {
  const g = gitSub(inv);
  if (!g || !['checkout', 'switch', 'reset', 'fetch'].includes(g.sub)) return;
  if (!g.args.some((w) => isFullCommit(w.value) && !hasExpansion(w.value))) return;
  const open = [...clones.values()].filter((c) => !c.covered);
  const byDir = g.dirOption ? open.filter((c) => c.dir === g.dirOption || g.dirOption!.endsWith(`/${c.dir}`)) : [];
  const target = (byDir.length ? byDir : open).pop();
  if (target) target.covered = true;
}

/** The floating pyenv clone before command `i`, if any (a clone whose URL names pyenv, never checked out). */
function floatingPyenvClone(clones: Map<number, CloneState>, i: number): Located | null {
  for (const [k, c] of clones) if (k < i && !c.covered && /pyenv/.test(c.url)) return c.l;
  return null;
}
