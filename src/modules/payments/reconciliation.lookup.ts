// What reconciliation may know of a payment: found by a reference a bank statement carries (the channel's own
// transaction id, our payment id, or the receipt number), and the payments of a channel posted in a period.
import { and, eq, gte, lt, or, inArray } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { payments } from '../../db/schema/payments.js';

export interface ReconcilablePayment {
  id: string;
  channel: string;
  status: string;
  currency: string;
  amount: bigint;
  externalId: string | null;
  receiptNumber: string | null;
  /** The bank (api client) that notified it, for bank payments. */
  actorId: string | null;
  postedAt: Date | null;
}

const columns = {
  id: payments.id, channel: payments.channel, status: payments.status, currency: payments.currency, amount: payments.amount,
  externalId: payments.externalId, receiptNumber: payments.receiptNumber, actorId: payments.actorId, postedAt: payments.postedAt,
};

/** The payments a statement reference may name; several when one bank id was reused across channels or banks. */
export async function findPaymentsByReference(ctx: Ctx, reference: string): Promise<ReconcilablePayment[]> {
  return ctx.db.select(columns).from(payments)
    .where(or(eq(payments.externalId, reference), eq(payments.id, reference), eq(payments.receiptNumber, reference)))
    .limit(5);
}

export async function findPaymentForReconciliation(ctx: Ctx, paymentId: string): Promise<ReconcilablePayment | undefined> {
  const [row] = await ctx.db.select(columns).from(payments).where(eq(payments.id, paymentId));
  return row;
}

/** Payments of the channels posted in [from, to): what Tasdeed expects the banks to settle. */
export async function postedPaymentsBetween(ctx: Ctx, channels: string[], from: Date, to: Date): Promise<ReconcilablePayment[]> {
  return ctx.db.select(columns).from(payments)
    .where(and(inArray(payments.channel, channels), gte(payments.postedAt, from), lt(payments.postedAt, to)));
}
