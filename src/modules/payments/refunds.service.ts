// Refunds and reversals, by an admin with a reason (and by a traffic officer when a paid violation is cancelled).
// Each is the mirror image of the payment in the ledger, reopens the payables it had paid, and shows on the
// receipt's verification page. An item is given back at most once: it is marked with the refund in a guarded
// UPDATE before anything else moves. A refund of a card payment goes to the card gateway (gateway-refunds.ts):
// it posts only when the gateway confirms it.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { newId } from '../../shared/ids.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { payables, receivableAccountOf } from '../billers/index.js';
import * as ledger from '../ledger/index.js';
import { auditedRefusals } from './payments.audit.js';
import { creditAccountOf } from './parties.js';
import { sourceAccountOf, type PaymentChannel } from './posting.js';
import type { PaymentGateway } from './gateways/index.js';
import { goesToGateway, requestGatewayRefund, sendGatewayRefund, presentRefund } from './gateway-refunds.js';
import * as store from './payments.store.js';
import * as refunds from './refunds.store.js';
import { hasSqlState, UNIQUE_VIOLATION } from '../../db/sql-state.js';

export type RefundKind = 'refund' | 'reversal';

export interface RefundResult {
  refundId: string;
  paymentId: string;
  amount: bigint;
  currency: string;
  /** The payment's status after this refund. */
  status: store.PaymentStatus;
  /** The refund's own state: `requested` while a card gateway has not answered, then `refunded` or `failed`. */
  refundStatus: refunds.RefundStatus;
  /** The gateway's code when it refused the refund. */
  failureCode: string | null;
  /** True when an earlier request with the same idempotency key answered this. */
  replayed?: boolean;
}

export interface RefundPaymentInput {
  paymentId: string;
  reason: string;
  kind?: RefundKind;
  /** Give back only what the payment paid on these payables (a partial refund); default: all of it. */
  payableIds?: string[];
  /** The same key on the same payment answers the first refund instead of making another. */
  idempotencyKey?: string;
}

function assertReason(reason: string): string {
  const trimmed = (reason ?? '').trim();
  if (trimmed.length < 3) throw new AppError('refund_reason_required');
  return trimmed.slice(0, 500);
}

/**
 * Gives back a payment: all of it (every item not yet given back, and the part kept as credit if still there), or
 * only its items on `payableIds`. A card payment's refund is sent to `gateway` (when given; otherwise the reconciler
 * sends it) after the claim commits, and its state follows the gateway's answer.
 */
export async function refundPayment(ctx: Ctx, actor: Actor, input: RefundPaymentInput, gateway?: PaymentGateway): Promise<RefundResult> {
  return auditedRefusals(ctx, actor, `payment.${input.kind ?? 'refund'}`, input.paymentId, async () => {
    requireRole(actor, 'admin');
    const reason = assertReason(input.reason);
    if (input.idempotencyKey !== undefined) {
      const earlier = await refunds.findRefundByIdempotencyKey(ctx.db, input.paymentId, input.idempotencyKey);
      if (earlier) return replayOf(ctx, earlier);
    }
    let result: RefundResult;
    try {
      result = await inTransaction(ctx, async (tx) => {
        const payment = await refunds.lockPayment(tx.db, input.paymentId);
        if (!payment) throw new AppError('payment_not_found', { paymentId: input.paymentId });
        const all = await store.itemsOf(tx.db, [payment.id]);
        const only = input.payableIds ? new Set(input.payableIds) : undefined;
        if (only && ![...only].every((id) => all.some((item) => item.payableId === id))) {
          throw new AppError('refund_nothing_to_refund', { paymentId: payment.id, payableIds: input.payableIds });
        }
        const itemsGivenBack = all.filter((item) => item.refundId).reduce((sum, item) => sum + item.amount, 0n);
        const creditGivenBack = only ? undefined : payment.refundedAmount - itemsGivenBack;
        const items = all.filter((item) => !item.refundId && (!only || only.has(item.payableId)));
        return giveBack(tx, actor, payment, items, { kind: input.kind ?? 'refund', reason, creditGivenBack, idempotencyKey: input.idempotencyKey });
      });
    } catch (error) {
      // Two requests with one key at the same moment: the second finds the first's refund.
      const earlier = input.idempotencyKey !== undefined && isUniqueViolation(error) ? await refunds.findRefundByIdempotencyKey(ctx.db, input.paymentId, input.idempotencyKey) : undefined;
      if (earlier) return replayOf(ctx, earlier);
      throw error;
    }
    if (result.refundStatus === 'requested' && gateway) return sendGatewayRefund(ctx, actor, gateway, result.refundId);
    return result;
  });
}

async function replayOf(ctx: Ctx, refund: refunds.RefundRow): Promise<RefundResult> {
  const payment = (await store.findPayment(ctx.db, refund.paymentId))!;
  return { ...presentRefund(refund, payment), replayed: true };
}

function isUniqueViolation(error: unknown): boolean {
  return hasSqlState(error, UNIQUE_VIOLATION);
}

/**
 * Gives back what was paid on one payable, across the payments that paid it: the fines module calls this when
 * a paid violation is cancelled (actor: officer or admin).
 */
