// Many payers at once, on real parallel PostgreSQL connections (PGlite has one connection, so these run only
// against PostgreSQL): whatever the interleaving, a payable never takes more than is due and nothing posts twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDatabaseKind } from '../support/database.js';
import { seedDemo } from '../../src/db/seed/index.js';
import type { Actor } from '../../src/platform/actor.js';
import { anonymousActor } from '../../src/platform/actor.js';
import { payables, receivableAccountOf } from '../../src/modules/billers/billers.service.js';
import * as ledger from '../../src/modules/ledger/ledger.service.js';
import { postDirectPayment } from '../../src/modules/payments/direct-posting.js';
import { startCheckout } from '../../src/modules/payments/checkout.service.js';
import { settleWithGateway } from '../../src/modules/payments/gateway-flow.js';
import type { PaymentGateway } from '../../src/modules/payments/gateways/index.js';
import { findPayment } from '../../src/modules/payments/payments.store.js';
import { creditBalance } from '../../src/modules/payments/credits.service.js';
import { expectBalancedLedger, issueTestPayable } from './support.js';

const onPostgres = testDatabaseKind() === 'postgres';
let t: TestApp;
const bank: Actor = { kind: 'client', id: 'cli_concurrency_bank', role: 'bank', name: 'Bank' };

beforeAll(async () => {
  if (!onPostgres) return;
  t = await createTestApp({ now: '2026-11-22T09:00:00Z' });
  await seedDemo(t.ctx, { people: 2 });
});
afterAll(async () => t?.close());

function settled<T>(results: PromiseSettledResult<T>[]) {
  const ok = results.filter((r): r is PromiseFulfilledResult<T> => r.status === 'fulfilled').map((r) => r.value);
  const codes = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as { code?: string }).code ?? String(r.reason));
  return { ok, codes };
}

