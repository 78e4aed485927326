// The digest of a tree's file records (a tested env hashed with the pack policy, or the env part of a
// package): what a tested record names and `verify --tested-record` compares.
import { canonicalJson, sha256Hex } from '../../shared/canonical.js';
import type { FileRecord } from '../model/manifests.js';

/**
 * The digest of a tree's file records: sha256 over the canonical JSON of [path, sha256, mode, link]
 * sorted by path (sizes are implied by the hashes). The same records give the same digest whether
 * they come from hashing a directory or from reading a package.
 */
export function envTreeDigest(records: Iterable<FileRecord>): string {
  const rows = [...records]
    .map((r) => [r.path, r.sha256, r.mode, r.link ?? null])
    .sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  return sha256Hex(canonicalJson(rows));
}
