// Reads a PEP 503 "simple" index ourselves (file:// or http(s)://), for two questions pip does not
// answer clearly: is the index reachable at all (an unreachable index is an environment failure,
// exit 3, not "no matching distribution"), and which files exist for a project (so that "only an
// sdist exists for the wanted version" is reported by name instead of being compiled).
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { EnvironmentError, UsageError } from '../../shared/errors.js';
import { normalizeName } from './dist-metadata.js';

export interface IndexFile {
  filename: string;
  url: string;
  kind: 'wheel' | 'sdist' | 'other';
  /** The version parsed from the file name ('' when it cannot be read). */
  version: string;
  sha256?: string;
}

const FETCH_TIMEOUT_MS = 15_000;

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

async function fetchText(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
  return { status: res.status, text: await res.text() };
}

/** Throws EnvironmentError (exit 3) naming the index when it cannot be reached. */
export async function checkIndexReachable(indexUrl: string): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(indexUrl);
  } catch {
    throw new UsageError(
      `not an index URL: '${indexUrl}'`,
      'pass --index-url as file:///path/simple or http(s)://host/simple',
    );
  }
  const hint =
    'check the --index-url (a PEP 503 simple index: file:///path/simple or http(s)://host/simple) and that it is up';
  if (parsed.protocol === 'file:') {
    const dir = fileURLToPath(parsed);
    const st = await stat(dir).catch(() => undefined);
    if (!st?.isDirectory())
      throw new EnvironmentError(`the package index ${indexUrl} is unreachable: ${dir} is not a directory`, hint);
    return;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(
      `unsupported index URL scheme '${parsed.protocol}' in ${indexUrl}`,
      'use file://, http:// or https://',
    );
  }
  try {
    await fetchText(withSlash(indexUrl));
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new EnvironmentError(
      `the package index ${indexUrl} is unreachable: ${cause?.code ?? cause?.message ?? (err as Error).message}`,
      hint,
    );
  }
}

function classify(filename: string, project: string): { kind: IndexFile['kind']; version: string } {
  const norm = normalizeName(project);
  if (filename.endsWith('.whl')) {
    const parts = filename.slice(0, -4).split('-');
    return { kind: 'wheel', version: parts.length >= 5 ? parts[1] : '' };
  }
  const ext = ['.tar.gz', '.zip', '.tar.bz2', '.tgz', '.tar.xz'].find((e) => filename.endsWith(e));
  if (!ext) return { kind: 'other', version: '' };
  const base = filename.slice(0, -ext.length);
  for (let i = base.indexOf('-'); i !== -1; i = base.indexOf('-', i + 1)) {
    if (normalizeName(base.slice(0, i)) === norm) return { kind: 'sdist', version: base.slice(i + 1) };
  }
  return { kind: 'sdist', version: '' };
}

function decodeEntities(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/** The files a project page lists; an empty list when the project is not on this index. */
export async function projectFiles(indexUrl: string, project: string): Promise<IndexFile[]> {
  const pageUrl = `${withSlash(indexUrl)}${normalizeName(project)}/`;
  let html: string;
  const parsed = new URL(pageUrl);
  if (parsed.protocol === 'file:') {
    const dir = fileURLToPath(parsed);
    html = await readFile(`${dir}index.html`, 'utf8').catch(() => '');
  } else {
    const r = await fetchText(pageUrl).catch((err: Error) => {
      throw new EnvironmentError(`cannot read ${pageUrl}: ${err.message}`, 'check that the index is up');
    });
    html = r.status === 200 ? r.text : '';
  }
  const files: IndexFile[] = [];
  for (const m of html.matchAll(/<a\s[^>]*href\s*=\s*["']([^"']+)["'][^>]*>/gi)) {
    const href = decodeEntities(m[1]);
    const url = new URL(href, pageUrl);
    const frag = /(?:^|&)sha256=([0-9a-f]{64})/i.exec(url.hash.slice(1));
    url.hash = '';
    const filename = decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf('/') + 1));
    files.push({ filename, url: url.toString(), ...classify(filename, project), sha256: frag?.[1].toLowerCase() });
  }
  return files;
}
