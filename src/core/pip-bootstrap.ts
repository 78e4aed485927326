// `lock` needs pip's installation report (`install --dry-run --report`, pip >= 22.2). An interpreter
// whose bundled pip is older gets a pinned pip wheel installed into a scratch directory (never into
// the interpreter), checked against a sha256 we know, and that pip resolves instead.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EnvironmentError, UsageError } from '../errors.js';
import { tail } from '../exec.js';
import { indexOptions, runPip, runPython } from './pip.js';

/** The pip wheel used when the interpreter's own pip cannot write a report (sha256 of the wheel file). */
export const PINNED_PIP = {
  version: '26.2.1',
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

/** Returns the pip version to use and, when the bundled one is too old, the directory of the pinned one. */
export async function ensureReportCapablePip(python: string, scratch: string, cacheDir: string, indexUrls: string[]): Promise<{ version: string; home?: string }> {
  const version = await pipVersionOf(python);
  if (!version) throw new UsageError(`${python} has no pip`, 'use an interpreter built with ensurepip (configure --with-ensurepip=install)');
  if (supportsReport(version)) return { version };
  const req = `${scratch}.requirements.txt`;
  await writeFile(req, `pip==${PINNED_PIP.version} --hash=sha256:${PINNED_PIP.sha256}\n`);
  const r = await runPip({ python, cacheDir, indexUrls }, 'install', [
    ...indexOptions(indexUrls), '--require-hashes', '--no-deps', '--only-binary', ':all:', '--target', join(scratch), '-r', req,
  ]);
  if (r.exitCode !== 0) {
    throw new EnvironmentError(`pip ${version} is too old for --report and installing pip ${PINNED_PIP.version} failed:\n${tail(r.stderr)}`,
      `put pip-${PINNED_PIP.version}-py3-none-any.whl (sha256 ${PINNED_PIP.sha256}) on the index, or use an interpreter with pip >= 22.2`);
  }
  return { version: PINNED_PIP.version, home: scratch };
}
