// Counter cash taken offline and replayed from the page's journal: a bill paid meanwhile elsewhere does not refuse
// it (the cash is already in the drawer), the money becomes the account's credit, audited; a replay of the same id
// answers the first result and posts nothing more; without takenOffline the same conflict is refused as before.
// Also: the old path (a cashier's POST /api/v1/payments with channel counter) is refused, and a supervisor lists
// the office's payments of the day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { seedDemo } from '../../src/db/seed/index.js';
import { auditByAction } from '../../src/platform/audit.js';
import { payables } from '../../src/modules/billers/index.js';
import * as ledger from '../../src/modules/ledger/index.js';
import { createTestApp, signIn, type TestApp } from '../support/app.js';
import { expectBalancedLedger, issueTestPayable } from '../payments/support.js';

let t: TestApp;
let cashier: string;
let supervisor: string;
const START = '2026-11-15T07:00:00.000Z';
const DAY = '2026-11-15';

beforeAll(async () => {
  t = await createTestApp({ now: START });
  await seedDemo(t.ctx, { people: 1 });
  cashier = await signIn(t.app, { username: 'cashier', password: DEMO_PASSWORD });
  supervisor = await signIn(t.app, { username: 'supervisor', password: DEMO_PASSWORD });
  const opened = await call(cashier, 'POST', '/api/v1/counter/drawers', { counterCode: 'C01', openingFloat: '20.000' });
  expect(opened.statusCode, opened.body).toBe(201);
});
afterAll(async () => t?.close());

const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const counterRows = async () => (await t.ctx.db.execute('SELECT count(*)::int AS n FROM counter_payments') as unknown as { rows: { n: number }[] }).rows[0]!.n;

describe('the old counter path', () => {
  it("refuses a cashier's POST /api/v1/payments with channel counter: counter cash goes through a drawer", async () => {
    const bill = await issueTestPayable(t.ctx, { amount: 2_000n, accountNumber: 'OLD-PATH-1' });
    const before = await ledger.balance(t.ctx, 'clearing:counter');
    const refused = await call(cashier, 'POST', '/api/v1/payments', { channel: 'counter', externalId: 'OLD-1', items: [{ payableId: bill.id, amount: '2.000' }] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'payment_counter_needs_drawer' });
    expect(await ledger.balance(t.ctx, 'clearing:counter')).toBe(before);
    expect((await payables.find(t.ctx, bill.id))?.status).toBe('open');
  });
});

