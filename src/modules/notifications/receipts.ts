// Delivery receipts (deliver_sm with esm_class 0x04) matched to messages by the SMS centre's message ids, one per
// segment. The receipt and the record of the send may arrive in either order: whichever comes first creates the
// segment row, the other completes it, and the message's status is worked out from all its segments.
//
// Receipts come as fast as messages go (one per segment), so they are written in small batches: each receipt's
// promise resolves once its batch committed, and only then does the adapter answer deliver_sm_resp, so an
// acknowledged receipt is always recorded.
import { sql } from 'drizzle-orm';
import { smsSegments } from '../../db/schema/notifications.js';
import type { Executor } from '../../db/client.js';
import type { Ctx } from '../../platform/context.js';
import { rowsOf } from './notifications.store.js';
import type { DeliveryReceipt } from './sms/sms.types.js';

const NOT_FINAL = ['sent', 'accepted', 'enroute'];

/** Writes a batch of receipts in one transaction and settles the messages they complete. */
export async function applyDeliveryReceipts(ctx: Ctx, receipts: DeliveryReceipt[]): Promise<Map<string, string>> {
  if (receipts.length === 0) return new Map();
  // One row per message id (a later final receipt wins over an earlier intermediate one).
  const byId = new Map<string, DeliveryReceipt>();
  for (const receipt of receipts) {
    const seen = byId.get(receipt.messageId);
    if (!seen || receipt.final || !seen.final) byId.set(receipt.messageId, receipt);
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.insert(smsSegments)
      .values([...byId.values()].map((r) => ({ messageId: r.messageId, status: r.status, errorCode: r.errorCode, doneAt: r.doneAt, receiptAt: now })))
      .onConflictDoUpdate({
        target: smsSegments.messageId,
        set: { status: sql`excluded.status`, errorCode: sql`excluded.error_code`, doneAt: sql`excluded.done_at`, receiptAt: sql`excluded.receipt_at` },
        // A late intermediate receipt never overwrites a final one.
        setWhere: sql`${smsSegments.status} IN ('sent', 'accepted', 'enroute') OR excluded.status NOT IN ('accepted', 'enroute')`,
      })
      .returning({ notificationId: smsSegments.notificationId, status: smsSegments.status });
    const settle = [...new Set(rows.filter((r) => r.notificationId && !NOT_FINAL.includes(r.status)).map((r) => r.notificationId!))];
    return settleFromSegments(tx, settle, now);
  });
}

export async function applyDeliveryReceipt(ctx: Ctx, receipt: DeliveryReceipt): Promise<{ status: string | null }> {
  const settled = await applyDeliveryReceipts(ctx, [receipt]);
  return { status: [...settled.values()][0] ?? null };
}

/**
 * A message is delivered when every segment is; it failed as soon as one segment did (the handset cannot show the
 * whole text): undelivered, expired or rejected, as that segment's receipt said. Until then it stays `sent`.
 * Only messages in a state a receipt may change are touched (never failed, dead or pending ones).
 */
export async function settleFromSegments(db: Executor, notificationIds: string[], now: Date): Promise<Map<string, string>> {
  if (notificationIds.length === 0) return new Map();
  const ids = sql.join(notificationIds.map((id) => sql`${id}`), sql`, `);
  const result = await db.execute(sql`
    WITH seg AS (
      SELECT notification_id,
             count(*) AS total,
             count(*) FILTER (WHERE status = 'delivered') AS delivered,
             (array_agg(status ORDER BY segment_index) FILTER (WHERE status IN ('undelivered', 'expired', 'rejected', 'deleted', 'unknown')))[1] AS failed,
             max(done_at) AS done_at
      FROM sms_segments WHERE notification_id IN (${ids}) GROUP BY notification_id)
    UPDATE notifications n SET
      status = CASE WHEN seg.failed IS NULL THEN 'delivered' WHEN seg.failed IN ('expired', 'rejected') THEN seg.failed ELSE 'undelivered' END,
      settled_at = coalesce(seg.done_at, ${now}), updated_at = ${now}
    FROM seg
    WHERE n.id = seg.notification_id AND n.status IN ('sent', 'delivered', 'undelivered', 'expired', 'rejected')
      AND (seg.failed IS NOT NULL OR seg.delivered >= coalesce(n.segments, 1))
    RETURNING n.id, n.status`);
  return new Map(rowsOf(result).map((r) => [String(r.id), String(r.status)]));
}

/**
 * Collects receipts for a few milliseconds and writes them together. `record` resolves when the receipt is
 * committed, rejects if its batch failed (the SMS centre is then told to deliver the receipt again).
 */
export function createReceiptRecorder(ctx: Ctx, options: { maxBatch?: number; maxWaitMs?: number } = {}): { record(receipt: DeliveryReceipt): Promise<void>; close(): Promise<void> } {
  const maxBatch = options.maxBatch ?? 500;
  const maxWaitMs = options.maxWaitMs ?? 20;
  let pending: { receipt: DeliveryReceipt; resolve(): void; reject(error: unknown): void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();

  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    flushing = flushing.then(() => applyDeliveryReceipts(ctx, batch.map((p) => p.receipt)).then(
      () => { for (const p of batch) p.resolve(); },
      (error: unknown) => { for (const p of batch) p.reject(error); },
    ));
  };

  return {
    record(receipt) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ receipt, resolve, reject });
        if (pending.length >= maxBatch) flush();
        else timer ??= setTimeout(flush, maxWaitMs);
      });
    },
    async close() {
      flush();
      await flushing;
    },
  };
}
