// The HTTP conversation with the remote store: one request at a time with node:http(s), bounded
// retries with backoff for 5xx and broken connections, redirects followed for reads only (at most 5,
// a loop is an error, credentials never follow to another origin), and a stall guard on every body:
// a server that answers nothing, or drips fewer than MIN_BYTES per window, is dropped. Every failure
// is a RemoteError (exit 3) that names the method, the URL (never with credentials) and what was wrong.
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { EnvironmentError } from '../../shared/errors.js';
import * as log from '../../shared/log.js';
import { CREDENTIAL_VARIABLES, redact, type RemoteCredentials } from './remote-config.js';

/** Anything the remote store did wrong or could not do: exit 3, nothing stored. */
export class RemoteError extends EnvironmentError {}

export interface HttpSettings {
  /** A window in which a request must get an answer, and a body must bring MIN_BYTES. */
  idleMs: number;
  /** Attempts for a 5xx answer or a broken connection (1 = no retry). */
  attempts: number;
  backoffMs: number;
}

/** Fewer bytes than this in one idle window is a stalled (or dripping) transfer. */
const MIN_BYTES = 1024;
const MAX_REDIRECTS = 5;

/** PYHERMETIC_REMOTE_TIMEOUT (seconds, default 30) and PYHERMETIC_REMOTE_RETRIES (default 3). */
export function httpSettings(env: NodeJS.ProcessEnv = process.env): HttpSettings {
  const timeout = Number(env.PYHERMETIC_REMOTE_TIMEOUT ?? 30);
  const retries = Number(env.PYHERMETIC_REMOTE_RETRIES ?? 3);
  return {
    idleMs: Number.isFinite(timeout) && timeout > 0 ? timeout * 1000 : 30_000,
    attempts: Number.isInteger(retries) && retries >= 0 ? retries + 1 : 4,
    backoffMs: 500,
  };
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
  url: URL;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** A fresh body for each attempt (a stream cannot be sent twice). */
  body?: () => Readable | Buffer;
  /** Follow redirects (reads only: a body is never sent twice to places we did not name). */
  follow?: boolean;
}

class IdleTimeout extends Error {}

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
    return new Promise((resolve, reject) => {
      const req = lib.request(url, { method, headers, agent: false });
      req.setTimeout(this.settings.idleMs, () => req.destroy(new IdleTimeout()));
      req.on('error', reject);
      req.on('response', (res) => {
        // A body nobody reads (drained with resume()) may still break; readBody() has listeners of its own.
        res.on('error', () => undefined);
        // From here on the stall guard of readBody() watches the body; the socket timeout stays as a backstop.
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res, url });
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
        const wait = backoffMs * 2 ** (attempt - 2);
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

  /** The body of an answer, guarded: a stall or a dripping transfer, a broken connection → RemoteError. */
  async *readBody(method: string, answer: Answer): AsyncGenerator<Buffer> {
    const { idleMs } = this.settings;
    const announced = answer.headers['content-length'];
    let received = 0;
    let atLastCheck = 0;
    let stalled = false;
    const timer = setInterval(() => {
      if (received - atLastCheck < MIN_BYTES) {
        stalled = true;
        answer.body.destroy(new IdleTimeout());
      }
      atLastCheck = received;
    }, idleMs);
    try {
      for await (const chunk of answer.body) {
        received += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    } catch (err) {
      const of = announced === undefined ? '' : ` of the ${announced} its Content-Length announced`;
      if (stalled || err instanceof IdleTimeout)
        throw new RemoteError(
          `${method} ${shown(answer.url)}: the transfer stalled: fewer than ${MIN_BYTES} bytes in ${idleMs / 1000} s (received ${received} bytes${of})`,
          'the server or the network is dripping or hanging; try again later (PYHERMETIC_REMOTE_TIMEOUT sets the window in seconds)',
        );
      throw new RemoteError(
        `${method} ${shown(answer.url)}: the connection broke after ${received} bytes${of} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): a truncated body`,
        'try again; if it persists, the server or a proxy cuts transfers',
      );
    } finally {
      clearInterval(timer);
    }
  }
}
