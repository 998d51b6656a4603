// Delivery receipts (deliver_sm with esm_class 0x04) matched to messages by the SMS centre's message ids, one per
// segment. The receipt and the record of the send may arrive in either order: whichever comes first creates the
// segment row, the other completes it, and the message's status is worked out from all its segments.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { notifications, smsSegments } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
import { inTransaction, type Ctx } from '../../shared/context.js';
import type { DeliveryReceipt } from './sms/sms.types.js';

/** Statuses a message may still move out of, when a (late) receipt settles it. */
const RECEIPT_UPDATABLE = ['sent', 'delivered', 'undelivered', 'expired', 'rejected'];

/** Records which notification each accepted segment belongs to; settles it at once if receipts came first. */
export async function recordSegments(db: Executor, notificationId: string, messageIds: string[], now: Date): Promise<void> {
  if (messageIds.length === 0) return;
  const rows = await db.insert(smsSegments)
    .values(messageIds.map((messageId, segmentIndex) => ({ messageId, notificationId, segmentIndex })))
    .onConflictDoUpdate({ target: smsSegments.messageId, set: { notificationId: sql`excluded.notification_id`, segmentIndex: sql`excluded.segment_index` } })
    .returning({ status: smsSegments.status });
  if (rows.some((r) => r.status !== 'sent')) await settleFromSegments(db, notificationId, now);
}

export async function applyDeliveryReceipt(ctx: Ctx, receipt: DeliveryReceipt): Promise<{ notificationId: string | null; status: string | null }> {
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const [segment] = await tx.db.insert(smsSegments)
      .values({ messageId: receipt.messageId, status: receipt.status, errorCode: receipt.errorCode, doneAt: receipt.doneAt, receiptAt: now })
      .onConflictDoUpdate({
        target: smsSegments.messageId,
        set: { status: sql`excluded.status`, errorCode: sql`excluded.error_code`, doneAt: sql`excluded.done_at`, receiptAt: sql`excluded.receipt_at` },
      })
      .returning({ notificationId: smsSegments.notificationId });
    const notificationId = segment?.notificationId ?? null;
    if (!notificationId || !receipt.final) return { notificationId, status: null };
    return { notificationId, status: await settleFromSegments(tx.db, notificationId, now) };
  });
}

const FAILED_STATUS: Record<string, string> = { undelivered: 'undelivered', expired: 'expired', rejected: 'rejected', deleted: 'undelivered', unknown: 'undelivered' };

/**
 * A message is delivered when every segment is; it failed as soon as one segment did (the handset cannot show the
 * whole text). Until then it stays `sent`.
 */
async function settleFromSegments(db: Executor, notificationId: string, now: Date): Promise<string | null> {
  const [message] = await db.select({ segments: notifications.segments }).from(notifications).where(eq(notifications.id, notificationId));
  if (!message) return null;
  const segments = await db.select({ status: smsSegments.status, doneAt: smsSegments.doneAt }).from(smsSegments)
    .where(eq(smsSegments.notificationId, notificationId)).orderBy(smsSegments.segmentIndex);
  const failed = segments.find((s) => s.status in FAILED_STATUS);
  let status: string | null = null;
  if (failed) status = FAILED_STATUS[failed.status]!;
  else if (segments.length >= (message.segments ?? 1) && segments.every((s) => s.status === 'delivered')) status = 'delivered';
  if (!status) return null;
  const settledAt = segments.reduce<Date | null>((latest, s) => (s.doneAt && (!latest || s.doneAt > latest) ? s.doneAt : latest), null) ?? now;
  await db.update(notifications).set({ status, settledAt, updatedAt: now })
    .where(and(eq(notifications.id, notificationId), inArray(notifications.status, RECEIPT_UPDATABLE)));
  return status;
}
