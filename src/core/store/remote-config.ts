// Where the shared remote store is and who we are to it (docs/remote-store.md).
//
// The kind of server is chosen by the URL's scheme, so one string (an option, an env variable, a
// Jenkins parameter) says everything: `https://…` and `webdav+https://…` are WebDAV (nginx, Apache),
// `artifactory+https://…` an Artifactory generic repository, `nexus+https://…` a Nexus raw one.
// Credentials never come from the URL or an argument: a URL with user:password@ is refused; they come
// from PYHERMETIC_REMOTE_TOKEN (Bearer), PYHERMETIC_REMOTE_USER/PYHERMETIC_REMOTE_PASSWORD (Basic) or
// a netrc file ($NETRC, else ~/.netrc), and no message ever shows them.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../shared/errors.js';

export type RemoteKind = 'webdav' | 'artifactory' | 'nexus';

export interface RemoteTarget {
  kind: RemoteKind;
  /** The store's root URL, plain http(s), ending in '/', without userinfo. */
  base: URL;
  /**
   * The remote as one string (`nexus+https://host/p/`): what child steps get in PYHERMETIC_REMOTE and
   * what messages show. It never holds credentials (a URL with them is refused by parseRemote).
   */
  spec: string;
}

export interface RemoteCredentials {
  /** The Authorization header value, or undefined for anonymous access. */
  authorization?: string;
  /** Where they came from, for messages: never the secret itself. */
  source: string;
}

export const CREDENTIAL_VARIABLES =
  'PYHERMETIC_REMOTE_TOKEN (Bearer) or PYHERMETIC_REMOTE_USER and PYHERMETIC_REMOTE_PASSWORD (Basic), or a netrc entry for the host ($NETRC or ~/.netrc)';

const KINDS: Record<string, RemoteKind> = {
  'http:': 'webdav',
  'https:': 'webdav',
  'webdav+http:': 'webdav',
  'webdav+https:': 'webdav',
  'artifactory+http:': 'artifactory',
  'artifactory+https:': 'artifactory',
  'nexus+http:': 'nexus',
  'nexus+https:': 'nexus',
};

const EXAMPLES =
  'e.g. https://dav.example.org/pyhermetic/, artifactory+https://art.example.org/artifactory/pyhermetic-generic/, nexus+https://nexus.example.org/repository/pyhermetic-raw/';

/**
 * Removes user:password@ from every URL in a text (messages, logs, reports, rerun.sh). The userinfo
 * runs to the last `@` of the word: a password may hold `@`, `/`, `:` or `%40` unencoded, and showing
 * a little less of a URL whose path has an `@` is better than showing a secret.
 */
export function redact(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s"'`<>]*)/gi, (_all, scheme: string, rest: string) => {
    const at = rest.lastIndexOf('@');
    return at < 0 ? `${scheme}${rest}` : `${scheme}${rest.slice(at + 1)}`;
  });
}

/** redact(), and a ?query or #fragment of a remote URL cut too: a token may hide there. */
export function redactRemote(text: string): string {
  return redact(text).replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s"'`<>?#]*)[?#][^\s"'`<>]*/gi, '$1?…');
}

/** The one validator of a remote store URL: --remote, PYHERMETIC_REMOTE, a pipeline config's "remote". */
export function parseRemote(spec: string, from = '--remote'): RemoteTarget {
  const said = redactRemote(spec);
  const shown = said === spec ? said : `${said} (credentials and query removed from this message)`;
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new UsageError(`${from} ${shown} is not a URL`, EXAMPLES);
  }
  const kind = KINDS[url.protocol];
  if (!kind) throw new UsageError(`${from} ${shown}: unknown scheme ${url.protocol}`, EXAMPLES);
  if (url.username || url.password) {
    throw new UsageError(
      `${from} ${shown} carries credentials in the URL; they would end up in rerun.sh and the logs`,
      `remove user:password@ from the URL and set ${CREDENTIAL_VARIABLES}`,
    );
  }
  if (url.search || url.hash || spec.includes('?') || spec.includes('#'))
    throw new UsageError(
      `${from} ${shown} must not have a ?query or #fragment`,
      "give the store's plain URL; credentials come from the environment (docs/remote-store.md)",
    );
  const plain = url.protocol.replace(/^[a-z]+\+/, '');
  const base = new URL(`${plain}//${url.host}${url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`}`);
  return { kind, base, spec: `${kind === 'webdav' ? '' : `${kind}+`}${base.href}` };
}

/** The machine/login/password of a netrc file for `host` (or its `default` entry). */
export function netrcEntry(text: string, host: string): { login?: string; password?: string } | undefined {
  const words = text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join(' ')
    .split(/\s+/)
    .filter(Boolean);
  let current: { login?: string; password?: string } | undefined;
  let match: { login?: string; password?: string } | undefined;
  let fallback: { login?: string; password?: string } | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === 'machine') {
      current = {};
      if (words[++i] === host && !match) match = current;
    } else if (w === 'default') {
      current = {};
      fallback ??= current;
    } else if ((w === 'login' || w === 'password') && current) {
      current[w] = words[++i];
    } else if (w === 'account' || w === 'macdef') {
      i++;
    }
  }
  return match ?? fallback;
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** The credentials for the remote, from the environment or netrc; anonymous when there are none. */
export async function remoteCredentials(base: URL, env: NodeJS.ProcessEnv = process.env): Promise<RemoteCredentials> {
  if (env.PYHERMETIC_REMOTE_TOKEN)
    return { authorization: `Bearer ${env.PYHERMETIC_REMOTE_TOKEN}`, source: 'PYHERMETIC_REMOTE_TOKEN' };
  if (env.PYHERMETIC_REMOTE_USER || env.PYHERMETIC_REMOTE_PASSWORD) {
    if (!env.PYHERMETIC_REMOTE_USER || !env.PYHERMETIC_REMOTE_PASSWORD)
      throw new UsageError(
        'only one of PYHERMETIC_REMOTE_USER and PYHERMETIC_REMOTE_PASSWORD is set',
        'set both (Basic authentication), or PYHERMETIC_REMOTE_TOKEN alone (Bearer)',
      );
    return {
      authorization: basic(env.PYHERMETIC_REMOTE_USER, env.PYHERMETIC_REMOTE_PASSWORD),
      source: 'PYHERMETIC_REMOTE_USER/PYHERMETIC_REMOTE_PASSWORD',
    };
  }
  const file = env.NETRC || join(env.HOME || homedir(), '.netrc');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  const entry = text === undefined ? undefined : netrcEntry(text, base.hostname);
  if (entry?.login && entry.password !== undefined)
    return { authorization: basic(entry.login, entry.password), source: `netrc (${file})` };
  return { source: 'none' };
}
