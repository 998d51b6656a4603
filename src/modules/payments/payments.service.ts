// The payments use cases as the HTTP layer (and other channels) call them: access checks first, refusals audited,
// then the checkout, posting, gateway and receipt code.
import type { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.js';
import type { Ctx } from '../../platform/context.js';
import { formatAmount, parsePositiveAmount } from '../../shared/money.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { startCheckout, type CheckoutResult, type CheckoutUrls } from './checkout.service.js';
import { postDirectPayment, type DirectPaymentResult } from './direct-posting.js';
import type { PaymentGateway } from './gateways/index.js';
import { settleWithGateway } from './gateway-flow.js';
import { auditedRefusals } from './payments.audit.js';
import { receiptVerifyUrl } from './receipt-signature.js';
import * as store from './payments.store.js';
import type * as s from './payments.schemas.js';

/** The request body; the route puts the Idempotency-Key header in idempotencyKey when the body has none. */
export type CheckoutRequest = z.output<typeof s.checkoutBody>;

/** POST /api/v1/checkout: anyone may pay (a relative's bill, say); the key makes a retry safe. */
export async function checkout(ctx: Ctx, actor: Actor, request: CheckoutRequest, gateway: PaymentGateway | undefined, urls: (paymentId: string) => CheckoutUrls): Promise<CheckoutResult> {
  return auditedRefusals(ctx, actor, 'payment.checkout', null, async () => {
    if (!request.idempotencyKey) throw new AppError('validation_failed', { field: 'idempotencyKey', reason: 'send idempotencyKey or the Idempotency-Key header' });
    if (request.items && request.payableIds) throw new AppError('validation_failed', { reason: 'send items or payableIds, not both' });
    const items = request.items ?? request.payableIds?.map((payableId) => ({ payableId }));
    return startCheckout(ctx, actor, {
      ...(items ? { items } : {}),
      ...(request.allocate ? { allocate: request.allocate } : {}),
      channel: request.channel,
      language: request.language,
      idempotencyKey: request.idempotencyKey,
    }, gateway, urls, ctx.config.TASDEED_CURRENCY);
  }, { items: request.items ?? request.payableIds ?? null, allocate: request.allocate ? { amount: request.allocate.amount } : null });
}

export type ChannelPaymentRequest = z.output<typeof s.directPaymentBody>;

/**
 * POST /api/v1/payments: a bank (HMAC-signed client) notifies a payment it took. A cashier's counter cash is
 * refused here (payment_counter_needs_drawer): it goes through /api/v1/counter/payments and a drawer. Posted at once through the same posting code as card payments, idempotent on the channel's own id.
 */
export async function recordChannelPayment(ctx: Ctx, actor: Actor, request: ChannelPaymentRequest): Promise<DirectPaymentResult> {
  return auditedRefusals(ctx, actor, 'payment.channel', null, async () => {
    requireRole(actor, 'bank', 'cashier');
    const allowed = request.channel === 'bank' ? actor.kind === 'client' && actor.role === 'bank' : actor.kind === 'staff' && actor.role === 'cashier';
    if (!allowed) throw new AppError('forbidden', { channel: request.channel });
    // Counter cash must land in a drawer (counted at close, in the day's totals): only the counter API takes it.
    if (request.channel === 'counter') throw new AppError('payment_counter_needs_drawer');
    const currency = ctx.config.TASDEED_CURRENCY;
    const items = request.items.map((item) => ({ payableId: item.payableId, amount: parsePositiveAmount(item.amount, currency) }));
    return postDirectPayment(ctx, actor, { channel: request.channel, externalId: request.externalId, items, currency, language: request.language });
  }, { externalId: request.externalId, items: request.items });
}

/** The signed-in citizen's payment history, newest first (the last 100). */
export async function myPayments(ctx: Ctx, actor: Actor): Promise<store.PaymentRow[]> {
  requireRole(actor, 'citizen');
  if (actor.kind !== 'person') throw new AppError('forbidden');
  return store.paymentsOfPerson(ctx.db, { personId: actor.id, civilId: actor.civilId }, 100);
}

/** A payment's state, for the page the payer returns to. The payment id is unguessable; nothing personal is shown. */
export async function getPayment(ctx: Ctx, paymentId: string): Promise<store.PaymentRow> {
  const payment = await store.findPayment(ctx.db, paymentId);
  if (!payment) throw new AppError('payment_not_found', { paymentId });
  return payment;
}

/**
 * The page the payer returns to from the gateway. A payment still pending is settled with the gateway first (its
 * notification may not have arrived yet, and "confirming" is a worse answer than the real one); the items let the
 * page offer "try again" for the same dues.
 */
export async function paymentResult(ctx: Ctx, actor: Actor, gateway: PaymentGateway | undefined, paymentId: string): Promise<{ payment: store.PaymentRow; items: store.PaymentItemRow[] }> {
  let payment = await getPayment(ctx, paymentId);
  if (payment.status === 'pending' && gateway) payment = (await settleWithGateway(ctx, actor, gateway, payment)).payment;
  return { payment, items: await store.itemsOf(ctx.db, [payment.id]) };
}

export function presentPayment(ctx: Ctx, payment: store.PaymentRow): z.infer<typeof s.paymentView> {
  const c = payment.currency;
  return {
    paymentId: payment.id,
    status: payment.status as store.PaymentStatus,
    channel: payment.channel,
    amount: formatAmount(payment.amount, c),
    credit: formatAmount(payment.creditAmount, c),
    refunded: formatAmount(payment.refundedAmount, c),
    currency: c,
    receiptNumber: payment.receiptNumber,
    verifyUrl: payment.receiptNumber ? receiptVerifyUrl(ctx.config, payment.receiptNumber, formatAmount(payment.amount, c), c) : null,
    failureCode: payment.failureCode,
    gateway: payment.gateway ? { name: payment.gateway.toUpperCase(), paymentId: payment.gatewayPaymentId ?? gatewayIdsOf(payment).paymentId, trackId: payment.trackId } : null,
    createdAt: payment.createdAt.toISOString(),
    postedAt: payment.postedAt ? payment.postedAt.toISOString() : null,
  };
}

/**
 * A failed card payment keeps KNET's payment id only in the gateway's answer (the column is for captures, where it
 * is unique): the payer still needs it to ask their bank.
 */
function gatewayIdsOf(payment: store.PaymentRow): { paymentId: string | null } {
  const raw = (payment.gatewayResult ?? {}) as Record<string, unknown>;
  const id = raw.paymentid ?? raw.payid;
  return { paymentId: typeof id === 'string' && /^[0-9]{1,30}$/.test(id) ? id : null };
}
