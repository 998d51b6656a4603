// The one-statement posting (src/modules/payments/one-statement-posting.ts): a strict payment that fits is written
// in a single statement, and anything else leaves nothing behind and is decided by the transactional path, with
// the same answers as before. Concurrency is real on PostgreSQL (the pool), serial on PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.js';
import { seedDemo } from '../../src/db/seed/index.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { outbox } from '../../src/db/schema/platform.js';
import { payments } from '../../src/db/schema/payments.js';
import { ledgerTransactions } from '../../src/db/schema/ledger.js';
import type { Actor } from '../../src/platform/actor.js';
import { AppError } from '../../src/platform/errors/app-error.js';
import { payables, receivableAccountOf } from '../../src/modules/billers/billers.service.js';
import * as ledger from '../../src/modules/ledger/ledger.service.js';
import { postDirectPayment, directPaymentRow, directRequestHash, type DirectPaymentInput } from '../../src/modules/payments/direct-posting.js';
import { postInOneStatement } from '../../src/modules/payments/one-statement-posting.js';
import { receiptVerifyUrl } from '../../src/modules/payments/receipt-signature.js';
import { expectBalancedLedger, issueTestPayable } from './support.js';
import { refusalCode } from '../support/errors.js';

let t: TestApp;
let person: SeededPerson;
const bank: Actor = { kind: 'client', id: 'client-one-statement-bank', role: 'bank', name: 'Test bank' };

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-22T09:00:00Z' });
  person = (await seedDemo(t.ctx, { people: 2 })).people[0]!;
});
afterAll(async () => t?.close());

let serial = 0;
const bankPayment = (items: { payableId: string; amount: bigint }[], externalId = `one-stmt-${++serial}`): DirectPaymentInput => ({ channel: 'bank', externalId, currency: 'KWD', items, language: 'en' });

/** The one-statement path alone, as postDirectPayment calls it (undefined: it left the decision to the transactional path). */
const inOneStatement = (input: DirectPaymentInput) => postInOneStatement(t.ctx, input, directPaymentRow(t.ctx, bank, input, directRequestHash(input)));

async function written() {
  const [p] = await t.ctx.db.select({ n: count() }).from(payments);
  const [o] = await t.ctx.db.select({ n: count() }).from(outbox);
  const [l] = await t.ctx.db.select({ n: count() }).from(ledgerTransactions);
  return { payments: p!.n, outbox: o!.n, ledger: l!.n };
}


