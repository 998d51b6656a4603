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

let pool: Piscina<TypstJob, Uint8Array> | undefined;

function renderPool(): Piscina<TypstJob, Uint8Array> {
  const threads = Math.max(1, availableParallelism());
  pool ??= new Piscina<TypstJob, Uint8Array>({
    filename: new URL('./render.worker.mjs', import.meta.url).href,
    minThreads: 1,
    maxThreads: threads,
    maxQueue: threads * QUEUE_PER_THREAD,
    // A worker that has been idle for a minute gives its memory (fonts, Typst's caches) back.
    idleTimeout: 60_000,
  });
  return pool;
}

export async function renderPdf(job: TypstJob): Promise<Buffer> {
  const workers = renderPool();
  if (workers.queueSize >= workers.options.maxQueue) throw renderBusy(workers.queueSize);
  const bytes = await workers.run(job).catch((error: unknown) => {
    if (error instanceof Error && error.message === 'Task queue is at limit') throw renderBusy(workers.queueSize);
    throw error;
  });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** How busy the pool is, for the bench and metrics. */
export function renderPoolStats(): { threads: number; queued: number; completed: number } {
  return { threads: pool?.threads.length ?? 0, queued: pool?.queueSize ?? 0, completed: pool?.completed ?? 0 };
}

/** Stops the worker threads (tests, shutdown); the next render starts a new pool. */
export async function closeRenderPool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}
