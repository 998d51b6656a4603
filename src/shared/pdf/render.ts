// The one way our documents become bytes: a Typst job run on a pool of worker threads, so rendering a bill never
// holds up the event loop that serves the API and keeps the SMPP and SMTP connections alive.
//
// The pool has a thread per core and a bounded queue: when a bill day asks for more documents than the queue holds,
// the caller gets pdf_render_busy at once (and retries later) instead of piling work up in memory.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { renderBusy } from './pdf.errors.js';
import type { TypstJob } from './typst-engine.js';

const QUEUE_PER_THREAD = 64;

export interface RenderPoolOptions {
  /** Worker threads; default one per core. */
  threads?: number;
  /** Jobs waiting for a thread before renders are refused; default 64 a thread. */
  maxQueue?: number;
}

export interface RenderPool {
  render(job: TypstJob): Promise<Buffer>;
  stats(): { threads: number; queued: number; completed: number };
  close(): Promise<void>;
}

export function createRenderPool(options: RenderPoolOptions = {}): RenderPool {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const maxQueue = options.maxQueue ?? threads * QUEUE_PER_THREAD;
  const pool = new Piscina<TypstJob, Uint8Array>({
    // Plain JavaScript that loads the TypeScript worker through tsx: works under `tasdeed serve`, vitest and bench.
    filename: new URL('./render.worker.mjs', import.meta.url).href,
    minThreads: 1,
    maxThreads: threads,
    maxQueue,
    // A worker that has been idle for a minute gives its memory (fonts, Typst's caches) back.
    idleTimeout: 60_000,
  });
  return {
    async render(job) {
      if (pool.queueSize >= maxQueue) throw renderBusy(pool.queueSize);
      const bytes = await pool.run(job).catch((error: unknown) => {
        if (error instanceof Error && error.message === 'Task queue is at limit') throw renderBusy(pool.queueSize);
        throw error;
      });
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    stats: () => ({ threads: pool.threads.length, queued: pool.queueSize, completed: pool.completed }),
    close: () => pool.close(),
  };
}

let shared: RenderPool | undefined;

/** Renders on the process's shared pool (started on first use; its idle threads do not keep the process alive). */
export function renderPdf(job: TypstJob): Promise<Buffer> {
  shared ??= createRenderPool();
  return shared.render(job);
}

/** Stops the shared pool's threads (tests, shutdown); the next render starts a new pool. */
export async function closeRenderPool(): Promise<void> {
  const closing = shared;
  shared = undefined;
  await closing?.close();
}
