// Temp trees named after their owner process (`<prefix><pid>.<start time>-<random>`), so a later run
// can tell a temp left by a killed process from one another run is still writing: only the first kind
// is removed. The owner token is the store's (pid + the kernel's start time of that pid), so a reused
// pid never makes a live writer's temp look dead.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ownerAlive, ownerToken } from '../core/store/store-lock.js';

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
    const removed = await rm(join(dir, name), { recursive: true, force: true, maxRetries: 3 }).then(() => true, () => false);
    if (removed) swept.push(name);
  }
  return swept;
}
