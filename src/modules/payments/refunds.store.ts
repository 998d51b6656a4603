// The SQL of refunds. A card refund moves `requested → refunded | failed` in one conditional UPDATE, so whoever
// records the gateway's answer first is the only one who posts it (a retry racing the reconciler posts once).
import { and, asc, eq, sql } from 'drizzle-orm';
import { paymentItems, paymentRefunds, payments } from '../../db/schema/payments.js';
import type { Executor } from '../../db/client.js';
import type { PaymentItemRow, PaymentRow } from './payments.store.js';

export type RefundRow = typeof paymentRefunds.$inferSelect;
export type RefundStatus = 'requested' | 'refunded' | 'failed';

/** The payment, locked until the transaction ends: refunds of one payment are decided one at a time. */
export async function lockPayment(db: Executor, id: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.id, id)).for('update').limit(1);
  return row;
}

export async function findRefund(db: Executor, id: string): Promise<RefundRow | undefined> {
  const [row] = await db.select().from(paymentRefunds).where(eq(paymentRefunds.id, id)).limit(1);
  return row;
}

export async function findRefundByIdempotencyKey(db: Executor, paymentId: string, key: string): Promise<RefundRow | undefined> {
  const [row] = await db.select().from(paymentRefunds).where(and(eq(paymentRefunds.paymentId, paymentId), eq(paymentRefunds.idempotencyKey, key))).limit(1);
  return row;
}

/** A refund of this payment still waiting for the gateway's answer, if any. */
export async function requestedRefundOf(db: Executor, paymentId: string): Promise<RefundRow | undefined> {
  const [row] = await db.select().from(paymentRefunds).where(and(eq(paymentRefunds.paymentId, paymentId), eq(paymentRefunds.status, 'requested'))).limit(1);
  return row;
}

/** Card refunds still waiting for the gateway, not tried since `before`, oldest first. */
export async function requestedRefundsNotTriedSince(db: Executor, before: Date, limit: number): Promise<RefundRow[]> {
  return db.select().from(paymentRefunds)
    .where(and(eq(paymentRefunds.status, 'requested'), sql`coalesce(${paymentRefunds.lastAttemptAt}, ${paymentRefunds.createdAt}) < ${before}`))
    .orderBy(asc(paymentRefunds.createdAt)).limit(limit);
}

export async function insertRefund(db: Executor, row: typeof paymentRefunds.$inferInsert): Promise<RefundRow> {
  const [inserted] = await db.insert(paymentRefunds).values(row).returning();
  return inserted!;
}

export async function noteRefundAttempt(db: Executor, id: string, now: Date): Promise<void> {
  await db.update(paymentRefunds).set({ attempts: sql`${paymentRefunds.attempts} + 1`, lastAttemptAt: now }).where(eq(paymentRefunds.id, id));
}

/** Records the gateway's final answer, if and only if the refund still waits for one. */
export async function closeRequestedRefund(db: Executor, id: string, outcome: { status: 'refunded' | 'failed'; gatewayRefundId?: string; failureCode?: string; result: unknown }, now: Date): Promise<RefundRow | undefined> {
  const [row] = await db.update(paymentRefunds).set({
    status: outcome.status,
    gatewayRefundId: outcome.gatewayRefundId ?? null,
    failureCode: outcome.failureCode ?? null,
    gatewayResult: outcome.result,
    completedAt: now,
  }).where(and(eq(paymentRefunds.id, id), eq(paymentRefunds.status, 'requested'))).returning();
  return row;
}

export async function itemsOfRefund(db: Executor, refundId: string): Promise<PaymentItemRow[]> {
  return db.select().from(paymentItems).where(eq(paymentItems.refundId, refundId)).orderBy(asc(paymentItems.position));
}

/** A refused card refund gives its items back to the payment, to be refunded later. */
export async function releaseRefundItems(db: Executor, refundId: string): Promise<void> {
  await db.update(paymentItems).set({ refundId: null }).where(eq(paymentItems.refundId, refundId));
}

