// Refunds and reversals, by an admin with a reason (and by a traffic officer when a paid violation is cancelled).
// Each is the mirror image of the payment in the ledger, reopens the payables it had paid, and shows on the
// receipt's verification page. An item is given back at most once: it is marked with the refund in a guarded
// UPDATE before anything else moves.
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
import * as store from './payments.store.js';

export type RefundKind = 'refund' | 'reversal';

export interface RefundResult {
  refundId: string;
  paymentId: string;
  amount: bigint;
  currency: string;
  status: store.PaymentStatus;
}

function assertReason(reason: string): string {
  const trimmed = (reason ?? '').trim();
  if (trimmed.length < 3) throw new AppError('refund_reason_required');
  return trimmed.slice(0, 500);
}

/** Gives back a whole payment (every item not yet given back, and the part kept as credit if still there). */
export async function refundPayment(ctx: Ctx, actor: Actor, input: { paymentId: string; reason: string; kind?: RefundKind }): Promise<RefundResult> {
  return auditedRefusals(ctx, actor, `payment.${input.kind ?? 'refund'}`, input.paymentId, async () => {
    requireRole(actor, 'admin');
    const reason = assertReason(input.reason);
    return inTransaction(ctx, async (tx) => {
      const payment = await store.findPayment(tx.db, input.paymentId);
      if (!payment) throw new AppError('payment_not_found', { paymentId: input.paymentId });
      const all = await store.itemsOf(tx.db, [payment.id]);
      const itemsGivenBack = all.filter((item) => item.refundId).reduce((sum, item) => sum + item.amount, 0n);
      const creditGivenBack = payment.refundedAmount - itemsGivenBack;
      return giveBack(tx, actor, payment, all.filter((item) => !item.refundId), { kind: input.kind ?? 'refund', reason, creditGivenBack });
    });
  });
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
        results.push(await giveBack(tx, actor, payment, items.filter((item) => item.paymentId === paymentId), { kind: 'refund', reason }));
      }
      return results;
    });
  });
}

const REFUNDABLE = new Set(['posted', 'partially_refunded']);

export async function giveBack(ctx: Ctx, actor: Actor, payment: store.PaymentRow, items: store.PaymentItemRow[], options: { kind: RefundKind; reason: string; creditGivenBack?: bigint }): Promise<RefundResult> {
  if (payment.status === 'refunded' || payment.status === 'reversed') throw new AppError('payment_already_refunded', { paymentId: payment.id });
  if (!REFUNDABLE.has(payment.status)) throw new AppError('payment_not_refundable', { paymentId: payment.id, status: payment.status });
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
    id: refundId, paymentId: payment.id, kind: options.kind, amount, currency: payment.currency, reason: options.reason,
    payableIds, actorKind: actor.kind, actorId: actor.kind === 'anonymous' ? null : actor.id, createdAt: ctx.clock.now(),
  });
  await recordAudit(ctx, actor, { action: `payment.${options.kind}`, entityType: 'payment', entityId: payment.id, detail: { refundId, amount, reason: options.reason, payableIds } });
  return { refundId, paymentId: payment.id, amount, currency: payment.currency, status: updated.status as store.PaymentStatus };
}

async function reclaimableCredit(ctx: Ctx, payment: store.PaymentRow, givenBack: bigint): Promise<bigint> {
  if (payment.channel === 'credit' || payment.creditAmount <= 0n || !payment.creditParty) return 0n;
  const outstanding = payment.creditAmount - givenBack;
  if (outstanding <= 0n) return 0n;
  const account = creditAccountOf(payment.creditParty);
  await ledger.lockAccounts(ctx, [account]);
  const [held] = (await ledger.balancesOf(ctx, [account])).filter((b) => b.currency === payment.currency);
  const available = held ? -held.balance : 0n;
  return available < outstanding ? (available > 0n ? available : 0n) : outstanding;
}
