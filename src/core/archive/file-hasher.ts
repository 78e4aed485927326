// sha256 of many files, read once each, off the main thread: `verify` inflates and parses the package on
// the main thread while the tested tree is hashed here, so the two overlap on two cores instead of
// taking turns. Each file is opened without following symlinks (a file swapped for a link to
// /etc/shadow fails with ELOOP instead of being read) and read through one reused buffer, so hashing
// 500 MB allocates nothing per file and leaves the garbage collector idle.
//
// The worker's code is a plain CommonJS string run with `eval: true`: the runner stays one file,
// and the worker starts in tens of milliseconds instead of evaluating the whole bundle. It uses node
// builtins only. Short lists are hashed on the calling thread (same reads, same results): a worker
// costs more to start than a few files cost to hash.
import { createHash } from 'node:crypto';
import { closeSync, constants as fsConstants, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

export interface FileHash {
  sha256: string;
  /** Bytes read (the size the file had while it was hashed). */
  size: number;
}

/** An errno error of the worker, rebuilt with the fields the callers' error mapping reads. */
export interface HashError extends Error {
  code?: string;
  path?: string;
  syscall?: string;
}

const NO_FOLLOW = fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW;
const BUFFER_BYTES = 1024 * 1024;
/** Below this many files the calling thread hashes them itself. */
export const WORKER_MIN_FILES = 256;

/** One file through one reused buffer, on the calling thread: the worker's loop, for short lists. */
export function hashFileSync(path: string, buf: Buffer = Buffer.allocUnsafe(BUFFER_BYTES)): FileHash {
  const fd = openSync(path, NO_FOLLOW);
  try {
    const h = createHash('sha256');
    let size = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(n === buf.length ? buf : buf.subarray(0, n));
      size += n;
    }
    return { sha256: h.digest('hex'), size };
  } finally {
    closeSync(fd);
  }
}

const WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const buf = Buffer.allocUnsafe(${BUFFER_BYTES});
const paths = workerData.paths;
const out = new Array(paths.length * 2);
let i = 0;
try {
  for (; i < paths.length; i++) {
    const fd = openSync(paths[i], ${NO_FOLLOW});
    try {
      const h = createHash('sha256');
      let size = 0;
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, null);
        if (n === 0) break;
        h.update(n === buf.length ? buf : buf.subarray(0, n));
        size += n;
      }
      out[2 * i] = h.digest('hex');
      out[2 * i + 1] = size;
    } finally {
      closeSync(fd);
    }
  }
  parentPort.postMessage({ hashes: out });
} catch (err) {
  parentPort.postMessage({
    error: { message: String(err && err.message), code: err && err.code, syscall: err && err.syscall, path: paths[i] },
  });
}
`;

function rebuildError(e: { message: string; code?: string; syscall?: string; path?: string }): HashError {
  const err = new Error(e.message) as HashError;
  if (e.code) err.code = e.code;
  if (e.syscall) err.syscall = e.syscall;
  if (e.path) err.path = e.path;
  return err;
}

/**
 * The sha256 and size of each file, in the order given. The first file that cannot be read rejects
 * with its errno error (code, syscall and path set, as fs would throw it).
 */
export async function hashFiles(paths: string[]): Promise<FileHash[]> {
  if (paths.length < WORKER_MIN_FILES) {
    const buf = Buffer.allocUnsafe(BUFFER_BYTES);
    return paths.map((p) => hashFileSync(p, buf));
  }
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { paths } });
  try {
    const flat = await new Promise<(string | number)[]>((resolve, reject) => {
      worker.once('message', (m: { hashes?: (string | number)[]; error?: Parameters<typeof rebuildError>[0] }) =>
        m.error ? reject(rebuildError(m.error)) : resolve(m.hashes!),
      );
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the file hashing worker exited (${code}) before it answered`)));
    });
    return paths.map((_, i) => ({ sha256: flat[2 * i] as string, size: flat[2 * i + 1] as number }));
  } finally {
    await worker.terminate();
  }
}
