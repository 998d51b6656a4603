// SQL for notification rows: claiming work with FOR UPDATE SKIP LOCKED and a lease, recording each attempt's
// outcome guarded by who holds the row, and the admin's views.
import { and, desc, eq, inArray, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { notifications } from '../../db/schema/notifications.js';
import type { Executor } from '../../db/client.js';

export type NotificationRow = typeof notifications.$inferSelect;
export type NotificationInsert = typeof notifications.$inferInsert;

/** Inserts what is new; a (outbox_id, channel, address) that exists already is skipped. Returns the inserted rows. */
export async function insertNotifications(db: Executor, rows: NotificationInsert[]): Promise<NotificationRow[]> {
  if (rows.length === 0) return [];
  return db.insert(notifications).values(rows).onConflictDoNothing().returning();
}

export interface ClaimOptions {
  workerId: string;
  now: Date;
  leaseUntil: Date;
  limit: number;
  maxAttempts: number;
  /** Channels this worker can send; others wait for a worker that can. */
  channels: string[];
}

/**
 * A row still `sending` after its lease belonged to a worker that died or hung. If the server had answered (its
 * message ids are recorded) the message left: it is `sent`, not sent again. Rows that have used every attempt
 * this way are dead-lettered rather than retried for ever.
 */
export async function settleAbandoned(db: Executor, options: Pick<ClaimOptions, 'now' | 'maxAttempts'>): Promise<void> {
  await db.update(notifications)
    .set({ status: 'sent', sentAt: sql`coalesce(${notifications.sentAt}, ${options.now})`, claimedBy: null, claimedUntil: null, updatedAt: options.now })
    .where(and(eq(notifications.status, 'sending'), lt(notifications.claimedUntil, options.now), sql`${notifications.providerMessageIds} IS NOT NULL`));
  await db.update(notifications)
    .set({ status: 'dead', lastErrorCode: 'worker_lost', lastError: 'the worker stopped during every attempt', claimedBy: null, claimedUntil: null, updatedAt: options.now })
    .where(and(eq(notifications.status, 'sending'), lt(notifications.claimedUntil, options.now), sql`${notifications.attempts} >= ${options.maxAttempts}`));
}

/**
 * Claims due rows: pending, failed with their retry due, or `sending` with an expired lease (no answer recorded:
 * sent again — the at-least-once case). The attempt is counted and the lease set before any network call.
 */
export async function claimDue(db: Executor, options: ClaimOptions): Promise<NotificationRow[]> {
  if (options.limit <= 0 || options.channels.length === 0) return [];
  const due = db.select({ id: notifications.id }).from(notifications)
    .where(and(
      inArray(notifications.status, ['pending', 'failed', 'sending']),
      lte(notifications.availableAt, options.now),
      // A stale `sending` row is resent only when no answer was recorded and attempts remain (settleAbandoned
      // deals with the others).
      or(ne(notifications.status, 'sending'), and(
        lt(notifications.claimedUntil, options.now), isNull(notifications.providerMessageIds), lt(notifications.attempts, options.maxAttempts),
      )),
      inArray(notifications.channel, options.channels),
    ))
    .orderBy(notifications.availableAt)
    .limit(options.limit)
    .for('update', { skipLocked: true });
  return db.update(notifications).set({
    status: 'sending', attempts: sql`${notifications.attempts} + 1`, claimedBy: options.workerId, claimedUntil: options.leaseUntil,
    availableAt: options.now, updatedAt: options.now,
  }).where(inArray(notifications.id, due)).returning();
}

/** Only the holder of this attempt may record its outcome. */
function heldBy(id: string, workerId: string, attempt: number): SQL | undefined {
  return and(eq(notifications.id, id), eq(notifications.status, 'sending'), eq(notifications.claimedBy, workerId), eq(notifications.attempts, attempt));
}

export async function markSent(db: Executor, hold: { id: string; workerId: string; attempt: number }, outcome: { messageIds: string[]; segments: number; at: Date }): Promise<boolean> {
  const updated = await db.update(notifications).set({
    status: 'sent', providerMessageIds: outcome.messageIds, segments: outcome.segments, sentAt: outcome.at,
    claimedBy: null, claimedUntil: null, lastErrorCode: null, lastError: null, updatedAt: outcome.at,
  }).where(heldBy(hold.id, hold.workerId, hold.attempt)).returning({ id: notifications.id });
  return updated.length > 0;
}

/**
 * An SMS accepted by the SMS centre: its message ids and its segment rows (for receipts) in one statement, so the
 * ids are on record the moment this commits. Returns whether this attempt still held the row, and how many of its
 * segments already had a receipt (then the caller settles the message).
 */
export async function markSmsSent(db: Executor, hold: { id: string; workerId: string; attempt: number }, outcome: { messageIds: string[]; at: Date }): Promise<{ recorded: boolean; earlyReceipts: number }> {
  const ids = sql.join(outcome.messageIds.map((id) => sql`${id}`), sql`, `);
  const segments = sql.join(outcome.messageIds.map((id, index) => sql`(${id}, ${hold.id}, ${index}::int)`), sql`, `);
  const result = await db.execute(sql`
    WITH sent AS (
      UPDATE notifications SET status = 'sent', provider_message_ids = ARRAY[${ids}]::text[], segments = ${outcome.messageIds.length}::int,
        sent_at = ${outcome.at}, claimed_by = NULL, claimed_until = NULL, last_error_code = NULL, last_error = NULL, updated_at = ${outcome.at}
      WHERE id = ${hold.id} AND status = 'sending' AND claimed_by = ${hold.workerId} AND attempts = ${hold.attempt}::int
      RETURNING id),
    seg AS (
      INSERT INTO sms_segments (message_id, notification_id, segment_index) VALUES ${segments}
      ON CONFLICT (message_id) DO UPDATE SET notification_id = excluded.notification_id, segment_index = excluded.segment_index
      RETURNING status)
    SELECT (SELECT count(*) FROM sent)::int AS recorded, (SELECT count(*) FROM seg WHERE status <> 'sent')::int AS early`);
  const [row] = rowsOf(result);
  return { recorded: Number(row?.recorded ?? 0) > 0, earlyReceipts: Number(row?.early ?? 0) };
}

export async function markFailed(db: Executor, hold: { id: string; workerId: string; attempt: number }, outcome: { dead: boolean; code: string; message: string; retryAt: Date; at: Date }): Promise<boolean> {
  const updated = await db.update(notifications).set({
    status: outcome.dead ? 'dead' : 'failed', availableAt: outcome.retryAt, lastErrorCode: outcome.code, lastError: outcome.message.slice(0, 1000),
    claimedBy: null, claimedUntil: null, updatedAt: outcome.at,
  }).where(heldBy(hold.id, hold.workerId, hold.attempt)).returning({ id: notifications.id });
  return updated.length > 0;
}

export async function findNotification(db: Executor, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  return row;
}

export async function listByStatus(db: Executor, filter: { status?: string; personId?: string; outboxId?: bigint; limit: number; before?: Date }): Promise<NotificationRow[]> {
  const conditions = [
    filter.status ? eq(notifications.status, filter.status) : undefined,
    filter.personId ? eq(notifications.personId, filter.personId) : undefined,
    filter.outboxId !== undefined ? eq(notifications.outboxId, filter.outboxId) : undefined,
    filter.before ? lt(notifications.updatedAt, filter.before) : undefined,
  ].filter((c): c is SQL => c !== undefined);
  return db.select().from(notifications).where(and(...conditions)).orderBy(desc(notifications.updatedAt), desc(notifications.id)).limit(filter.limit);
}

/** Puts a dead letter back in the queue as a fresh series of attempts. */
export async function requeueDead(db: Executor, id: string, now: Date): Promise<boolean> {
  const updated = await db.update(notifications)
    .set({ status: 'pending', attempts: 0, availableAt: now, claimedBy: null, claimedUntil: null, updatedAt: now })
    .where(and(eq(notifications.id, id), eq(notifications.status, 'dead'))).returning({ id: notifications.id });
  return updated.length > 0;
}

export async function countByStatus(db: Executor): Promise<Record<string, number>> {
  const rows = await db.select({ status: notifications.status, count: sql<number>`count(*)::int` }).from(notifications).groupBy(notifications.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
}

/** Rows of a raw `db.execute`: node-postgres answers a QueryResult, PGlite an object with `rows`. */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  return (result as { rows?: Record<string, unknown>[] }).rows ?? [];
}
