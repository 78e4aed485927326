// Temp directories (and runner HOMEs) a test file makes and removes when it ends: the remote-store
// tests copy 64 MiB artifacts into several agents' stores, and the machine's disk is shared.
import { rmSync } from 'node:fs';
import { type RunnerOptions, type RunnerResult, runPyhermetic, tempDir } from './runner.js';

export interface Scratch {
  dir(prefix: string): string;
  /** Removes `path` at cleanup() too (a directory another helper made). */
  track(path: string): string;
  /** runPyhermetic with a HOME of its own that cleanup() removes. */
  run(args: string[], opts?: RunnerOptions): Promise<RunnerResult>;
  cleanup(): void;
}

export function scratch(): Scratch {
  const made: string[] = [];
  const dir = (prefix: string): string => {
    const d = tempDir(prefix);
    made.push(d);
    return d;
  };
  return {
    dir,
    track: (path) => {
      made.push(path);
      return path;
    },
    run: (args, opts = {}) => runPyhermetic(args, { ...opts, home: opts.home ?? dir('home-') }),
    cleanup() {
      for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}
