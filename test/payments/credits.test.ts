import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { seedDemo } from '../../src/db/seed/index.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { systemActor } from '../../src/platform/actor.js';
import { payables, receivableAccountOf } from '../../src/modules/billers/billers.service.js';
import * as ledger from '../../src/modules/ledger/ledger.service.js';
import { postDirectPayment } from '../../src/modules/payments/direct-posting.js';
import { applyCreditsToPayables, creditBalance } from '../../src/modules/payments/credits.service.js';
import { inTransaction } from '../../src/platform/context.js';
import { expectBalancedLedger, issueTestPayable } from './support.js';

let t: TestApp;
let person: SeededPerson;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-22T09:00:00Z' });
  person = (await seedDemo(t.ctx, { people: 3 })).people[0]!;
});
afterAll(async () => t?.close());

async function giveCredit(party: string, amount: bigint): Promise<void> {
  await inTransaction(t.ctx, (tx) => ledger.post(tx, {
    kind: 'test-credit', sourceRef: `${party}-${amount}-${Math.random()}`, currency: 'KWD',
    lines: [{ account: 'clearing:knet', amount }, { account: `credit:${party}`, amount: -amount }],
  }));
}

describe('applyCreditsToPayables', () => {
  it('pays a new bill from the account credit as a payment of channel credit, once', async () => {
    await giveCredit('acct-7001', 5_000n);
    const bill = await issueTestPayable(t.ctx, { amount: 12_500n, accountNumber: '7001', civilId: person.civilId, personId: person.id });
    await applyCreditsToPayables(t.ctx, [bill.id]);
    await applyCreditsToPayables(t.ctx, [bill.id]);
    const after = await payables.find(t.ctx, bill.id);
    expect(after?.amountPaid).toBe(5_000n);
    expect(after?.status).toBe('partially_paid');
    expect(await creditBalance(t.ctx, 'acct-7001', 'KWD')).toBe(0n);
    expect(await ledger.balance(t.ctx, receivableAccountOf(bill))).toBe(7_500n);
    await expectBalancedLedger(t.ctx);
  });

  it('pays in full when the credit covers the bill and keeps the rest', async () => {
    await giveCredit(`cid-${person.civilId}`, 20_000n);
    const bill = await issueTestPayable(t.ctx, { amount: 12_500n, accountNumber: '7002', civilId: person.civilId });
    await applyCreditsToPayables(t.ctx, [bill.id]);
    expect((await payables.find(t.ctx, bill.id))?.status).toBe('paid');
    expect(await creditBalance(t.ctx, `cid-${person.civilId}`, 'KWD')).toBe(7_500n);
  });

  it('leaves a fine that allows no partial payment alone when the credit is short', async () => {
    await giveCredit('plate-12345', 1_000n);
    const fine = await issueTestPayable(t.ctx, { billerCode: 'moi-traffic', amount: 30_000n, plate: '12345' });
    await applyCreditsToPayables(t.ctx, [fine.id]);
    expect((await payables.find(t.ctx, fine.id))?.amountPaid).toBe(0n);
    expect(await creditBalance(t.ctx, 'plate-12345', 'KWD')).toBe(1_000n);
  });

  it('does nothing for parties without credit', async () => {
    const bill = await issueTestPayable(t.ctx, { amount: 4_000n, accountNumber: '7003' });
    await applyCreditsToPayables(t.ctx, [bill.id, 'pbl_missing']);
    expect((await payables.find(t.ctx, bill.id))?.amountPaid).toBe(0n);
  });
});

describe('postDirectPayment', () => {
  it('posts a bank payment once per bank transaction id and refuses a different request with the same id', async () => {
    const bill = await issueTestPayable(t.ctx, { amount: 9_000n, accountNumber: '7004', personId: person.id });
    const bank = { kind: 'client' as const, id: 'cli_test', role: 'bank' as const, name: 'Bank' };
    const first = await postDirectPayment(t.ctx, bank, { channel: 'bank', externalId: 'TX1', items: [{ payableId: bill.id, amount: 9_000n }], currency: 'KWD' });
    const again = await postDirectPayment(t.ctx, bank, { channel: 'bank', externalId: 'TX1', items: [{ payableId: bill.id, amount: 9_000n }], currency: 'KWD' });
    expect(again.replayed).toBe(true);
    expect(again.payment.id).toBe(first.payment.id);
    expect(first.payment.receiptNumber).toMatch(/^BNK-2026-\d{6}$/);
    await expect(postDirectPayment(t.ctx, bank, { channel: 'bank', externalId: 'TX1', items: [{ payableId: bill.id, amount: 8_000n }], currency: 'KWD' }))
      .rejects.toMatchObject({ code: 'idempotency_conflict' });
    await expect(postDirectPayment(t.ctx, bank, { channel: 'bank', externalId: 'TX2', items: [{ payableId: bill.id, amount: 9_000n }], currency: 'KWD' }))
      .rejects.toMatchObject({ code: 'payable_already_paid' });
    expect(await ledger.balance(t.ctx, receivableAccountOf(bill))).toBe(0n);
    void systemActor;
    await expectBalancedLedger(t.ctx);
  });
});
