// The bill run's edge cases of issue #16, each reproduced: re-runs, new accounts, corrections, government accounts,
// dates. Every case ends with the ledger balanced and the account's billed consumption equal to its meter's advance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { getBillRun, lateness, runBillRun } from '../../src/modules/billing/bill-run.service.js';
import { billOfAccount } from '../../src/modules/billing/bills.service.js';
import { payables, seedBillers } from '../../src/modules/billers/index.js';
import * as ledger from '../../src/modules/ledger/ledger.service.js';
import { postDirectPayment } from '../../src/modules/payments/direct-posting.js';
import { recordGovernmentTransfer } from '../../src/modules/payments/index.js';
import { presentBills } from '../../src/modules/billing/billing.present.js';
import { billDocumentOf } from '../../src/modules/billing/bill.document.js';
import { findAccountById } from '../../src/modules/accounts/index.js';
import { createTariffVersion } from '../../src/modules/tariffs/tariffs.service.js';
import { changeAccountStatus } from '../../src/modules/accounts/accounts.service.js';
import { expectBalancedLedger, expectBilledAsMetered, expectReceivableAsDues, openTestAccount, read, seedBilling, staff } from './support.js';

let t: TestApp;
let people: SeededPerson[];
const run = (period: string, billerCode = 'mew-electricity') => runBillRun(t.ctx, staff, { billerCode, period });
const at = (day: string) => t.clock.set(`${day}T12:00:00+03:00`);

beforeAll(async () => {
  t = await createTestApp({ now: '2026-06-01T12:00:00+03:00' });
  people = await seedBilling(t.ctx);
  // The Saudi biller (the demo seeds it too since #16): its reference tariffs are tiered.
  await seedBillers(t.ctx, { currencies: [], billers: [{ code: 'sec-electricity', nameAr: 'الشركة السعودية للكهرباء', nameEn: 'Saudi Electricity Company', kind: 'utility', allowsPartialPayment: true, minPartialAmount: 100n, currency: 'SAR', billDay: 28, dueDays: 30, settings: { vatNumber: '300000000000003' } }] });
});
afterAll(async () => t?.close());

describe('1. re-running an earlier period', () => {
  it('does not bill again what a later bill covers: an account that failed in July, billed in August', async () => {
    at('2026-06-01');
    const { account, meter } = await openTestAccount(t.ctx, { civilId: people[0]!.civilId, installedOn: '2026-06-01' });
    // No tariff for its category in July: the run records the failure.
    await t.ctx.db.execute(sql`UPDATE utility_accounts SET category = 'stables' WHERE id = ${account.id}`);
    at('2026-07-28');
    await read(t.ctx, meter.meterNumber, 1000, '2026-07-28');
    const july = await run('2026-07');
    expect((await getBillRun(t.ctx, staff, july.id)).failures.map((f) => f.accountId)).toContain(account.id);
    await t.ctx.db.execute(sql`UPDATE utility_accounts SET category = 'residential' WHERE id = ${account.id}`);
    at('2026-08-28');
    await read(t.ctx, meter.meterNumber, 2000, '2026-08-28');
    await run('2026-08');
    expect(await billOfAccount(t.ctx, account.id, '2026-08')).toMatchObject({ consumption: 2000n });

    // Following the CLI's advice: run July again. The August bill already covers July's readings.
    const again = await run('2026-07');
    expect(await billOfAccount(t.ctx, account.id, '2026-07')).toBeUndefined();
    const { failures, run: row } = await getBillRun(t.ctx, staff, again.id);
    expect(failures.map((f) => f.accountId)).not.toContain(account.id);
    expect(row.lastError).toContain('later period');
    await expectBilledAsMetered(t.ctx, account.id);
    await expectBalancedLedger(t.ctx);
  });

  it('does not bill a period an account was skipped in (disconnected) once a later bill covers it', async () => {
    at('2026-08-28');
    const { account, meter } = await openTestAccount(t.ctx, { civilId: people[1]!.civilId, installedOn: '2026-07-29' });
    await read(t.ctx, meter.meterNumber, 500, '2026-08-28');
    await run('2026-08');
    await changeAccountStatus(t.ctx, staff, account.accountNumber, 'disconnected');
    at('2026-09-28');
    await read(t.ctx, meter.meterNumber, 900, '2026-09-20');
    await run('2026-09');
    expect(await billOfAccount(t.ctx, account.id, '2026-09')).toBeUndefined();
    await changeAccountStatus(t.ctx, staff, account.accountNumber, 'active');
    at('2026-10-28');
    await read(t.ctx, meter.meterNumber, 1500, '2026-10-28');
    await run('2026-10');
    expect(await billOfAccount(t.ctx, account.id, '2026-10')).toMatchObject({ consumption: 1000n });
    await run('2026-09');
    expect(await billOfAccount(t.ctx, account.id, '2026-09')).toBeUndefined();
    await expectBilledAsMetered(t.ctx, account.id);
    await expectBalancedLedger(t.ctx);
  });
});

