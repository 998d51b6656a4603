// The bank API end to end through app.inject: inquiry, notification (idempotent, 409 on changed content),
// refusals with their codes (audited, nothing written), reversal inside and outside the biller's window, the
// end-of-day report in JSON and CSV, and KWD (3 decimals) beside SAR (2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditByAction } from '../../src/platform/audit.js';
import { payables, seedBillers } from '../../src/modules/billers/index.js';
import * as ledger from '../../src/modules/ledger/index.js';
import { allowBankForBiller } from '../../src/modules/channels/index.js';
import { apiClientIdOfKey } from '../../src/modules/identity/index.js';
import { findPaymentByExternalId } from '../../src/modules/payments/payments.store.js';
import type { TestApp } from '../support/app.js';
import { expectBalancedLedger, issueTestPayable } from '../payments/support.js';
import { bankRequest, demoBank, startBankApp } from './support.js';

let t: TestApp;
let bankId: string;
// 10:00 in Kuwait: the business day runs to 21:00 UTC.
const START = '2026-11-15T07:00:00.000Z';

beforeAll(async () => {
  t = await startBankApp(START);
  bankId = (await apiClientIdOfKey(t.ctx, demoBank.keyId))!;
  await seedBillers(t.ctx, {
    currencies: [{ code: 'SAR', minorUnits: 2, nameAr: 'ريال سعودي', nameEn: 'Saudi riyal' }],
    billers: [{ code: 'sa-water', nameAr: 'المياه', nameEn: 'Water (SA)', kind: 'utility', allowsPartialPayment: true, minPartialAmount: 1_000n, currency: 'SAR', billDay: 28, dueDays: 30 }],
  });
});
afterAll(async () => t?.close());

const clearing = () => ledger.balance(t.ctx, 'clearing:bank');
const refusals = async (action: string) => (await auditByAction(t.ctx, action, 1000)).filter((r) => r.outcome === 'refused');
const pay = (transactionId: string, bills: { billId: string; amount: string }[], currency = 'KWD') => bankRequest(t, 'POST', '/api/v1/banks/payments', { transactionId, currency, bills });

describe('inquiry', () => {
  it('answers open bills by account, meter, civil ID or plate with amount due, due date and the part-payment range', async () => {
    const bill = await issueTestPayable(t.ctx, { billerCode: 'mew-electricity', amount: 12_345n, accountNumber: 'BK-ACC-1', meterNumber: 'BK-M-1' });
    const byAccount = await bankRequest(t, 'GET', '/api/v1/banks/bills?accountNumber=BK-ACC-1');
    expect(byAccount.statusCode).toBe(200);
    expect(byAccount.json().bills).toEqual([expect.objectContaining({ billId: bill.id, amountDue: '12.345', currency: 'KWD', maxAmount: '12.345', dueDate: '2026-11-27' })]);
    const { minAmount, partialAllowed } = byAccount.json().bills[0];
    expect(partialAllowed ? Number(minAmount) <= 12.345 : minAmount === '12.345').toBe(true);
    expect((await bankRequest(t, 'GET', '/api/v1/banks/bills?meterNumber=BK-M-1')).json().bills[0].billId).toBe(bill.id);
    expect((await bankRequest(t, 'GET', '/api/v1/banks/bills?accountNumber=NONE')).json().bills).toEqual([]);
    expect((await bankRequest(t, 'GET', '/api/v1/banks/bills')).json().code).toBe('lookup_required');
  });

  it('refuses an unsigned caller, and hides bills of billers the bank does not collect for', async () => {
    expect((await t.app.inject({ url: '/api/v1/banks/bills?accountNumber=BK-ACC-1' })).json().code).toBe('forbidden');
    await issueTestPayable(t.ctx, { billerCode: 'sa-water', amount: 5_000n, accountNumber: 'SA-HIDDEN' });
    expect((await bankRequest(t, 'GET', '/api/v1/banks/bills?accountNumber=SA-HIDDEN')).json().bills).toEqual([]);
  });
});

