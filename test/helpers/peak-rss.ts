// Runs the bundled runner under GNU time and reads the peak resident set size it reports (-f %M, in
// KiB): memory measured from the kernel's accounting of the real process, not estimated.
import { execa } from 'execa';
import { join } from 'node:path';
import { RUNNER, tempDir } from './runner.js';

export interface MeasuredRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Peak RSS of the runner process in MiB. */
  peakMiB: number;
}

export async function runMeasured(args: string[], env: Record<string, string> = {}): Promise<MeasuredRun> {
  const home = tempDir('home-rss-');
  const r = await execa('/usr/bin/time', ['-f', 'PEAK_RSS_KIB %M', process.execPath, RUNNER, ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, PYHERMETIC_HOME: join(home, 'store'), ...env },
    extendEnv: false,
    reject: false,
    cwd: home,
    timeout: 10 * 60 * 1000,
  });
  const stderr = String(r.stderr);
  const m = /PEAK_RSS_KIB (\d+)\s*$/.exec(stderr);
  if (!m) throw new Error(`no peak RSS in the output of /usr/bin/time:\n${stderr.slice(-2000)}`);
  return {
    exitCode: r.exitCode ?? -1,
    stdout: String(r.stdout),
    stderr: stderr.slice(0, m.index),
    peakMiB: Math.round(Number(m[1]) / 1024),
  };
}
