// Temp trees named after their owner process (`<prefix><pid>.<start time>-<random>`), so a later run
// can tell a temp left by a killed process from one another run is still writing: only the first kind
// is removed. The owner token is the pid plus the kernel's start time of that pid, so a reused
// pid never makes a live writer's temp look dead.
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** The name prefix for a new temp of this process: `<prefix><pid>.<start>-` (mkdtemp adds the random part). */
export async function ownedTempPrefix(prefix: string): Promise<string> {
  return `${prefix}${await ownerToken()}-`;
}

/** Removes the entries of `dir` named `<prefix><token>-…` whose owner process is gone; returns their names. */
export async function sweepDeadTemps(dir: string, prefix: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const swept: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const dash = rest.lastIndexOf('-');
    if (dash <= 0) continue;
    if (await ownerAlive(rest.slice(0, dash))) continue;
    // A child of the dead owner (pip) may still be writing into the tree; then leave it for a later run.
    const removed = await rm(join(dir, name), { recursive: true, force: true, maxRetries: 3 }).then(
      () => true,
      () => false,
    );
    if (removed) swept.push(name);
  }
  return swept;
}

/** Field 22 of /proc/PID/stat (start time in clock ticks since boot): with the pid, a process identity that survives pid reuse. */
export async function processStartTime(pid: number): Promise<string | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const afterComm = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return afterComm[19];
  } catch {
    return undefined;
  }
}

let selfToken: string | undefined;

/** `<pid>.<starttime>` of this process: written into temp names so a sweeper can tell live owners from dead ones. */
export async function ownerToken(): Promise<string> {
  if (!selfToken) selfToken = `${process.pid}.${(await processStartTime(process.pid)) ?? '0'}`;
  return selfToken;
}

/** ownerToken() for callers that cannot wait (temp names built synchronously). */
export function ownerTokenSync(): string {
  if (!selfToken) {
    let start = '0';
    try {
      const stat = readFileSync(`/proc/${process.pid}/stat`, 'utf8');
      start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '0';
    } catch {
      // no /proc: the pid alone (a reused pid then only delays a sweep)
    }
    selfToken = `${process.pid}.${start}`;
  }
  return selfToken;
}

/**
 * sweepDeadTemps for every prefix `pattern` captures (group 1) among the names of `dir`: for temps
 * whose prefix varies, like `.<artifact sha>.tmp-` in the interpreter cache.
 */
export async function sweepDeadTempsMatching(dir: string, pattern: RegExp): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const prefixes = new Set(names.map((n) => pattern.exec(n)?.[1]).filter((p): p is string => p !== undefined));
  const swept: string[] = [];
  for (const prefix of prefixes) swept.push(...(await sweepDeadTemps(dir, prefix)));
  return swept;
}

/** True when the process named by an owner token still runs (same pid and same start time). */
export async function ownerAlive(token: string): Promise<boolean> {
  const [pidText, start] = token.split('.');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  const now = await processStartTime(pid);
  return now !== undefined && now === start;
}

/**
 * mkdtemp in `dir` under a name that carries this process's owner token, after removing the temps of
 * that prefix whose owners are gone: a SIGKILLed run's tree is removed by the next run.
 */
export async function ownedTempDir(dir: string, prefix: string): Promise<string> {
  await sweepDeadTemps(dir, prefix);
  return mkdtemp(join(dir, await ownedTempPrefix(prefix)));
}
