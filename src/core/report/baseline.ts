// "Changes since the baseline": what a new package changes against the last released one, from the
// existing `diff` (core/package/diff.ts): distributions added, removed, upgraded, downgraded (PEP 440
// order), whether the interpreter changed, the files changed in the app, and each distribution's
// installed size before and after (from the env manifests packed inside both packages).
import { UsageError } from '../../shared/errors.js';
import { sha256OfFile } from '../../shared/canonical.js';
import { normalizeName } from '../deps/lockfile.js';
import { diffArtifacts } from '../package/diff.js';
import { isAppPath } from '../package/package-layout.js';
import { readPackage } from '../package/package-read.js';
import { comparePep440 } from './pep440.js';

export interface VersionChange {
  name: string;
  from: string;
  to: string;
}

export interface DistributionSize {
  name: string;
  /** Installed bytes in the baseline (null: not there). */
  before: number | null;
  after: number | null;
}

export interface BaselineSection {
  baseline: { path: string; sha256: string };
  package: { path: string; sha256: string };
  identical: boolean;
  interpreter: { changed: boolean; fields: { field: string; before: unknown; after: unknown }[] };
  distributions: {
    added: { name: string; version: string }[];
    removed: { name: string; version: string }[];
    upgraded: VersionChange[];
    downgraded: VersionChange[];
    unchanged: number;
  };
  app: { added: string[]; removed: string[]; changed: { path: string; what: string }[] };
  /** Files outside app/ that changed, counted (the distributions and the interpreter explain them). */
  otherFiles: { added: number; removed: number; changed: number };
  sizes: DistributionSize[];
}

async function distributionSizes(file: string): Promise<Map<string, { name: string; size: number }>> {
  const pkg = await readPackage(file);
  const sizes = new Map<string, { name: string; size: number }>();
  for (const d of pkg.manifest!.env.distributions)
    sizes.set(normalizeName(d.name), { name: d.name, size: d.files.reduce((n, f) => n + f.size, 0) });
  return sizes;
}

export async function compareWithBaseline(baseline: string, pkg: string): Promise<BaselineSection> {
  const [diff, before, after, baseDigest, pkgDigest] = await Promise.all([
    diffArtifacts(baseline, pkg),
    distributionSizes(baseline),
    distributionSizes(pkg),
    sha256OfFile(baseline),
    sha256OfFile(pkg),
  ]).catch((err) => {
    if (err instanceof UsageError)
      throw new UsageError(
        `the baseline: ${err.message}`,
        'pass the last released package (a .tar.gz made by `pyhermetic pack`) as --baseline',
      );
    throw err;
  });
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
    baseline: { path: diff.a.path, sha256: baseDigest.sha256 },
    package: { path: diff.b.path, sha256: pkgDigest.sha256 },
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
