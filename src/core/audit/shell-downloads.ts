// Downloads in scripts: curl/wget whose output runs as a script (| sh, bash <(…), sh -c "$(…)"), and
// downloads saved (or extracted from the pipe) with no checksum or signature check on the next lines.
import type { Located } from './shell-context.js';
import { invocationOf, splitArgs } from './shell-words.js';

export const SHELLS = new Set([
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

/**
 * For each curl/wget whose output runs as a script: how (`| bash`, `bash <(…)`, `sh -c "$(…)"`) and
 * where the span ends (the shell of a pipe in the same script).
 */
export function pipedIntoShell(located: Located[]): Map<number, { how: string; end?: number }> {
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
export function savesDownload(located: Located[], i: number): boolean {
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
export function verifiedAfter(located: Located[], i: number): boolean {
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
