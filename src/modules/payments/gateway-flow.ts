// After the customer leaves for the gateway's page: the gateway POSTs its result to our response URL, or sends
// the browser to our error URL, or nothing arrives at all. Every path ends in `settleWithGateway`, which asks the
// gateway itself (KNET action 8) and posts only a capture it confirms for our track id and our amount. Posting is
// once whoever gets there first: the pending → posted UPDATE is conditional, and the gateway payment id unique.
// No transaction is open while the gateway is asked.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { accounts } from '../ledger/index.js';
import { assertGatewayResultMatches, type GatewayResult, type PaymentGateway } from './gateways/index.js';
import { auditRefusal } from './payments.audit.js';
import { applyItems, paymentLines, postPaymentLedger, queueReceipt, RECEIPT_POINT_OF_CHANNEL, receiptYear } from './posting.js';
import * as store from './payments.store.js';

export type SettleOutcome = 'posted' | 'failed' | 'pending' | 'already_final';

/** A payment the gateway never resolved (the customer closed the page) is closed after this long. */
export const ABANDON_AFTER_MS = 24 * 60 * 60 * 1000;

/** Asks the gateway what happened and records it: post a confirmed capture, close a failure, wait on unknown. */
export async function settleWithGateway(ctx: Ctx, actor: Actor, gateway: PaymentGateway, payment: store.PaymentRow): Promise<{ outcome: SettleOutcome; payment: store.PaymentRow }> {
  if (payment.status !== 'pending' || !payment.trackId) return { outcome: 'already_final', payment };
  const expected = { trackId: payment.trackId, amount: payment.amount, currency: payment.currency };
  let result: GatewayResult;
  try {
    await store.noteInquiry(ctx.db, payment.id, ctx.clock.now());
    result = await gateway.inquire(expected);
    // The adapter checks this too; a payment never posts on an answer about another attempt or amount.
    assertGatewayResultMatches(result, expected);
  } catch (error) {
    await auditRefusal(ctx, actor, 'payment.inquiry', payment.id, error, { trackId: payment.trackId });
    if (error instanceof AppError && error.code === 'gateway_response_mismatch') {
      const closed = await store.markPendingFailed(ctx.db, payment.id, { gatewayStatus: 'mismatch', failureCode: 'gateway_response_mismatch', result: error.details }, ctx.clock.now());
      return { outcome: closed ? 'failed' : 'already_final', payment: closed ?? (await store.findPayment(ctx.db, payment.id))! };
    }
    return { outcome: 'pending', payment };
  }
  if (result.status === 'captured') return postCaptured(ctx, actor, payment, result);
  if (result.status === 'unknown') {
    if (ctx.clock.now().getTime() - payment.createdAt.getTime() < ABANDON_AFTER_MS) return { outcome: 'pending', payment };
    return closeFailed(ctx, payment, { ...result, status: 'unknown' }, 'payment_abandoned');
  }
  return closeFailed(ctx, payment, result, `gateway_${result.status}`);
}

async function closeFailed(ctx: Ctx, payment: store.PaymentRow, result: GatewayResult, failureCode: string) {
  const closed = await store.markPendingFailed(ctx.db, payment.id, { gatewayStatus: result.status, failureCode, result: result.raw }, ctx.clock.now());
  if (!closed) return { outcome: 'already_final' as const, payment: (await store.findPayment(ctx.db, payment.id))! };
  return { outcome: 'failed' as const, payment: closed };
}

/** A card payment's receipt point: the kiosk's own (KSK-2026-000001), else the web's. */
function receiptPointOfCard(channel: string) {
  return channel === 'kiosk' ? RECEIPT_POINT_OF_CHANNEL.kiosk : RECEIPT_POINT_OF_CHANNEL.knet;
}

/** Posts a confirmed capture, once. Money that no longer fits a payable becomes the party's credit. */
async function postCaptured(ctx: Ctx, actor: Actor, payment: store.PaymentRow, result: GatewayResult): Promise<{ outcome: SettleOutcome; payment: store.PaymentRow }> {
  if (!result.paymentId) {
    const error = new AppError('gateway_response_invalid', { reason: 'capture without a gateway payment id' });
    await auditRefusal(ctx, actor, 'payment.inquiry', payment.id, error);
    return { outcome: 'pending', payment };
  }
  try {
    return await inTransaction(ctx, async (tx) => {
      const claimed = await store.claimPendingForPosting(tx.db, payment.id, { paymentId: result.paymentId!, status: result.status, result: result.raw }, { point: receiptPointOfCard(payment.channel), year: receiptYear(tx) }, tx.clock.now());
      if (!claimed) return { outcome: 'already_final' as const, payment: (await store.findPayment(tx.db, payment.id))! };
      const items = await store.itemsOf(tx.db, [payment.id]);
      const { applied, appliedByPayable, leftover } = await applyItems(tx, items, payment.currency, 'captured');
      let posted = claimed;
      if (leftover > 0n) {
        const creditAmount = claimed.creditAmount + leftover;
        const changed = items.filter((item) => appliedByPayable.get(item.payableId) !== item.amount).map((item) => ({ id: item.id, amount: appliedByPayable.get(item.payableId) ?? 0n }));
        await store.recordCapturedShortfall(tx.db, payment.id, creditAmount, claimed.creditParty!, changed);
        posted = { ...claimed, creditAmount };
        await recordAudit(tx, actor, { action: 'payment.captured_to_credit', entityType: 'payment', entityId: payment.id, detail: { leftover, creditParty: claimed.creditParty } });
      }
      const lines = paymentLines(accounts.clearing('knet'), payment.amount, applied, { party: posted.creditParty!, amount: posted.creditAmount });
      await postPaymentLedger(tx, posted, lines);
      await queueReceipt(tx, posted, applied);
      return { outcome: 'posted' as const, payment: posted };
    });
  } catch (error) {
    // The gateway payment id already posted another payment (unique index): a replayed capture. Nothing posts.
    await auditRefusal(ctx, actor, 'payment.post', payment.id, isUniqueViolation(error) ? new AppError('conflict', { reason: 'gateway payment id already posted', gatewayPaymentId: result.paymentId }) : error);
    if (isUniqueViolation(error)) return { outcome: 'already_final', payment };
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) if ((e as { code?: string }).code === '23505') return true;
  return false;
}

