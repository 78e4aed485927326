// Which files `audit pins` reads, and as what: by name first, then (for a file without an extension)
// by its first line, a shell shebang. Everything else is left alone, so a repository's sources, images
// and minified bundles cost one directory entry each.
import type { RequirementsRole } from './requirements-scan.js';

export type FileKind =
  | { kind: 'groovy' }
  | { kind: 'dockerfile' }
  | { kind: 'shell' }
  | { kind: 'requirements'; role: RequirementsRole }
  | { kind: 'spec' }
  | { kind: 'config' };

export type KindName = FileKind['kind'];

/** The kind a name says, `'shebang?'` for a name without an extension (decided by content), or null. */
export function kindByName(relPath: string): FileKind | 'shebang?' | null {
  const parts = relPath.split('/');
  const name = parts[parts.length - 1]!;
  const lower = name.toLowerCase();
  const inRequirementsDir = parts.length > 1 && /^requirements?$/i.test(parts[parts.length - 2]!);
  if (name === 'Jenkinsfile' || name.startsWith('Jenkinsfile.') || /\.(jenkinsfile|groovy|gvy)$/i.test(name))
    return { kind: 'groovy' };
  if (/^(dockerfile|containerfile)(\..+)?$/i.test(name) || /\.(dockerfile|containerfile)$/i.test(name))
    return { kind: 'dockerfile' };
  if (/\.(sh|bash|ksh|zsh|dash)$/i.test(name)) return { kind: 'shell' };
  if (lower === 'pyhermetic.json') return { kind: 'config' };
  if (lower === 'python.json' || lower.endsWith('.python.json')) return { kind: 'spec' };
  if (lower.endsWith('.in')) return { kind: 'requirements', role: 'input' };
  if (/constraints[^/]*\.txt$/.test(lower)) return { kind: 'requirements', role: 'constraints' };
  if (/requirements[^/]*\.(txt|lock)$/.test(lower) || (inRequirementsDir && lower.endsWith('.txt')))
    return { kind: 'requirements', role: 'lock' };
  if (!name.includes('.') || (name.startsWith('.') && !name.slice(1).includes('.'))) return 'shebang?';
  return null;
}

/** A shell script by its shebang (`#!/bin/sh`, `#!/usr/bin/env bash`, …). */
export function isShellShebang(head: string): boolean {
  return /^#!\s*\S*\/(env\s+(-\S+\s+)*)?(ba|da|k|z|a)?sh\b/.test(head);
}
