// git in shell scripts, for the shell rules (shell-rules.ts): which command is a clone (its URL, directory,
// branch, and whether --revision pins it), and which later checkout, switch, reset or fetch of a full commit
// pins a floating clone after all.
import type { ShellWord } from './shell-lexer.js';
import type { Located } from './shell-context.js';
import { hasExpansion, isFullCommit, splitArgs, type Invocation } from './shell-words.js';

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
/** A directory as a shell word for a fix line ("$HOME/.pyenv" keeps its variable). */
export const quoted = (dir: string): string => (/^[\w./@:+-]+$/.test(dir) ? dir : `"${dir}"`);

export interface CloneState {
  url: string;
  dir: string;
  ref?: string;
  l: Located;
  covered: boolean;
}

export function gitSub(inv: Invocation): { sub: string; args: ShellWord[]; dirOption?: string } | null {
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

export function gitClone(inv: Invocation): { url: string; dir: string; ref?: string; pinned: boolean } | null {
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
export function checkoutCovers(inv: Invocation, clones: Map<number, CloneState>): void {
  const g = gitSub(inv);
  if (!g || !['checkout', 'switch', 'reset', 'fetch'].includes(g.sub)) return;
  if (!g.args.some((w) => isFullCommit(w.value) && !hasExpansion(w.value))) return;
  const open = [...clones.values()].filter((c) => !c.covered);
  const byDir = g.dirOption ? open.filter((c) => c.dir === g.dirOption || g.dirOption!.endsWith(`/${c.dir}`)) : [];
  const target = (byDir.length ? byDir : open).pop();
  if (target) target.covered = true;
}

/** The floating pyenv clone before command `i`, if any (a clone whose URL names pyenv, never checked out). */
export function floatingPyenvClone(clones: Map<number, CloneState>, i: number): Located | null {
  for (const [k, c] of clones) if (k < i && !c.covered && /pyenv/.test(c.url)) return c.l;
  return null;
}
