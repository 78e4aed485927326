// Archive paths as the reader and the tree walker judge them: normalised to plain relative paths (or
// refused), symlinks that would lead outside the root, and absolute targets of a root filesystem made
// relative to it.
import { posix } from 'node:path';

/** Symlink resolution gives up after this many hops, as the kernel does (ELOOP). */
const MAX_LINK_HOPS = 40;

/** Normalises an archive path to a plain relative POSIX path ('' for the root) or says why it is refused. */
export function safeRelative(name: string): { path: string } | { reason: string } {
  if (name.includes('\0')) return { reason: 'path contains a NUL byte' };
  if (name.startsWith('/')) return { reason: 'absolute path (would be written outside the destination)' };
  const parts: string[] = [];
  for (const c of name.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') return { reason: 'path has a ".." component (would be written outside the destination)' };
    parts.push(c);
  }
  return { path: parts.join('/') };
}

function splitPath(p: string): string[] {
  return p.split('/').filter((c) => c !== '' && c !== '.');
}

/**
 * Whether the symlink at linkPath with `target` leads above the root, following the archive's other
 * symlinks the way the kernel would (so `s -> .` plus `e -> s/../x` is caught). A loop is not an
 * escape: nothing can be reached through it.
 */
export function symlinkEscapes(linkPath: string, target: string, symlinks: Map<string, string>): boolean {
  if (target.startsWith('/')) return true;
  const todo = [...splitPath(posix.dirname(linkPath)), ...target.split('/')];
  const resolved: string[] = [];
  let hops = 0;
  while (todo.length > 0) {
    const c = todo.shift()!;
    if (c === '' || c === '.') continue;
    if (c === '..') {
      if (resolved.length === 0) return true;
      resolved.pop();
      continue;
    }
    resolved.push(c);
    const t = symlinks.get(resolved.join('/'));
    if (t === undefined) continue;
    if (++hops > MAX_LINK_HOPS) return false;
    if (t.startsWith('/')) return true;
    resolved.pop();
    todo.unshift(...t.split('/'));
  }
  return false;
}

/**
 * The relative link that means, inside a root filesystem, what the absolute `target` of the symlink
 * at `linkPath` means there: /usr/bin/awk -> /etc/alternatives/awk becomes ../../etc/alternatives/awk.
 * Relative targets are returned unchanged. linkPath must not go through symlinks (tree walks and
 * archives give real paths), so the link's own directory is where the kernel starts resolving.
 */
export function rootRelativeTarget(linkPath: string, target: string): string {
  if (!target.startsWith('/')) return target;
  const rel = posix.relative(posix.dirname(`/${linkPath}`), posix.normalize(target));
  return rel === '' ? '.' : rel;
}
