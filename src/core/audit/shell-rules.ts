// The shell rules, over every script of one file read as one sequence (the `sh` steps of a Jenkinsfile
// share a workspace, the RUN lines of a Dockerfile share an image): pip install, git clone and its
// checkout, downloads piped into a shell or saved without a checksum check, pyenv, apt-get.
import { findingAt, type LineIndex, type MappedText, type PinFinding } from './finding.js';
import { lexShell, type ShellWord } from './shell-lexer.js';
import type { At, Located, ShellContext } from './shell-context.js';
import { checkPipInstall, pipArgs } from './shell-pip.js';
import { imageHasDigest, pinnedImageForm } from './refs.js';
import { invocationOf, splitArgs, type Invocation } from './shell-words.js';
import type { RuleId } from './rules.js';
import { type CloneState, checkoutCovers, floatingPyenvClone, gitClone, quoted } from './shell-git.js';

export type { LockStatus, ShellContext } from './shell-context.js';

const SHELLS = new Set([
  'sh',
  'bash',
  'dash',
  'zsh',
  'ksh',
  'ash',
  'python',
  'python2',
  'python3',
  'perl',
  'ruby',
  'node',
]);
const EXTRACTORS = new Set([
  'tar',
  'bsdtar',
  'unzip',
  'gunzip',
  'zcat',
  'xz',
  'bunzip2',
  'dpkg',
  'rpm',
  'tee',
  'apt-key',
  'cpio',
]);
const CHECKSUMS = new Set(['sha256sum', 'sha384sum', 'sha512sum', 'b2sum', 'shasum', 'sha3sum']);
const VERIFIERS = new Set(['gpg', 'gpgv', 'gpg2', 'cosign', 'minisign', 'signify']);
/** How far after a download its checksum check may come. */
export const VERIFY_WITHIN_LINES = 10;

