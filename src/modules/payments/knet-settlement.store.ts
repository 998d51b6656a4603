// The KNET settlement check's SQL: the day's KNET attempts (from the payments table, read-only here) and the
// exceptions it records. Exceptions are inserted once per payment and kind and never updated.
import { and, asc, eq, gte, isNotNull, lt } from 'drizzle-orm';
import { knetSettlementExceptions, payments } from '../../db/schema/payments.js';
import type { Executor } from '../../db/client.js';
import type { PaymentRow } from './payments.store.js';

export type KnetSettlementExceptionRow = typeof knetSettlementExceptions.$inferSelect;

/** Every KNET attempt started in [from, to), whatever its status, oldest first. */
export async function knetAttemptsBetween(db: Executor, from: Date, to: Date): Promise<PaymentRow[]> {
  return db.select().from(payments)
    .where(and(eq(payments.gateway, 'knet'), isNotNull(payments.trackId), gte(payments.createdAt, from), lt(payments.createdAt, to)))
    .orderBy(asc(payments.createdAt), asc(payments.id));
}

/** Adds the exception unless this payment already has one of this kind; returns the row it added, if any. */
export async function insertException(db: Executor, row: typeof knetSettlementExceptions.$inferInsert): Promise<KnetSettlementExceptionRow | undefined> {
  const [added] = await db.insert(knetSettlementExceptions).values(row).onConflictDoNothing().returning();
  return added;
}

export async function exceptionsOfDate(db: Executor, businessDate: string): Promise<KnetSettlementExceptionRow[]> {
  return db.select().from(knetSettlementExceptions)
    .where(eq(knetSettlementExceptions.businessDate, businessDate))
    .orderBy(asc(knetSettlementExceptions.detectedAt), asc(knetSettlementExceptions.id));
}