describe.runIf(onPostgres)('concurrent payments on PostgreSQL', () => {
  it('30 bank payments of the full amount at once: exactly one posts', async () => {
    const payable = await issueTestPayable(t.ctx, { amount: 10_000n, accountNumber: 'C-1' });
    const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) =>
      postDirectPayment(t.ctx, bank, { channel: 'bank', externalId: `full-${i}`, items: [{ payableId: payable.id, amount: 10_000n }], currency: 'KWD' })));
    const { ok, codes } = settled(results);
    expect(ok).toHaveLength(1);
    expect(new Set(codes)).toEqual(new Set(['payable_already_paid']));
    expect((await payables.find(t.ctx, payable.id))!.amountPaid).toBe(10_000n);
    expect(await ledger.balance(t.ctx, receivableAccountOf(payable))).toBe(0n);
    await expectBalancedLedger(t.ctx);
  });

  it('40 partial payments of 1.000 on 10.000 due: ten post, never more than due', async () => {
    const payable = await issueTestPayable(t.ctx, { amount: 10_000n, accountNumber: 'C-2' });
    const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) =>
      postDirectPayment(t.ctx, bank, { channel: 'bank', externalId: `part-${i}`, items: [{ payableId: payable.id, amount: 1_000n }], currency: 'KWD' })));
    const { ok, codes } = settled(results);
    expect(ok).toHaveLength(10);
    expect(codes.every((code) => code === 'payable_already_paid' || code === 'payable_overpaid')).toBe(true);
    const after = (await payables.find(t.ctx, payable.id))!;
    expect(after).toMatchObject({ amountPaid: 10_000n, status: 'paid' });
    expect(await ledger.balance(t.ctx, receivableAccountOf(payable))).toBe(0n);
    await expectBalancedLedger(t.ctx);
  });

  it('the same bank transaction id sent 20 times at once posts once and answers the same payment', async () => {
    const payable = await issueTestPayable(t.ctx, { amount: 3_000n, accountNumber: 'C-3' });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () =>
      postDirectPayment(t.ctx, bank, { channel: 'bank', externalId: 'same-id', items: [{ payableId: payable.id, amount: 3_000n }], currency: 'KWD' })));
    const { ok, codes } = settled(results);
    expect(codes).toEqual([]);
    expect(new Set(ok.map((r) => r.payment.id)).size).toBe(1);
    expect(ok.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await ledger.balance(t.ctx, receivableAccountOf(payable))).toBe(0n);
  });

  it('payments of the same two bills in opposite orders do not deadlock', async () => {
    const a = await issueTestPayable(t.ctx, { amount: 50_000n, accountNumber: 'C-4' });
    const b = await issueTestPayable(t.ctx, { amount: 50_000n, accountNumber: 'C-5' });
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => postDirectPayment(t.ctx, bank, {
      channel: 'bank', externalId: `pair-${i}`, currency: 'KWD',
      items: i % 2 ? [{ payableId: a.id, amount: 2_000n }, { payableId: b.id, amount: 2_000n }] : [{ payableId: b.id, amount: 2_000n }, { payableId: a.id, amount: 2_000n }],
    })));
    const { ok, codes } = settled(results);
    expect(codes).toEqual([]);
    expect(ok).toHaveLength(20);
    expect((await payables.find(t.ctx, a.id))!.amountPaid).toBe(40_000n);
    expect((await payables.find(t.ctx, b.id))!.amountPaid).toBe(40_000n);
    await expectBalancedLedger(t.ctx);
  });

  it('card captures racing a bank payment: the bill takes what is due, the rest becomes credit, each posts once', async () => {
    const payable = await issueTestPayable(t.ctx, { amount: 20_000n, accountNumber: 'C-6' });
    const urls = () => ({ responseUrl: 'http://127.0.0.1:9/response', errorUrl: 'http://127.0.0.1:9/error' });
    // A gateway that confirms every attempt it is asked about as captured for the amount asked.
    const captured: PaymentGateway = {
      name: 'knet',
      startPayment: () => ({ redirectUrl: 'http://127.0.0.1:9/pay' }),
      parseCallback: () => { throw new Error('not used'); },
      refund: () => { throw new Error('not used'); },
      inquire: async (input) => ({ status: 'captured', paymentId: `${Math.abs(hash(input.trackId))}`, trackId: input.trackId, amount: input.amount, currency: input.currency, raw: {} }),
    };
    const started = await Promise.all(Array.from({ length: 5 }, (_, i) => startCheckout(t.ctx, anonymousActor,
      { items: [{ payableId: payable.id }], channel: 'knet', language: 'ar', idempotencyKey: `race-${i}-key` }, captured, urls, 'KWD')));
    const rows = await Promise.all(started.map((s) => findPayment(t.ctx.db, s.paymentId)));
    // Every payment settled by several callers at once (response URL, error URL, reconciler), plus a bank payment.
    const attempts = rows.flatMap((row) => Array.from({ length: 4 }, () => settleWithGateway(t.ctx, anonymousActor, captured, row!)));
    const bankPayment = postDirectPayment(t.ctx, bank, { channel: 'bank', externalId: 'race-bank', items: [{ payableId: payable.id, amount: 20_000n }], currency: 'KWD' });
    const outcomes = await Promise.allSettled([...attempts, bankPayment]);
    expect(outcomes.filter((o) => o.status === 'fulfilled' && 'outcome' in o.value && o.value.outcome === 'posted')).toHaveLength(5);
    for (const s of started) {
      const payment = (await findPayment(t.ctx.db, s.paymentId))!;
      expect(payment.status).toBe('posted');
      expect(await ledger.findTransaction(t.ctx, 'payment', payment.id)).toBeDefined();
    }
    const after = (await payables.find(t.ctx, payable.id))!;
    expect(after.amountPaid).toBe(20_000n);
    const bankPosted = outcomes.at(-1)!.status === 'fulfilled' ? 20_000n : 0n;
    // 5 captures of 20.000 and maybe the bank's 20.000: the bill took 20.000, the rest sits in the account's credit.
    expect(await creditBalance(t.ctx, 'acct-C-6', 'KWD')).toBe(5n * 20_000n + bankPosted - 20_000n);
    expect(await ledger.balance(t.ctx, receivableAccountOf(payable))).toBe(0n);
    await expectBalancedLedger(t.ctx);
  });
});

function hash(text: string): number {
  let h = 7;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}