describe('payment notification', () => {
  it('posts once per bank transaction id, answers a repeat with the first result, and 409 on changed content', async () => {
    const bill = await issueTestPayable(t.ctx, { billerCode: 'mew-electricity', amount: 20_000n, accountNumber: 'BK-ACC-2' });
    const before = await clearing();
    const first = await pay('NBK-TX-1', [{ billId: bill.id, amount: '20.000' }]);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ transactionId: 'NBK-TX-1', amount: '20.000', currency: 'KWD', status: 'posted', replayed: false });
    expect(await clearing()).toBe(before + 20_000n);
    // The bank's id is the payment's externalId: reconciliation matches statements to it.
    expect((await findPaymentByExternalId(t.ctx.db, 'bank', bankId, 'NBK-TX-1'))?.id).toBe(first.json().paymentId);
    expect((await payables.find(t.ctx, bill.id))?.status).toBe('paid');

    const again = await pay('NBK-TX-1', [{ billId: bill.id, amount: '20.000' }]);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ paymentId: first.json().paymentId, replayed: true });
    const changed = await pay('NBK-TX-1', [{ billId: bill.id, amount: '19.000' }]);
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe('channel_notification_conflict');
    expect(await clearing()).toBe(before + 20_000n);
    await expectBalancedLedger(t.ctx);
  });

  it('refuses an unknown bill, a paid bill, more than due, a wrong currency, too many decimals and a biller the bank may not collect for: each with its code, audited, nothing written', async () => {
    const bill = await issueTestPayable(t.ctx, { billerCode: 'mew-electricity', amount: 3_000n, accountNumber: 'BK-ACC-3' });
    const paid = await issueTestPayable(t.ctx, { billerCode: 'mew-electricity', amount: 1_000n, accountNumber: 'BK-ACC-4' });
    const foreign = await issueTestPayable(t.ctx, { billerCode: 'sa-water', amount: 5_000n, accountNumber: 'SA-NOT-ALLOWED' });
    expect((await pay('NBK-PAID-FIRST', [{ billId: paid.id, amount: '1.000' }])).statusCode).toBe(201);
    const before = await clearing();
    const refusedBefore = (await refusals('bank.payment')).length;
    const cases: [string, { billId: string; amount: string }[], string, string?][] = [
      ['NBK-R-UNKNOWN', [{ billId: 'pbl_NOPE', amount: '1.000' }], 'payable_not_found'],
      ['NBK-R-PAID', [{ billId: paid.id, amount: '1.000' }], 'payable_already_paid'],
      ['NBK-R-OVER', [{ billId: bill.id, amount: '3.001' }], 'payable_overpaid'],
      ['NBK-R-CURRENCY', [{ billId: bill.id, amount: '1.00' }], 'channel_currency_mismatch', 'SAR'],
      ['NBK-R-DECIMALS', [{ billId: bill.id, amount: '1.0001' }], 'amount_too_precise'],
      ['NBK-R-BILLER', [{ billId: foreign.id, amount: '50.00' }], 'channel_bank_not_allowed', 'SAR'],
    ];
    for (const [id, bills, code, currency] of cases) {
      const response = await pay(id, bills, currency);
      expect(response.statusCode, id).toBeGreaterThanOrEqual(400);
      expect(response.json().code, id).toBe(code);
      expect(await findPaymentByExternalId(t.ctx.db, 'bank', bankId, id), id).toBeUndefined();
    }
    expect(await clearing()).toBe(before);
    expect((await payables.find(t.ctx, bill.id))?.amountPaid).toBe(0n);
    const audited = (await refusals('bank.payment')).slice(0, cases.length).map((r) => (r.detail as { code: string }).code);
    expect((await refusals('bank.payment')).length).toBe(refusedBefore + cases.length);
    expect(audited.sort()).toEqual(cases.map((c) => c[2]).sort());
  });

  it('takes SAR with 2 decimals once the bank collects for a SAR biller, within its part-payment range', async () => {
    await allowBankForBiller(t.ctx, { clientId: bankId, billerCode: 'sa-water', reversalWindowMinutes: 30 });
    const bill = await issueTestPayable(t.ctx, { billerCode: 'sa-water', amount: 15_050n, accountNumber: 'SA-1' });
    const inquiry = (await bankRequest(t, 'GET', '/api/v1/banks/bills?accountNumber=SA-1')).json();
    expect(inquiry.bills[0]).toMatchObject({ billId: bill.id, currency: 'SAR', amountDue: '150.50', minAmount: '10.00', maxAmount: '150.50', partialAllowed: true });
    expect((await pay('SA-R-3DEC', [{ billId: bill.id, amount: '10.005' }], 'SAR')).json().code).toBe('amount_too_precise');
    expect((await pay('SA-R-MIN', [{ billId: bill.id, amount: '9.99' }], 'SAR')).json().code).toBe('payment_below_minimum');
    const partial = await pay('SA-TX-1', [{ billId: bill.id, amount: '50.50' }], 'SAR');
    expect(partial.json()).toMatchObject({ amount: '50.50', currency: 'SAR' });
    expect((await payables.find(t.ctx, bill.id))?.amountPaid).toBe(5_050n);
  });
});

