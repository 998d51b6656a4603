// The payments module's SQL, and only its own tables. Status changes are conditional UPDATEs: whoever moves a
// payment out of `pending` first is the only one who posts it.
import { and, asc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { paymentItems, paymentRefunds, payments, receiptYearCounters } from '../../db/schema/payments.js';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/query-rows.js';
import { withParts, type StatementPart } from '../../db/statement-parts.js';

export type PaymentRow = typeof payments.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;
export type PaymentItemRow = typeof paymentItems.$inferSelect;
/** A payment row before its receipt number is drawn (the statement that writes it draws or takes it). */
export type UnnumberedPaymentRow = Omit<PaymentRow, 'receiptNumber' | 'receiptPoint'>;
export type PaymentStatus = 'pending' | 'posted' | 'failed' | 'refunded' | 'reversed' | 'partially_refunded';

export const RECEIPT_SEQUENCES = { WEB: 'receipt_seq_web', BNK: 'receipt_seq_bnk', CTR: 'receipt_seq_ctr', CRD: 'receipt_seq_crd' } as const;
export type SequencedReceiptPoint = keyof typeof RECEIPT_SEQUENCES;
/** Points numbered afresh each year from a counter row (receipt_year_counters): kiosks. */
export type YearlyReceiptPoint = 'KSK';
export type ReceiptPoint = SequencedReceiptPoint | YearlyReceiptPoint;

function isYearlyPoint(point: ReceiptPoint): point is YearlyReceiptPoint {
  return point === 'KSK';
}

/** Formats a receipt number: at least six digits, more once a point passes a million in a year. */
export function formatReceiptNumber(point: ReceiptPoint, year: string, n: bigint): string {
  return `${point}-${year}-${n.toString().padStart(6, '0')}`;
}

/**
 * Draws the next number of a yearly point (KSK-2026-000001, …) inside the caller's transaction: the upsert locks the
 * point's row for the year until that transaction ends, so concurrent payments queue and never share a number.
 */
export async function drawYearlyReceiptNumber(db: Executor, point: YearlyReceiptPoint, year: string): Promise<string> {
  const [row] = await db.insert(receiptYearCounters).values({ point, year, lastNumber: 1n })
    .onConflictDoUpdate({ target: [receiptYearCounters.point, receiptYearCounters.year], set: { lastNumber: sql`${receiptYearCounters.lastNumber} + 1` } })
    .returning({ lastNumber: receiptYearCounters.lastNumber });
  return formatReceiptNumber(point, year, row!.lastNumber);
}

/**
 * The next receipt number of a point, as an SQL expression evaluated inside the INSERT/UPDATE that records it:
 * `WEB-2026-000123` (at least six digits, more once a point passes a million in a year's prefix).
 */
export function nextReceiptNumberSql(point: SequencedReceiptPoint, year: string): SQL {
  const prefix = `${point}-${year}-`;
  return sql`(SELECT ${prefix} || lpad(n::text, greatest(6, length(n::text)), '0') FROM (SELECT nextval(${RECEIPT_SEQUENCES[point]}::regclass) AS n) AS next_receipt)`;
}

export async function findPayment(db: Executor, id: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.id, id)).limit(1);
  return row;
}

export async function findPaymentByIdempotencyKey(db: Executor, scope: string, key: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payments).where(and(eq(payments.idempotencyScope, scope), eq(payments.idempotencyKey, key))).limit(1);
  return row;
}

export async function findPaymentByExternalId(db: Executor, channel: string, actorId: string, externalId: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payments)
    .where(and(eq(payments.channel, channel), eq(payments.actorId, actorId), eq(payments.externalId, externalId))).limit(1);
  return row;
}

export async function findPaymentByTrackId(db: Executor, trackId: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.trackId, trackId)).limit(1);
  return row;
}

export async function findPaymentByReceiptNumber(db: Executor, receiptNumber: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.receiptNumber, receiptNumber)).limit(1);
  return row;
}

