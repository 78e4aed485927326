// When an archive is a decompression bomb: one rule for zip members (wheels), tar entries (packages,
// interpreter artifacts) and root tarballs, so every reader answers the same way.
//
// A bomb is judged by what it would cost. A high compression ratio alone is no bomb: onnx 1.23.1 ships
// a 2.5 MB test file of repeated rows that deflate shrinks 1016 times, and a small file of zeros does
// the same. The ratio counts only when the expansion would also pass a size that could hurt: one
// member past MEMBER_HARM_BYTES, or the whole archive past ARCHIVE_HARM_BYTES. Anything past both a
// harm size and the ratio is refused before it is read; anything merely big is bounded by the
// readers' absolute limits (maxEntryBytes, maxTotalBytes), whatever its ratio.

const MIB = 1024 * 1024;

export interface ExpansionLimits {
  /** The largest expanded/compressed ratio of a member or an archive that passes its harm size. */
  maxRatio: number;
  /** A member (zip member, tar entry) that expands past this is judged by its ratio. */
  memberHarmBytes: number;
  /** A whole archive that expands past this is judged by its ratio. */
  archiveHarmBytes: number;
}

/**
 * Real software compresses 2-10x (extension modules 2-5x, text 3-10x) and no honest member of a wheel
 * or package is both past 64 MiB and 200x smaller compressed; deflate's own ceiling is ~1030x (runs of
 * zeros, the classic bomb). 64 MiB and 1 GiB are what one member and one archive may cost in memory
 * or disk before the ratio is asked about at all.
 */
export const EXPANSION_LIMITS: ExpansionLimits = {
  maxRatio: 200,
  memberHarmBytes: 64 * MIB,
  archiveHarmBytes: 1024 * MIB,
};

export interface Expansion {
  /** expanded / compressed, rounded. */
  ratio: number;
  /** The harm size that was passed. */
  harmBytes: number;
}

/**
 * Whether `expanded` bytes out of `compressed` bytes make a bomb: past the harm size of its scope and
 * past the ratio limit. Returns what was passed (for the message), or undefined when it is no bomb.
 * `compressed` may be an upper bound (a tar entry's share of a gzip stream is not known, the whole
 * file's size bounds it): the ratio is then a lower bound, and a bomb by it is a bomb for sure.
 */
export function bombExpansion(
  scope: 'member' | 'archive',
  expanded: number,
  compressed: number,
  limits: ExpansionLimits = EXPANSION_LIMITS,
): Expansion | undefined {
  const harmBytes = scope === 'member' ? limits.memberHarmBytes : limits.archiveHarmBytes;
  if (expanded <= harmBytes) return undefined;
  const ratio = expanded / Math.max(compressed, 1);
  if (ratio <= limits.maxRatio) return undefined;
  return { ratio: Math.round(ratio), harmBytes };
}

/** `64 MiB`, `1 GiB`: the harm sizes as a person reads them. */
export function formatHarm(bytes: number): string {
  if (bytes >= 1024 * MIB && bytes % (1024 * MIB) === 0) return `${bytes / (1024 * MIB)} GiB`;
  return bytes >= MIB && bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`;
}
