// What may be paid on a payable, as pure functions: checked when a checkout starts (to refuse early, with a
// clear code) and again under the payable's row lock when the money posts (the check that counts).
import { AppError } from '../../platform/errors/app-error.js';
import { amountDue, type Payable } from '../billers/index.js';

export type PayableRules = Pick<Payable, 'id' | 'status' | 'amount' | 'amountPaid' | 'currency' | 'payableOnline' | 'allowsPartialPayment' | 'minPartialAmount'>;

/** Throws the reason this amount cannot be paid on this payable now, or returns when it can. */
export function assertPayable(payable: PayableRules, amount: bigint): void {
  const details = { payableId: payable.id };
  if (payable.status === 'cancelled') throw new AppError('payable_cancelled', details);
  const due = amountDue(payable);
  if (payable.status === 'paid' || due <= 0n) throw new AppError('payable_already_paid', details);
  if (!payable.payableOnline) throw new AppError('payable_not_payable_online', details);
  if (amount <= 0n) throw new AppError('amount_not_positive', details);
  if (amount > due) throw new AppError('payable_overpaid', details);
  if (amount < due) {
    if (!payable.allowsPartialPayment) throw new AppError('payment_partial_not_allowed', details);
    if (amount < payable.minPartialAmount) throw new AppError('payment_below_minimum', details);
  }
}

/** How much of `amount` a payable can still take right now (0 when paid, cancelled or held). Never negative. */
export function applicableAmount(payable: PayableRules, amount: bigint): bigint {
  if (payable.status !== 'open' && payable.status !== 'partially_paid') return 0n;
  if (!payable.payableOnline) return 0n;
  const due = amountDue(payable);
  return due <= 0n ? 0n : amount < due ? amount : due;
}

export interface AllocationCandidate extends PayableRules {
  dueDate: string;
}

/**
 * Spreads an amount over payables oldest due first: each is paid in full while the money lasts; the first one
 * that cannot be paid in full takes a partial payment if its biller allows one of that size (which spends the
 * rest). One that cannot take a part payment (a fine, or less than its biller's minimum) is skipped, and the
 * money goes on to the next payable, oldest first. What is left over becomes the party's credit.
 */
export function allocateOldestFirst(candidates: AllocationCandidate[], amount: bigint): { items: { payableId: string; amount: bigint }[]; leftover: bigint } {
  const ordered = [...candidates].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const items: { payableId: string; amount: bigint }[] = [];
  let left = amount;
  for (const payable of ordered) {
    if (left <= 0n) break;
    const due = applicableAmount(payable, left);
    const fullDue = amountDue(payable);
    if (due <= 0n) continue;
    if (due === fullDue) {
      items.push({ payableId: payable.id, amount: due });
      left -= due;
      continue;
    }
    if (payable.allowsPartialPayment && left >= payable.minPartialAmount) {
      items.push({ payableId: payable.id, amount: left });
      left = 0n;
    }
  }
  return { items, leftover: left };
}