/** Inserts a payment unless its idempotency key or external id is taken; returns it, or undefined when taken. */
export async function insertPayment(db: Executor, row: NewPayment, receipt?: { point: SequencedReceiptPoint; year: string }): Promise<PaymentRow | undefined> {
  const values = receipt ? { ...row, receiptPoint: receipt.point, receiptNumber: nextReceiptNumberSql(receipt.point, receipt.year) } : row;
  const [inserted] = await db.insert(payments).values(values).onConflictDoNothing().returning();
  return inserted;
}

/**
 * Inserts a posted payment and its items in one statement (one round trip on every bank and counter payment),
 * unless the channel's id is taken: then nothing is written and undefined is returned. Answers the full row.
 */
export async function insertPostedPaymentWithItems(
  db: Executor,
  row: UnnumberedPaymentRow,
  items: { payableId: string; amount: bigint }[],
  receipt: { point: SequencedReceiptPoint; year: string; number?: string },
): Promise<PaymentRow | undefined> {
  // A counter brings its own number (office-counter-sequence); every other point draws from its sequence.
  const receiptNumber = receipt.number ?? nextReceiptNumberSql(receipt.point, receipt.year);
  const [inserted] = await queryRows<{ receipt_number: string }>(db, withParts(postedPaymentParts(row, items, receipt.point, receiptNumber), sql`SELECT receipt_number FROM payments_new`));
  return inserted ? { ...row, receiptPoint: receipt.point, receiptNumber: inserted.receipt_number } : undefined;
}

/**
 * A posted payment and its items as parts of a statement (StatementPart): `payments_new` returns id and receipt
 * number, or nothing when the channel's id (or idempotency key) is taken, and then no item is written either.
 */
export function postedPaymentParts(
  row: UnnumberedPaymentRow,
  items: { payableId: string; amount: bigint }[],
  receiptPoint: ReceiptPoint,
  receiptNumber: string | SQL,
): StatementPart[] {
  const itemValues = sql.join(items.map((item, position) => sql`(${position}::int, ${item.payableId}, ${item.amount.toString()}::bigint)`), sql`, `);
  return [
    {
      name: 'payments_new',
      sql: sql`
        INSERT INTO payments (id, channel, status, currency, amount, credit_amount, credit_party, refunded_amount, person_id, civil_id,
          actor_kind, actor_id, language, idempotency_scope, idempotency_key, request_hash, external_id, gateway, track_id,
          gateway_payment_id, gateway_status, gateway_result, failure_code, receipt_point, receipt_number, inquiry_attempts,
          last_inquiry_at, created_at, updated_at, posted_at, closed_at)
        VALUES (${row.id}, ${row.channel}, ${row.status}, ${row.currency}, ${row.amount.toString()}::bigint, ${row.creditAmount.toString()}::bigint,
          ${row.creditParty}, ${row.refundedAmount.toString()}::bigint, ${row.personId}, ${row.civilId}, ${row.actorKind}, ${row.actorId},
          ${row.language}, ${row.idempotencyScope}, ${row.idempotencyKey}, ${row.requestHash}, ${row.externalId}, ${row.gateway},
          ${row.trackId}, ${row.gatewayPaymentId}, ${row.gatewayStatus}, ${row.gatewayResult === null ? null : JSON.stringify(row.gatewayResult)}::jsonb,
          ${row.failureCode}, ${receiptPoint}, ${receiptNumber}, ${row.inquiryAttempts}::int,
          ${row.lastInquiryAt?.toISOString() ?? null}::timestamptz, ${row.createdAt.toISOString()}::timestamptz,
          ${row.updatedAt.toISOString()}::timestamptz, ${row.postedAt?.toISOString() ?? null}::timestamptz, ${row.closedAt?.toISOString() ?? null}::timestamptz)
        ON CONFLICT DO NOTHING
        RETURNING id, receipt_number`,
    },
    {
      name: 'payment_items_new',
      sql: sql`
        INSERT INTO payment_items (payment_id, payable_id, position, amount)
        SELECT payments_new.id, i.payable_id, i.position, i.amount FROM payments_new CROSS JOIN (VALUES ${itemValues}) AS i(position, payable_id, amount)
        RETURNING payable_id`,
    },
  ];
}

