// Where the build's commands run: on the host, or inside an extracted build root (buildroot.ts).
//
// Two ways into a root, chosen by who runs the build (docs/build-root.md):
//   chroot  as root: `unshare -m` (a private mount namespace, gone when the last process exits), the
//           root bind-mounted read-only onto itself, a fresh /proc, a minimal /dev as bubblewrap's
//           --dev makes it (null, zero, full, random, urandom, tty, a new devpts instance, /dev/shm,
//           the fd/stdin/stdout/stderr/core links), a tmpfs /tmp, the bind-mounted
//           work directories at the same paths as on the host, then `chroot` + `env -i`.
//   bwrap   unprivileged: bubblewrap builds the same view in a user namespace (uid 0 inside).
// Both give the build the same file system, the same paths and the same environment, so the backend
// does not change the bytes. Only the root's programs run inside: PATH is the root's standard one.
import { EnvironmentError } from '../../shared/errors.js';
import { run, type RunOptions, type RunResult } from '../../shared/exec.js';

export type SandboxKind = 'host' | 'chroot' | 'bwrap';

/** PATH inside a root: the standard one of Debian, CentOS, manylinux images. */
export const ROOT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** What the host side of the chroot backend (unshare, sh, mount) runs with. */
const HOST_ENV = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C', LANG: 'C' };

/** A command as the host must start it so that `cmd` runs in the sandbox in `cwd` with exactly `env`. */
export interface WrappedCommand {
  file: string;
  args: string[];
  /** The host-side working directory and environment (those of the wrapper, not of cmd). */
  cwd: string;
  env: Record<string, string>;
}

export interface BuildSandbox {
  kind: SandboxKind;
  /** The extracted root (undefined on the host). */
  root?: string;
  wrap(cmd: readonly string[], cwd: string, env: Record<string, string>): WrappedCommand;
  /** run() of `file args` inside the sandbox (cwd and env apply inside). */
  run(file: string, args: readonly string[], opts?: RunOptions): Promise<RunResult>;
}

export const hostSandbox: BuildSandbox = {
  kind: 'host',
  wrap: (cmd, cwd, env) => ({ file: cmd[0], args: cmd.slice(1), cwd, env }),
  run: (file, args, opts) => run(file, args, opts),
};

/**
 * The chroot backend's host side: a constant script, every path passed as a positional parameter.
 * $1 root, $2 cwd inside, $3 number of directories to bind, then those directories, then `--`,
 * then NAME=VALUE pairs and the command for env -i. The final `sh -c 'cd …'` runs inside the root
 * (env -C is missing from older roots' coreutils, e.g. CentOS 7).
 */
const CHROOT_SCRIPT = `set -eu
root=$1; cwd=$2; n=$3; shift 3
mount --bind "$root" "$root"
mount -o remount,bind,ro "$root"
mount -t proc proc "$root/proc"
mount -t tmpfs -o mode=755,size=64k tmpfs "$root/dev"
for d in null zero full random urandom tty; do
  : > "$root/dev/$d"
  mount --bind "/dev/$d" "$root/dev/$d"
done
mkdir "$root/dev/pts" "$root/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$root/dev/pts"
mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm"
ln -s pts/ptmx "$root/dev/ptmx"
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/kcore "$root/dev/core"
ln -s /proc/self/fd/0 "$root/dev/stdin"
ln -s /proc/self/fd/1 "$root/dev/stdout"
ln -s /proc/self/fd/2 "$root/dev/stderr"
mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
while [ "$n" -gt 0 ]; do
  mkdir -p "$root$1"
  mount --bind "$1" "$root$1"
  n=$((n - 1)); shift
done
[ "$1" = -- ] && shift
exec chroot "$root" /usr/bin/env -i "$@"
`;

/** Inside the root: change to $0, then exec the command. */
const CD_AND_EXEC = 'cd "$0" && exec "$@"';

