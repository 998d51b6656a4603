// What the channels module's counters need from payments: post a cashier's payment (the same strict, once-per-id
// posting as a bank's, the counter's client id kept in payments.externalId and the counter's own receipt number on
// the payment), and void it for a supervisor (the same ledger reversal and payable reopening as an admin's).
// The caller (channels) checks the drawer, the tenders and the business day; these check the roles again.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { postDirectPayment, type DirectPaymentResult } from './direct-posting.js';
import { giveBack, type RefundResult } from './refunds.service.js';
import * as store from './payments.store.js';

export interface CounterPostingInput {
  /** The counter payment's client-generated id: posting is once per id. */
  externalId: string;
  receiptNumber: string;
  currency: string;
  items: { payableId: string; amount: bigint }[];
  language?: 'ar' | 'en';
  /** Cash taken offline: what no longer fits the bills becomes the party's credit instead of a refusal. */
  keepTheMoney?: boolean;
}

/** Posts a cashier's counter payment (amounts already parsed in the drawer's currency). */
export async function postCounterPayment(ctx: Ctx, actor: Actor, input: CounterPostingInput): Promise<DirectPaymentResult> {
  requireRole(actor, 'cashier');
  if (actor.kind !== 'staff') throw new AppError('forbidden', { channel: 'counter' });
  return postDirectPayment(ctx, actor, {
    channel: 'counter', externalId: input.externalId, receiptNumber: input.receiptNumber, currency: input.currency, items: input.items, language: input.language ?? 'ar',
    mode: input.keepTheMoney ? 'keep' : 'strict',
  });
}

/** Reverses a whole counter payment with a reason (a supervisor's void). */
export async function voidCounterPayment(ctx: Ctx, actor: Actor, input: { paymentId: string; reason: string }): Promise<RefundResult> {
  requireRole(actor, 'supervisor', 'admin');
  const reason = input.reason.trim();
  if (reason.length < 3) throw new AppError('refund_reason_required');
  return inTransaction(ctx, async (tx) => {
    const payment = await store.findPayment(tx.db, input.paymentId);
    if (!payment || payment.channel !== 'counter') throw new AppError('payment_not_found', { paymentId: input.paymentId });
    const items = (await store.itemsOf(tx.db, [payment.id])).filter((item) => !item.refundId);
    return giveBack(tx, actor, payment, items, { kind: 'reversal', reason: reason.slice(0, 500) });
  });
}
