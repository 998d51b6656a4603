// Counters end to end through app.inject: a cashier at the Salmiya office takes cash for an account at a Hawalli
// address; drawer open → payments → close with a difference (posted to over/short) → day close totals; a
// supervisor's void (ledger reversal); each bad input refused with its code, audited, nothing written; a replayed
// counter payment answers the first result and a changed one is refused; the ledger balances throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { seedDemo } from '../../src/db/seed/index.js';
import { systemActor } from '../../src/platform/actor.js';
import { auditByAction } from '../../src/platform/audit.js';
import { createAccount } from '../../src/modules/accounts/index.js';
import { payables } from '../../src/modules/billers/index.js';
import { overShortAccountOf } from '../../src/modules/channels/index.js';
import * as ledger from '../../src/modules/ledger/index.js';
import { createTestApp, signIn, type TestApp } from '../support/app.js';
import { expectBalancedLedger, issueTestPayable } from '../payments/support.js';

let t: TestApp;
let admin: string;
let cashier: string;
let supervisor: string;
// 10:00 in Kuwait on a Sunday.
const START = '2026-11-15T07:00:00.000Z';
const DAY = '2026-11-15';

beforeAll(async () => {
  t = await createTestApp({ now: START });
  await seedDemo(t.ctx, { people: 1 });
  admin = await signIn(t.app, { username: 'admin', password: DEMO_PASSWORD });
  cashier = await signIn(t.app, { username: 'cashier', password: DEMO_PASSWORD });
  supervisor = await signIn(t.app, { username: 'supervisor', password: DEMO_PASSWORD });
});
afterAll(async () => t?.close());

const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const clearing = () => ledger.balance(t.ctx, 'clearing:counter');
const counterRows = async () => (await t.ctx.db.execute('SELECT count(*)::int AS n FROM counter_payments') as unknown as { rows: { n: number }[] }).rows[0]!.n;
const refusals = async (action: string) => (await auditByAction(t.ctx, action, 1000)).filter((r) => r.outcome === 'refused');
const pay = (id: string, items: { payableId: string; amount: string }[], tenders: unknown[]) => call(cashier, 'POST', '/api/v1/counter/payments', { id, items, tenders });

let hawalliBill: string;
let drawerId: string;
let cashPaymentId: string;

describe('offices and counters', () => {
  it('lists the demo offices; an admin adds an office and a counter; a duplicate, a reserved code and a cashier are refused', async () => {
    const listed = await call(admin, 'GET', '/api/v1/counter/offices');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().offices.map((o: { code: string; counters: { code: string }[] }) => [o.code, o.counters.map((c) => c.code)]))
      .toEqual([['HAWALLI', ['C01', 'C02']], ['SALMIYA', ['C01', 'C02']]]);
    const office = await call(admin, 'POST', '/api/v1/counter/offices', { code: 'JAHRA', nameAr: 'مكتب الجهراء', nameEn: 'Jahra office' });
    expect(office.statusCode).toBe(201);
    expect((await call(admin, 'POST', '/api/v1/counter/offices/JAHRA/counters', { code: 'C01', nameAr: 'كاونتر ١', nameEn: 'Counter 1' })).statusCode).toBe(201);
    expect((await call(admin, 'POST', '/api/v1/counter/offices/JAHRA/counters', { code: 'C01', nameAr: 'x', nameEn: 'x' })).json().code).toBe('counter_exists');
    expect((await call(admin, 'POST', '/api/v1/counter/offices', { code: 'JAHRA', nameAr: 'x', nameEn: 'x' })).json().code).toBe('counter_office_exists');
    expect((await call(admin, 'POST', '/api/v1/counter/offices', { code: 'CTR', nameAr: 'x', nameEn: 'x' })).json().code).toBe('counter_office_code_reserved');
    expect((await call(cashier, 'POST', '/api/v1/counter/offices', { code: 'FAKE', nameAr: 'x', nameEn: 'x' })).json().code).toBe('forbidden');
    // A cashier sees their own office only.
    expect((await call(cashier, 'GET', '/api/v1/counter/offices')).json().offices.map((o: { code: string }) => o.code)).toEqual(['SALMIYA']);
  });
});

