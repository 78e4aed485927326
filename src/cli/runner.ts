// The bundle's entry: kept apart from cli.ts so tests can import main() without running it.
// A worker thread started by the runner starts this same file (the bundle is one file): it runs no
// command, it serves what it was started for (the gzip writer's deflate workers, deflate-worker.ts).
import { isMainThread } from 'node:worker_threads';
import { runCli } from './cli.js';

if (isMainThread) await runCli(process.argv.slice(2));
else await import('../core/archive/deflate-worker.js');
