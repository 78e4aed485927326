// "Changes since the baseline": what a new package changes against the last released one, from the
// existing `diff` (core/package/diff.ts): distributions added, removed, upgraded, downgraded (PEP 440
// order), whether the interpreter changed, the files changed in the app, and each distribution's
// installed size before and after (from the env manifests packed inside both packages).
import { UsageError } from '../../shared/errors.js';
import { sha256OfFile } from '../../shared/canonical.js';
import { normalizeName } from '../deps/dist-metadata.js';
import { resolve } from 'node:path';
import { diffSnapshots, packageSnapshot } from '../package/diff.js';
import { isAppPath } from '../package/package-layout.js';
import { readPackage, type PackageContents } from '../package/package-read.js';
import { comparePep440 } from './pep440.js';
import type { BaselineSection } from '../model/baseline-section.js';

function distributionSizes(pkg: PackageContents): Map<string, { name: string; size: number }> {
  const sizes = new Map<string, { name: string; size: number }>();
  for (const d of pkg.manifest!.env.distributions)
    sizes.set(normalizeName(d.name), { name: d.name, size: d.files.reduce((n, f) => n + f.size, 0) });
  return sizes;
}

/** Reads a package for the comparison; a file that is not one is named as the baseline or the package. */
async function read(path: string, what: string): Promise<{ pkg: PackageContents; sha256: string }> {
  try {
    const [pkg, digest] = await Promise.all([readPackage(path), sha256OfFile(path)]);
    return { pkg, sha256: digest.sha256 };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!(err instanceof UsageError) && !code) throw err;
    throw new UsageError(
      `the ${what}: ${(err as Error).message}`,
      what === 'baseline'
        ? 'pass the last released package (a .tar.gz made by `pyhermetic pack`) as --baseline'
        : 'pack the package again',
    );
  }
}

export async function compareWithBaseline(baseline: string, pkg: string): Promise<BaselineSection> {
  // Each package is read once (they are tens of MB): the diff and the sizes come from the same pass.
  const a = await read(resolve(baseline), 'baseline');
  const b = await read(resolve(pkg), 'package');
  const diff = diffSnapshots(packageSnapshot(resolve(baseline), a.pkg), packageSnapshot(resolve(pkg), b.pkg));
  const before = distributionSizes(a.pkg);
  const after = distributionSizes(b.pkg);
  const changes = diff.distributions.changed.map((c) => ({ name: c.name, from: c.a, to: c.b }));
  const names = new Set([...before.keys(), ...after.keys()]);
  const sizes = [...names]
    .map((key) => ({
      name: after.get(key)?.name ?? before.get(key)!.name,
      before: before.get(key)?.size ?? null,
      after: after.get(key)?.size ?? null,
    }))
    .sort(
      (a, b) =>
        Math.max(b.before ?? 0, b.after ?? 0) - Math.max(a.before ?? 0, a.after ?? 0) || (a.name < b.name ? -1 : 1),
    );
  const isApp = (p: string) => isAppPath(p);
  return {
    baseline: { path: diff.a.path, sha256: a.sha256 },
    package: { path: diff.b.path, sha256: b.sha256 },
    identical: diff.identical,
    interpreter: {
      changed: diff.interpreter.length > 0,
      fields: diff.interpreter.map((i) => ({ field: i.field, before: i.a, after: i.b })),
    },
    distributions: {
      added: diff.distributions.added,
      removed: diff.distributions.removed,
      upgraded: changes.filter((c) => comparePep440(c.from, c.to) < 0),
      downgraded: changes.filter((c) => comparePep440(c.from, c.to) > 0),
      unchanged: after.size - diff.distributions.added.length - changes.length,
    },
    app: {
      added: diff.files.added.filter(isApp),
      removed: diff.files.removed.filter(isApp),
      changed: diff.files.changed.filter((c) => isApp(c.path)),
    },
    otherFiles: {
      added: diff.files.added.filter((p) => !isApp(p)).length,
      removed: diff.files.removed.filter((p) => !isApp(p)).length,
      changed: diff.files.changed.filter((c) => !isApp(c.path)).length,
    },
    sizes,
  };
}