/**
 * The gateway's POST to our response URL (or the query on the error URL), checked and recorded, without asking
 * the gateway yet. A forged or tampered message, or one about an amount we did not ask for, is refused and
 * audited. A repeated one (the gateway retrying, or someone replaying it) is audited as a replay; `pending` says
 * whether the payment still waits for the inquiry that confirms it.
 */
export async function acceptGatewayCallback(ctx: Ctx, actor: Actor, gateway: PaymentGateway, body: Record<string, string>): Promise<{ payment: store.PaymentRow; pending: boolean }> {
  let callback: GatewayResult;
  try {
    callback = gateway.parseCallback(body);
  } catch (error) {
    await auditRefusal(ctx, actor, 'payment.gateway_callback', null, error, { trackId: typeof body.trackid === 'string' ? body.trackid.slice(0, 40) : null });
    throw error;
  }
  const payment = await store.findPaymentByTrackId(ctx.db, callback.trackId);
  if (!payment) {
    const error = new AppError('payment_callback_unknown', { trackId: callback.trackId });
    await auditRefusal(ctx, actor, 'payment.gateway_callback', null, error);
    throw error;
  }
  try {
    assertGatewayResultMatches(callback, { trackId: payment.trackId!, amount: payment.amount, currency: payment.currency });
  } catch (error) {
    await auditRefusal(ctx, actor, 'payment.gateway_callback', payment.id, error);
    throw error;
  }
  if (payment.status !== 'pending') {
    await auditRefusal(ctx, actor, 'payment.gateway_callback', payment.id, new AppError('conflict', { reason: 'replayed', status: payment.status }), { gatewayPaymentId: callback.paymentId ?? null });
    return { payment, pending: false };
  }
  // Recorded before anything else: if the confirmation that follows is slow or fails, the payment's history
  // still shows what the gateway said, and the reconciler confirms it later.
  await inTransaction(ctx, (tx) => recordAudit(tx, actor, {
    action: 'payment.gateway_callback', entityType: 'payment', entityId: payment.id,
    detail: { gatewayStatus: callback.status, gatewayPaymentId: callback.paymentId ?? null, trackId: callback.trackId },
  }));
  return { payment, pending: true };
}

/** Accepts the callback and, for a payment still pending, confirms it with the gateway before returning. */
export async function handleGatewayCallback(ctx: Ctx, actor: Actor, gateway: PaymentGateway, body: Record<string, string>): Promise<{ outcome: SettleOutcome; payment: store.PaymentRow }> {
  const { payment, pending } = await acceptGatewayCallback(ctx, actor, gateway, body);
  if (!pending) return { outcome: 'already_final', payment };
  return settleWithGateway(ctx, actor, gateway, payment);
}

const CLEAR_TRACK_ID = /^[A-Za-z0-9]{1,40}$/;
const OUR_PAYMENT_ID = /^pay_[0-9A-Z]{26}$/;

/**
 * The error URL when its encrypted `trandata` is missing or unreadable: KNET's kits still send `Error`,
 * `ErrorText`, `paymentid`, `trackid` and `amt` in clear. Clear parameters prove nothing, so they only name the
 * payment (by our track id, else by the `payment` we put in the URL) and are recorded; what happened is asked of
 * KNET by inquiry. Returns the payment (to show its page) or undefined.
 */
export async function paymentOfClearErrorUrl(ctx: Ctx, actor: Actor, fields: Record<string, string>): Promise<store.PaymentRow | undefined> {
  const trackId = typeof fields.trackid === 'string' && CLEAR_TRACK_ID.test(fields.trackid) ? fields.trackid : undefined;
  const named = typeof fields.payment === 'string' && OUR_PAYMENT_ID.test(fields.payment) ? fields.payment : undefined;
  const payment = (trackId ? await store.findPaymentByTrackId(ctx.db, trackId) : undefined) ?? (named ? await store.findPayment(ctx.db, named) : undefined);
  if (!payment) return undefined;
  const clip = (value: unknown) => (typeof value === 'string' ? value.slice(0, 200) : null);
  await inTransaction(ctx, (tx) => recordAudit(tx, actor, {
    action: 'payment.gateway_error_url', entityType: 'payment', entityId: payment.id,
    detail: { error: clip(fields.Error), errorText: clip(fields.ErrorText), gatewayPaymentId: clip(fields.paymentid), amount: clip(fields.amt), trackId: trackId ?? null },
  }));
  return payment;
}
