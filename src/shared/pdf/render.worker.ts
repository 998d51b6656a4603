// One render worker thread: compiles the job it is given and hands the PDF bytes back without copying them.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { move } from 'piscina';
import { compilePdf, type TypstJob } from './typst-engine.js';

/**
 * How much lower than the main thread a render thread runs (a nice value, 0 to 19). On a busy machine the kernel
 * shares the cores between the main thread and the render threads as equals, and the main thread's event loop (the
 * API, the SMPP keep-alives) waits its turn behind a bill; niced, the render threads get what the main thread leaves.
 */
const RENDER_NICENESS = 10;

// Linux keeps a nice value per thread: /proc/thread-self names this thread's id. Elsewhere this is skipped.
try {
  const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, RENDER_NICENESS);
} catch {
  // Not Linux, or no /proc: the threads keep the process's priority.
}

export default async function renderInWorker(job: TypstJob): Promise<Uint8Array> {
  const pdf = await compilePdf(job);
  // Transferred, not cloned: the main thread receives the buffer as is.
  return move(new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength)) as unknown as Uint8Array;
}
