// `pyhermetic diff A B`: what changed between two packages, or between a package and an env (or two
// envs), in the terms of the verify report: the interpreter, the distributions (added, removed,
// version changed) and the files (added, removed, changed). An env is hashed with the pack policy,
// so a package and the env it was packed from are identical.
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import { hashTree } from '../archive/archive.js';
import { PACKAGE_MANIFEST, type EnvManifest, type FileRecord, type PackageManifest } from '../model/manifests.js';
import { readEnvManifest } from './pack.js';
import { APP_DIR, ENV_TREE_OPTIONS, includeAppPath, includeEnvPath, transformEnvFile } from './pack-policy.js';
import { isAppPath } from './package-layout.js';
import { readPackage, type PackageContents } from './package-read.js';
import { compareTrees, describeChange } from './tree-diff.js';
import { normalizeName } from '../deps/dist-metadata.js';
import { packagedDistributions } from './packaged-distributions.js';

export interface Snapshot {
  path: string;
  kind: 'package' | 'env' | 'extracted package';
  interpreter: EnvManifest['interpreter'];
  distributions: { name: string; version: string }[];
  files: FileRecord[];
  hasApp: boolean;
}

export interface DiffResult {
  identical: boolean;
  a: { path: string; kind: Snapshot['kind'] };
  b: { path: string; kind: Snapshot['kind'] };
  interpreter: { field: string; a: unknown; b: unknown }[];
  distributions: {
    added: { name: string; version: string }[];
    removed: { name: string; version: string }[];
    changed: { name: string; a: string; b: string }[];
  };
  files: { added: string[]; removed: string[]; changed: { path: string; what: string }[] };
  notes: string[];
}

/** The snapshot of a package already read (callers that need more of the package read it once). */
export function packageSnapshot(path: string, pkg: PackageContents): Snapshot {
  return {
    path,
    kind: 'package',
    interpreter: pkg.manifest!.env.interpreter,
    distributions: packagedDistributions(pkg).map(({ name, version }) => ({ name, version })),
    files: [...pkg.records.values()].filter((r) => r.path !== PACKAGE_MANIFEST),
    hasApp: pkg.manifest!.app !== null,
  };
}

async function snapshot(arg: string): Promise<Snapshot> {
  const path = resolve(arg);
  const st = await stat(path).catch(() => undefined);
  if (!st)
    throw new UsageError(
      `${arg} does not exist`,
      'pass a package (.tar.gz made by pyhermetic pack) or an env directory (made by pyhermetic env create)',
    );
  if (st.isFile()) return packageSnapshot(path, await readPackage(path));
  const packageManifest = await readFile(join(path, PACKAGE_MANIFEST), 'utf8').then(
    (t) => JSON.parse(t) as PackageManifest,
    () => undefined,
  );
  if (packageManifest?.kind === 'pyhermetic-package') {
    // An extracted package: the env policy for the env part, the app policy under app/.
    const appPrefix = `${APP_DIR}/`;
    const files = await hashTree(path, {
      include: (rel, isDir) =>
        rel === PACKAGE_MANIFEST
          ? false
          : rel.startsWith(appPrefix)
            ? includeAppPath(rel.slice(appPrefix.length), isDir)
            : includeEnvPath(rel, isDir),
      transform: (rel, content) => (isAppPath(rel) ? undefined : transformEnvFile(rel, content)),
    });
    return {
      path,
      kind: 'extracted package',
      interpreter: packageManifest.env.interpreter,
      distributions: packageManifest.env.distributions.map(({ name, version }) => ({ name, version })),
      files,
      hasApp: packageManifest.app !== null,
    };
  }
  const env = await readEnvManifest(path);
  const files = await hashTree(path, ENV_TREE_OPTIONS);
  return {
    path,
    kind: 'env',
    interpreter: env.interpreter,
    distributions: env.distributions.map(({ name, version }) => ({ name, version })),
    files,
    hasApp: false,
  };
}

export function diffSnapshots(a: Snapshot, b: Snapshot): DiffResult {
  const notes: string[] = [];
  const interpreter: DiffResult['interpreter'] = [];
  for (const field of ['fingerprint', 'artifactSha256', 'version', 'shared', 'python'] as const) {
    if (a.interpreter[field] !== b.interpreter[field])
      interpreter.push({ field, a: a.interpreter[field], b: b.interpreter[field] });
  }
  const da = new Map(a.distributions.map((d) => [normalizeName(d.name), d]));
  const db = new Map(b.distributions.map((d) => [normalizeName(d.name), d]));
  const distributions: DiffResult['distributions'] = { added: [], removed: [], changed: [] };
  for (const [key, d] of da) {
    const other = db.get(key);
    if (!other) distributions.removed.push(d);
    else if (other.version !== d.version) distributions.changed.push({ name: d.name, a: d.version, b: other.version });
  }
  for (const [key, d] of db) if (!da.has(key)) distributions.added.push(d);
  const compareApp = a.hasApp && b.hasApp;
  if (a.hasApp !== b.hasApp) notes.push(`app/ not compared: only ${a.hasApp ? 'A' : 'B'} has an app`);
  const tree = compareTrees(a.files, b.files, (p) => compareApp || !isAppPath(p));
  const files: DiffResult['files'] = {
    added: tree.added.map((r) => r.path),
    removed: tree.removed.map((r) => r.path),
    changed: tree.changed.map((c) => ({ path: c.path, what: describeChange(c) })),
  };
  const identical =
    interpreter.length === 0 &&
    distributions.added.length + distributions.removed.length + distributions.changed.length === 0 &&
    files.added.length + files.removed.length + files.changed.length === 0;
  return {
    identical,
    a: { path: a.path, kind: a.kind },
    b: { path: b.path, kind: b.kind },
    interpreter,
    distributions,
    files,
    notes,
  };
}

export async function diffArtifacts(a: string, b: string): Promise<DiffResult> {
  const [sa, sb] = await Promise.all([snapshot(a), snapshot(b)]);
  return diffSnapshots(sa, sb);
}

/** The human form: a few headed lists, each line one change. */
export function formatDiff(d: DiffResult, maxFiles = 50): string {
  const lines = [`A: ${d.a.path} (${d.a.kind})`, `B: ${d.b.path} (${d.b.kind})`];
  if (d.identical) {
    lines.push('identical: same interpreter, same distributions, same files');
  } else {
    if (d.interpreter.length) {
      lines.push('interpreter:');
      for (const i of d.interpreter) lines.push(`  ${i.field}: ${JSON.stringify(i.a)} → ${JSON.stringify(i.b)}`);
    }
    const ds = d.distributions;
    if (ds.added.length + ds.removed.length + ds.changed.length) {
      lines.push('distributions:');
      for (const x of ds.added) lines.push(`  + ${x.name} ${x.version}`);
      for (const x of ds.removed) lines.push(`  - ${x.name} ${x.version}`);
      for (const x of ds.changed) lines.push(`  ~ ${x.name} ${x.a} → ${x.b}`);
    }
    const fs = d.files;
    const n = fs.added.length + fs.removed.length + fs.changed.length;
    if (n) {
      lines.push(`files: ${fs.added.length} added, ${fs.removed.length} removed, ${fs.changed.length} changed`);
      const all = [
        ...fs.added.map((p) => `  + ${p}`),
        ...fs.removed.map((p) => `  - ${p}`),
        ...fs.changed.map((c) => `  ~ ${c.path}: ${c.what}`),
      ];
      lines.push(...all.slice(0, maxFiles));
      if (all.length > maxFiles) lines.push(`  … ${all.length - maxFiles} more (use --json for all)`);
    }
  }
  for (const note of d.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}
