// The temp tree an env is made in, beside DEST: made after sweeping those of killed creates, removed on
// SIGINT/SIGTERM, and swapped into place only once complete (with --force, the old DEST is renamed away
// first and deleted after), so DEST is never a half-made env.
import { existsSync, rmSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { tempStem } from '../../shared/atomic-file.js';
import { ownedTempPrefix, sweepDeadTemps } from '../../shared/dead-temps.js';
import { UsageError } from '../../shared/errors.js';
import { killRunningChildren } from '../../shared/exec.js';
import * as log from '../../shared/log.js';
import { checkReplaceable } from './env-replace.js';

export async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** Moves the finished temp tree to DEST; with force, the old DEST is renamed away first and deleted after. */
export async function publish(tmpRoot: string, dest: string, force: boolean): Promise<void> {
  if (!(await exists(dest))) {
    await rename(tmpRoot, dest);
    return;
  }
  if (!force)
    throw new UsageError(
      `${dest} appeared while the env was being created`,
      'pass a DEST that does not exist, or --force to replace it',
    );
  checkReplaceable(dest); // again: the directory may have changed while the env was being made
  const old = await mkdtemp(join(dirname(dest), await ownedTempPrefix(`.${tempStem(basename(dest))}.pyhermetic-old-`)));
  await rename(dest, join(old, 'env'));
  await rename(tmpRoot, dest);
  await rm(old, { recursive: true, force: true });
}

/** The temp tree beside DEST the env is made in, after removing those of killed creates of this DEST. */
export async function makeTempTree(dest: string): Promise<string> {
  await mkdir(dirname(dest), { recursive: true });
  // Temps of killed creates of this DEST are removed; a running create's temp is left alone.
  // The stem is cut short: a legal 240-character --dest must not give a temp name over 255 bytes.
  const tempPrefix = `.${tempStem(basename(dest))}.pyhermetic-tmp-`;
  for (const prefix of [tempPrefix, `.${tempStem(basename(dest))}.pyhermetic-old-`])
    for (const name of await sweepDeadTemps(dirname(dest), prefix))
      log.info(`removed ${name}, left by a killed env create`);
  return mkdtemp(join(dirname(dest), await ownedTempPrefix(tempPrefix)));
}

/** A Jenkins abort (SIGTERM) or Ctrl-C must not leave the temp tree behind either: the handler for both. */
export function removeOnSignal(tmpRoot: string, dest: string): (signal: NodeJS.Signals) => void {
  return (signal) => {
    // File copies still in flight on libuv's threads can recreate entries while this removes the
    // tree (ENOTEMPTY): retry a few times; whatever is left, the next create's sweep removes (the
    // temp is named after this process, which is about to be gone).
    // cp and pip children first: killed, they write nothing more into the tree removed below.
    if (killRunningChildren() > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    try {
      for (let pass = 0; pass < 3; pass++) {
        rmSync(tmpRoot, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
        // Let operations already queued on libuv's threads land, then look again.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
        if (!existsSync(tmpRoot)) break;
      }
    } catch {
      log.warn(`could not remove ${tmpRoot} completely; the next env create of ${dest} will`);
    }
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
}
