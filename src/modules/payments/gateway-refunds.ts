// Refunds of card payments, through the card gateway (KNET action 2). Three steps, no transaction held across the
// network call (CONVENTIONS 5):
//   1. request (in the refund's transaction): the items are claimed with the refund's id and the refund is
//      recorded `requested`, with its own gateway track id. Nothing is posted.
//   2. send (no transaction): the gateway is asked, always under that same track id. The gateway files a refund
//      once per track id, so sending again after a lost answer (a retry, the reconciler, an admin's "confirm")
//      gets the first answer back instead of a second refund.
//   3. record the answer (one conditional UPDATE `requested → refunded | failed`, so it is recorded once):
//      refunded → the mirror of the payment is posted in the ledger, the payables reopen; refused → the items are
//      released and nothing moves. No answer (network, unreadable, about something else) → it stays `requested`.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { newId } from '../../shared/ids.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { payables, receivableAccountOf } from '../billers/index.js';
import * as ledger from '../ledger/index.js';
import type { GatewayRefundResult, PaymentGateway } from './gateways/index.js';
import { auditRefusal, auditedRefusals } from './payments.audit.js';
import { creditAccountOf } from './parties.js';
import { CARD_CHANNELS, sourceAccountOf, type PaymentChannel } from './posting.js';
import type { GiveBackOptions, RefundResult } from './refunds.service.js';
import * as store from './payments.store.js';
import * as refunds from './refunds.store.js';

// Answers that leave the refund's fate unknown: ask again with the same track id.
const UNKNOWN_OUTCOME = new Set(['gateway_unavailable', 'gateway_response_invalid', 'gateway_response_mismatch']);

/** A refund (not a reversal: that corrects our books, the card was never charged or KNET voided it) of a card payment. */
export function goesToGateway(payment: store.PaymentRow, kind: 'refund' | 'reversal'): boolean {
  return kind === 'refund' && CARD_CHANNELS.has(payment.channel);
}

/** The refund's own track id at the gateway: its id without the underscore (letters and digits, 29 characters). */
export function refundTrackIdOf(refundId: string): string {
  return refundId.replace('_', '').toUpperCase();
}

export function presentRefund(refund: refunds.RefundRow, payment: store.PaymentRow): RefundResult {
  return {
    refundId: refund.id, paymentId: payment.id, amount: refund.amount, currency: refund.currency,
    status: payment.status as store.PaymentStatus, refundStatus: refund.status as refunds.RefundStatus, failureCode: refund.failureCode,
  };
}

/** Step 1, inside the caller's transaction with the payment locked: claims the items, records the request. */
export async function requestGatewayRefund(ctx: Ctx, actor: Actor, payment: store.PaymentRow, items: store.PaymentItemRow[], options: GiveBackOptions & { creditPart: bigint }): Promise<RefundResult> {
  if (!payment.gatewayPaymentId || !payment.trackId || !payment.gateway) throw new AppError('payment_not_refundable', { paymentId: payment.id, reason: 'no gateway payment id' });
  const refundId = newId('rfd');
  const marked = await store.markItemsRefunded(ctx.db, items.map((item) => item.id), refundId);
  const claimed = marked.filter((item) => item.amount > 0n);
  const amount = claimed.reduce((sum, item) => sum + item.amount, 0n) + options.creditPart;
  if (amount === 0n) throw new AppError(payment.refundedAmount > 0n ? 'payment_already_refunded' : 'payment_not_refundable', { paymentId: payment.id });
  const now = ctx.clock.now();
  const payableIds = claimed.map((item) => item.payableId);
  const refund = await refunds.insertRefund(ctx.db, {
    id: refundId, paymentId: payment.id, kind: options.kind, status: 'requested', amount, creditAmount: options.creditPart, currency: payment.currency,
    reason: options.reason, payableIds, actorKind: actor.kind, actorId: actor.kind === 'anonymous' ? null : actor.id,
    idempotencyKey: options.idempotencyKey ?? null, gateway: payment.gateway, gatewayTrackId: refundTrackIdOf(refundId), createdAt: now,
  });
  await recordAudit(ctx, actor, {
    action: 'payment.refund_requested', entityType: 'payment', entityId: payment.id,
    detail: { refundId, amount, reason: options.reason, payableIds, gateway: payment.gateway, refundTrackId: refund.gatewayTrackId },
  });
  return presentRefund(refund, payment);
}

/** Step 2 and 3: sends a requested refund to the gateway and records the answer. Never inside a transaction. */
export async function sendGatewayRefund(ctx: Ctx, actor: Actor, gateway: PaymentGateway, refundId: string): Promise<RefundResult> {
  const refund = await refunds.findRefund(ctx.db, refundId);
  if (!refund) throw new AppError('refund_not_found', { refundId });
  const payment = (await store.findPayment(ctx.db, refund.paymentId))!;
  if (refund.status !== 'requested' || !refund.gatewayTrackId) return presentRefund(refund, payment);
  await refunds.noteRefundAttempt(ctx.db, refund.id, ctx.clock.now());
  let answer: GatewayRefundResult;
  try {
    const raw = (payment.gatewayResult ?? {}) as Record<string, string>;
    answer = await gateway.refund({
      refundTrackId: refund.gatewayTrackId, amount: refund.amount, currency: refund.currency,
      original: { paymentId: payment.gatewayPaymentId!, trackId: payment.trackId!, ...(raw.tranid ? { transactionId: raw.tranid } : {}) },
    });
  } catch (error) {
    await auditRefusal(ctx, actor, 'payment.refund_gateway', payment.id, error, { refundId: refund.id, refundTrackId: refund.gatewayTrackId });
    const code = error instanceof AppError ? error.code : 'internal_error';
    if (UNKNOWN_OUTCOME.has(code) || code === 'internal_error') return presentRefund(refund, payment);
    // Refused before anything was sent (an amount or currency the gateway would never take): nothing happened.
    return recordRefusal(ctx, actor, refund, { status: 'rejected', refundTrackId: refund.gatewayTrackId, amount: refund.amount, currency: refund.currency, errorCode: code, raw: {} });
  }
  return answer.status === 'refunded' ? recordRefunded(ctx, actor, refund, answer) : recordRefusal(ctx, actor, refund, answer);
}

