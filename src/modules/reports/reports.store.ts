// The reports module's SQL: read-only, over the payments tables (payments, payment_items, payment_refunds) and
// payables/billers for names. Nothing here writes. Sums are cast to text so PGlite and node-postgres both hand back
// exact digits (never a float), parsed with BigInt by the caller.
import { and, asc, eq, gte, isNotNull, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { billers, payables, paymentItems, paymentRefunds, payments } from '../../db/schema/index.js';

export interface ChannelTotalRow {
  channel: string;
  currency: string;
  count: number;
  amount: string;
}

export interface BillerTotalRow {
  billerCode: string;
  nameAr: string;
  nameEn: string;
  currency: string;
  count: number;
  amount: string;
}

export interface RefundTotalRow {
  currency: string;
  count: number;
  amount: string;
}

/** Payments posted between `from` (inclusive) and `to` (exclusive), by channel. `credit` is money already held, not collected. */
export async function collectedByChannel(db: Executor, from: Date, to: Date): Promise<ChannelTotalRow[]> {
  return db
    .select({
      channel: payments.channel,
      currency: payments.currency,
      count: sql<number>`count(*)::int`,
      amount: sql<string>`coalesce(sum(${payments.amount}), 0)::text`,
    })
    .from(payments)
    .where(and(isNotNull(payments.postedAt), gte(payments.postedAt, from), lt(payments.postedAt, to), ne(payments.channel, 'credit')))
    .groupBy(payments.channel, payments.currency)
    .orderBy(asc(payments.channel), asc(payments.currency));
}

/** The same payments' items, by the biller of the payable each paid (what reached a biller, not what became credit). */
export async function collectedByBiller(db: Executor, from: Date, to: Date): Promise<BillerTotalRow[]> {
  return db
    .select({
      billerCode: payables.billerCode,
      nameAr: billers.nameAr,
      nameEn: billers.nameEn,
      currency: payments.currency,
      count: sql<number>`count(distinct ${payments.id})::int`,
      amount: sql<string>`coalesce(sum(${paymentItems.amount}), 0)::text`,
    })
    .from(paymentItems)
    .innerJoin(payments, eq(payments.id, paymentItems.paymentId))
    .innerJoin(payables, eq(payables.id, paymentItems.payableId))
    .innerJoin(billers, eq(billers.code, payables.billerCode))
    .where(and(isNotNull(payments.postedAt), gte(payments.postedAt, from), lt(payments.postedAt, to), ne(payments.channel, 'credit')))
    .groupBy(payables.billerCode, billers.nameAr, billers.nameEn, payments.currency)
    .orderBy(asc(payables.billerCode), asc(payments.currency));
}

/** Refunds and reversals made in the window, whatever day the payment they undo was made. */
export async function refundedInWindow(db: Executor, from: Date, to: Date): Promise<RefundTotalRow[]> {
  return db
    .select({
      currency: paymentRefunds.currency,
      count: sql<number>`count(*)::int`,
      amount: sql<string>`coalesce(sum(${paymentRefunds.amount}), 0)::text`,
    })
    .from(paymentRefunds)
    .where(and(gte(paymentRefunds.createdAt, from), lt(paymentRefunds.createdAt, to)))
    .groupBy(paymentRefunds.currency)
    .orderBy(asc(paymentRefunds.currency));
}
