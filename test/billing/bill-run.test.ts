import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { getBillRun, runBillRun } from '../../src/modules/billing/bill-run.service.js';
import { billOfAccount } from '../../src/modules/billing/bills.service.js';
import { queryRows } from '../../src/db/query-rows.js';
import { issuePayable, payables, receivableAccountOf } from '../../src/modules/billers/index.js';
import * as ledger from '../../src/modules/ledger/ledger.service.js';
import { createTariffVersion } from '../../src/modules/tariffs/tariffs.service.js';
import { replaceMeter } from '../../src/modules/metering/meters.service.js';
import { changeAccountStatus, getAccount } from '../../src/modules/accounts/accounts.service.js';
import { expectBalancedLedger, openTestAccount, read, seedBilling, staff } from './support.js';

let t: TestApp;
let people: SeededPerson[];
const run = (period: string) => runBillRun(t.ctx, staff, { billerCode: 'mew-electricity', period });

beforeAll(async () => {
  t = await createTestApp({ now: '2026-08-31T12:00:00+03:00' });
  people = await seedBilling(t.ctx);
});
afterAll(async () => t?.close());

describe('estimation then correction', () => {
  it('bills actual use, then an estimate, then corrects the estimate with the next actual reading', async () => {
    const { account, meter } = await openTestAccount(t.ctx, { civilId: people[0]!.civilId, installedOn: '2026-08-01' });
    await read(t.ctx, meter.meterNumber, 900, '2026-08-31');

    t.clock.set('2026-09-28T12:00:00+03:00');
    const september = await run('2026-09');
    expect((await getBillRun(t.ctx, staff, september.id)).failures).toEqual([]);
    expect(september.status).toBe('completed');
    expect(await billOfAccount(t.ctx, account.id, '2026-09')).toMatchObject({ estimated: false, consumption: 900n, amount: 1800n });

    t.clock.set('2026-10-28T12:00:00+03:00');
    await run('2026-10');
    // 900 kWh over 30 days; the period 2026-09-29 … 2026-10-28 has 30 days.
    expect(await billOfAccount(t.ctx, account.id, '2026-10')).toMatchObject({ estimated: true, consumption: 900n, amount: 1800n });

    t.clock.set('2026-11-20T12:00:00+03:00');
    await read(t.ctx, meter.meterNumber, 2100, '2026-11-20');
    t.clock.set('2026-11-28T12:00:00+03:00');
    await run('2026-11');
    const corrected = await billOfAccount(t.ctx, account.id, '2026-11');
    expect(corrected).toMatchObject({ estimated: false, consumption: 1200n, amount: 600n, previousBalance: 3600n });
    // 1,200 kWh over two periods at 2 fils, less the 1.800 estimated; the unpaid 3.600 shown but not added.
    expect(corrected!.lines.map((l) => [l.kind, l.amount, l.countsInTotal])).toEqual([['consumption', 2400n, true], ['estimate_correction', -1800n, true], ['previous_balance', 3600n, false]]);
    const payable = await payables.find(t.ctx, corrected!.payableId);
    expect(payable).toMatchObject({ amount: 600n, status: 'open' });
  });
});

