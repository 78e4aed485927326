// `pip install` in a script: what it installs (names, -r files, -e, paths, URLs), from where (index
// URLs, --trusted-host), and whether pip will hold it to hashes. Names on a command line cannot carry a
// hash, so they float (and so do their dependencies) unless pip is told --require-hashes, which then
// refuses them: the pinned form is always `-r` of a complete hashed lock.
import { parseRequirement } from '../deps/requirements-file.js';
import type { ShellWord } from './shell-lexer.js';
import type { At, Located, ShellContext } from './shell-context.js';
import { baseName, hasExpansion, isFullCommit, splitArgs, type Invocation } from './shell-words.js';

const PIP_GLOBAL_VALUED = new Set([
  '--proxy',
  '--log',
  '--cache-dir',
  '--python',
  '--retries',
  '--timeout',
  '--cert',
  '--client-cert',
  '--exists-action',
  '--keyring-provider',
]);
const INSTALL_VALUED = new Set([
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '--trusted-host',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--src',
  '--upgrade-strategy',
  '--progress-bar',
  '--no-binary',
  '--only-binary',
  '--global-option',
  '--config-settings',
  '-C',
  '--report',
  ...PIP_GLOBAL_VALUED,
]);

const VCS = /^(git|hg|svn|bzr)\+/;

/** The words after `install` when the command is pip install (pip, pip3.11, python -m pip, uv pip). */
export function pipArgs(inv: Invocation): ShellWord[] | null {
  let args: ShellWord[] | null = null;
  if (/^pip(\d+(\.\d+)?)?$/.test(inv.name)) args = inv.args;
  else if (/^python(\d+(\.\d+)?)?$/.test(inv.name)) {
    const m = inv.args.findIndex((w, i) => w.value === '-m' && inv.args[i + 1]?.value === 'pip');
    if (m !== -1) args = inv.args.slice(m + 2);
    else if (inv.args.some((w) => w.value === '-mpip'))
      args = inv.args.slice(inv.args.findIndex((w) => w.value === '-mpip') + 1);
  } else if (inv.name === 'uv' && inv.args[0]?.value === 'pip') args = inv.args.slice(1);
  if (!args) return null;
  let k = 0;
  while (k < args.length && args[k]!.value.startsWith('-')) k += PIP_GLOBAL_VALUED.has(args[k]!.value) ? 2 : 1;
  return args[k]?.value === 'install' ? args.slice(k + 1) : null;
}

/** A VCS URL's ref after the last @ of its path (before #egg=…), if any. */
export function vcsRef(url: string): string | undefined {
  const path = url.replace(/#.*$/, '').replace(/^[a-z+]+:\/\/[^/]*/, '');
  const at = path.lastIndexOf('@');
  return at === -1 ? undefined : path.slice(at + 1);
}

function checkSources(l: Located, options: { name: string; value?: ShellWord; word: ShellWord }[], at: At): void {
  for (const o of options) {
    const v = o.value?.value ?? '';
    if (['-i', '--index-url', '--extra-index-url', '-f', '--find-links'].includes(o.name) && /^http:\/\//i.test(v))
      at(l, 'index-url-http', `${o.name} ${v} is plain http`, undefined, o.value);
    if (o.name === '--trusted-host')
      at(l, 'trusted-host', `--trusted-host ${v} turns off TLS checks for it`, undefined, o.word);
    if (o.name === '--extra-index-url')
      at(
        l,
        'extra-index-url',
        `--extra-index-url ${v}: pip takes the highest version from either index`,
        undefined,
        o.word,
      );
  }
}

function checkTarget(l: Located, w: ShellWord, local: boolean, at: At): void {
  const v = w.value;
  if (hasExpansion(v) && !/[=@]/.test(v)) {
    at(
      l,
      'pip-unpinned',
      `pip install ${v}: what it holds is not visible here, and a command line cannot carry hashes`,
      undefined,
      w,
    );
    return;
  }
  if (VCS.test(v) || /@\s*(git|hg|svn|bzr)\+/.test(v)) {
    const ref = vcsRef(v.replace(/^.*@\s*(?=(git|hg|svn|bzr)\+)/, ''));
    if (!ref || !isFullCommit(ref))
      at(l, 'vcs-unpinned', `${v} ${ref ? `is at ${ref}, not a full commit` : 'names no commit'}`, undefined, w);
    return;
  }
  const r = parseRequirement(v.replace(/\$\{[^}]*\}|\$[A-Za-z_]\w*/g, '0'));
  if (r.kind === 'path') {
    if (!local)
      at(
        l,
        'pip-unpinned',
        `pip install ${v} resolves the dependencies of ${v} at install time`,
        `pip install --require-hashes --no-deps -r requirements.lock, then pip install --no-deps ${v}`,
        w,
      );
    return;
  }
  if (r.kind === 'url') {
    at(l, 'pip-unpinned', `pip install ${v}: a URL without a hash`, undefined, w);
    return;
  }
  const pinned =
    r.kind === 'pep508' &&
    r.requirement.type === 'ProjectName' &&
    r.requirement.versionSpec?.length === 1 &&
    r.requirement.versionSpec[0]!.operator === '==';
  at(
    l,
    'pip-unpinned',
    pinned
      ? `pip install ${v}: pinned, but without a hash, and its dependencies are not pinned at all`
      : `pip install ${v}: ${r.kind === 'invalid' ? 'not a requirement pip can pin' : 'no exact version'}, no hash, and its dependencies float`,
    undefined,
    w,
  );
}

/** The findings of one pip install. */
export function checkPipInstall(l: Located, args: ShellWord[], ctx: ShellContext, at: At): void {
  const { options, operands } = splitArgs(args, INSTALL_VALUED);
  checkSources(l, options, at);
  const names = new Set(options.map((o) => o.name));
  if (names.has('--require-hashes')) return; // pip refuses anything without a hash: nothing can float
  const local = names.has('--no-deps');
  for (const o of options) {
    if ((o.name === '-e' || o.name === '--editable') && o.value) checkTarget(l, o.value, local, at);
    if ((o.name === '-r' || o.name === '--requirement') && o.value) {
      const file = o.value.value;
      const status = hasExpansion(file) ? ({ status: 'unknown' } as const) : ctx.lockStatus(file);
      if (status.status === 'unhashed')
        at(
          l,
          'pip-unpinned',
          `pip install -r ${baseName(file)}: not a hashed lock (${status.detail})`,
          undefined,
          o.value,
        );
      else if (status.status === 'unknown')
        at(
          l,
          'pip-unpinned',
          `pip install -r ${file} without --require-hashes: nothing here shows it is a complete hashed lock`,
          `pip install --require-hashes --no-deps -r ${file}`,
          o.value,
        );
    }
  }
  for (const w of operands) checkTarget(l, w, local, at);
}
