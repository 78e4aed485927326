// Deterministic tar.gz writing, safe streaming reading and extraction, and tree hashing with the
// writer's exact semantics. One entry point for the stages; the work is split by direction:
//   tar-format.ts  header bytes (ustar + pax), UnsafeArchiveError, FIXED_MTIME
//   tar-tree.ts    walking/hashing a tree as it is packed (include, transform, mode normalisation)
//   tar-write.ts   writeDeterministicTarGz (atomic: temp + fsync + rename + fsync dir)
//   tar-parse.ts   the refusing tar stream parser and its limits
//   tar-read.ts    readTarGz (file → gunzip → parser)
//   tar-gzip.ts    deterministic parallel gzip used by the writer, its blocks deflated by
//   deflate-pool.ts / deflate-worker.ts / deflate-block.ts  worker threads running pako (pinned, bundled)
//   tar-extract.ts extractTarGz
export { FIXED_MTIME, UnsafeArchiveError } from './tar-format.js';
export { hashTree, normaliseMode, SYMLINK_MODE, specialFileKind } from './tar-tree.js';
export { writeDeterministicTarGz, type TarWriteOptions, type TarWriteResult } from './tar-write.js';
export { readTarGz, DEFAULT_READ_LIMITS, type TarEntryInfo, type TarReadLimits } from './tar-read.js';
export { extractTarGz } from './tar-extract.js';