describe('a bill run over all kinds of accounts', () => {
  it('prorates across a tariff change in the middle of the period', async () => {
    t.clock.set('2026-10-01T12:00:00+03:00');
    await createTariffVersion(t.ctx, staff, {
      billerCode: 'mew-electricity', category: 'agricultural', effectiveFrom: '2026-11-13', currency: 'KWD', unit: 'kWh', fixedMonthly: 0n,
      nameAr: 'تعرفة تجريبية', nameEn: 'Test tariff', tiers: [{ upTo: null, rate: { minor: 6n, perUnits: 1n } }], supersede: true,
    });
    const { account, meter } = await openTestAccount(t.ctx, { civilId: people[1]!.civilId, category: 'agricultural', installedOn: '2026-10-29' });
    t.clock.set('2026-11-28T12:00:00+03:00');
    await read(t.ctx, meter.meterNumber, 3100, '2026-11-28');
    await run('2026-11');
    const bill = await billOfAccount(t.ctx, account.id, '2026-11');
    // 2026-10-29 … 2026-11-12 is 15 days at 3 fils, 2026-11-13 … 2026-11-28 is 16 days at 6 fils: 1,500 + 1,600 kWh.
    expect(bill!.lines.map((l) => [l.quantity, l.rateMinor, l.amount])).toEqual([[1500n, 3n, 4500n], [1600n, 6n, 9600n]]);
    expect(bill!.amount).toBe(14_100n);
  });

  it('issues government bills that are shown but not collected online, and tells nobody to pay', async () => {
    const { account, meter } = await openTestAccount(t.ctx, { civilId: null, category: 'government', installedOn: '2026-10-01' });
    await read(t.ctx, meter.meterNumber, 1000, '2026-11-27');
    await run('2026-11');
    const bill = await billOfAccount(t.ctx, account.id, '2026-11');
    expect(bill!.amount).toBe(25_000n);
    const payable = await payables.find(t.ctx, bill!.payableId);
    expect(payable).toMatchObject({ payableOnline: false, holdReasonEn: expect.stringContaining('government procedures'), status: 'open' });
    const events = await queryRows<{ topic: string }>(t.ctx.db, sql`SELECT topic FROM outbox WHERE dedupe_key LIKE ${`%${bill!.id}`}`);
    expect(events).toEqual([]);
  });

  it('issues a zero bill: a paid payable of zero and no ledger posting', async () => {
    const { account, meter } = await openTestAccount(t.ctx, { civilId: people[2]!.civilId, installedOn: '2026-10-01', initialReading: 500n });
    await read(t.ctx, meter.meterNumber, 500, '2026-11-20');
    await run('2026-11');
    const bill = await billOfAccount(t.ctx, account.id, '2026-11');
    expect(bill).toMatchObject({ amount: 0n, consumption: 0n, estimated: false });
    expect(await payables.find(t.ctx, bill!.payableId)).toMatchObject({ amount: 0n, status: 'paid' });
    expect(await ledger.findTransaction(t.ctx, 'bill', bill!.id)).toBeUndefined();
  });

  it('sums consumption across a meter replacement', async () => {
    const { account, meter } = await openTestAccount(t.ctx, { civilId: people[3]!.civilId, installedOn: '2026-10-01', initialReading: 100n });
    await read(t.ctx, meter.meterNumber, 400, '2026-10-28');
    t.clock.set('2026-11-10T12:00:00+03:00');
    await replaceMeter(t.ctx, staff, { accountNumber: account.accountNumber, finalReading: 700n, replacedOn: '2026-11-10', newMeter: { initialReading: 0n } });
    const { meters: [, fresh] } = await getAccount(t.ctx, staff, account.accountNumber);
    expect(fresh).toMatchObject({ status: 'active', installedOn: '2026-11-10' });
    t.clock.set('2026-11-28T12:00:00+03:00');
    await read(t.ctx, fresh!.meterNumber, 250, '2026-11-25');
    await run('2026-11');
    // The account's first bill: 300 and 300 on the old meter, 250 on the new one, 850 kWh at 2 fils.
    expect(await billOfAccount(t.ctx, account.id, '2026-11')).toMatchObject({ consumption: 850n, amount: 1700n, currentValue: 250n, previousValue: 100n });
  });

  it('leaves disconnected and closed accounts out', async () => {
    const off = await openTestAccount(t.ctx, { civilId: people[4]!.civilId, installedOn: '2026-10-01' });
    await changeAccountStatus(t.ctx, staff, off.account.accountNumber, 'disconnected');
    await run('2026-11');
    expect(await billOfAccount(t.ctx, off.account.id, '2026-11')).toBeUndefined();
  });

  it('records an account it cannot bill and bills the others', async () => {
    const odd = await openTestAccount(t.ctx, { civilId: people[4]!.civilId, installedOn: '2026-10-01' });
    const fine = await openTestAccount(t.ctx, { civilId: people[4]!.civilId, installedOn: '2026-10-01' });
    // A category with no tariff (as if the tariff table lacked it).
    await t.ctx.db.execute(sql`UPDATE utility_accounts SET category = 'stables' WHERE id = ${odd.account.id}`);
    const result = await run('2026-11');
    expect(result.status).toBe('completed_with_failures');
    const { failures } = await getBillRun(t.ctx, staff, result.id);
    expect(failures).toEqual([expect.objectContaining({ accountId: odd.account.id, code: 'tariff_missing' })]);
    expect(await billOfAccount(t.ctx, fine.account.id, '2026-11')).toBeDefined();

    // Fixed, the next run bills it and clears the failure.
    await t.ctx.db.execute(sql`UPDATE utility_accounts SET category = 'residential' WHERE id = ${odd.account.id}`);
    const again = await run('2026-11');
    expect(again).toMatchObject({ status: 'completed', failedCount: 0 });
    expect(await billOfAccount(t.ctx, odd.account.id, '2026-11')).toBeDefined();
  });

  it('refuses a period that has not ended, and anyone but an administrator', async () => {
    await expect(run('2026-12')).rejects.toMatchObject({ code: 'bill_run_future_period' });
    await expect(runBillRun(t.ctx, { kind: 'staff', id: 'usr_x', role: 'cashier' }, { billerCode: 'mew-electricity', period: '2026-11' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(runBillRun(t.ctx, staff, { billerCode: 'moi-traffic', period: '2026-11' })).rejects.toMatchObject({ code: 'bill_run_biller_invalid' });
    await expect(run('2026-13')).rejects.toMatchObject({ code: 'bill_run_period_invalid' });
  });

  it('keeps the ledger balanced through every run above', async () => {
    await expectBalancedLedger(t.ctx);
  });
});

describe('rows written by the bulk path', () => {
  it('have the shapes issuePayable, postMany and emitEvent give them', async () => {
    t.clock.set('2026-12-01T12:00:00+03:00');
    const { account, meter } = await openTestAccount(t.ctx, { civilId: people[0]!.civilId, installedOn: '2026-11-01' });
    await read(t.ctx, meter.meterNumber, 321, '2026-11-26');
    await run('2026-11');
    const bill = (await billOfAccount(t.ctx, account.id, '2026-11'))!;
    const bulk = (await payables.find(t.ctx, bill.payableId))!;
    const { payable: single } = await issuePayable(t.ctx, {
      billerCode: 'mew-electricity', kind: 'bill', sourceId: `probe-${bill.id}`, reference: bill.billNumber, personId: bulk.personId, civilId: bulk.civilId,
      accountNumber: bulk.accountNumber, meterNumber: bulk.meterNumber, amount: bulk.amount, issuedOn: bulk.issuedOn, dueDate: bulk.dueDate,
      descriptionAr: bulk.descriptionAr, descriptionEn: bulk.descriptionEn,
    });
    const comparable = ({ id: _i, sourceId: _s, createdAt: _c, updatedAt: _u, ...rest }: typeof bulk) => rest;
    expect(comparable(bulk)).toEqual(comparable(single));
    expect(bulk.personId).toBe(people[0]!.id);

    const transaction = (await ledger.findTransaction(t.ctx, 'bill', bill.id))!;
    const entries = await ledger.entriesOf(t.ctx, [transaction.id]);
    expect(entries.map((e) => [e.accountCode, e.amount]).sort()).toEqual([[receivableAccountOf(bulk), 642n], ['revenue:mew-electricity', -642n]].sort());

    // bill.issued only: the due-date reminder is written at its moment, for what is then still owed (bill-reminders.test.ts).
    const events = await queryRows<{ topic: string; payload: Record<string, unknown> }>(t.ctx.db, sql`
      SELECT topic, payload FROM outbox WHERE dedupe_key IN (${`bill.issued:${bill.id}`}, ${`bill.due_soon:${bill.id}`}) ORDER BY topic`);
    expect(events.map((e) => e.topic)).toEqual(['bill.issued']);
    expect(events[0]!.payload).toEqual({
      personId: people[0]!.id, civilId: people[0]!.civilId, payableId: bulk.id, billId: bill.id,
      vars: {
        billNumber: bill.billNumber, billerAr: expect.any(String), billerEn: expect.stringContaining('Electricity'), period: '2026-11', amount: '0.642',
        currency: 'KWD', dueDate: bill.dueDate, payUrl: `${t.config.publicUrl}/?accountNumber=${account.accountNumber}`, pdfUrl: `${t.config.publicUrl}/api/v1/bills/${bill.id}/pdf`,
      },
    });
  });

  it('pays a new bill at once from an overpayment credit the owner holds', async () => {
    const { account, meter } = await openTestAccount(t.ctx, { civilId: people[1]!.civilId, installedOn: '2026-11-01' });
    await read(t.ctx, meter.meterNumber, 1000, '2026-11-26');
    // The owner overpaid earlier: 5.000 KD of credit on this account's party.
    await ledger.post(t.ctx, { kind: 'test.overpayment', sourceRef: account.id, currency: 'KWD', lines: [
      { account: 'clearing:counter', amount: 5000n }, { account: `credit:acct-${account.accountNumber}`, amount: -5000n },
    ] });
    await run('2026-11');
    const bill = (await billOfAccount(t.ctx, account.id, '2026-11'))!;
    expect(bill.amount).toBe(2000n);
    expect(await payables.find(t.ctx, bill.payableId)).toMatchObject({ status: 'paid', amountPaid: 2000n });
    expect(await ledger.balance(t.ctx, `credit:acct-${account.accountNumber}`)).toBe(-3000n);
  });
});
