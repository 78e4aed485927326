// The CPython source tarball of a spec: found in the store by its sha256, else fetched from the
// spec's URLs in order, hashed while it streams into the store. Bytes that are not the pinned ones
// never enter the store.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { EnvironmentError, UsageError } from '../../shared/errors.js';
import type { PythonSpec } from '../model/manifests.js';
import { HashMismatchError, type Store } from '../store/store.js';
import { obtainBlob } from '../store/read-through.js';
import type { RemoteStore } from '../store/remote.js';

/** A URL whose bytes are not the pinned ones: never retried against the next URL — someone must look. */
export class SourceMismatchError extends EnvironmentError {}

const HEADERS_TIMEOUT_MS = 30_000;

/** Opens a URL for streaming, or throws an Error whose message says why it could not. */
async function openUrl(url: string): Promise<Readable> {
  const u = new URL(url);
  if (u.protocol === 'file:') {
    const path = fileURLToPath(u);
    const st = await stat(path).catch((err: NodeJS.ErrnoException) => {
      throw new Error(err.code === 'ENOENT' ? 'no such file' : (err.code ?? err.message));
    });
    if (!st.isFile()) throw new Error('not a regular file');
    return createReadStream(path);
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), HEADERS_TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(url, { signal: controller.signal, redirect: 'follow' });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(
      controller.signal.aborted
        ? `no answer within ${HEADERS_TIMEOUT_MS / 1000} s`
        : (cause?.code ?? cause?.message ?? (err as Error).message),
    );
  } finally {
    clearTimeout(timer);
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
  }
  return Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
}

export interface SourceResult {
  path: string;
  sha256: string;
  /** 'store' when it was already there, else the URL it came from. */
  from: string;
}

/**
 * The verified path of the spec's source tarball in the store, fetching it if needed.
 * Throws SourceMismatchError (exit 3) naming the URL and both hashes when a URL serves other bytes,
 * EnvironmentError (exit 3) listing every attempt when no URL could be read.
 */
export function ensureSource(
  store: Store,
  spec: PythonSpec,
  onTry?: (url: string) => void,
  remote?: RemoteStore,
): Promise<SourceResult> {
  return ensurePinned(
    store,
    spec.source,
    {
      what: 'the CPython source',
      field: 'source',
      offline:
        'on a machine without network, copy the tarball here and run: pyhermetic source import Python-X.Y.Z.tgz --store <the same store>',
      onTry,
    },
    remote,
  );
}

/** A pinned input by sha256 (source tarball, build root): from the store, else from its URLs in order. */
export async function ensurePinned(
  store: Store,
  pinned: { sha256: string; urls: string[] },
  how: { what: string; field: string; offline: string; onTry?: (url: string) => void },
  remote?: RemoteStore,
): Promise<SourceResult> {
  const want = pinned.sha256;
  const have = await store.blob(want);
  if (have) return { path: have, sha256: want, from: 'store' };
  const shared = remote ? await obtainBlob(store, remote, want) : undefined;
  if (shared) return { path: shared, sha256: want, from: remote!.shown };
  const tried: string[] = [];
  for (const url of pinned.urls) {
    how.onTry?.(url);
    let stream: Readable;
    try {
      stream = await openUrl(url);
    } catch (err) {
      tried.push(`${url}: ${(err as Error).message}`);
      continue;
    }
    try {
      const put = await store.putBlob(stream, want);
      return { path: put.path, sha256: want, from: url };
    } catch (err) {
      if (err instanceof HashMismatchError) {
        throw new SourceMismatchError(
          `${url} served other bytes than the spec pins: expected sha256 ${want}, got ${err.actual} (${err.size} bytes); nothing was stored`,
          `do not use that URL until you know why (a changed release, a captive portal, a tampered mirror); if the spec's ${how.field}.sha256 is wrong, fix it in python.json`,
        );
      }
      tried.push(`${url}: ${(err as Error).message} (while downloading)`);
    }
  }
  const list = tried.length > 0 ? tried.map((t) => `  ${t}`).join('\n') : `  (the spec lists no ${how.field}.urls)`;
  throw new EnvironmentError(
    `${how.what} ${want} is not in the store ${store.root} and no URL could be read:\n${list}`,
    how.offline,
  );
}

/** `source import`: stores a local tarball by its sha256 (optionally checking it against `expected`). */
export async function importSource(
  store: Store,
  file: string,
  expected?: string,
): Promise<{ sha256: string; size: number; path: string; existed: boolean }> {
  const st = await stat(file).catch(() => undefined);
  if (!st?.isFile())
    throw new UsageError(`no such file: ${file}`, 'pass the path of a source tarball, e.g. Python-3.11.2.tgz');
  try {
    return await store.putBlob(file, expected);
  } catch (err) {
    if (err instanceof HashMismatchError) {
      throw new UsageError(
        `${file} has sha256 ${err.actual}, not the expected ${err.expected}; nothing was stored`,
        'import the tarball the spec pins',
      );
    }
    throw err;
  }
}
