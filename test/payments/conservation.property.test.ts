// Property test through the real services: whatever mix of bills, full and partial payments, refused payments,
// overpayments (card captures allocated beyond what is due), credit applied to new bills, refunds and reversals,
// no money is created or destroyed: the ledger balances, each receivable equals what is still owed, the clearing
// accounts hold what came in less what went back, and credit never goes negative.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../support/app.js';
import { seedDemo } from '../../src/db/seed/index.js';
import type { Actor } from '../../src/platform/actor.js';
import { anonymousActor } from '../../src/platform/actor.js';
import { amountDue, payables, receivableAccountOf, type PayableRow } from '../../src/modules/billers/billers.service.js';
import * as ledger from '../../src/modules/ledger/ledger.service.js';
import { postDirectPayment } from '../../src/modules/payments/direct-posting.js';
import { startCheckout } from '../../src/modules/payments/checkout.service.js';
import { settleWithGateway } from '../../src/modules/payments/gateway-flow.js';
import type { PaymentGateway } from '../../src/modules/payments/gateways/index.js';
import { findPayment } from '../../src/modules/payments/payments.store.js';
import { refundPayable, refundPayment } from '../../src/modules/payments/refunds.service.js';
import { applyCreditsToPayables, creditBalance } from '../../src/modules/payments/credits.service.js';
import { expectBalancedLedger, issueTestPayable } from './support.js';

let t: TestApp;
let run = 0;
const cashier: Actor = { kind: 'staff', id: 'stf_cashier', role: 'cashier' };
const admin: Actor = { kind: 'staff', id: 'stf_admin', role: 'admin' };
const officer: Actor = { kind: 'staff', id: 'stf_officer', role: 'officer' };
const captureAll: PaymentGateway = {
  name: 'knet',
  startPayment: () => ({ redirectUrl: 'http://127.0.0.1:9/pay' }),
  parseCallback: () => { throw new Error('not used'); },
  // Card refunds are accepted, as KNET accepts a refund of a capture.
  refund: async (input) => ({ status: 'refunded', refundTrackId: input.refundTrackId, amount: input.amount, currency: input.currency, raw: {} }),
  inquire: async (input) => ({ status: 'captured', paymentId: input.trackId.replace(/\D/g, '').slice(0, 18) || '1', trackId: input.trackId, amount: input.amount, currency: input.currency, raw: {} }),
};

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-22T09:00:00Z' });
  await seedDemo(t.ctx, { people: 1 });
});
afterAll(async () => t?.close());

type Step =
  | { op: 'bill'; account: number; amount: number; fine: boolean }
  | { op: 'pay'; target: number; part: number }
  | { op: 'overpay'; account: number; extra: number }
  | { op: 'refund'; target: number; reversal: boolean }
  | { op: 'refundPayable'; target: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('bill' as const), account: fc.integer({ min: 0, max: 2 }), amount: fc.integer({ min: 500, max: 90_000 }), fine: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('pay' as const), target: fc.nat(), part: fc.oneof({ arbitrary: fc.constant(100), weight: 3 }, fc.integer({ min: 1, max: 120 })) }), weight: 3 },
  fc.record({ op: fc.constant('overpay' as const), account: fc.integer({ min: 0, max: 2 }), extra: fc.integer({ min: 1, max: 20_000 }) }),
  fc.record({ op: fc.constant('refund' as const), target: fc.nat(), reversal: fc.boolean() }),
  fc.record({ op: fc.constant('refundPayable' as const), target: fc.nat() }),
);