/**
 * Draws `count` numbers of a point's sequence at once (the one-statement posting numbers its receipt before it
 * writes, so the receipt in its outbox row can carry the number). Numbers drawn and never used are gaps, as a
 * refused payment's number already is.
 */
export async function drawReceiptSequence(db: Executor, point: SequencedReceiptPoint, count: number): Promise<bigint[]> {
  const rows = await queryRows<{ n: string }>(db, sql`SELECT nextval(${RECEIPT_SEQUENCES[point]}::regclass)::text AS n FROM generate_series(1, ${count}::int)`);
  return rows.map((row) => BigInt(row.n));
}

export async function insertItems(db: Executor, paymentId: string, items: { payableId: string; amount: bigint }[]): Promise<void> {
  if (items.length === 0) return;
  await db.insert(paymentItems).values(items.map((item, position) => ({ paymentId, payableId: item.payableId, amount: item.amount, position })));
}

export async function itemsOf(db: Executor, paymentIds: string[]): Promise<PaymentItemRow[]> {
  if (paymentIds.length === 0) return [];
  return db.select().from(paymentItems).where(inArray(paymentItems.paymentId, paymentIds)).orderBy(asc(paymentItems.paymentId), asc(paymentItems.position));
}

/** Posted, not yet refunded items paying the given payable, across payments. */
export async function refundableItemsOfPayable(db: Executor, payableId: string): Promise<PaymentItemRow[]> {
  return db.select({ item: paymentItems }).from(paymentItems)
    .innerJoin(payments, eq(payments.id, paymentItems.paymentId))
    .where(and(eq(paymentItems.payableId, payableId), isNull(paymentItems.refundId), inArray(payments.status, ['posted', 'partially_refunded'])))
    .orderBy(asc(paymentItems.id))
    .then((rows) => rows.map((r) => r.item));
}

/**
 * Moves a pending payment to posted, with the gateway's ids and a receipt number, if and only if it is still
 * pending and the gateway payment id has not posted before (unique index). Returns undefined when someone else
 * already moved it: that caller posts, this one does nothing.
 */
export async function claimPendingForPosting(db: Executor, id: string, gateway: { paymentId: string; status: string; result: unknown }, receipt: { point: ReceiptPoint; year: string }, now: Date): Promise<PaymentRow | undefined> {
  const yearly = isYearlyPoint(receipt.point);
  const [row] = await db.update(payments).set({
    status: 'posted',
    gatewayPaymentId: gateway.paymentId,
    gatewayStatus: gateway.status,
    gatewayResult: gateway.result,
    receiptPoint: receipt.point,
    ...(yearly ? {} : { receiptNumber: nextReceiptNumberSql(receipt.point as SequencedReceiptPoint, receipt.year) }),
    postedAt: now,
    updatedAt: now,
  }).where(and(eq(payments.id, id), eq(payments.status, 'pending'))).returning();
  if (!row || !yearly) return row;
  // Drawn only by the caller that claimed the payment (a caller that lost the claim draws nothing), in its transaction.
  const receiptNumber = await drawYearlyReceiptNumber(db, receipt.point as YearlyReceiptPoint, receipt.year);
  const [numbered] = await db.update(payments).set({ receiptNumber }).where(eq(payments.id, id)).returning();
  return numbered;
}

/** Closes a pending payment as failed (declined, cancelled, timed out). A posted payment is never touched. */
export async function markPendingFailed(db: Executor, id: string, outcome: { gatewayStatus: string; failureCode: string; gatewayPaymentId?: string; result?: unknown }, now: Date): Promise<PaymentRow | undefined> {
  const [row] = await db.update(payments).set({
    status: 'failed',
    gatewayStatus: outcome.gatewayStatus,
    failureCode: outcome.failureCode,
    gatewayResult: outcome.result ?? null,
    closedAt: now,
    updatedAt: now,
  }).where(and(eq(payments.id, id), eq(payments.status, 'pending'))).returning();
  return row;
}

/** After posting a captured payment: what could not be applied to a payable became credit. */
export async function recordCapturedShortfall(db: Executor, id: string, creditAmount: bigint, creditParty: string, items: { id: bigint; amount: bigint }[]): Promise<void> {
  for (const item of items) await db.update(paymentItems).set({ amount: item.amount }).where(eq(paymentItems.id, item.id));
  await db.update(payments).set({ creditAmount, creditParty }).where(eq(payments.id, id));
}

