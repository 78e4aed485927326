// What it takes, after `make install`, for two builds of one spec to give byte-identical artifacts,
// and what (if anything) could not be made identical. Findings from comparing real builds are in
// the README section "Interpreter artifacts and the store".
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Files that differ between builds of one spec, with the reason; listed in interpreter.json. */
export const NON_REPRODUCIBLE: { path: string; reason: string }[] = [];

/** Every path under root (files, links and directories), relative. */
export async function listTree(root: string, rel = ''): Promise<Set<string>> {
  const out = new Set<string>();
  for (const d of await readdir(join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${d.name}` : d.name;
    out.add(p);
    if (d.isDirectory()) for (const q of await listTree(root, p)) out.add(q);
  }
  return out;
}

/**
 * Removes whatever appeared under root since `before` was taken: running the interpreter for the
 * self-check and the fingerprint may write __pycache__ entries with the current time in them.
 */
export async function removeNewPaths(root: string, before: Set<string>): Promise<string[]> {
  const now = await listTree(root);
  const added = [...now].filter((p) => !before.has(p)).sort((a, b) => a.length - b.length);
  const removed: string[] = [];
  for (const p of added) {
    if (removed.some((r) => p.startsWith(`${r}/`))) continue;
    await rm(join(root, p), { recursive: true, force: true });
    removed.push(p);
  }
  return removed;
}

/** Post-install fixes applied to the staged prefix before it is packed. */
export async function prepareForPacking(_prefix: string): Promise<void> {
  // Filled in from the comparison of two real builds (see NON_REPRODUCIBLE and the README).
}