/** The gateway gave the money back: the mirror of the payment (or of the refunded items) is posted, once. */
async function recordRefunded(ctx: Ctx, actor: Actor, refund: refunds.RefundRow, answer: GatewayRefundResult): Promise<RefundResult> {
  return inTransaction(ctx, async (tx) => {
    const payment = (await refunds.lockPayment(tx.db, refund.paymentId))!;
    const closed = await refunds.closeRequestedRefund(tx.db, refund.id, { status: 'refunded', ...(answer.gatewayRefundId ? { gatewayRefundId: answer.gatewayRefundId } : {}), result: answer.raw }, tx.clock.now());
    if (!closed) return presentRefund((await refunds.findRefund(tx.db, refund.id))!, payment);
    const lines: ledger.LedgerLine[] = [];
    for (const item of await refunds.itemsOfRefund(tx.db, refund.id)) {
      if (item.amount === 0n) continue;
      const reopened = await payables.reversePayment(tx, item.payableId, item.amount);
      if (!reopened) throw new AppError('conflict', { payableId: item.payableId, reason: 'the payable no longer shows this payment' });
      lines.push({ account: receivableAccountOf(reopened), amount: item.amount });
    }
    if (closed.creditAmount > 0n) lines.push({ account: creditAccountOf(payment.creditParty!), amount: closed.creditAmount });
    lines.push({ account: sourceAccountOf(payment.channel as PaymentChannel), amount: -closed.amount });
    await ledger.post(tx, { kind: closed.kind, sourceRef: closed.id, currency: closed.currency, lines, memo: { paymentId: payment.id, reason: closed.reason, gatewayRefundId: answer.gatewayRefundId ?? null } });
    const complete = payment.refundedAmount + closed.amount >= payment.amount;
    const updated = await store.addRefundedAmount(tx.db, payment.id, closed.amount, complete ? 'refunded' : 'partially_refunded', tx.clock.now());
    if (!updated) throw new AppError('payment_not_refundable', { paymentId: payment.id, status: payment.status });
    await recordAudit(tx, actor, {
      action: `payment.${closed.kind}`, entityType: 'payment', entityId: payment.id,
      detail: { refundId: closed.id, amount: closed.amount, reason: closed.reason, payableIds: closed.payableIds, gateway: closed.gateway, refundTrackId: closed.gatewayTrackId, gatewayRefundId: answer.gatewayRefundId ?? null },
    });
    return presentRefund(closed, updated);
  });
}

/** The gateway refused: the refund fails with its code, the items go back to the payment, nothing is posted. */
async function recordRefusal(ctx: Ctx, actor: Actor, refund: refunds.RefundRow, answer: GatewayRefundResult): Promise<RefundResult> {
  return inTransaction(ctx, async (tx) => {
    const payment = (await refunds.lockPayment(tx.db, refund.paymentId))!;
    const closed = await refunds.closeRequestedRefund(tx.db, refund.id, { status: 'failed', failureCode: answer.errorCode ?? 'gateway_refused', result: answer.raw }, tx.clock.now());
    if (!closed) return presentRefund((await refunds.findRefund(tx.db, refund.id))!, payment);
    await refunds.releaseRefundItems(tx.db, refund.id);
    await recordAudit(tx, actor, {
      action: `payment.${closed.kind}`, entityType: 'payment', entityId: payment.id, outcome: 'refused',
      detail: { refundId: closed.id, amount: closed.amount, code: closed.failureCode, errorText: answer.errorText ?? null, refundTrackId: closed.gatewayTrackId },
    });
    return presentRefund(closed, payment);
  });
}

/** An admin asks again about a refund still waiting for the gateway (the same track id: it cannot refund twice). */
export async function confirmRefund(ctx: Ctx, actor: Actor, gateway: PaymentGateway | undefined, refundId: string): Promise<RefundResult> {
  return auditedRefusals(ctx, actor, 'payment.refund_confirm', null, async () => {
    requireRole(actor, 'admin');
    if (!gateway) throw new AppError('payment_gateway_not_configured');
    return sendGatewayRefund(ctx, actor, gateway, refundId);
  }, { refundId });
}

/** The reconciler's pass: sends again every card refund still waiting and not tried in the last `afterMinutes`. */
export async function retryRequestedRefunds(ctx: Ctx, actor: Actor, gateway: PaymentGateway, options: { afterMinutes: number; limit?: number }): Promise<Record<refunds.RefundStatus, number>> {
  const before = new Date(ctx.clock.now().getTime() - options.afterMinutes * 60_000);
  const counts: Record<refunds.RefundStatus, number> = { requested: 0, refunded: 0, failed: 0 };
  for (const refund of await refunds.requestedRefundsNotTriedSince(ctx.db, before, options.limit ?? 50)) {
    try {
      counts[(await sendGatewayRefund(ctx, actor, gateway, refund.id)).refundStatus]++;
    } catch {
      counts.requested++; // audited inside; tried again on the next pass
    }
  }
  return counts;
}