export async function noteInquiry(db: Executor, id: string, now: Date): Promise<void> {
  await db.update(payments).set({ inquiryAttempts: sql`${payments.inquiryAttempts} + 1`, lastInquiryAt: now }).where(eq(payments.id, id));
}

/** Pending card payments created before `before`, oldest first: the reconciler asks the gateway about them. */
export async function pendingCreatedBefore(db: Executor, before: Date, limit: number): Promise<PaymentRow[]> {
  return db.select().from(payments)
    .where(and(eq(payments.status, 'pending'), lt(payments.createdAt, before)))
    .orderBy(asc(payments.createdAt)).limit(limit);
}

/** Marks items refunded, only those not refunded yet; returns the ones this call marked. */
export async function markItemsRefunded(db: Executor, itemIds: bigint[], refundId: string): Promise<PaymentItemRow[]> {
  if (itemIds.length === 0) return [];
  return db.update(paymentItems).set({ refundId }).where(and(inArray(paymentItems.id, itemIds), isNull(paymentItems.refundId))).returning();
}

export async function addRefundedAmount(db: Executor, id: string, amount: bigint, status: 'refunded' | 'reversed' | 'partially_refunded', now: Date): Promise<PaymentRow | undefined> {
  const [row] = await db.update(payments).set({
    refundedAmount: sql`${payments.refundedAmount} + ${amount}`,
    status,
    updatedAt: now,
  }).where(and(eq(payments.id, id), inArray(payments.status, ['posted', 'partially_refunded']))).returning();
  return row;
}

export async function insertRefund(db: Executor, row: typeof paymentRefunds.$inferInsert): Promise<void> {
  await db.insert(paymentRefunds).values(row);
}

/**
 * A person's payments, newest first: those they made signed in, and those that paid their payables (a bill paid
 * through quick pay without signing in is still theirs). The second half reads the payables table by its civil ID
 * index, read-only, because a join here is one query where the billers service would be one per payment.
 */
export async function paymentsOfPerson(db: Executor, person: { personId: string; civilId: string }, limit: number): Promise<PaymentRow[]> {
  return db.select().from(payments).where(sql`${payments.status} <> 'pending' AND (
    ${payments.personId} = ${person.personId} OR ${payments.civilId} = ${person.civilId}
    OR ${payments.id} IN (SELECT pi.payment_id FROM payment_items pi JOIN payables p ON p.id = pi.payable_id WHERE p.civil_id = ${person.civilId})
  )`).orderBy(sql`${payments.createdAt} DESC`).limit(limit);
}

/** A bank client's payments posted in [from, to), oldest first, for its end-of-day report. */
export async function bankPaymentsPostedBetween(db: Executor, actorId: string, from: Date, to: Date): Promise<PaymentRow[]> {
  return db.select().from(payments)
    .where(and(eq(payments.channel, 'bank'), eq(payments.actorId, actorId), sql`${payments.postedAt} >= ${from} AND ${payments.postedAt} < ${to}`))
    .orderBy(asc(payments.postedAt), asc(payments.id));
}

/** Refunds and reversals made in [from, to) of a bank client's payments, oldest first. */
export async function bankRefundsBetween(db: Executor, actorId: string, from: Date, to: Date): Promise<(typeof paymentRefunds.$inferSelect & { externalId: string | null })[]> {
  const rows = await db.select({ refund: paymentRefunds, externalId: payments.externalId }).from(paymentRefunds)
    .innerJoin(payments, eq(payments.id, paymentRefunds.paymentId))
    .where(and(eq(payments.channel, 'bank'), eq(payments.actorId, actorId), sql`${paymentRefunds.createdAt} >= ${from} AND ${paymentRefunds.createdAt} < ${to}`))
    .orderBy(asc(paymentRefunds.createdAt), asc(paymentRefunds.id));
  return rows.map((r) => ({ ...r.refund, externalId: r.externalId }));
}
