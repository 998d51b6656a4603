// Cancelling a violation (an objection accepted): the violation is marked cancelled, what was paid on it is
// refunded through payments, and what is still owed is written off in the ledger (the mirror of the issue), so
// the receivable and the revenue both return to where they were before the violation was recorded.
import { AppError } from '../../platform/errors/app-error.js';
import type { Ctx } from '../../platform/context.js';
import { formatAmount } from '../../shared/money.js';
import { amountDue, payables, receivableAccountOf } from '../billers/index.js';
import type { Actor } from '../../platform/actor.js';
import { accounts, post } from '../ledger/index.js';
import { refundPayable } from '../payments/index.js';
import * as store from './violations.store.js';

export interface CancellationResult {
  violationId: string;
  /** What was paid on the fine and handed back, as a decimal string. */
  refunded: string;
  /** What was still owed and was written off. */
  writtenOff: string;
  currency: string;
}

/** Runs inside the caller's transaction (the objection decision), so the decision and its money commit together. */
export async function cancelViolation(ctx: Ctx, actor: Actor, violationId: string, reason: string): Promise<CancellationResult> {
  const violation = await store.lockViolation(ctx.db, violationId);
  if (!violation) throw new AppError('violation_not_found');
  if (violation.status !== 'active') throw new AppError('violation_cancelled');
  await store.markViolationCancelled(ctx.db, violation.id, ctx.clock.now());
  const result: CancellationResult = { violationId: violation.id, refunded: formatAmount(0n, violation.currency), writtenOff: formatAmount(0n, violation.currency), currency: violation.currency };
  if (!violation.payableId) return result;

  let [payable] = await payables.lock(ctx, [violation.payableId]);
  if (!payable) return result;
  const paidBefore = payable.amountPaid;
  if (paidBefore > 0n) {
    // Payments gives back each payment's share (the mirror of the payment in the ledger) and reopens the payable.
    await refundPayable(ctx, actor, { payableId: payable.id, reason });
    [payable] = await payables.lock(ctx, [payable.id]);
  }
  const refunded = paidBefore - payable!.amountPaid;
  const outstanding = payable!.status === 'cancelled' ? 0n : amountDue(payable!);
  await payables.cancel(ctx, payable!.id);
  if (outstanding > 0n) {
    await post(ctx, {
      kind: 'fine.cancelled', sourceRef: violation.id, currency: payable!.currency,
      lines: [{ account: accounts.revenue(payable!.billerCode), amount: outstanding }, { account: receivableAccountOf(payable!), amount: -outstanding }],
      memo: { violationNumber: violation.violationNumber, reason },
    });
  }
  return { ...result, refunded: formatAmount(refunded, payable!.currency), writtenOff: formatAmount(outstanding, payable!.currency) };
}