describe('2. periods before the account existed', () => {
  it('issues nothing for a period that ended before the meter was installed, then a first bill from installation', async () => {
    at('2026-11-01');
    const installs = ['2026-06-10', '2026-07-01', '2026-10-15'];
    const opened = [];
    for (const installedOn of installs) opened.push(await openTestAccount(t.ctx, { civilId: people[2]!.civilId, installedOn }));
    await run('2026-05');
    for (const { account } of opened) expect(await billOfAccount(t.ctx, account.id, '2026-05')).toBeUndefined();
    // The October account's first bill: 14 days from installation (10-15 … 10-28), never September.
    await run('2026-09');
    expect(await billOfAccount(t.ctx, opened[2]!.account.id, '2026-09')).toBeUndefined();
    await read(t.ctx, opened[2]!.meter.meterNumber, 700, '2026-10-28');
    await run('2026-10');
    expect(await billOfAccount(t.ctx, opened[2]!.account.id, '2026-10')).toMatchObject({ consumption: 700n, estimated: false, previousReadOn: '2026-10-15' });
    for (const { account } of opened) await expectBilledAsMetered(t.ctx, account.id);
    await expectBalancedLedger(t.ctx);
  });
});

describe('3. a first bill of an account installed mid-period', () => {
  it('prorates the tier blocks by the days from installation', async () => {
    at('2026-11-15');
    const { account, meter } = await openTestAccount(t.ctx, { billerCode: 'sec-electricity', civilId: people[3]!.civilId, installedOn: '2026-11-15' });
    at('2026-11-28');
    await read(t.ctx, meter.meterNumber, 6000, '2026-11-28');
    await run('2026-11', 'sec-electricity');
    const bill = (await billOfAccount(t.ctx, account.id, '2026-11'))!;
    // 14 of the period's 31 days: the 6,000 kWh first block becomes 6,000 × 14/31 ≈ 2,710 kWh at 18 halalas.
    // Then VAT at 15 % (the Saudi versions since July 2020) on the energy, into the biller's tax account.
    expect(bill.lines.map((l) => [l.kind, l.quantity, l.rateMinor])).toEqual([['consumption', 2710n, 18n], ['consumption', 3290n, 30n], ['vat', null, null]]);
    const energy = 2710n * 18n + 3290n * 30n;
    expect(bill.lines.at(-1)!.amount).toBe(22_122n); // 147,480 × 15 %
    expect(bill.amount).toBe(energy + 22_122n);
    // Its receivable posting credits the energy to revenue and the VAT to the biller's tax account.
    const posting = (await ledger.findTransaction(t.ctx, 'bill', bill.id))!;
    const entries = await ledger.entriesOf(t.ctx, [posting.id]);
    expect(entries.filter((e) => !e.accountCode.startsWith('receivable:')).map((e) => [e.accountCode, e.amount]).sort()).toEqual([['revenue:sec-electricity', -energy], ['tax:vat:sec-electricity', -22_122n]]);
    // The e-bill is a simplified tax invoice: its QR code carries the seller, VAT number, total and VAT.
    const document = await billDocumentOf(t.ctx, bill, (await findAccountById(t.ctx, account.id))!);
    expect(document.taxInvoice).toMatchObject({ vatNumber: '300000000000003', vatAmount: 22_122n, sellerName: 'الشركة السعودية للكهرباء' });
    expect(document.lines.at(-1)).toMatchObject({ kind: 'fixed', label: { ar: 'ضريبة القيمة المضافة 15%', en: 'VAT 15%' }, amount: 22_122n });
    await expectBilledAsMetered(t.ctx, account.id);
    await expectBalancedLedger(t.ctx);
  });
});

