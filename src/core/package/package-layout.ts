// Where things live in a package (and in an env, which has the same layout minus app/): which paths
// are the interpreter's own, which belong to installed distributions, which are the app. verify and
// diff both need the same answers.
import type { EnvManifest } from '../model/manifests.js';
import { APP_DIR } from './pack-policy.js';

const SITE_PACKAGES = /^lib\/python\d+\.\d+t?\/site-packages\//;
const LIB_DYNLOAD = /^lib\/python\d+\.\d+t?\/lib-dynload\//;

export function isAppPath(rel: string): boolean {
  return rel === APP_DIR || rel.startsWith(`${APP_DIR}/`);
}

export function isSitePackagesPath(rel: string): boolean {
  return SITE_PACKAGES.test(rel);
}

/** Paths owned by some distribution according to the env manifests given. */
export function distributionPaths(...manifests: (EnvManifest | undefined)[]): Set<string> {
  const owned = new Set<string>();
  for (const m of manifests) for (const d of m?.distributions ?? []) for (const f of d.files) owned.add(f.path);
  return owned;
}

/**
 * The interpreter's own files: everything outside site-packages and app/ that no distribution owns
 * (bin/python3.11, the stdlib, lib-dynload, libpython, headers, the env manifest).
 */
export function isInterpreterPath(rel: string, owned: Set<string>): boolean {
  return !isAppPath(rel) && !isSitePackagesPath(rel) && !owned.has(rel);
}

const EXT_MODULE = /^([A-Za-z_][A-Za-z0-9_]*)(\.[A-Za-z0-9_-]+)*\.so$/;

/**
 * The top-level modules a smoke test imports by default: every extension module directly in
 * site-packages or lib-dynload, and every top-level package of site-packages holding an extension
 * module somewhere below it. Bundled-library directories (numpy.libs) are not modules.
 */
export function topLevelExtensionModules(paths: Iterable<string>): string[] {
  const all = [...paths];
  const has = new Set(all);
  const fromSite = new Set<string>();
  const fromDynload = new Set<string>();
  for (const rel of all) {
    if (!rel.endsWith('.so')) continue;
    const site = SITE_PACKAGES.exec(rel);
    const dynload = site ? null : LIB_DYNLOAD.exec(rel);
    const prefix = site?.[0] ?? dynload?.[0];
    if (prefix === undefined) continue;
    const names = site ? fromSite : fromDynload;
    const rest = rel.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash < 0) {
      const m = EXT_MODULE.exec(rest);
      if (m) names.add(m[1]);
      continue;
    }
    const top = rest.slice(0, slash);
    if (site && /^[A-Za-z_][A-Za-z0-9_]*$/.test(top) && has.has(`${prefix}${top}/__init__.py`)) names.add(top);
  }
  // The distributions' modules first: they are what a person looks for in the report's summary.
  return [...[...fromSite].sort(), ...[...fromDynload].filter((n) => !fromSite.has(n)).sort()];
}