describe('reversal', () => {
  it('reverses inside the window through the ledger, reopening the bill; refuses a second time and an unknown id', async () => {
    const bill = await issueTestPayable(t.ctx, { billerCode: 'mew-electricity', amount: 7_500n, accountNumber: 'BK-REV-1' });
    expect((await pay('NBK-REV-1', [{ billId: bill.id, amount: '7.500' }])).statusCode).toBe(201);
    const before = await clearing();
    const reversed = await bankRequest(t, 'POST', '/api/v1/banks/reversals', { transactionId: 'NBK-REV-1', reason: 'customer account debited twice' });
    expect(reversed.statusCode).toBe(200);
    expect(reversed.json()).toMatchObject({ transactionId: 'NBK-REV-1', amount: '7.500', status: 'reversed' });
    expect(await clearing()).toBe(before - 7_500n);
    expect((await payables.find(t.ctx, bill.id))?.amountPaid).toBe(0n);
    expect((await auditByAction(t.ctx, 'payment.reversal', 10))[0]).toMatchObject({ entityId: reversed.json().paymentId, outcome: 'ok' });
    expect((await bankRequest(t, 'POST', '/api/v1/banks/reversals', { transactionId: 'NBK-REV-1', reason: 'again' })).json().code).toBe('channel_already_reversed');
    expect((await bankRequest(t, 'POST', '/api/v1/banks/reversals', { transactionId: 'NBK-NEVER', reason: 'no such' })).json().code).toBe('channel_payment_unknown');
    await expectBalancedLedger(t.ctx);
  });

  it("refuses after the biller's window (30 minutes for sa-water) with a code, and writes nothing", async () => {
    const bill = await issueTestPayable(t.ctx, { billerCode: 'sa-water', amount: 2_000n, accountNumber: 'SA-REV' });
    expect((await pay('SA-REV-1', [{ billId: bill.id, amount: '20.00' }], 'SAR')).statusCode).toBe(201);
    t.clock.advance(31 * 60_000);
    const late = await bankRequest(t, 'POST', '/api/v1/banks/reversals', { transactionId: 'SA-REV-1', reason: 'too late' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('channel_reversal_window_closed');
    expect((await payables.find(t.ctx, bill.id))?.status).toBe('paid');
    expect((await refusals('bank.reversal'))[0]).toMatchObject({ entityId: 'SA-REV-1' });
  });
});

describe('end-of-day report', () => {
  it('lists every payment and reversal of the business date with totals, in JSON and CSV', async () => {
    const json = await bankRequest(t, 'GET', '/api/v1/banks/reports/daily?date=2026-11-15');
    expect(json.statusCode).toBe(200);
    const report = json.json();
    const kwd = report.totals.find((x: { currency: string }) => x.currency === 'KWD');
    // NBK-TX-1 20.000, NBK-PAID-FIRST 1.000, NBK-REV-1 7.500 (reversed).
    expect(kwd).toMatchObject({ paymentCount: 3, paid: '28.500', reversalCount: 1, reversed: '7.500', net: '21.000' });
    expect(report.totals.find((x: { currency: string }) => x.currency === 'SAR')).toMatchObject({ paymentCount: 2, paid: '70.50', net: '70.50' });
    expect(report.reversals[0]).toMatchObject({ transactionId: 'NBK-REV-1', kind: 'reversal' });
    const csv = await bankRequest(t, 'GET', '/api/v1/banks/reports/daily.csv?date=2026-11-15');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('total_net,2026-11-15,,,,,KWD,21.000');
    expect(csv.body.split('\r\n').filter((line) => line.startsWith('payment,'))).toHaveLength(5);
    expect((await bankRequest(t, 'GET', '/api/v1/banks/reports/daily?date=2026-11-14')).json().payments).toEqual([]);
  });
});