describe('4. a correction lower than the estimates', () => {
  async function estimatedThenLow(civilId: string) {
    at('2026-08-01');
    const opened = await openTestAccount(t.ctx, { civilId, installedOn: '2026-08-01' });
    at('2026-08-28');
    await read(t.ctx, opened.meter.meterNumber, 2700, '2026-08-28');
    await run('2026-08');
    at('2026-09-28');
    await run('2026-09');
    // 2,700 kWh over the 27 days after installation: 3,100 kWh estimated for September's 31 days, 6.200 KD.
    const estimate = (await billOfAccount(t.ctx, opened.account.id, '2026-09'))!;
    expect(estimate).toMatchObject({ estimated: true, consumption: 3100n, amount: 6200n });
    return { ...opened, estimate };
  }

  it('posts a credit note that lowers the open estimate: the receivable is what is owed', async () => {
    const { account, meter, estimate } = await estimatedThenLow(people[4]!.civilId);
    at('2026-10-28');
    await read(t.ctx, meter.meterNumber, 4700, '2026-10-28');
    await run('2026-10');
    // 2,000 kWh over September and October: 4.000 KD, less the 6.200 estimated: 2.200 given back.
    const corrected = (await billOfAccount(t.ctx, account.id, '2026-10'))!;
    expect(corrected).toMatchObject({ estimated: false, amount: 0n, creditNote: 2200n, creditCarriedForward: 0n });
    expect(await payables.find(t.ctx, estimate.payableId)).toMatchObject({ amount: 4000n, status: 'open' });
    // Owed: August's 5.400 and September's corrected 4.000.
    expect(await expectReceivableAsDues(t.ctx, 'mew-electricity', account.accountNumber)).toBe(9400n);
    await expectBilledAsMetered(t.ctx, account.id);
    await expectBalancedLedger(t.ctx);
  });

  it('gives the customer credit for what the estimate can no longer take (it was paid)', async () => {
    const { account, meter, estimate } = await estimatedThenLow(people[0]!.civilId);
    await postDirectPayment(t.ctx, staff, { channel: 'counter', externalId: `est-${estimate.id}`, items: [{ payableId: estimate.payableId, amount: 6200n }], currency: 'KWD' });
    at('2026-10-28');
    await read(t.ctx, meter.meterNumber, 4700, '2026-10-28');
    await run('2026-10');
    expect(await billOfAccount(t.ctx, account.id, '2026-10')).toMatchObject({ amount: 0n, creditNote: 2200n });
    expect(await payables.find(t.ctx, estimate.payableId)).toMatchObject({ amount: 6200n, status: 'paid' });
    expect(await ledger.balance(t.ctx, `credit:acct-${account.accountNumber}`)).toBe(-2200n);
    expect(await expectReceivableAsDues(t.ctx, 'mew-electricity', account.accountNumber)).toBe(5400n);
    await expectBilledAsMetered(t.ctx, account.id);
    await expectBalancedLedger(t.ctx);
  });
});

describe('7. the previous balance', () => {
  it('is the ledger figure at issue (a payment already made is not counted), the same in the API and on the PDF', async () => {
    at('2026-08-01');
    const { account, meter } = await openTestAccount(t.ctx, { civilId: people[1]!.civilId, installedOn: '2026-08-01' });
    at('2026-08-28');
    await read(t.ctx, meter.meterNumber, 9416, '2026-08-28');
    await run('2026-08');
    const august = (await billOfAccount(t.ctx, account.id, '2026-08'))!;
    expect(august.amount).toBe(18_832n);
    // 1.650 paid on it before the next bill: 17.182 still owed.
    await postDirectPayment(t.ctx, staff, { channel: 'counter', externalId: `pb-${august.id}`, items: [{ payableId: august.payableId, amount: 1650n }], currency: 'KWD' });
    at('2026-09-28');
    await read(t.ctx, meter.meterNumber, 9916, '2026-09-28');
    await run('2026-09');
    const september = (await billOfAccount(t.ctx, account.id, '2026-09'))!;
    expect(september.previousBalance).toBe(17_182n);
    expect(september.lines.filter((l) => l.kind === 'previous_balance').map((l) => [l.amount, l.countsInTotal])).toEqual([[17_182n, false]]);
    const [presented] = await presentBills(t.ctx, [september]);
    expect(presented!.previousBalance).toBe('17.182');
    const accountRow = (await findAccountById(t.ctx, account.id))!;
    expect((await billDocumentOf(t.ctx, september, accountRow)).previousBalance).toBe(17_182n);
    await expectBilledAsMetered(t.ctx, account.id);
    await expectBalancedLedger(t.ctx);
  });
});

describe('5. bill dates', () => {
  it('dates the bills the period\'s bill day, due from it, and a late run says it was late', async () => {
    at('2026-09-01');
    const { account, meter } = await openTestAccount(t.ctx, { billerCode: 'sec-electricity', civilId: people[2]!.civilId, installedOn: '2026-09-29' });
    at('2026-10-28');
    await read(t.ctx, meter.meterNumber, 800, '2026-10-28');
    at('2026-12-04');
    const october = await run('2026-10', 'sec-electricity');
    expect(october).toMatchObject({ issuedOn: '2026-10-28', dueDate: '2026-11-27' });
    expect(october.lastError).toMatch(/^late: run on 2026-12-04, 37 day\(s\) after the bill day 2026-10-28/);
    expect(await billOfAccount(t.ctx, account.id, '2026-10')).toMatchObject({ issuedOn: '2026-10-28', dueDate: '2026-11-27' });
    await expectBilledAsMetered(t.ctx, account.id);
    await expectBalancedLedger(t.ctx);
  });

  it('says nothing of lateness on the bill day itself', () => {
    expect(lateness('2026-11-28', '2026-11-28')).toBeNull();
  });
});

