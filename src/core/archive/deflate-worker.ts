// The deflate worker: a thread that deflates the blocks deflate-pool.ts sends it, one at a time, with
// pako. JavaScript compresses on the thread that runs it, so the writer's parallelism (what Node's zlib
// had from libuv's thread pool) comes from these workers.
//
// A worker starts from a file. From the sources (tests under tsx) that file is this module; in the
// bundle every module lives in runner.mjs, so the worker starts runner.mjs, whose entry (src/cli/runner.ts)
// sees it is no main thread and imports this module. Either way the check below starts the loop once.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { type BlockJob, deflateBlock, loadPako } from './deflate-block.js';

/** workerData of a deflate worker: what tells a thread started from the runner to serve blocks. */
export const DEFLATE_WORKER_ROLE = 'pyhermetic-deflate-worker';

export interface DeflateRequest extends BlockJob {
  id: number;
}

export type DeflateReply = { id: number; out: Uint8Array } | { id: number; error: string };

export function isDeflateWorker(): boolean {
  return !isMainThread && (workerData as { role?: unknown } | null)?.role === DEFLATE_WORKER_ROLE;
}

function serve(): void {
  const port = parentPort!;
  port.on('message', async (req: DeflateRequest) => {
    let reply: DeflateReply;
    try {
      reply = { id: req.id, out: deflateBlock(await loadPako(), req) };
    } catch (err) {
      reply = { id: req.id, error: (err as Error).message };
    }
    // The output is handed over, not copied.
    port.postMessage(reply, 'out' in reply ? [reply.out.buffer as ArrayBuffer] : []);
  });
}

if (isDeflateWorker()) serve();