const CURL_VALUED = new Set([
  '-o',
  '--output',
  '-H',
  '--header',
  '-u',
  '--user',
  '-d',
  '--data',
  '--data-binary',
  '--data-raw',
  '-X',
  '--request',
  '-T',
  '--upload-file',
  '-A',
  '--user-agent',
  '-e',
  '--referer',
  '-m',
  '--max-time',
  '--retry',
  '--connect-timeout',
  '-w',
  '--write-out',
  '--cacert',
  '-E',
  '--cert',
  '--key',
  '-x',
  '--proxy',
  '-F',
  '--form',
  '--url',
  '-K',
  '--config',
  '-b',
  '--cookie',
  '-c',
  '--cookie-jar',
  '-r',
  '--range',
  '-z',
  '--time-cond',
  '-C',
  '--continue-at',
  '--output-dir',
]);
const WGET_VALUED = new Set([
  '-O',
  '--output-document',
  '-P',
  '--directory-prefix',
  '-o',
  '--output-file',
  '-U',
  '--user-agent',
  '--header',
  '-t',
  '--tries',
  '-T',
  '--timeout',
  '-e',
  '--execute',
  '--user',
  '--password',
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

/**
 * For each curl/wget whose output runs as a script: how (`| bash`, `bash <(…)`, `sh -c "$(…)"`) and
 * where the span ends (the shell of a pipe in the same script).
 */
function pipedIntoShell(located: Located[]): Map<number, { how: string; end?: number }> {
  const out = new Map<number, { how: string; end?: number }>();
  for (const [i, l] of located.entries()) {
    if (l.inv?.name !== 'curl' && l.inv?.name !== 'wget') continue;
    const sub = l.cmd.substitution;
    if (sub?.in) {
      const host = invocationOf(sub.in);
      const runs =
        host && (SHELLS.has(host.name) || host.name === 'eval' || host.name === 'source' || host.name === '.');
      if (runs) out.set(i, { how: `${host!.name} ${sub.kind === '<(' ? '<(…)' : '"$(…)"'}` });
      continue;
    }
    for (let k = i; k < located.length && located[k]!.cmd.pipeToNext; k++) {
      const next = located[k + 1];
      if (next?.inv && SHELLS.has(next.inv.name)) {
        out.set(i, { how: `| ${next.inv.name}`, end: next.unit === l.unit ? next.cmd.end : undefined });
        break;
      }
    }
  }
  return out;
}

/** Whether the download at `i` saves a file (or is extracted straight from the pipe). */
function savesDownload(located: Located[], i: number): boolean {
  const l = located[i]!;
  const inv = l.inv!;
  if (l.cmd.substitution) return false; // VERSION=$(curl …): a value, not a file
  if (l.cmd.redirects.some((r) => r.op === '>' || r.op === '>>')) return true;
  const next = l.cmd.pipeToNext ? located[i + 1]?.inv : null;
  if (next && EXTRACTORS.has(next.name)) return true;
  if (inv.name === 'curl') {
    const { options } = splitArgs(inv.args, CURL_VALUED);
    if (options.some((o) => ['-T', '--upload-file'].includes(o.name))) return false;
    return options.some(
      (o) =>
        ['-o', '--output', '--remote-name', '--remote-name-all', '-O'].includes(o.name) ||
        (/^-[A-Za-z]+$/.test(o.name) && /[oO]/.test(o.name.slice(1))),
    );
  }
  const { options } = splitArgs(inv.args, WGET_VALUED);
  if (options.some((o) => o.name === '--spider')) return false;
  const doc = options.find((o) => o.name === '-O' || o.name === '--output-document' || /^-[a-zA-Z]*O-?$/.test(o.name));
  const toStdout = doc && (doc.value?.value === '-' || /O-$/.test(doc.name));
  return !toStdout || !!next;
}

/** A checksum or signature check within the next lines after the download at `i`. */
function verifiedAfter(located: Located[], i: number): boolean {
  const from = located[i]!.line;
  for (let k = i + 1; k < located.length; k++) {
    const l = located[k]!;
    if (l.line > from + VERIFY_WITHIN_LINES) return false;
    const inv = l.inv;
    if (!inv) continue;
    const words = inv.args.map((w) => w.value);
    if (CHECKSUMS.has(inv.name)) {
      if (words.some((w) => w === '-c' || w === '--check' || /^-[a-z]*c$/.test(w))) return true;
      if (l.cmd.substitution || l.cmd.pipeToNext) return true; // compared: [ "$(sha256sum f)" = … ], | grep
    }
    if (VERIFIERS.has(inv.name) && words.some((w) => /verify|^-V$|^--verify/.test(w))) return true;
    if (inv.name === 'gpgv') return true;
  }
  return false;
}

const APT_VALUED = new Set(['-o', '--option', '-t', '--target-release', '-c', '--config-file', '--default-release']);
const APK_VALUED = new Set(['-t', '--virtual', '-X', '--repository', '--root', '-p']);

function checkPackages(l: Located, inv: Invocation, at: At): void {
  const apk = inv.name === 'apk';
  const { operands } = splitArgs(inv.args, apk ? APK_VALUED : APT_VALUED);
  const [sub, ...packages] = operands;
  if (sub?.value !== (apk ? 'add' : 'install')) return;
  // A package list from a variable ("${pkgs[@]}") is not visibly pinned either: it counts as loose.
  const loose = packages.filter((p) => !/^[^$]*=/.test(p.value) && !/\.deb$|^\.?\//.test(p.value));
  if (loose.length === 0) return;
  const names = loose.map((p) => p.value).join(' ');
  at(
    l,
    'apt-unpinned',
    `${inv.name} ${sub.value} without versions: ${names}`,
    apk
      ? `apk add ${loose.map((p) => `${p.value}=<version>`).join(' ')}`
      : `apt-get install ${loose.map((p) => `${p.value}=<version>`).join(' ')} (or a pinned build root)`,
  );
}

const DOCKER_RUN_VALUED = new Set([
  '-e',
  '--env',
  '--env-file',
  '-v',
  '--volume',
  '-p',
  '--publish',
  '--name',
  '-w',
  '--workdir',
  '-u',
  '--user',
  '--entrypoint',
  '--network',
  '--net',
  '--mount',
  '-l',
  '--label',
  '--platform',
  '-h',
  '--hostname',
  '--cpus',
  '-m',
  '--memory',
  '--shm-size',
  '--add-host',
  '--cap-add',
  '--cap-drop',
  '--device',
  '--ulimit',
  '--security-opt',
  '--tmpfs',
  '--restart',
  '--pull',
  '--log-driver',
  '--log-opt',
  '--dns',
  '--gpus',
  '--ipc',
  '--pid',
  '--group-add',
  '--cidfile',
  '--stop-signal',
  '--stop-timeout',
  '--health-cmd',
  '--userns',
  '-a',
  '--attach',
]);

/** `docker run|create|pull IMAGE`: the image, like a Jenkins docker image, needs a digest. */
function checkContainerRun(
  l: Located,
  inv: Invocation,
  at: (l: Located, rule: RuleId, m: string, fix?: string, w?: ShellWord) => void,
): void {
  const sub = inv.args[0]?.value;
  if (sub !== 'run' && sub !== 'create' && sub !== 'pull') return;
  const { operands } = splitArgs(inv.args.slice(1), DOCKER_RUN_VALUED);
  const image = operands[0];
  if (!image || imageHasDigest(image.value)) return;
  at(
    l,
    'floating-docker-image',
    `${inv.name} ${sub} ${image.value}: no @sha256 digest`,
    `${inv.name} ${sub} … ${pinnedImageForm(image.value)}`,
    image,
  );
}
