import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateOldestFirst, applicableAmount, assertPayable, type AllocationCandidate } from './payment-rules.js';

const payable = (over: Partial<AllocationCandidate> = {}): AllocationCandidate => ({
  id: 'pbl_1', status: 'open', amount: 10_000n, amountPaid: 0n, currency: 'KWD', payableOnline: true,
  allowsPartialPayment: true, minPartialAmount: 1_000n, dueDate: '2026-11-01', ...over,
});

const candidate = fc.record({
  id: fc.string({ minLength: 1, maxLength: 6 }).map((s) => `pbl_${s}`),
  status: fc.constantFrom('open', 'partially_paid', 'paid', 'cancelled'),
  amount: fc.bigInt({ min: 1n, max: 200_000n }),
  paidShare: fc.integer({ min: 0, max: 100 }),
  currency: fc.constant('KWD'),
  payableOnline: fc.boolean(),
  allowsPartialPayment: fc.boolean(),
  minPartialAmount: fc.bigInt({ min: 0n, max: 5_000n }),
  dueDate: fc.constantFrom('2026-09-01', '2026-10-01', '2026-11-01', '2026-12-01'),
}).map(({ paidShare, ...c }) => ({ ...c, amountPaid: c.status === 'paid' ? c.amount : (c.amount * BigInt(paidShare)) / 101n }));

describe('assertPayable', () => {
  it('names what is wrong', () => {
    expect(() => assertPayable(payable(), 10_001n)).toThrow(/payable_overpaid/);
    expect(() => assertPayable(payable(), 999n)).toThrow(/payment_below_minimum/);
    expect(() => assertPayable(payable({ allowsPartialPayment: false }), 5_000n)).toThrow(/payment_partial_not_allowed/);
    expect(() => assertPayable(payable({ status: 'paid', amountPaid: 10_000n }), 1n)).toThrow(/payable_already_paid/);
    expect(() => assertPayable(payable({ status: 'cancelled' }), 1_000n)).toThrow(/payable_cancelled/);
    expect(() => assertPayable(payable({ payableOnline: false }), 10_000n)).toThrow(/payable_not_payable_online/);
    expect(() => assertPayable(payable(), 0n)).toThrow(/amount_not_positive/);
    expect(() => assertPayable(payable(), 10_000n)).not.toThrow();
    // The last part of a bill may be below the minimum: it is what is left.
    expect(() => assertPayable(payable({ amountPaid: 9_500n, status: 'partially_paid' }), 500n)).not.toThrow();
  });

  it('applicableAmount never exceeds what is due', () => {
    fc.assert(fc.property(candidate, fc.bigInt({ min: 1n, max: 300_000n }), (c, amount) => {
      const applied = applicableAmount(c, amount);
      expect(applied >= 0n && applied <= amount && applied <= c.amount - c.amountPaid).toBe(true);
    }));
  });
});

describe('allocateOldestFirst', () => {
  it('spends exactly the amount: items plus what is left over', () => {
    fc.assert(fc.property(fc.uniqueArray(candidate, { selector: (c) => c.id, maxLength: 8 }), fc.bigInt({ min: 1n, max: 500_000n }), (candidates, amount) => {
      const { items, leftover } = allocateOldestFirst(candidates, amount);
      const spent = items.reduce((sum, item) => sum + item.amount, 0n);
      expect(spent + leftover).toBe(amount);
      expect(leftover >= 0n).toBe(true);
      const byId = new Map(candidates.map((c) => [c.id, c]));
      items.forEach((item, index) => {
        const c = byId.get(item.payableId)!;
        const due = c.amount - c.amountPaid;
        // Every item is payable as it stands, and only the last may be partial.
        expect(() => assertPayable(c, item.amount)).not.toThrow();
        if (index < items.length - 1) expect(item.amount).toBe(due);
      });
      // Oldest due first.
      const dates = items.map((item) => byId.get(item.payableId)!.dueDate);
      expect([...dates].sort()).toEqual(dates);
    }));
  });

  it('pays the oldest in full before touching a newer one, and skips one that cannot take a part payment', () => {
    const older = payable({ id: 'pbl_old', dueDate: '2026-10-01' });
    const newer = payable({ id: 'pbl_new', dueDate: '2026-11-01' });
    expect(allocateOldestFirst([newer, older], 15_000n)).toEqual({ items: [{ payableId: 'pbl_old', amount: 10_000n }, { payableId: 'pbl_new', amount: 5_000n }], leftover: 0n });
    const fine = payable({ id: 'pbl_fine', dueDate: '2026-09-01', allowsPartialPayment: false, amount: 30_000n });
    expect(allocateOldestFirst([fine, newer], 20_000n)).toEqual({ items: [{ payableId: 'pbl_new', amount: 10_000n }], leftover: 10_000n });
    // Issue #16: 50 KD against bill 10 / fine 150 / bill 20 pays both bills and keeps 20 as credit.
    const bill10 = payable({ id: 'pbl_a', dueDate: '2026-08-01', amount: 10_000n });
    const fine150 = payable({ id: 'pbl_b', dueDate: '2026-08-15', amount: 150_000n, allowsPartialPayment: false });
    const bill20 = payable({ id: 'pbl_c', dueDate: '2026-09-01', amount: 20_000n });
    expect(allocateOldestFirst([bill20, fine150, bill10], 50_000n)).toEqual({ items: [{ payableId: 'pbl_a', amount: 10_000n }, { payableId: 'pbl_c', amount: 20_000n }], leftover: 20_000n });
    expect(allocateOldestFirst([older], 12_000n)).toEqual({ items: [{ payableId: 'pbl_old', amount: 10_000n }], leftover: 2_000n });
  });
});
