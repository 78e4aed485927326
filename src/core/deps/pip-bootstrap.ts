// `lock` needs pip's installation report (`install --dry-run --report`, pip >= 22.2). When the
// interpreter's own pip is older (or missing), pyhermetic runs a pinned pip instead, straight from its
// wheel file (pip runs from a wheel on sys.path): the wheel is taken from the index, its sha256 checked
// against the pin below, and nothing is installed into the interpreter. The old pip is never asked to
// install the new one — an old pip often does not even start on a newer Python.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvironmentError } from '../../shared/errors.js';
import { projectFiles } from './index-page.js';
import { runPython } from './pip.js';

/** The pip run when the interpreter's own cannot write a report (sha256 of the wheel file). */
export const PINNED_PIP = {
  version: '26.2.1',
  filename: 'pip-26.2.1-py3-none-any.whl',
  sha256: '71138adf1f4ca900cdb7d289c21b7494329f2332b6d85f0e1c42108c0384ed3e',
};

const REPORT_SINCE: [number, number] = [22, 2];

export function supportsReport(version: string): boolean {
  const [major, minor] = version.split('.').map((x) => Number.parseInt(x, 10));
  if (!Number.isFinite(major)) return false;
  return major > REPORT_SINCE[0] || (major === REPORT_SINCE[0] && (minor || 0) >= REPORT_SINCE[1]);
}

export async function pipVersionOf(python: string): Promise<string | null> {
  const r = await runPython(python, 'import pip, sys; sys.stdout.write(pip.__version__)');
  return r.exitCode === 0 ? r.stdout.trim() : null;
}

async function fetchBytes(url: string): Promise<Buffer> {
  if (url.startsWith('file:')) return readFile(fileURLToPath(url));
  const res = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** Returns the pip version to use and, when the bundled one cannot report, the pinned wheel to run. */
export async function ensureReportCapablePip(
  python: string,
  scratch: string,
  indexUrls: string[],
): Promise<{ version: string; home?: string }> {
  const version = await pipVersionOf(python);
  if (version && supportsReport(version)) return { version };
  const hint = `put ${PINNED_PIP.filename} (sha256 ${PINNED_PIP.sha256}) on the index, or use an interpreter whose pip is 22.2 or newer`;
  for (const index of indexUrls) {
    const file = (await projectFiles(index, 'pip')).find((f) => f.filename === PINNED_PIP.filename);
    if (!file) continue;
    let bytes: Buffer;
    try {
      bytes = await fetchBytes(file.url);
    } catch (err) {
      throw new EnvironmentError(`cannot read ${file.url}: ${(err as Error).message}`, hint);
    }
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== PINNED_PIP.sha256)
      throw new EnvironmentError(
        `${file.url} has sha256 ${sha}, not the pinned ${PINNED_PIP.sha256}`,
        'the index serves a different file under the pinned name: investigate',
      );
    const wheel = join(scratch, PINNED_PIP.filename);
    await writeFile(wheel, bytes, { flag: 'wx' });
    return { version: PINNED_PIP.version, home: wheel };
  }
  throw new EnvironmentError(
    `${version ? `pip ${version} is too old for --report` : 'the interpreter has no pip'}, and ${PINNED_PIP.filename} is not on ${indexUrls.join(', ')}`,
    hint,
  );
}
