// The HTTP conversation with the remote store: one request at a time with node:http(s), bounded
// retries with a capped backoff for 5xx and broken connections, redirects followed for reads only (at
// most 5, a loop is an error, credentials never follow to another origin), and every answer bounded:
//   - no answer (headers, or a first byte of the body) within the idle window → dropped;
//   - a body slower than the minimum throughput over a window → dropped (a drip ends in seconds);
//   - a whole transfer longer than the deadline → dropped;
//   - a Content-Length above the cap for what is fetched → refused at the header, and a body that runs
//     past the cap is cut off.
// Every failure is a RemoteError (exit 3) naming the method, the URL (never with credentials) and what
// was wrong. The settings come from the environment, range-checked (exit 2 when out of range).
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { EnvironmentError, UsageError } from '../../shared/errors.js';
import * as log from '../../shared/log.js';
import { CREDENTIAL_VARIABLES, redact, type RemoteCredentials } from './remote-config.js';

/** Anything the remote store did wrong or could not do: exit 3, nothing stored. */
export class RemoteError extends EnvironmentError {}

export interface HttpSettings {
  /** A window in which a request must get an answer, and a body must bring bytes. */
  idleMs: number;
  /** Attempts for a 5xx answer or a broken connection (1 = no retry). */
  attempts: number;
  backoffMs: number;
  /** The whole transfer of one request (answer and body) must end within this. */
  deadlineMs: number;
  /** Bytes per second a body must keep up, judged over each rate window; 0 = not judged. */
  minBytesPerSecond: number;
  /** The most a file whose size nobody gave may have (a source tarball or build root named by sha256). */
  maxUnsizedBytes: number;
}

const MAX_REDIRECTS = 5;
/** The backoff between retries doubles up to this. */
const MAX_BACKOFF_MS = 8_000;
/** Throughput is judged over windows of this length (or the idle window when shorter). */
const RATE_WINDOW_MS = 10_000;

interface Range {
  name: string;
  unit: string;
  min: number;
  max: number;
  fallback: number;
  integer?: boolean;
}

/**
 * The settings' variables, their ranges and defaults (docs/remote-store.md "Timeouts and bounds"). A
 * value out of range or not a number is a usage error: silently falling back hid typos, and a huge
 * timeout overflowed the timer (setTimeout takes at most 2^31-1 ms) into a 1 ms one.
 */
export const HTTP_SETTING_RANGES = {
  timeout: { name: 'PYHERMETIC_REMOTE_TIMEOUT', unit: 'seconds', min: 1, max: 3600, fallback: 30 },
  retries: { name: 'PYHERMETIC_REMOTE_RETRIES', unit: 'retries', min: 0, max: 10, fallback: 3, integer: true },
  deadline: { name: 'PYHERMETIC_REMOTE_DEADLINE', unit: 'seconds', min: 1, max: 86_400, fallback: 900 },
  minRate: { name: 'PYHERMETIC_REMOTE_MIN_RATE', unit: 'KiB/s', min: 0, max: 1_048_576, fallback: 32 },
  maxBlob: { name: 'PYHERMETIC_REMOTE_MAX_BLOB', unit: 'MiB', min: 1, max: 65_536, fallback: 2048, integer: true },
} satisfies Record<string, Range>;

function setting(env: NodeJS.ProcessEnv, r: Range): number {
  const text = env[r.name];
  if (text === undefined || text.trim() === '') return r.fallback;
  const value = Number(text.trim());
  const ok = Number.isFinite(value) && value >= r.min && value <= r.max && (!r.integer || Number.isInteger(value));
  if (!ok)
    throw new UsageError(
      `${r.name}=${JSON.stringify(text.slice(0, 40))} is not ${r.integer ? 'a whole number' : 'a number'} of ${r.unit} from ${r.min} to ${r.max}`,
      `set it within the range, or unset it for the default (${r.fallback} ${r.unit})`,
    );
  return value;
}

/** The remote's HTTP settings from the environment: exit 2 when a value is out of range. */
export function httpSettings(env: NodeJS.ProcessEnv = process.env): HttpSettings {
  const R = HTTP_SETTING_RANGES;
  return {
    idleMs: Math.round(setting(env, R.timeout) * 1000),
    attempts: setting(env, R.retries) + 1,
    backoffMs: 500,
    deadlineMs: Math.round(setting(env, R.deadline) * 1000),
    minBytesPerSecond: Math.round(setting(env, R.minRate) * 1024),
    maxUnsizedBytes: setting(env, R.maxBlob) * 1024 * 1024,
  };
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
  url: URL;
  /** When the request that got this answer was sent (Date.now()): the deadline counts from here. */
  sentAt: number;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** A fresh body for each attempt (a stream cannot be sent twice). */
  body?: () => Readable | Buffer;
  /** Follow redirects (reads only: a body is never sent twice to places we did not name). */
  follow?: boolean;
}

class IdleTimeout extends Error {}
class DeadlinePassed extends Error {}