function envPairs(env: Record<string, string>): string[] {
  return Object.entries({ ...env, PATH: ROOT_PATH })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`);
}

/**
 * A sandbox entering `root`, with `binds` (absolute host directories, e.g. the build directory)
 * mounted read-write at the same paths inside. Everything else of the root is read-only, so one
 * extraction serves every build unchanged.
 */
export function rootSandbox(kind: 'chroot' | 'bwrap', root: string, binds: string[]): BuildSandbox {
  const wrap = (cmd: readonly string[], cwd: string, env: Record<string, string>): WrappedCommand => {
    if (kind === 'chroot') {
      return {
        file: 'unshare',
        args: [
          '-m',
          '--propagation',
          'private',
          'sh',
          '-c',
          CHROOT_SCRIPT,
          'sh',
          root,
          cwd,
          String(binds.length),
          ...binds,
          '--',
          ...envPairs(env),
          '/bin/sh',
          '-c',
          CD_AND_EXEC,
          cwd,
          ...cmd,
        ],
        cwd: '/',
        env: HOST_ENV,
      };
    }
    const userns = process.getuid?.() === 0 ? [] : ['--unshare-user', '--uid', '0', '--gid', '0'];
    return {
      file: 'bwrap',
      args: [
        ...userns,
        '--ro-bind',
        root,
        '/',
        '--proc',
        '/proc',
        '--dev',
        '/dev',
        '--perms',
        '1777',
        '--tmpfs',
        '/dev/shm',
        '--perms',
        '1777',
        '--tmpfs',
        '/tmp',
        ...binds.flatMap((b) => ['--bind', b, b]),
        '--chdir',
        cwd,
        '--die-with-parent',
        '--clearenv',
        ...Object.entries({ ...env, PATH: ROOT_PATH }).flatMap(([k, v]) => ['--setenv', k, v]),
        '--',
        ...cmd,
      ],
      cwd: '/',
      env: HOST_ENV,
    };
  };
  return {
    kind,
    root,
    wrap,
    async run(file, args, opts = {}) {
      const w = wrap([file, ...args], opts.cwd ?? '/', opts.env ?? { LC_ALL: 'C', LANG: 'C' });
      const r = await run(w.file, w.args, { ...opts, cwd: w.cwd, env: w.env });
      if (r.spawnError) {
        throw new EnvironmentError(
          `cannot enter the build root with ${w.file}: ${r.spawnError}`,
          kind === 'chroot' ? 'install util-linux (unshare, mount)' : 'install bubblewrap: apt-get install bubblewrap',
        );
      }
      return r;
    },
  };
}

/**
 * Which backend this process can use: chroot when it runs as root and may make a mount namespace,
 * else bubblewrap when it works here (user namespaces allowed). PYHERMETIC_SANDBOX=chroot|bwrap
 * forces one (to compare them, or when a root-run agent must not unshare).
 */
export async function chooseSandboxKind(): Promise<'chroot' | 'bwrap'> {
  const forced = process.env.PYHERMETIC_SANDBOX;
  if (forced === 'chroot' || forced === 'bwrap') return forced;
  if (process.getuid?.() === 0) {
    const r = await run('unshare', ['-m', 'true'], { env: HOST_ENV, timeoutMs: 30_000 });
    if (r.exitCode === 0) return 'chroot';
  }
  const b = await run('bwrap', ['--unshare-user', '--ro-bind', '/', '/', 'true'], { env: HOST_ENV, timeoutMs: 30_000 });
  if (b.exitCode === 0) return 'bwrap';
  const uid = process.getuid?.();
  throw new EnvironmentError(
    uid === 0
      ? `cannot enter a build root: unshare -m failed here, and so did bubblewrap (${(b.spawnError ?? b.stderr).trim()})`
      : `cannot enter a build root as an unprivileged user: bubblewrap ${b.spawnError ? 'is not installed' : `does not work here (${b.stderr.trim()})`}`,
    uid === 0
      ? 'run the build where mount namespaces are allowed (a container needs CAP_SYS_ADMIN), or install bubblewrap'
      : 'install bubblewrap (apt-get install bubblewrap) and allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1), or run the build as root',
  );
}
