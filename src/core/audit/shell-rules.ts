// The shell rules, over every script of one file read as one sequence (the `sh` steps of a Jenkinsfile
// share a workspace, the RUN lines of a Dockerfile share an image): pip install, git clone and its
// checkout, pyenv; downloads (shell-downloads.ts), package managers and docker (shell-packages.ts).
import { findingAt, type LineIndex, type MappedText, type PinFinding } from './finding.js';
import { lexShell } from './shell-lexer.js';
import type { At, Located, ShellContext } from './shell-context.js';
import { checkPipInstall, pipArgs } from './shell-pip.js';
import { pipedIntoShell, savesDownload, VERIFY_WITHIN_LINES, verifiedAfter } from './shell-downloads.js';
import { checkContainerRun, checkPackages } from './shell-packages.js';
import { checkoutCovers, type CloneState, floatingPyenvClone, gitClone, quoted } from './shell-git.js';
import { invocationOf } from './shell-words.js';

export type { LockStatus, ShellContext } from './shell-context.js';

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