export async function refundPayable(ctx: Ctx, actor: Actor, input: { payableId: string; reason: string }): Promise<RefundResult[]> {
  return auditedRefusals(ctx, actor, 'payable.refund', input.payableId, async () => {
    requireRole(actor, 'officer', 'admin');
    const reason = assertReason(input.reason);
    return inTransaction(ctx, async (tx) => {
      const items = await store.refundableItemsOfPayable(tx.db, input.payableId);
      if (items.length === 0) throw new AppError('refund_nothing_to_refund', { payableId: input.payableId });
      const results: RefundResult[] = [];
      for (const paymentId of [...new Set(items.map((item) => item.paymentId))]) {
        const payment = (await store.findPayment(tx.db, paymentId))!;
        // Ledger-only even for a card payment: the caller (a fine's cancellation) cancels the payable in this same
        // transaction, which a refund waiting for the gateway's answer would not fit. The card refund of such a
        // payment is not sent to the gateway yet (issue #11 §3 follow-up).
        results.push(await giveBack(tx, actor, payment, items.filter((item) => item.paymentId === paymentId), { kind: 'refund', reason, ledgerOnly: true }));
      }
      return results;
    });
  });
}

const REFUNDABLE = new Set(['posted', 'partially_refunded']);

export interface GiveBackOptions {
  kind: RefundKind;
  reason: string;
  creditGivenBack?: bigint;
  idempotencyKey?: string;
  /** Post the refund in the ledger now without asking the card gateway (see refundPayable). */
  ledgerOnly?: boolean;
}

export async function giveBack(ctx: Ctx, actor: Actor, payment: store.PaymentRow, items: store.PaymentItemRow[], options: GiveBackOptions): Promise<RefundResult> {
  if (payment.status === 'refunded' || payment.status === 'reversed') throw new AppError('payment_already_refunded', { paymentId: payment.id });
  if (!REFUNDABLE.has(payment.status)) throw new AppError('payment_not_refundable', { paymentId: payment.id, status: payment.status });
  // While a card refund waits for the gateway, what it will post is not known: nothing else is given back meanwhile.
  const waiting = await refunds.requestedRefundOf(ctx.db, payment.id);
  if (waiting) throw new AppError('refund_in_progress', { paymentId: payment.id, refundId: waiting.id });
  if (!options.ledgerOnly && goesToGateway(payment, options.kind)) {
    const creditPart = options.creditGivenBack !== undefined ? await reclaimableCredit(ctx, payment, options.creditGivenBack) : 0n;
    return requestGatewayRefund(ctx, actor, payment, items, { ...options, creditPart });
  }
  const refundId = newId('rfd');
  const marked = await store.markItemsRefunded(ctx.db, items.map((item) => item.id), refundId);
  const source = sourceAccountOf(payment.channel as PaymentChannel, payment.channel === 'credit' ? creditAccountOf(payment.creditParty ?? '') : undefined);
  const lines: ledger.LedgerLine[] = [];
  let amount = 0n;
  const payableIds: string[] = [];
  for (const item of marked) {
    if (item.amount === 0n) continue;
    const reopened = await payables.reversePayment(ctx, item.payableId, item.amount);
    if (!reopened) throw new AppError('conflict', { payableId: item.payableId, reason: 'the payable no longer shows this payment' });
    lines.push({ account: receivableAccountOf(reopened), amount: item.amount });
    amount += item.amount;
    payableIds.push(item.payableId);
  }
  // The part kept as credit comes back only if the party has not spent it since.
  const creditPart = options.creditGivenBack !== undefined ? await reclaimableCredit(ctx, payment, options.creditGivenBack) : 0n;
  if (creditPart > 0n) {
    lines.push({ account: creditAccountOf(payment.creditParty!), amount: creditPart });
    amount += creditPart;
  }
  if (amount === 0n) throw new AppError(payment.refundedAmount > 0n ? 'payment_already_refunded' : 'payment_not_refundable', { paymentId: payment.id });
  lines.push({ account: source, amount: -amount });
  await ledger.post(ctx, { kind: options.kind, sourceRef: refundId, currency: payment.currency, lines, memo: { paymentId: payment.id, reason: options.reason } });
  const complete = payment.refundedAmount + amount >= payment.amount;
  const status = complete ? (options.kind === 'reversal' ? 'reversed' : 'refunded') : 'partially_refunded';
  const updated = await store.addRefundedAmount(ctx.db, payment.id, amount, status, ctx.clock.now());
  if (!updated) throw new AppError('payment_not_refundable', { paymentId: payment.id });
  await store.insertRefund(ctx.db, {
    id: refundId, paymentId: payment.id, kind: options.kind, status: 'refunded', amount, creditAmount: creditPart, currency: payment.currency, reason: options.reason,
    payableIds, actorKind: actor.kind, actorId: actor.kind === 'anonymous' ? null : actor.id, idempotencyKey: options.idempotencyKey ?? null,
    completedAt: ctx.clock.now(), createdAt: ctx.clock.now(),
  });
  await recordAudit(ctx, actor, { action: `payment.${options.kind}`, entityType: 'payment', entityId: payment.id, detail: { refundId, amount, reason: options.reason, payableIds } });
  return { refundId, paymentId: payment.id, amount, currency: payment.currency, status: updated.status as store.PaymentStatus, refundStatus: 'refunded', failureCode: null };
}

export async function reclaimableCredit(ctx: Ctx, payment: store.PaymentRow, givenBack: bigint): Promise<bigint> {
  if (payment.channel === 'credit' || payment.creditAmount <= 0n || !payment.creditParty) return 0n;
  const outstanding = payment.creditAmount - givenBack;
  if (outstanding <= 0n) return 0n;
  const account = creditAccountOf(payment.creditParty);
  await ledger.lockAccounts(ctx, [account]);
  const [held] = (await ledger.balancesOf(ctx, [account])).filter((b) => b.currency === payment.currency);
  const available = held ? -held.balance : 0n;
  return available < outstanding ? (available > 0n ? available : 0n) : outstanding;
}
