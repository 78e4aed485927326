// A few worker threads that deflate blocks (deflate-worker.ts), started on the first block and ended by
// close(). Which worker deflates which block does not matter: each block's bytes depend only on the
// block, its dictionary and the level.
import { Worker } from 'node:worker_threads';
import type { BlockJob } from './deflate-block.js';
import { DEFLATE_WORKER_ROLE, type DeflateReply, type DeflateRequest } from './deflate-worker.js';

declare const __PYHERMETIC_BUNDLE__: boolean | undefined;

/** A deflate worker: in the bundle it starts the runner itself (the one file there is, deflate-worker.ts). */
function startWorker(): Worker {
  const workerData = { role: DEFLATE_WORKER_ROLE };
  if (typeof __PYHERMETIC_BUNDLE__ === 'boolean') return new Worker(new URL(import.meta.url), { workerData });
  // From the sources, which only the tests run (under tsx): a worker loads its entry module before the
  // --import hooks it inherits are in place, so a stub registers tsx first, then loads the worker module.
  const entry = JSON.stringify(new URL('./deflate-worker.ts', import.meta.url).href);
  const stub = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); });`;
  return new Worker(stub, { eval: true, workerData });
}

/** A view over exactly its bytes: posting a view copies its whole ArrayBuffer. */
function compact(v: Uint8Array): Uint8Array {
  return v.byteOffset === 0 && v.byteLength === v.buffer.byteLength ? v : v.slice();
}

interface Pending {
  resolve: (out: Uint8Array) => void;
  reject: (err: Error) => void;
}

export class DeflatePool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: DeflateRequest[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;
  private closed = false;

  constructor(private readonly size: number) {}

  deflate(job: BlockJob): Promise<Uint8Array> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('the deflate workers were already stopped'));
    const req: DeflateRequest = {
      id: this.nextId++,
      block: compact(job.block),
      ...(job.dictionary ? { dictionary: compact(job.dictionary) } : {}),
      level: job.level,
      last: job.last,
    };
    const done = new Promise<Uint8Array>((resolve, reject) => this.pending.set(req.id, { resolve, reject }));
    this.waiting.push(req);
    if (this.idle.length === 0 && this.workers.length < this.size) this.spawn();
    this.pump();
    return done;
  }

  /** Ends every worker; what was still pending is rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.fail(new Error('the deflate workers were stopped'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private spawn(): void {
    const w = startWorker();
    this.workers.push(w);
    this.idle.push(w);
    w.on('message', (reply: DeflateReply) => {
      this.idle.push(w);
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (p) {
        if ('error' in reply) p.reject(new Error(reply.error));
        else p.resolve(reply.out);
      }
      this.pump();
    });
    w.on('error', (err) => this.fail(new Error(`a deflate worker failed: ${err.message}`)));
    w.on('exit', (code) => {
      if (!this.closed) this.fail(new Error(`a deflate worker stopped (exit code ${code})`));
    });
  }

  private pump(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const w = this.idle.shift()!;
      const req = this.waiting.shift()!;
      w.postMessage(req);
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.waiting.length = 0;
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }
}
