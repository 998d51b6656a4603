// One render worker thread: compiles the job it is given and hands the PDF bytes back without copying them.
import { move } from 'piscina';
import { compilePdf, type TypstJob } from './typst-engine.js';

export default async function renderInWorker(job: TypstJob): Promise<Uint8Array> {
  const pdf = await compilePdf(job);
  // Transferred, not cloned: the main thread receives the buffer as is.
  return move(new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength)) as unknown as Uint8Array;
}
