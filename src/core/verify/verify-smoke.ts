// Check `smoke`: the package extracted to a fresh directory at another path than the tested env and
// each module imported by the package's own python under `env -i` (nothing inherited: no PATH, no
// PYTHONPATH, no LD_LIBRARY_PATH). A module that fails to import, or that is loaded from outside the
// extracted package (an absolute .pth / sys.path entry pointing at the tested env or a source
// checkout: it works in CI and breaks where the package is deployed), is a finding.
import { ownedTempDir } from '../../shared/dead-temps.js';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../shared/errors.js';
import { extractTarGz } from '../archive/archive.js';
import { run, scrubbedEnv, tail } from '../../shared/exec.js';
import type { PackageManifest } from '../model/manifests.js';
import { checkResult, type CheckResult } from '../model/report.js';

// Runs inside the package's interpreter: argv = [root, app dir or '', modules…]. Prints one JSON line.
export const SMOKE_PROBE = `
import importlib, json, os, sys
root = os.path.realpath(sys.argv[1])
if sys.argv[2]:
    sys.path.insert(0, sys.argv[2])
results = []
for name in sys.argv[3:]:
    try:
        importlib.import_module(name)
        results.append([name, None])
    except BaseException as e:
        results.append([name, '%s: %s' % (type(e).__name__, e)])
outside = []
for name, mod in sorted(sys.modules.items()):
    f = getattr(mod, '__file__', None)
    if not f:
        continue
    real = os.path.realpath(f)
    if real != root and not real.startswith(root + os.sep):
        outside.append([name, real])
sys.stdout.write('PYHERMETIC-SMOKE ' + json.dumps({'results': results, 'outside': outside}) + '\\n')
`;

export interface ProbeOutput {
  results: [string, string | null][];
  outside: [string, string][];
}

/** The probe's JSON line, or undefined when the python never got to print it. */
export function parseProbeOutput(stdout: string): ProbeOutput | undefined {
  const line = stdout.split('\n').find((l) => l.startsWith('PYHERMETIC-SMOKE '));
  return line ? (JSON.parse(line.slice('PYHERMETIC-SMOKE '.length)) as ProbeOutput) : undefined;
}

/** A finding per module that failed to import, and per module loaded from outside the package. */
export function smokeFindings(doc: ProbeOutput, where: string): Finding[] {
  const findings: Finding[] = [];
  for (const [name, error] of doc.results) {
    if (error !== null) {
      findings.push({
        path: name,
        message: `import fails ${where}: ${error}`,
        fix: 'the module depends on something the tested env had and the package lacks (an absolute path, a file outside the env, an environment variable, a host library): make it self-contained, then recreate, test and pack',
      });
    }
  }
  for (const [name, file] of doc.outside) {
    findings.push({
      path: name,
      message: `imported from ${file}, outside the extracted package: it only works where that path exists (the tested env, a source checkout)`,
      fix: 'install the module into the env from the lock (no editable installs, no .pth with absolute paths), then recreate, test and pack',
    });
  }
  return findings;
}

export interface SmokeInput {
  artifact: string;
  manifest: PackageManifest;
  modules: string[];
  timeoutMs?: number;
}

export async function smokeCheck(input: SmokeInput): Promise<CheckResult> {
  if (input.modules.length === 0)
    return checkResult('smoke', [], { summary: 'no modules to import (no extension modules, no --smoke)' });
  const work = await ownedTempDir(tmpdir(), 'pyhermetic-smoke-'); // a killed verify's tree goes next run
  const root = join(work, 'package');
  try {
    await extractTarGz(input.artifact, root);
    const python = join(root, input.manifest.env.interpreter.python);
    const appDir = input.manifest.app ? join(root, input.manifest.app) : '';
    const r = await run('env', ['-i', python, '-I', '-c', SMOKE_PROBE, root, appDir, ...input.modules], {
      cwd: work,
      env: scrubbedEnv(),
      timeoutMs: input.timeoutMs ?? 5 * 60_000,
    });
    const doc = parseProbeOutput(r.stdout);
    if (!doc) {
      const why = r.timedOut ? 'timed out' : (r.spawnError ?? `exited ${r.exitCode ?? r.signal}`);
      return checkResult('smoke', [
        {
          path: input.manifest.env.interpreter.python,
          message: `the package's python did not run the import test (${why}): ${tail(r.stderr || r.stdout, 8)}`,
          fix: "run the package's bin/python from an extracted copy by hand to see why it does not start (missing host library? wrong architecture?)",
        },
      ]);
    }
    const findings = smokeFindings(doc, 'in the package extracted to a fresh directory (env -i)');
    const ok = doc.results.filter(([, e]) => e === null).length;
    const names =
      input.modules.length <= 12
        ? input.modules.join(', ')
        : `${input.modules.slice(0, 12).join(', ')}, … (${input.modules.length - 12} more)`;
    return checkResult('smoke', findings, {
      summary: `${ok}/${doc.results.length} modules imported with env -i from a copy at another path: ${names}`,
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