/** Every pyhermetic message names a URL this way: never with credentials. */
export function shown(url: URL | string): string {
  return redact(String(url));
}

export class RemoteHttp {
  constructor(
    readonly credentials: RemoteCredentials,
    readonly settings: HttpSettings,
  ) {}

  private once(method: string, url: URL, opts: RequestOptions, auth: boolean): Promise<Answer> {
    const lib = url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { 'User-Agent': 'pyhermetic', ...opts.headers };
    if (auth && this.credentials.authorization) headers.Authorization = this.credentials.authorization;
    const sentAt = Date.now();
    return new Promise((resolve, reject) => {
      const req = lib.request(url, { method, headers, agent: false });
      req.setTimeout(this.settings.idleMs, () => req.destroy(new IdleTimeout()));
      // An upload, or a server that keeps the headers coming, is bounded by the deadline too.
      const deadline = setTimeout(() => req.destroy(new DeadlinePassed()), this.settings.deadlineMs);
      req.on('error', (err) => {
        clearTimeout(deadline);
        reject(err);
      });
      req.on('response', (res) => {
        clearTimeout(deadline);
        // A body nobody reads (drained with resume()) may still break; readBody() has listeners of its own.
        res.on('error', () => undefined);
        // From here on the guards of readBody() watch the body; the socket timeout stays as a backstop.
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res, url, sentAt });
      });
      const body = opts.body?.();
      if (body === undefined) req.end();
      else if (Buffer.isBuffer(body)) req.end(body);
      else {
        body.on('error', (err) => req.destroy(err));
        body.pipe(req);
      }
    });
  }

  /** Sends one request: redirects (reads only) and retries handled; a non-2xx/3xx answer is returned as is. */
  async request(method: string, url: URL, opts: RequestOptions = {}): Promise<Answer> {
    const { attempts, backoffMs, idleMs } = this.settings;
    let last = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        const wait = Math.min(backoffMs * 2 ** (attempt - 2), MAX_BACKOFF_MS);
        log.info(
          `${method} ${shown(url)}: ${last}; retrying in ${(wait / 1000).toFixed(1)} s (${attempt}/${attempts})`,
        );
        await sleep(wait);
      }
      let answer: Answer;
      try {
        answer = await this.followed(method, url, opts);
      } catch (err) {
        if (err instanceof RemoteError) throw err;
        last =
          err instanceof IdleTimeout
            ? `no answer within ${idleMs / 1000} s`
            : err instanceof DeadlinePassed
              ? `not done within the deadline of ${this.settings.deadlineMs / 1000} s (PYHERMETIC_REMOTE_DEADLINE)`
              : `${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
        continue;
      }
      if (answer.status >= 500) {
        last = `HTTP ${answer.status}`;
        answer.body.resume();
        continue;
      }
      return answer;
    }
    throw new RemoteError(
      `${method} ${shown(url)} failed ${attempts} time(s), last: ${last}`,
      'the remote store is down or overloaded; try again later, or run without --remote (a local build)',
    );
  }

  private async followed(method: string, first: URL, opts: RequestOptions): Promise<Answer> {
    const seen = new Set<string>();
    let url = first;
    for (let hop = 0; ; hop++) {
      seen.add(url.href);
      const answer = await this.once(method, url, opts, url.origin === first.origin);
      if (answer.status < 300 || answer.status >= 400 || answer.status === 304) return answer;
      answer.body.resume();
      const location = answer.headers.location;
      if (!location) return answer;
      const next = new URL(location, url);
      if (!opts.follow) {
        throw new RemoteError(
          `${method} ${shown(url)} was answered with HTTP ${answer.status}, a redirect to ${shown(next)}; uploads do not follow redirects`,
          'point --remote at the final URL of the store',
        );
      }
      if (seen.has(next.href))
        throw new RemoteError(
          `GET ${shown(first)}: a redirect loop (${[...seen, next.href].map(shown).join(' → ')})`,
          'the server or a proxy in front of it is misconfigured; fix it or point --remote elsewhere',
        );
      if (hop + 1 >= MAX_REDIRECTS)
        throw new RemoteError(
          `GET ${shown(first)}: more than ${MAX_REDIRECTS} redirects (last to ${shown(next)})`,
          'point --remote at the final URL of the store',
        );
      url = next;
    }
  }

  /** The error for an answer that is neither what we wanted nor a miss. Drains the body. */
  failure(method: string, answer: Answer, doing: string): RemoteError {
    answer.body.resume();
    const at = `${method} ${shown(answer.url)}`;
    const s = answer.status;
    if (s === 401 || s === 403) {
      const who =
        this.credentials.source === 'none' ? 'no credentials were sent' : `credentials from ${this.credentials.source}`;
      return new RemoteError(
        `${at}: HTTP ${s} ${s === 401 ? 'Unauthorized' : 'Forbidden'} while ${doing} (${who})`,
        s === 401
          ? `set ${CREDENTIAL_VARIABLES}; in Jenkins pass credentialsId or tokenCredentialsId`
          : `the credentials are valid but lack the permission to do this (${doing}); ask the repository's owner`,
      );
    }
    if (s === 409 || s === 412)
      return new RemoteError(
        `${at}: HTTP ${s} ${s === 409 ? 'Conflict' : 'Precondition Failed'} while ${doing}`,
        'the server refused the write (a checksum it computed differs, a policy forbids overwriting, or a parent directory is missing); look at the server log',
      );
    return new RemoteError(
      `${at}: unexpected HTTP ${s} while ${doing}`,
      'check the URL and the server; pyhermetic expects the store layout of docs/remote-store.md',
    );
  }

  /**
   * Refuses an answer whose Content-Length is above `maxBytes` before a byte of its body is read: a
   * 10 GiB manifest, or a blob bigger than its manifest says, is never downloaded.
   */
  checkAnnounced(method: string, answer: Answer, maxBytes: number | undefined, what: string): void {
    const announced = answer.headers['content-length'];
    if (announced === undefined || maxBytes === undefined) return;
    const n = Number(announced);
    if (!Number.isSafeInteger(n) || n < 0 || n > maxBytes) {
      answer.body.destroy();
      throw new RemoteError(
        `${method} ${shown(answer.url)}: Content-Length ${String(announced).slice(0, 30)} is more than the ${maxBytes} bytes ${what} may have; refused before reading it`,
        'the server holds another (or a hostile) file under this name: nothing was stored; have the remote entry checked',
      );
    }
  }

  /**
   * The body of an answer, guarded: no byte within the idle window, a throughput below the minimum
   * over a window, the deadline passed, more than `maxBytes` (cut off), a broken connection → RemoteError.
   */
  async *readBody(method: string, answer: Answer, maxBytes?: number): AsyncGenerator<Buffer> {
    const { idleMs, deadlineMs, minBytesPerSecond } = this.settings;
    const announced = answer.headers['content-length'];
    const windowMs = Math.min(idleMs, RATE_WINDOW_MS);
    let received = 0;
    let atLastCheck = 0;
    let lastByteAt = Date.now();
    let why: 'stall' | 'slow' | 'deadline' | undefined;
    let slowCount = 0;
    const stop = (reason: 'stall' | 'slow' | 'deadline'): void => {
      why ??= reason;
      answer.body.destroy(new IdleTimeout());
    };
    const rate = setInterval(() => {
      const got = received - atLastCheck;
      atLastCheck = received;
      if (Date.now() - lastByteAt >= idleMs) stop('stall');
      else if (minBytesPerSecond > 0 && got < (minBytesPerSecond * windowMs) / 1000) {
        slowCount = got;
        stop('slow');
      }
    }, windowMs);
    const deadline = setTimeout(() => stop('deadline'), Math.max(0, answer.sentAt + deadlineMs - Date.now()));
    const of = (): string => (announced === undefined ? '' : ` of the ${announced} its Content-Length announced`);
    try {
      for await (const chunk of answer.body) {
        received += (chunk as Buffer).length;
        lastByteAt = Date.now();
        if (maxBytes !== undefined && received > maxBytes) {
          answer.body.destroy();
          throw new RemoteError(
            `${method} ${shown(answer.url)}: the body runs past ${maxBytes} bytes, all it may have; cut off`,
            'the server sends more than the file it should hold: nothing was stored; have the remote entry checked',
          );
        }
        yield chunk as Buffer;
      }
    } catch (err) {
      if (err instanceof RemoteError) throw err;
      const at = `${method} ${shown(answer.url)}`;
      if (why === 'slow')
        throw new RemoteError(
          `${at}: the transfer is too slow: ${slowCount} bytes in ${windowMs / 1000} s, below the minimum of ${minBytesPerSecond / 1024} KiB/s (received ${received} bytes${of()})`,
          'the server or the network is dripping; try again later (PYHERMETIC_REMOTE_MIN_RATE sets the minimum in KiB/s)',
        );
      if (why === 'deadline')
        throw new RemoteError(
          `${at}: the transfer did not end within the deadline of ${deadlineMs / 1000} s (received ${received} bytes${of()})`,
          'the server or the network is too slow for this file; try again later (PYHERMETIC_REMOTE_DEADLINE sets the deadline in seconds)',
        );
      if (why === 'stall' || err instanceof IdleTimeout)
        throw new RemoteError(
          `${at}: the transfer stalled: no byte in ${idleMs / 1000} s (received ${received} bytes${of()})`,
          'the server or the network is hanging; try again later (PYHERMETIC_REMOTE_TIMEOUT sets the window in seconds)',
        );
      throw new RemoteError(
        `${at}: the connection broke after ${received} bytes${of()} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): a truncated body`,
        'try again; if it persists, the server or a proxy cuts transfers',
      );
    } finally {
      clearInterval(rate);
      clearTimeout(deadline);
    }
  }
}
