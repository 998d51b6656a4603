// The consuming side of the outbox (outbox.store.ts writes it). An event is expanded into notification rows inside
// one transaction that holds its outbox row (FOR UPDATE SKIP LOCKED) and marks it done: a worker that dies mid-way
// rolls back and frees the row at once, so the outbox itself needs no lease. The lease protects the step that
// cannot be made atomic, the network call, and lives on each notification row (notifications.store.ts).
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { outbox } from '../db/schema/platform.js';
import type { Executor } from '../db/client.js';

export interface OutboxEvent {
  id: bigint;
  topic: string;
  payload: unknown;
  attempts: number;
}

export async function claimOutboxBatch(db: Executor, options: { now: Date; limit: number }): Promise<OutboxEvent[]> {
  if (options.limit <= 0) return [];
  return db.select({ id: outbox.id, topic: outbox.topic, payload: outbox.payload, attempts: outbox.attempts })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.availableAt, options.now)))
    .orderBy(outbox.availableAt, outbox.id)
    .limit(options.limit)
    .for('update', { skipLocked: true });
}

/** The recipients of the next pending events, without locking anything (a look-ahead; the claim decides). */
export async function peekOutbox(db: Executor, options: { now: Date; limit: number }): Promise<{ personId: string | null; civilId: string | null }[]> {
  if (options.limit <= 0) return [];
  return db.select({ personId: sql<string | null>`${outbox.payload}->>'personId'`, civilId: sql<string | null>`${outbox.payload}->>'civilId'` })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.availableAt, options.now)))
    .orderBy(outbox.availableAt, outbox.id)
    .limit(options.limit);
}

/** Marks expanded events; `note` records why an event produced nothing (no registered person, say). */
export async function markOutboxDone(db: Executor, ids: bigint[], options: { now: Date; workerId: string }): Promise<void> {
  if (ids.length === 0) return;
  await db.update(outbox).set({ status: 'done', doneAt: options.now, claimedBy: options.workerId, claimedUntil: null, attempts: sql`${outbox.attempts} + 1` })
    .where(inArray(outbox.id, ids));
}

export async function noteOutbox(db: Executor, id: bigint, note: string): Promise<void> {
  await db.update(outbox).set({ lastError: note.slice(0, 1000) }).where(eq(outbox.id, id));
}

/** An event that could not be expanded: tried again later, or dead after too many attempts. */
export async function markOutboxFailed(db: Executor, id: bigint, options: { error: string; retryAt: Date; dead: boolean; now: Date }): Promise<void> {
  await db.update(outbox).set({
    status: options.dead ? 'dead' : 'pending', attempts: sql`${outbox.attempts} + 1`, lastError: options.error.slice(0, 1000),
    availableAt: options.retryAt, doneAt: options.dead ? options.now : null,
  }).where(eq(outbox.id, id));
}

export async function outboxCounts(db: Executor): Promise<Record<string, number>> {
  const rows = await db.select({ status: outbox.status, count: sql<number>`count(*)::int` }).from(outbox).groupBy(outbox.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
}

export async function outboxPayload(db: Executor, id: bigint): Promise<{ payload: unknown } | undefined> {
  const [row] = await db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.id, id));
  return row;
}
