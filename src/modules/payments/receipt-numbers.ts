// Receipt numbers drawn ahead, a few at a time, for the one-statement posting: its receipt event (in the same
// statement) must carry the number and a verify link signed over it, so the number is known before the write.
// Drawing one per payment would cost the round trip the one statement saves; a small block costs one per
// RECEIPT_BLOCK payments. What a process drew and did not use when it stops is a gap in the numbers, as a refused
// payment's number is already; with several processes numbers are unique but not in posting order across them.
import type { Ctx } from '../../platform/context.js';
import { drawReceiptSequence, formatReceiptNumber, type SequencedReceiptPoint } from './payments.store.js';

const RECEIPT_BLOCK = 16;

// Per database handle (tests open many in one process), per point: numbers drawn and not yet used.
const drawn = new WeakMap<object, Map<SequencedReceiptPoint, Promise<bigint[]>>>();

export async function takeReceiptNumber(ctx: Ctx, point: SequencedReceiptPoint, year: string): Promise<string> {
  const byPoint = drawn.get(ctx.db) ?? new Map<SequencedReceiptPoint, Promise<bigint[]>>();
  drawn.set(ctx.db, byPoint);
  for (;;) {
    // Concurrent callers share one draw in flight; whoever finds the block empty starts the next.
    let block = byPoint.get(point);
    if (!block) {
      block = drawReceiptSequence(ctx.db, point, RECEIPT_BLOCK);
      byPoint.set(point, block);
      block.catch(() => byPoint.delete(point));
    }
    const numbers = await block;
    const next = numbers.shift();
    if (next !== undefined) return formatReceiptNumber(point, year, next);
    if (byPoint.get(point) === block) byPoint.delete(point);
  }
}
