// What it takes, after `make install`, for two builds of one spec to give byte-identical artifacts,
// and what (if anything) could not be made identical. Findings from comparing real builds are in
// the README section "Interpreter artifacts and the store".
import { lstat, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rewriteLaunchers } from './launcher.js';

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

/**
 * ensurepip writes bin/pip3 with `#!<configured prefix>/bin/python`, a file make install never
 * creates. Point such shebangs at the interpreter that exists, so the relative launcher that replaces
 * them (launcher.ts) finds it beside the script wherever the prefix is extracted.
 */
async function fixMissingShebangTargets(prefix: string, configuredPrefix: string, python: string): Promise<void> {
  const bin = join(prefix, 'bin');
  for (const name of await readdir(bin)) {
    const file = join(bin, name);
    const st = await lstat(file);
    if (!st.isFile() || st.size < 4) continue;
    const content = await readFile(file);
    const nl = content.indexOf(0x0a);
    const first = content.subarray(0, nl === -1 ? content.length : nl).toString('utf8');
    const m = /^#!(\S+)(.*)$/.exec(first);
    if (!m?.[1].startsWith(`${configuredPrefix}/bin/`)) continue;
    const target = m[1].slice(configuredPrefix.length + 1);
    if (
      await lstat(join(prefix, target)).then(
        () => true,
        () => false,
      )
    )
      continue;
    const fixed = Buffer.concat([
      Buffer.from(`#!${configuredPrefix}/${python}${m[2]}`),
      content.subarray(first.length),
    ]);
    await writeFile(file, fixed, { mode: st.mode & 0o7777 });
  }
}

/**
 * Post-install fixes applied to the staged prefix before it is packed: the interpreter's own scripts
 * (pip3, pydoc3, 2to3, idle3) get relative launchers instead of shebangs naming the configured
 * prefix, so they run wherever the artifact is extracted. Returns the rewritten scripts.
 */
export async function prepareForPacking(prefix: string, configuredPrefix: string, python: string): Promise<string[]> {
  await fixMissingShebangTargets(prefix, configuredPrefix, python);
  return rewriteLaunchers(prefix);
}