describe('a day at the Salmiya office', () => {
  it('refuses a payment before the drawer is open, and opens the drawer with a float once', async () => {
    const bill = await issueTestPayable(t.ctx, { amount: 1_000n, accountNumber: 'NO-DRAWER' });
    const refused = await pay('ctr-no-drawer-1', [{ payableId: bill.id, amount: '1.000' }], [{ kind: 'cash', amount: '1.000' }]);
    expect(refused.json().code).toBe('counter_no_open_drawer');
    expect(await counterRows()).toBe(0);
    expect((await refusals('counter.payment')).some((r) => r.entityId === 'ctr-no-drawer-1')).toBe(true);

    const opened = await call(cashier, 'POST', '/api/v1/counter/drawers', { counterCode: 'C01', openingFloat: '50.000' });
    expect(opened.statusCode).toBe(201);
    expect(opened.json()).toMatchObject({ status: 'open', openingFloat: '50.000', businessDate: DAY, currency: 'KWD' });
    drawerId = opened.json().drawerId;
    expect((await call(cashier, 'POST', '/api/v1/counter/drawers', { counterCode: 'C02', openingFloat: '10.000' })).json().code).toBe('counter_drawer_already_open');
    expect((await call(cashier, 'POST', '/api/v1/counter/drawers', { counterCode: 'C09', openingFloat: '10.000' })).json().code).toBe('counter_unknown');
  });

  it('takes cash for an account billed at a Hawalli address, with change, under the counter\'s own receipt number', async () => {
    const { account } = await createAccount(t.ctx, systemActor('test'), {
      billerCode: 'mew-electricity', accountNumber: '7000123456', ownerName: { ar: 'شركة حولي', en: 'Hawalli Co.' }, category: 'commercial',
      area: { ar: 'حولي', en: 'Hawalli' }, meter: { installedOn: '2026-01-01' },
    });
    expect(account.areaEn).toBe('Hawalli');
    hawalliBill = (await issueTestPayable(t.ctx, { amount: 12_345n, accountNumber: account.accountNumber })).id;
    const dues = await call(cashier, 'GET', `/api/v1/counter/dues?accountNumber=${account.accountNumber}`);
    expect(dues.statusCode).toBe(200);
    expect(dues.json().payables).toEqual([expect.objectContaining({ id: hawalliBill, amountDue: '12.345' })]);

    const before = await clearing();
    const paid = await pay('ctr-cash-0001', [{ payableId: hawalliBill, amount: '12.345' }], [{ kind: 'cash', amount: '20.000' }]);
    expect(paid.statusCode).toBe(201);
    expect(paid.json()).toMatchObject({
      receiptNumber: 'SALMIYA-C01-000001', officeCode: 'SALMIYA', counterCode: 'C01', amount: '12.345', changeGiven: '7.655', status: 'posted', replayed: false,
      items: [{ payableId: hawalliBill, billerCode: 'mew-electricity', amount: '12.345' }], tenders: [{ kind: 'cash', amount: '20.000' }],
    });
    cashPaymentId = paid.json().paymentId;
    expect((await payables.find(t.ctx, hawalliBill))?.status).toBe('paid');
    expect(await clearing()).toBe(before + 12_345n);
    // The payment itself carries the same receipt number (the one the payer's SMS and the verify page show).
    const payment = await call(cashier, 'GET', `/api/v1/payments/${cashPaymentId}`);
    expect(payment.json()).toMatchObject({ channel: 'counter', receiptNumber: 'SALMIYA-C01-000001' });
    // The receipt is found, and prints on the 80 mm roll, by the counter's number.
    const receipt = await call(cashier, 'GET', '/api/v1/receipts/SALMIYA-C01-000001');
    expect(receipt.statusCode).toBe(200);
    expect(receipt.json()).toMatchObject({ receiptNumber: 'SALMIYA-C01-000001', total: '12.345', channel: 'counter', issuingPoint: { code: 'CTR' } });
    const thermal = await call(cashier, 'GET', '/api/v1/receipts/SALMIYA-C01-000001/pdf?lang=ar&format=thermal');
    expect(thermal.statusCode).toBe(200);
    expect(thermal.headers['content-type']).toBe('application/pdf');
    const current = await call(cashier, 'GET', '/api/v1/counter/drawers/current');
    expect(current.json().drawer).toMatchObject({ drawerId, expectedCash: '62.345' });
    await expectBalancedLedger(t.ctx);
  });

  it('answers a replayed payment with the first result and refuses a changed replay with a code, writing nothing', async () => {
    const before = await clearing();
    const again = await pay('ctr-cash-0001', [{ payableId: hawalliBill, amount: '12.345' }], [{ kind: 'cash', amount: '20.000' }]);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ paymentId: cashPaymentId, receiptNumber: 'SALMIYA-C01-000001', changeGiven: '7.655', replayed: true });
    const changed = await pay('ctr-cash-0001', [{ payableId: hawalliBill, amount: '12.345' }], [{ kind: 'cash', amount: '15.000' }]);
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe('counter_replay_conflict');
    expect(await clearing()).toBe(before);
    expect(await counterRows()).toBe(1);
    expect((await refusals('counter.payment')).some((r) => r.entityId === 'ctr-cash-0001' && (r.detail as { code: string }).code === 'counter_replay_conflict')).toBe(true);
  });

  it('posts once when the same payment arrives twice at once, and answers a replay sent by another cashier of the office', async () => {
    const bill = await issueTestPayable(t.ctx, { amount: 3_000n, accountNumber: 'SAL-TWIN-1' });
    const before = await clearing();
    const body = [[{ payableId: bill.id, amount: '3.000' }], [{ kind: 'cash', amount: '3.000' }]] as const;
    const [a, b] = await Promise.all([pay('ctr-twin-0001', [...body[0]], [...body[1]]), pay('ctr-twin-0001', [...body[0]], [...body[1]])]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().receiptNumber).toBe(b.json().receiptNumber);
    expect(await clearing()).toBe(before + 3_000n);

    // The offline journal may be replayed after a change of shift: the id, not the cashier, names the payment.
    const created = await call(admin, 'POST', '/api/v1/staff', { username: 'cashier2', nameAr: 'أمين ٢', nameEn: 'Cashier 2', role: 'cashier', password: DEMO_PASSWORD, unit: 'SALMIYA' });
    expect(created.statusCode).toBe(201);
    const other = await signIn(t.app, { username: 'cashier2', password: DEMO_PASSWORD });
    const replayed = await call(other, 'POST', '/api/v1/counter/payments', { id: 'ctr-twin-0001', items: body[0], tenders: body[1] });
    expect(replayed.statusCode).toBe(200);
    expect(replayed.json()).toMatchObject({ receiptNumber: a.json().receiptNumber, paymentId: a.json().paymentId, replayed: true });
    expect(await clearing()).toBe(before + 3_000n);
    await expectBalancedLedger(t.ctx);
  });

  it('refuses more than due, tenders that fall short, and change from a card: each with its code, audited, nothing written', async () => {
    const bill = await issueTestPayable(t.ctx, { amount: 5_000n, accountNumber: 'SAL-BAD-1' });
    const before = await clearing();
    const cases: [string, unknown[], string, string][] = [
      ['ctr-bad-over', [{ kind: 'cash', amount: '6.000' }], '6.000', 'payable_overpaid'],
      ['ctr-bad-short', [{ kind: 'cash', amount: '4.000' }], '5.000', 'counter_tender_mismatch'],
      ['ctr-bad-card', [{ kind: 'card', amount: '4.000', reference: 'POS-1' }, { kind: 'card', amount: '2.000', reference: 'POS-2' }], '5.000', 'counter_tender_mismatch'],
      ['ctr-bad-zero', [{ kind: 'cash', amount: '5.000' }, { kind: 'cheque', amount: '0', chequeNumber: '1', bank: 'NBK' }], '5.000', 'amount_not_positive'],
    ];
    for (const [id, tenders, amount, code] of cases) {
      const refused = await pay(id, [{ payableId: bill.id, amount }], tenders);
      expect(refused.json().code, id).toBe(code);
      expect((await refusals('counter.payment')).some((r) => r.entityId === id), id).toBe(true);
    }
    const missingReference = await pay('ctr-bad-ref', [{ payableId: bill.id, amount: '5.000' }], [{ kind: 'card', amount: '5.000' }]);
    expect(missingReference.statusCode).toBe(400);
    expect(await clearing()).toBe(before);
    expect(await counterRows()).toBe(2);
    expect((await payables.find(t.ctx, bill.id))?.amountPaid).toBe(0n);
  });

  let mixedId: string;
  let mixedPayables: string[];
  it('takes several payables of two billers with a card and a cheque; the receipt sequence has no gap from the refusals', async () => {
    const bill = await issueTestPayable(t.ctx, { amount: 8_000n, accountNumber: 'SAL-MIX-1' });
    const fine = await issueTestPayable(t.ctx, { billerCode: 'moi-traffic', amount: 15_000n, plate: '12/34567' });
    const paid = await pay('ctr-mixed-0002', [{ payableId: bill.id, amount: '8.000' }, { payableId: fine.id, amount: '15.000' }], [
      { kind: 'card', amount: '13.000', reference: 'KNETPOS-778899' }, { kind: 'cheque', amount: '10.000', chequeNumber: '004512', bank: 'Gulf Bank' },
    ]);
    expect(paid.statusCode).toBe(201);
    expect(paid.json()).toMatchObject({ receiptNumber: 'SALMIYA-C01-000003', amount: '23.000', changeGiven: '0.000' });
    mixedId = paid.json().id;
    mixedPayables = [bill.id, fine.id];
    expect((await payables.find(t.ctx, fine.id))?.status).toBe('paid');
  });

  it('lets only a supervisor void a payment of today, with a reason: the ledger reversal reopens the payables; a second void is refused', async () => {
    expect((await call(cashier, 'POST', `/api/v1/counter/payments/${mixedId}/void`, { reason: 'keyed twice' })).json().code).toBe('forbidden');
    const before = await clearing();
    const voided = await call(supervisor, 'POST', `/api/v1/counter/payments/${mixedId}/void`, { reason: 'customer paid the wrong fine' });
    expect(voided.statusCode).toBe(200);
    expect(voided.json()).toMatchObject({ id: mixedId, status: 'voided', amount: '23.000' });
    expect(await clearing()).toBe(before - 23_000n);
    for (const id of mixedPayables) expect((await payables.find(t.ctx, id))?.amountPaid).toBe(0n);
    const audit = await auditByAction(t.ctx, 'counter.void', 10);
    expect(audit.some((r) => r.entityId === mixedId && r.outcome !== 'refused')).toBe(true);
    expect((await call(supervisor, 'POST', `/api/v1/counter/payments/${mixedId}/void`, { reason: 'again' })).json().code).toBe('counter_payment_already_voided');
    await expectBalancedLedger(t.ctx);
  });

  it('will not close the day with a drawer open; closes the drawer short, posts the difference, and refuses a second close', async () => {
    expect((await call(supervisor, 'POST', '/api/v1/counter/offices/SALMIYA/day-close', { date: DAY })).json().code).toBe('counter_drawers_open');
    const before = await clearing();
    const closed = await call(cashier, 'POST', `/api/v1/counter/drawers/${drawerId}/close`, { countedCash: '65.000', note: 'one coin missing' });
    expect(closed.statusCode).toBe(200);
    // 50.000 float + 20.000 cash − 7.655 change + 3.000 cash; the voided payment had no cash.
    expect(closed.json()).toMatchObject({ status: 'closed', expectedCash: '65.345', countedCash: '65.000', difference: '-0.345' });
    expect(await clearing()).toBe(before - 345n);
    expect(await ledger.balance(t.ctx, overShortAccountOf('SALMIYA'))).toBe(345n);
    const twice = await call(cashier, 'POST', `/api/v1/counter/drawers/${drawerId}/close`, { countedCash: '65.345' });
    expect(twice.json().code).toBe('counter_drawer_already_closed');
    expect(await ledger.balance(t.ctx, overShortAccountOf('SALMIYA'))).toBe(345n);
    expect((await refusals('counter.drawer.close')).some((r) => r.entityId === drawerId)).toBe(true);
    await expectBalancedLedger(t.ctx);
  });

  it('closes the day once with totals by tender and biller; after it, a void, a second close and a new drawer are refused', async () => {
    const report = await call(supervisor, 'POST', '/api/v1/counter/offices/SALMIYA/day-close', { date: DAY });
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({
      officeCode: 'SALMIYA', businessDate: DAY, closed: true, currency: 'KWD', paymentCount: 2, paid: '15.345', voidCount: 1, voided: '23.000', overShort: '-0.345',
      byTender: [{ kind: 'cash', count: 2, amount: '15.345' }, { kind: 'card', count: 0, amount: '0.000' }, { kind: 'cheque', count: 0, amount: '0.000' }],
      byBiller: [{ billerCode: 'mew-electricity', count: 2, amount: '15.345' }],
      drawers: [expect.objectContaining({ drawerId, counterCode: 'C01', status: 'closed', difference: '-0.345' })],
    });
    const stored = await call(supervisor, 'GET', `/api/v1/counter/offices/SALMIYA/day-report?date=${DAY}`);
    expect(stored.json()).toEqual(report.json());
    expect((await call(supervisor, 'POST', '/api/v1/counter/offices/SALMIYA/day-close', { date: DAY })).json().code).toBe('counter_day_closed');
    const lateVoid = await call(supervisor, 'POST', '/api/v1/counter/payments/ctr-cash-0001/void', { reason: 'too late' });
    expect(lateVoid.json().code).toBe('counter_day_closed');
    expect((await payables.find(t.ctx, hawalliBill))?.status).toBe('paid');
    expect((await call(cashier, 'POST', '/api/v1/counter/drawers', { counterCode: 'C02', openingFloat: '10.000' })).json().code).toBe('counter_day_closed');
    // Another office's day is not this supervisor's.
    expect((await call(supervisor, 'GET', `/api/v1/counter/offices/HAWALLI/day-report?date=${DAY}`)).json().code).toBe('counter_not_bound');
    await expectBalancedLedger(t.ctx);
  });

  it('refuses to void a payment of an earlier day', async () => {
    t.clock.set('2026-11-16T06:00:00.000Z');
    // Sessions end with the day: sign in again, as the next shift would.
    cashier = await signIn(t.app, { username: 'cashier', password: DEMO_PASSWORD });
    const opened = await call(cashier, 'POST', '/api/v1/counter/drawers', { counterCode: 'C02', openingFloat: '0' });
    expect(opened.json()).toMatchObject({ businessDate: '2026-11-16' });
    const bill = await issueTestPayable(t.ctx, { amount: 2_000n, accountNumber: 'SAL-DAY2' });
    const paid = await pay('ctr-day2-0001', [{ payableId: bill.id, amount: '2.000' }], [{ kind: 'cash', amount: '2.000' }]);
    expect(paid.json().receiptNumber).toBe('SALMIYA-C02-000001');
    t.clock.set('2026-11-17T06:00:00.000Z');
    supervisor = await signIn(t.app, { username: 'supervisor', password: DEMO_PASSWORD });
    expect((await call(supervisor, 'POST', '/api/v1/counter/payments/ctr-day2-0001/void', { reason: 'next day' })).json().code).toBe('counter_void_not_same_day');
    expect((await payables.find(t.ctx, bill.id))?.status).toBe('paid');
    await expectBalancedLedger(t.ctx);
  });
});
