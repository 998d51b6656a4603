// A strict payment applies each payable with one guarded UPDATE that checks every rule itself (#19: one round trip
// fewer per posting). Property: for any state of a payable and any amount, that UPDATE pays exactly when the
// rules of payments (assertPayable, and the currency) accept, and then leaves the same row the locked path would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.js';
import { seedDemo } from '../../src/db/seed/index.js';
import { payables } from '../../src/modules/billers/billers.service.js';
import { assertPayable } from '../../src/modules/payments/payment-rules.js';
import { inTransaction } from '../../src/platform/context.js';
import { issueTestPayable } from './support.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-22T09:00:00Z' });
  await seedDemo(t.ctx, { people: 1 });
});
afterAll(async () => t?.close());

class Rollback extends Error {}

describe('the strict guarded UPDATE', () => {
  it('pays exactly when the payment rules accept, and as the locked path would', async () => {
    const payable = await issueTestPayable(t.ctx, { amount: 10_000n, accountNumber: 'GUARD-1' });
    const state = fc.record({
      status: fc.constantFrom('open', 'partially_paid', 'paid', 'cancelled'),
      amount: fc.bigInt({ min: 1n, max: 20_000n }),
      paidShare: fc.bigInt({ min: 0n, max: 120n }),
      currency: fc.constantFrom('KWD', 'SAR'),
      payableOnline: fc.boolean(),
      allowsPartialPayment: fc.boolean(),
      minPartialAmount: fc.bigInt({ min: 0n, max: 5_000n }),
    });
    const pay = fc.record({ amount: fc.bigInt({ min: -10n, max: 25_000n }), currency: fc.constantFrom('KWD', 'SAR') });
    await fc.assert(fc.asyncProperty(state, pay, async (s, p) => {
      const amountPaid = (s.amount * s.paidShare) / 100n;
      let accepted = p.currency === s.currency;
      try {
        assertPayable({ ...payable, ...s, amountPaid } as never, p.amount);
      } catch {
        accepted = false;
      }
      // Each case on the one payable, set to the state and rolled back afterwards.
      const outcome = await inTransaction(t.ctx, async (tx) => {
        await tx.db.execute(sql`UPDATE payables SET status = ${s.status}, amount = ${s.amount.toString()}::bigint, amount_paid = ${amountPaid.toString()}::bigint,
          currency = ${s.currency}, payable_online = ${s.payableOnline}, allows_partial_payment = ${s.allowsPartialPayment},
          min_partial_amount = ${s.minPartialAmount.toString()}::bigint WHERE id = ${payable.id}`);
        const row = await payables.applyStrictPayment(tx, payable.id, p.amount, p.currency);
        throw Object.assign(new Rollback(), { row });
      }).catch((error: unknown) => {
        if (error instanceof Rollback) return (error as Rollback & { row: Awaited<ReturnType<typeof payables.applyStrictPayment>> }).row;
        throw error;
      });
      expect(outcome !== undefined).toBe(accepted);
      if (outcome) {
        const paid = amountPaid + p.amount;
        expect(outcome.amountPaid).toBe(paid);
        expect(outcome.status).toBe(paid >= s.amount ? 'paid' : 'partially_paid');
        expect(outcome.closedAt !== null).toBe(paid >= s.amount);
      }
    }), { numRuns: 150 });
  });
});