describe('6. government accounts', () => {
  it('are settled by a ministry transfer an admin records against a batch of bills, through the ledger', async () => {
    at('2026-08-01');
    const ministries = [await openTestAccount(t.ctx, { civilId: null, category: 'government', installedOn: '2026-08-01' }), await openTestAccount(t.ctx, { civilId: null, category: 'government', installedOn: '2026-08-01' })];
    const citizen = await openTestAccount(t.ctx, { civilId: people[3]!.civilId, installedOn: '2026-08-01' });
    at('2026-08-28');
    for (const { meter } of [...ministries, citizen]) await read(t.ctx, meter.meterNumber, 1000, '2026-08-28');
    await run('2026-08');
    const bills = await Promise.all(ministries.map(async ({ account }) => (await billOfAccount(t.ctx, account.id, '2026-08'))!));
    const citizenBill = (await billOfAccount(t.ctx, citizen.account.id, '2026-08'))!;
    // No payment channel takes them.
    await expect(postDirectPayment(t.ctx, staff, { channel: 'counter', externalId: `gov-${bills[0]!.id}`, items: [{ payableId: bills[0]!.payableId, amount: 25_000n }], currency: 'KWD' }))
      .rejects.toMatchObject({ code: 'payable_not_payable_online' });
    // Their document says how they are settled.
    expect((await billDocumentOf(t.ctx, bills[0]!, (await findAccountById(t.ctx, ministries[0]!.account.id))!)).settlement).toBe('government');

    const admin = { kind: 'staff' as const, id: 'usr_admin', role: 'admin' as const };
    const refusedBefore = await ledger.trialBalance(t.ctx);
    await expect(recordGovernmentTransfer(t.ctx, { ...admin, role: 'cashier' as never }, { transferReference: 'MOF-1', payableIds: bills.map((b) => b.payableId) })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(recordGovernmentTransfer(t.ctx, admin, { transferReference: 'MOF-1', payableIds: [bills[0]!.payableId, citizenBill.payableId] })).rejects.toMatchObject({ code: 'government_transfer_invalid' });
    expect(await payables.find(t.ctx, bills[0]!.payableId)).toMatchObject({ status: 'open' });
    expect(await ledger.trialBalance(t.ctx)).toEqual(refusedBefore);

    const result = await recordGovernmentTransfer(t.ctx, admin, { transferReference: 'MOF-1', payableIds: bills.map((b) => b.payableId) });
    expect(result).toMatchObject({ total: 50_000n, currency: 'KWD' });
    for (const bill of bills) expect(await payables.find(t.ctx, bill.payableId)).toMatchObject({ status: 'paid', amountPaid: 25_000n });
    expect(await ledger.balance(t.ctx, 'clearing:government-transfer')).toBe(50_000n);
    for (const { account } of ministries) expect(await expectReceivableAsDues(t.ctx, 'mew-electricity', account.accountNumber)).toBe(0n);
    await expect(recordGovernmentTransfer(t.ctx, admin, { transferReference: 'MOF-1', payableIds: bills.map((b) => b.payableId) })).rejects.toMatchObject({ code: 'government_transfer_duplicate' });
    for (const { account } of [...ministries, citizen]) await expectBilledAsMetered(t.ctx, account.id);
    await expectBalancedLedger(t.ctx);
  });
});

describe('10. currencies', () => {
  it('refuses to bill with a tariff in another currency than the biller\'s', async () => {
    at('2026-09-01');
    await createTariffVersion(t.ctx, staff, {
      billerCode: 'sec-electricity', category: 'industrial', effectiveFrom: '2026-01-01', currency: 'KWD', unit: 'kWh', fixedMonthly: 0n,
      nameAr: 'تعرفة خاطئة', nameEn: 'A tariff in the wrong currency', tiers: [{ upTo: null, rate: { minor: 3n, perUnits: 1n } }],
    });
    const { account, meter } = await openTestAccount(t.ctx, { billerCode: 'sec-electricity', civilId: people[4]!.civilId, category: 'industrial', installedOn: '2026-09-01' });
    at('2026-09-28');
    await read(t.ctx, meter.meterNumber, 400, '2026-09-28');
    const result = await run('2026-09', 'sec-electricity');
    const { failures } = await getBillRun(t.ctx, staff, result.id);
    expect(failures).toContainEqual(expect.objectContaining({ accountId: account.id, code: 'bill_currency_mismatch' }));
    expect(await billOfAccount(t.ctx, account.id, '2026-09')).toBeUndefined();
    await expectBalancedLedger(t.ctx);
  });
});