describe('money through payments', () => {
  it('is never created or destroyed', async () => {
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
      const r = ++run;
      const issued: PayableRow[] = [];
      const paymentIds: string[] = [];
      const clearingBefore = await clearingTotal();
      let billed = 0n;
      for (const s of steps) {
        if (s.op === 'bill') {
          const payable = await issueTestPayable(t.ctx, { billerCode: s.fine ? 'moi-traffic' : 'mew-electricity', amount: BigInt(s.amount), accountNumber: `P${r}A${s.account}` });
          issued.push(payable);
          billed += payable.amount;
          await applyCreditsToPayables(t.ctx, [payable.id]);
        } else if (s.op === 'pay' && issued.length > 0) {
          const payable = (await payables.find(t.ctx, issued[s.target % issued.length]!.id))!;
          // Sometimes more than due, sometimes a partial below the minimum: refusals must change nothing.
          const amount = (amountDue(payable) * BigInt(s.part)) / 100n;
          await postDirectPayment(t.ctx, cashier, { channel: 'counter', externalId: `r${r}-${paymentIds.length}-${s.target}`, items: [{ payableId: payable.id, amount }], currency: 'KWD' })
            .then((result) => paymentIds.push(result.payment.id), () => undefined);
        } else if (s.op === 'overpay') {
          const open = (await payables.findOpen(t.ctx, { accountNumber: `P${r}A${s.account}` })).filter((p) => p.payableOnline);
          const due = open.reduce((sum, p) => sum + amountDue(p), 0n);
          if (due === 0n) continue;
          const started = await startCheckout(t.ctx, anonymousActor, { allocate: { lookup: { accountNumber: `P${r}A${s.account}` }, amount: formatKwd(due + BigInt(s.extra)) }, channel: 'knet', language: 'ar', idempotencyKey: `r${r}-over-${paymentIds.length}` },
            captureAll, () => ({ responseUrl: 'http://127.0.0.1:9/r', errorUrl: 'http://127.0.0.1:9/e' }), 'KWD').catch(() => undefined);
          if (!started) continue;
          await settleWithGateway(t.ctx, anonymousActor, captureAll, (await findPayment(t.ctx.db, started.paymentId))!);
          paymentIds.push(started.paymentId);
        } else if (s.op === 'refund' && paymentIds.length > 0) {
          await refundPayment(t.ctx, admin, { paymentId: paymentIds[s.target % paymentIds.length]!, reason: 'property test', kind: s.reversal ? 'reversal' : 'refund' }, captureAll).catch(() => undefined);
        } else if (s.op === 'refundPayable' && issued.length > 0) {
          await refundPayable(t.ctx, officer, { payableId: issued[s.target % issued.length]!.id, reason: 'violation cancelled' }).catch(() => undefined);
        }
      }
      await expectBalancedLedger(t.ctx);
      // Each receivable holds exactly what is still owed on it (one payable per account number and biller here).
      const owedByAccount = new Map<string, bigint>();
      for (const p of await payables.findMany(t.ctx, issued.map((i) => i.id))) {
        expect(p.amountPaid >= 0n && p.amountPaid <= p.amount).toBe(true);
        owedByAccount.set(receivableAccountOf(p), (owedByAccount.get(receivableAccountOf(p)) ?? 0n) + amountDue(p));
      }
      for (const [account, owed] of owedByAccount) expect(await ledger.balance(t.ctx, account), account).toBe(owed);
      // What came in through the channels is what was applied to bills plus what is held as credit.
      let credit = 0n;
      for (let a = 0; a < 3; a++) {
        const held = await creditBalance(t.ctx, `acct-P${r}A${a}`, 'KWD');
        expect(held >= 0n).toBe(true);
        credit += held;
      }
      const paidOnBills = [...owedByAccount.values()].reduce((s, v) => s + v, 0n);
      expect((await clearingTotal()) - clearingBefore).toBe(billed - paidOnBills + credit);
    }), { numRuns: 25 });
  });
});

async function clearingTotal(): Promise<bigint> {
  return (await ledger.balancesByPrefix(t.ctx, 'clearing:')).reduce((sum, row) => sum + row.balance, 0n);
}

function formatKwd(minor: bigint): string {
  return `${minor / 1000n}.${(minor % 1000n).toString().padStart(3, '0')}`;
}
