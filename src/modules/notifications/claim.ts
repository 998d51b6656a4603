// How a worker takes work: first new outbox events, expanded into notifications that are claimed for this worker
// in the same transaction; then notifications already due (a retry, a resend, a row whose worker died). Every row
// returned is `sending`, its attempt counted and its lease set, committed before any message goes out.
import { inTransaction, type Ctx } from '../../platform/context.js';
import { retryDelayMs } from './backoff.js';
import { emptyDirectory, expandEvents, lookUpRecipients } from './expand.js';
import { claimDue, insertNotifications, settleAbandoned, type NotificationRow } from './notifications.store.js';
import { claimOutboxBatch, markOutboxDone, markOutboxFailed, noteOutbox, peekOutbox } from '../../platform/outbox.queue.js';
import { loadTemplates } from './templates.service.js';
import { CHANNELS } from './topics.js';

export interface ClaimRequest {
  workerId: string;
  /** Notifications wanted at most (outbox events are taken up to this many; one may yield several messages). */
  limit: number;
  /** Outbox events per transaction at most. */
  batchSize?: number;
  /** Also settle rows abandoned by dead workers (not needed on every call). */
  checkAbandoned?: boolean;
}

export async function claimNotificationWork(ctx: Ctx, request: ClaimRequest): Promise<{ rows: NotificationRow[]; expanded: number }> {
  const { workerId } = request;
  const now = ctx.clock.now();
  const leaseUntil = new Date(now.getTime() + ctx.config.NOTIFY_LEASE_SECONDS * 1000);
  const maxAttempts = ctx.config.NOTIFY_MAX_ATTEMPTS;
  const templates = await loadTemplates(ctx);
  const batch = Math.min(request.limit, request.batchSize ?? 200);
  // Who the next events are for, looked up before the transaction that locks them (several lookups at once).
  const upcoming = await peekOutbox(ctx.db, { now, limit: batch });
  const directory = upcoming.length > 0 ? await lookUpRecipients(ctx, upcoming) : emptyDirectory();
  let expanded = 0;
  const fresh = await inTransaction(ctx, async (tx) => {
    const events = await claimOutboxBatch(tx.db, { now, limit: batch });
    if (events.length === 0) return [];
    const expansion = await expandEvents(tx, events, templates, directory);
    const rows = expansion.rows.map((row) => ({ ...row, status: 'sending', attempts: 1, claimedBy: workerId, claimedUntil: leaseUntil }));
    const inserted = await insertNotifications(tx.db, rows);
    await markOutboxDone(tx.db, events.filter((e) => !expansion.failures.has(e.id)).map((e) => e.id), { now, workerId });
    for (const [id, note] of expansion.notes) await noteOutbox(tx.db, id, note);
    for (const [id, failure] of expansion.failures) {
      const attempts = events.find((e) => e.id === id)!.attempts + 1;
      const dead = failure.permanent || attempts >= maxAttempts;
      await markOutboxFailed(tx.db, id, { error: failure.error, dead, now, retryAt: new Date(now.getTime() + retryDelayMs(attempts, ctx.config.NOTIFY_RETRY_BASE_MS)) });
    }
    expanded = events.length;
    return inserted;
  });
  if (fresh.length >= request.limit) return { rows: fresh, expanded };
  if (request.checkAbandoned !== false) await settleAbandoned(ctx.db, { now, maxAttempts });
  const due = await claimDue(ctx.db, { workerId, now, leaseUntil, limit: request.limit - fresh.length, maxAttempts, channels: [...CHANNELS] });
  return { rows: [...fresh, ...due], expanded };
}
