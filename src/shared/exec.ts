// Every child process goes through here: argument arrays only (never a shell string), and an
// environment built from an explicit allowlist so nothing from the caller's shell leaks into a build
// or a pip run by accident.
import { execa, type Options, type Result } from 'execa';

/** Variables a child may inherit when asked to (never PIP_*, PYTHON*, CFLAGS and friends). */
const BASE_KEEP = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TMPDIR', 'TERM', 'USER', 'LOGNAME', 'SHELL', 'TZ'];

/**
 * A scrubbed environment: only BASE_KEEP from the current process, plus `extra`.
 * A value of `undefined` in `extra` removes the name.
 */
export function scrubbedEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of BASE_KEEP) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  if (!env.PATH) env.PATH = '/usr/local/bin:/usr/bin:/bin';
  env.LC_ALL = 'C.UTF-8';
  env.LANG = 'C.UTF-8';
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  input?: string;
  /** Stream the child's output to our stderr (for long builds); output is still captured. */
  stream?: boolean;
}

export interface RunResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Set when the program could not be started at all (ENOENT, EACCES, ENOEXEC). */
  spawnError?: string;
  signal?: string;
}

/** Children still running, so a signal handler can stop them before it cleans up what they write to. */
const live = new Set<{ kill(signal?: NodeJS.Signals | number): boolean }>();

/**
 * SIGKILLs every child started through run() that is still running. A handler that removes a temp tree
 * on SIGTERM calls this first: otherwise a `cp` or `pip` child would keep writing into the tree it removes.
 */
export function killRunningChildren(): number {
  let n = 0;
  for (const child of live) {
    if (child.kill('SIGKILL')) n++;
  }
  return n;
}

/** Runs `file args…` and never throws for a non-zero exit: the caller decides what a failure means. */
/** How long the pipes of a child that has exited (or was killed) may stay open before they are closed. */
const STDIO_DRAIN_MS = 1000;

/** setTimeout's largest delay (2^31-1 ms, ~24.8 days): a larger one fires after 1 ms instead. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export async function run(file: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const timeoutMs = opts.timeoutMs;
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs >= 1 && timeoutMs <= MAX_TIMEOUT_MS))
    throw new RangeError(`timeout of ${timeoutMs} ms is outside 1..${MAX_TIMEOUT_MS}`);
  const options: Options = {
    cwd: opts.cwd,
    env: opts.env ?? scrubbedEnv(),
    extendEnv: false,
    reject: false,
    // With a timeout the child leads a process group of its own, and the timeout kills the whole
    // group: a child of the child that keeps stdout open (`sleep 100 &`) must not hold us for 100 s.
    detached: timeoutMs !== undefined,
    killSignal: 'SIGKILL',
    input: opts.input,
    stdin: opts.input === undefined ? 'ignore' : undefined,
    stripFinalNewline: false,
    maxBuffer: 256 * 1024 * 1024,
    ...(opts.stream ? { stdout: ['pipe', process.stderr], stderr: ['pipe', process.stderr] } : {}),
  } as Options;
  const child = execa(file, [...args], options);
  const group = timeoutMs !== undefined ? child.pid : undefined;
  const killer = { kill: (signal?: NodeJS.Signals | number) => killGroup(child, group, signal) };
  live.add(killer);
  let timedOut = false;
  // A grandchild in a session of its own (`setsid sleep 100 &`) escapes the group kill and keeps our
  // end of the pipes open: once the child itself is gone, its output gets a moment to drain, then the
  // pipes are closed from our side, so a timeout of 2 s is not stretched to the grandchild's lifetime.
  let drain: NodeJS.Timeout | undefined;
  const closePipes = (): void => {
    drain ??= setTimeout(() => {
      for (const s of [child.stdout, child.stderr]) s?.destroy();
    }, STDIO_DRAIN_MS);
  };
  child.once('exit', closePipes);
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          killGroup(child, group, 'SIGKILL');
          closePipes();
        }, timeoutMs);
  let result: Result;
  try {
    result = (await child) as Result;
  } finally {
    if (timer) clearTimeout(timer);
    if (drain) clearTimeout(drain);
    // Whatever the child left behind in its group goes with it.
    if (group !== undefined) killGroup(child, group, 'SIGKILL');
    live.delete(killer);
  }
  const code = (result as { code?: string }).code;
  const spawnFailed = result.exitCode === undefined && !timedOut && !result.signal && code !== undefined;
  return {
    exitCode: result.exitCode,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    timedOut: timedOut || Boolean(result.timedOut),
    signal: result.signal ?? undefined,
    spawnError: spawnFailed ? `${code}: ${(result as { originalMessage?: string }).originalMessage ?? ''}` : undefined,
  };
}

/** Kills the child's whole process group when it leads one, else the child alone. */
function killGroup(
  child: { pid?: number; kill(signal?: NodeJS.Signals | number): boolean },
  group: number | undefined,
  signal: NodeJS.Signals | number = 'SIGKILL',
): boolean {
  if (group !== undefined) {
    try {
      process.kill(-group, signal);
      return true;
    } catch {
      // the group is gone already
    }
  }
  return child.kill(signal);
}

/** The last `n` lines of a text, for error messages that quote a tool's output. */
export function tail(text: string, n = 20): string {
  const lines = text.trimEnd().split('\n');
  return lines.slice(-n).join('\n');
}
