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

/** A pip wheel pyhermetic may run instead of the interpreter's own, pinned by sha256. */
export interface PinnedPip {
  version: string;
  filename: string;
  sha256: string;
  /** The oldest CPython it runs on. */
  minPython: [number, number];
  /** Where else the file is, when the index lacks it: a Debian package's copy, read by its path. */
  local?: { path: string; debianPackage: string };
}

/**
 * The pips run when the interpreter's own cannot write a report, newest first; the first one whose
 * minPython the interpreter meets is taken. pip 26 needs Python 3.10 (it uses dataclass slots), so
 * CPython 3.9 (whose bundled pip is 20.2.3) gets pip 23.0.1: the wheel Debian's python3-pip-whl ships
 * (/usr/share/python-wheels, the pip Debian puts into virtualenvs; scripts/setup-machine.sh installs it).
 */
export const PINNED_PIPS: PinnedPip[] = [
  {
    version: '26.2.1',
    filename: 'pip-26.2.1-py3-none-any.whl',
    sha256: '71138adf1f4ca900cdb7d289c21b7494329f2332b6d85f0e1c42108c0384ed3e',
    minPython: [3, 10],
  },
  {
    version: '23.0.1',
    filename: 'pip-23.0.1-py3-none-any.whl',
    sha256: 'da59ca7250b6284ac0e77a9d287004ea090bb0e30e0c9451c0e34398d45596ba',
    minPython: [3, 7],
    local: { path: '/usr/share/python-wheels/pip-23.0.1-py3-none-any.whl', debianPackage: 'python3-pip-whl' },
  },
];
/** The pip for current interpreters (kept under its old name: other modules and docs cite it). */
export const PINNED_PIP = PINNED_PIPS[0]!;

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

async function pythonVersion(python: string): Promise<[number, number]> {
  const r = await runPython(python, 'import sys; sys.stdout.write("%d.%d" % sys.version_info[:2])');
  const [major, minor] = r.stdout.trim().split('.').map(Number);
  return [major || 0, minor || 0];
}

const fits = (v: [number, number], min: [number, number]): boolean =>
  v[0] > min[0] || (v[0] === min[0] && v[1] >= min[1]);

/** The pinned wheel's bytes from the first index that has it, else its local copy; undefined when neither. */
async function pinnedBytes(
  pin: PinnedPip,
  indexUrls: string[],
  hint: string,
): Promise<{ bytes: Buffer; from: string } | undefined> {
  for (const index of indexUrls) {
    const file = (await projectFiles(index, 'pip')).find((f) => f.filename === pin.filename);
    if (!file) continue;
    try {
      return { bytes: await fetchBytes(file.url), from: file.url };
    } catch (err) {
      throw new EnvironmentError(`cannot read ${file.url}: ${(err as Error).message}`, hint);
    }
  }
  if (pin.local) {
    const bytes = await readFile(pin.local.path).catch(() => undefined);
    if (bytes) return { bytes, from: pin.local.path };
  }
  return undefined;
}

/** Returns the pip version to use and, when the bundled one cannot report, the pinned wheel to run. */
export async function ensureReportCapablePip(
  python: string,
  scratch: string,
  indexUrls: string[],
): Promise<{ version: string; home?: string }> {
  const version = await pipVersionOf(python);
  if (version && supportsReport(version)) return { version };
  const py = await pythonVersion(python);
  const pin = PINNED_PIPS.find((p) => fits(py, p.minPython)) ?? PINNED_PIPS[PINNED_PIPS.length - 1]!;
  const hint = `put ${pin.filename} (sha256 ${pin.sha256}) on the index${pin.local ? `, or install Debian's ${pin.local.debianPackage} (it ships ${pin.local.path})` : ''}, or use an interpreter whose pip is 22.2 or newer`;
  const got = await pinnedBytes(pin, indexUrls, hint);
  if (!got)
    throw new EnvironmentError(
      `${version ? `pip ${version} is too old for --report` : 'the interpreter has no pip'}, and ${pin.filename} (the pip for CPython ${py.join('.')}) is not on ${indexUrls.join(', ')}${pin.local ? ` nor at ${pin.local.path}` : ''}`,
      hint,
    );
  const sha = createHash('sha256').update(got.bytes).digest('hex');
  if (sha !== pin.sha256)
    throw new EnvironmentError(
      `${got.from} has sha256 ${sha}, not the pinned ${pin.sha256}`,
      'a different file carries the pinned name: investigate',
    );
  const wheel = join(scratch, pin.filename);
  await writeFile(wheel, got.bytes, { flag: 'wx' });
  return { version: pin.version, home: wheel };
}
