// What the channels module's bank API needs from payments: post a bank's notification (the same strict, once-per-id
// posting as POST /api/v1/payments, the bank's transaction id kept in payments.externalId so a statement can be
// matched to it), find it again by that id, reverse it for the bank that notified it, and list a day's activity.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { postDirectPayment, type DirectPaymentResult } from './direct-posting.js';
import { giveBack, type RefundResult } from './refunds.service.js';
import * as store from './payments.store.js';

export type BankPayment = store.PaymentRow;

function bankClientId(actor: Actor): string {
  if (actor.kind !== 'client' || actor.role !== 'bank') throw new AppError('forbidden', { channel: 'bank' });
  return actor.id;
}

/** Posts a bank's payment notification (amounts already parsed in the biller's currency). */
export async function postBankNotification(ctx: Ctx, actor: Actor, input: { externalId: string; currency: string; items: { payableId: string; amount: bigint }[]; language?: 'ar' | 'en' }): Promise<DirectPaymentResult> {
  bankClientId(actor);
  return postDirectPayment(ctx, actor, { channel: 'bank', externalId: input.externalId, currency: input.currency, items: input.items, language: input.language ?? 'ar' });
}

/** The bank's own payment by its transaction id (another bank's id never matches: the id is per client). */
export async function findBankPayment(ctx: Ctx, actor: Actor, externalId: string): Promise<{ payment: BankPayment; items: { payableId: string; amount: bigint }[] } | undefined> {
  const payment = await store.findPaymentByExternalId(ctx.db, 'bank', bankClientId(actor), externalId);
  if (!payment) return undefined;
  const items = (await store.itemsOf(ctx.db, [payment.id])).map((i) => ({ payableId: i.payableId, amount: i.amount }));
  return { payment, items };
}

/**
 * Reverses a bank's payment for that bank: the same ledger reversal, payable reopening and audit as an admin's
 * reversal. The caller (channels) has already checked the biller's window.
 */
export async function reverseBankPayment(ctx: Ctx, actor: Actor, input: { externalId: string; reason: string }): Promise<RefundResult> {
  const clientId = bankClientId(actor);
  const reason = input.reason.trim();
  if (reason.length < 3) throw new AppError('refund_reason_required');
  return inTransaction(ctx, async (tx) => {
    const payment = await store.findPaymentByExternalId(tx.db, 'bank', clientId, input.externalId);
    if (!payment) throw new AppError('payment_not_found', { externalId: input.externalId });
    const items = (await store.itemsOf(tx.db, [payment.id])).filter((item) => !item.refundId);
    return giveBack(tx, actor, payment, items, { kind: 'reversal', reason: reason.slice(0, 500) });
  });
}

/** A bank client's payments posted and reversals made in [from, to). */
export async function bankActivityBetween(ctx: Ctx, actor: Actor, from: Date, to: Date) {
  const clientId = bankClientId(actor);
  const [posted, reversals] = await Promise.all([
    store.bankPaymentsPostedBetween(ctx.db, clientId, from, to),
    store.bankRefundsBetween(ctx.db, clientId, from, to),
  ]);
  return { posted, reversals };
}