describe('a payment taken offline, replayed after the bill was paid elsewhere', () => {
  it('keeps the money as the account\'s credit, audited; the same id again posts nothing more; online the conflict is refused', async () => {
    const bill = await issueTestPayable(t.ctx, { amount: 8_000n, accountNumber: 'OFF-1' });
    // Paid meanwhile at another counter (online).
    const elsewhere = await call(cashier, 'POST', '/api/v1/counter/payments', { id: 'ctr-online-0001', items: [{ payableId: bill.id, amount: '8.000' }], tenders: [{ kind: 'cash', amount: '8.000' }] });
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
    expect(elsewhere.json()).toMatchObject({ credited: '0.000', takenOffline: false });

    const online = await call(cashier, 'POST', '/api/v1/counter/payments', { id: 'ctr-online-0002', items: [{ payableId: bill.id, amount: '8.000' }], tenders: [{ kind: 'cash', amount: '8.000' }] });
    expect(online.json().code).toBe('payable_already_paid');

    const rowsBefore = await counterRows();
    const clearingBefore = await ledger.balance(t.ctx, 'clearing:counter');
    const body = { id: 'ctr-offline-0001', items: [{ payableId: bill.id, amount: '8.000' }], tenders: [{ kind: 'cash', amount: '10.000' }], takenOffline: true };
    const kept = await call(cashier, 'POST', '/api/v1/counter/payments', body);
    expect(kept.statusCode, kept.body).toBe(201);
    expect(kept.json()).toMatchObject({ amount: '8.000', changeGiven: '2.000', credited: '8.000', takenOffline: true, status: 'posted', replayed: false });
    expect(await ledger.balance(t.ctx, 'credit:acct-OFF-1')).toBe(-8_000n);
    expect(await ledger.balance(t.ctx, 'clearing:counter')).toBe(clearingBefore + 8_000n);
    expect(await counterRows()).toBe(rowsBefore + 1);
    const audit = await auditByAction(t.ctx, 'payment.taken_to_credit', 100);
    expect(audit.some((a) => a.entityId === kept.json().paymentId)).toBe(true);

    const again = await call(cashier, 'POST', '/api/v1/counter/payments', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ paymentId: kept.json().paymentId, receiptNumber: kept.json().receiptNumber, credited: '8.000', replayed: true });
    expect(await ledger.balance(t.ctx, 'credit:acct-OFF-1')).toBe(-8_000n);
    expect(await ledger.balance(t.ctx, 'clearing:counter')).toBe(clearingBefore + 8_000n);
    expect(await counterRows()).toBe(rowsBefore + 1);
    const current = await call(cashier, 'GET', '/api/v1/counter/drawers/current');
    expect(current.json().drawer).toMatchObject({ expectedCash: '36.000' });
    await expectBalancedLedger(t.ctx);
  });

  it('applies what still fits and credits the rest when part of a bill was paid meanwhile', async () => {
    const bill = await issueTestPayable(t.ctx, { amount: 5_000n, accountNumber: 'OFF-2' });
    const part = await call(cashier, 'POST', '/api/v1/counter/payments', { id: 'ctr-online-0003', items: [{ payableId: bill.id, amount: '3.000' }], tenders: [{ kind: 'cash', amount: '3.000' }] });
    expect(part.statusCode, part.body).toBe(201);
    const kept = await call(cashier, 'POST', '/api/v1/counter/payments', { id: 'ctr-offline-0002', items: [{ payableId: bill.id, amount: '5.000' }], tenders: [{ kind: 'cash', amount: '5.000' }], takenOffline: true });
    expect(kept.statusCode, kept.body).toBe(201);
    expect(kept.json()).toMatchObject({ amount: '5.000', credited: '3.000' });
    expect((await payables.find(t.ctx, bill.id))?.status).toBe('paid');
    expect(await ledger.balance(t.ctx, 'credit:acct-OFF-2')).toBe(-3_000n);
    await expectBalancedLedger(t.ctx);
  });

  it('still refuses an unknown payable offline, writing nothing', async () => {
    const before = await counterRows();
    const refused = await call(cashier, 'POST', '/api/v1/counter/payments', { id: 'ctr-offline-0003', items: [{ payableId: 'pbl_nothing', amount: '1.000' }], tenders: [{ kind: 'cash', amount: '1.000' }], takenOffline: true });
    expect(refused.json().code).toBe('payable_not_found');
    expect(await counterRows()).toBe(before);
  });
});

describe("the supervisor's list of the day", () => {
  it("lists the office's payments of the day for a void; a cashier may not", async () => {
    const listed = await call(supervisor, 'GET', `/api/v1/counter/offices/SALMIYA/payments?date=${DAY}`);
    expect(listed.statusCode, listed.body).toBe(200);
    const ids = listed.json().payments.map((p: { id: string }) => p.id);
    // One clock in the test: the same instant, then by id.
    expect(ids).toEqual(['ctr-offline-0001', 'ctr-offline-0002', 'ctr-online-0001', 'ctr-online-0003']);
    expect(listed.json().payments[0]).toMatchObject({ takenOffline: true, credited: '8.000', receiptNumber: expect.stringMatching(/^SALMIYA-C01-/) });
    expect((await call(cashier, 'GET', `/api/v1/counter/offices/SALMIYA/payments?date=${DAY}`)).json().code).toBe('forbidden');
    expect((await call(supervisor, 'GET', `/api/v1/counter/offices/HAWALLI/payments?date=${DAY}`)).json().code).toBe('counter_not_bound');
  });
});