describe('a strict payment in one statement', () => {
  it('writes the payment, its items, the payables, one balanced ledger transaction and the receipt event', async () => {
    const first = await issueTestPayable(t.ctx, { amount: 12_500n, accountNumber: '8101', civilId: person.civilId, personId: person.id });
    const second = await issueTestPayable(t.ctx, { amount: 4_000n, accountNumber: '8102', civilId: person.civilId, personId: person.id });
    const input = bankPayment([{ payableId: first.id, amount: 12_500n }, { payableId: second.id, amount: 4_000n }]);
    const result = await inOneStatement(input);
    expect(result).toBeDefined();
    const { payment } = result!;
    expect(payment).toMatchObject({ status: 'posted', amount: 16_500n, channel: 'bank', externalId: input.externalId });
    expect(payment.receiptNumber).toMatch(/^BNK-2026-\d{6}$/);

    const [stored] = await t.ctx.db.select().from(payments).where(eq(payments.id, payment.id));
    expect(stored).toMatchObject({ status: 'posted', amount: 16_500n, receiptNumber: payment.receiptNumber, requestHash: directRequestHash(input) });
    expect((await payables.find(t.ctx, first.id))).toMatchObject({ status: 'paid', amountPaid: 12_500n });
    expect((await payables.find(t.ctx, second.id))).toMatchObject({ status: 'paid', amountPaid: 4_000n });
    expect(await ledger.balance(t.ctx, receivableAccountOf(first))).toBe(0n);
    expect(await ledger.balance(t.ctx, receivableAccountOf(second))).toBe(0n);
    const transaction = await ledger.findTransaction(t.ctx, 'payment', payment.id);
    expect(transaction).toBeDefined();

    const events = (await t.ctx.db.select().from(outbox).where(eq(outbox.topic, 'payment.received'))).filter((row) => (row.payload as { paymentId: string }).paymentId === payment.id);
    expect(events).toHaveLength(1);
    const vars = (events[0]!.payload as { vars: Record<string, string> }).vars;
    expect(vars).toMatchObject({ receiptNumber: payment.receiptNumber, amount: '16.500', currency: 'KWD' });
    // The verify link is signed over the number the payment row holds (drawn before the statement).
    expect(vars.verifyUrl).toBe(receiptVerifyUrl(t.ctx.config, payment.receiptNumber!, '16.500', 'KWD'));
    expect(vars.items).toContain(first.reference);
    await expectBalancedLedger(t.ctx);
  });

  it('leaves nothing behind when a payable refuses, and the answer is the transactional path\'s', async () => {
    const bill = await issueTestPayable(t.ctx, { amount: 10_000n, accountNumber: '8103', civilId: person.civilId });
    const other = await issueTestPayable(t.ctx, { amount: 3_000n, accountNumber: '8104', civilId: person.civilId });
    const before = await written();
    // The second item overpays its bill: the first item's update must not survive either.
    const input = bankPayment([{ payableId: other.id, amount: 3_000n }, { payableId: bill.id, amount: 10_001n }]);
    expect(await inOneStatement(input)).toBeUndefined();
    expect(await written()).toEqual(before);
    expect((await payables.find(t.ctx, other.id))).toMatchObject({ status: 'open', amountPaid: 0n });

    expect(await refusalCode(postDirectPayment(t.ctx, bank, input))).toBe('payable_overpaid');
    expect(await written()).toEqual(before);
    expect((await payables.find(t.ctx, other.id))).toMatchObject({ status: 'open', amountPaid: 0n });
    await expectBalancedLedger(t.ctx);
  });

  it('answers a repeated id with the first payment and writes nothing more', async () => {
    const bill = await issueTestPayable(t.ctx, { amount: 7_000n, accountNumber: '8105', civilId: person.civilId });
    const input = bankPayment([{ payableId: bill.id, amount: 7_000n }]);
    const first = await postDirectPayment(t.ctx, bank, input);
    const other = await issueTestPayable(t.ctx, { amount: 1_000n, accountNumber: '8106' });
    const before = await written();
    expect(await inOneStatement(input)).toBeUndefined();
    const again = await postDirectPayment(t.ctx, bank, input);
    expect(again).toMatchObject({ replayed: true, payment: { id: first.payment.id, receiptNumber: first.payment.receiptNumber } });
    expect(await written()).toEqual(before);
    // The same id with other items is a conflict, not a second payment.
    expect(await refusalCode(postDirectPayment(t.ctx, bank, { ...input, items: [{ payableId: other.id, amount: 1_000n }] }))).toBe('idempotency_conflict');
    expect(await written()).toEqual(before);
  });

  it('pays a bill once when many banks pay it at the same moment, and answers every repeat of one id with one payment', async () => {
    const bill = await issueTestPayable(t.ctx, { amount: 9_000n, accountNumber: '8107', civilId: person.civilId });
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => postDirectPayment(t.ctx, bank, bankPayment([{ payableId: bill.id, amount: 9_000n }])).then(
      (result) => ({ posted: result.payment.id }),
      (error: unknown) => ({ refused: (error as AppError).code }),
    )));
    expect(outcomes.filter((o) => 'posted' in o)).toHaveLength(1);
    expect(new Set(outcomes.flatMap((o) => ('refused' in o ? [o.refused] : [])))).toEqual(new Set(['payable_already_paid']));
    expect((await payables.find(t.ctx, bill.id))).toMatchObject({ status: 'paid', amountPaid: 9_000n });

    const next = await issueTestPayable(t.ctx, { amount: 2_000n, accountNumber: '8108' });
    const input = bankPayment([{ payableId: next.id, amount: 2_000n }]);
    const repeats = await Promise.all(Array.from({ length: 8 }, () => postDirectPayment(t.ctx, bank, input)));
    expect(new Set(repeats.map((r) => r.payment.id)).size).toBe(1);
    expect(repeats.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await t.ctx.db.select().from(payments).where(eq(payments.externalId, input.externalId))).toHaveLength(1);
    await expectBalancedLedger(t.ctx);
  });

  it('gives concurrent payments distinct receipt numbers, each the one its receipt event carries', async () => {
    const bills = await Promise.all(Array.from({ length: 40 }, (_, i) => issueTestPayable(t.ctx, { amount: 1_000n + BigInt(i), accountNumber: `82${String(i).padStart(2, '0')}`, civilId: person.civilId })));
    const results = await Promise.all(bills.map((bill) => postDirectPayment(t.ctx, bank, bankPayment([{ payableId: bill.id, amount: bill.amount }]))));
    const numbers = results.map((r) => r.payment.receiptNumber);
    expect(new Set(numbers).size).toBe(40);
    const stored = await t.ctx.db.select().from(payments).where(eq(payments.channel, 'bank'));
    const byId = new Map(stored.map((row) => [row.id, row.receiptNumber]));
    for (const result of results) expect(byId.get(result.payment.id)).toBe(result.payment.receiptNumber);
    const events = await t.ctx.db.select().from(outbox).where(eq(outbox.topic, 'payment.received'));
    const eventNumber = new Map(events.map((row) => [(row.payload as { paymentId: string }).paymentId, (row.payload as { receiptNumber: string }).receiptNumber]));
    for (const result of results) expect(eventNumber.get(result.payment.id)).toBe(result.payment.receiptNumber);
    await expectBalancedLedger(t.ctx);
  });
});
