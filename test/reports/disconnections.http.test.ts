// The disconnections report over HTTP on the demo data plus one account this file walks through every step: debt →
// warning (February) → disconnection order → cut → payment → reconnection order with its fee (March), left open
// past its service-level time. The report is taken before and after, and the difference is exactly that account;
// the totals are recounted independently from the raw tables; the CSV parses back with Python's csv module and the
// XLSX opens with openpyxl with the same totals; admins only.
import { and, eq, gte, lt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClients, disconnectionCases, disconnectionOrders, payables, utilityAccounts } from '../../src/db/schema/index.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { issuePayable } from '../../src/modules/billers/index.js';
import { openAccount } from '../../src/modules/metering/meters.service.js';
import { recordChannelPayment } from '../../src/modules/payments/payments.service.js';
import { completeOrder, runDisconnectionCycle } from '../../src/modules/requests/index.js';
import { systemActor, type Actor } from '../../src/platform/actor.js';
import { createTestApp, signIn, type TestApp } from '../support/app.js';
import { getFile, getReport, minor, readCsvWithPython, readXlsxWithOpenpyxl, type Table } from './support.js';

const RANGE = 'from=2026-02-01&to=2026-03-31';
const BILLER = 'mew-electricity';
const admin = systemActor('test');
const field: Actor = { kind: 'staff', id: 'stf_report_field', role: 'service' };
let t: TestApp;
let adminCookie: string;
let before: Table;
let after: Table;
let accountNumber: string;

const rowOf = (table: Table, period: string) => table.rows.find((r) => r.period === period && r.billerCode === BILLER && r.currency === 'KWD');
const countOf = (table: Table, period: string, key: string) => Number(rowOf(table, period)?.[key] ?? 0);
const amountOf = (table: Table, period: string, key: string) => minor(rowOf(table, period)?.[key] ?? '0.000');

beforeAll(async () => {
  t = await createTestApp({ seeded: 'demo' }); // 2026-03-15T09:00Z
  adminCookie = await signIn(t.app, { username: 'admin', password: DEMO_PASSWORD });
  before = await getReport(t, adminCookie, 'disconnections', RANGE);

  t.clock.set('2026-02-20T09:00:00Z');
  accountNumber = `69${String(Date.now() % 100_000_000).padStart(8, '0')}`;
  const { account } = await openAccount(t.ctx, admin, {
    billerCode: BILLER, accountNumber, ownerCivilId: null, ownerName: { ar: 'شركة التقرير', en: 'Report Co.' },
    category: 'residential', meter: { installedOn: '2025-10-01', initialReading: 0n },
  });
  // Residential KWD: more than 100.000 overdue for 60 days or more. 80 + 60 is.
  const bills = [];
  for (const [amount, dueDate] of [[80_000n, '2025-11-20'], [60_000n, '2025-12-10']] as const) {
    bills.push((await issuePayable(t.ctx, {
      billerCode: BILLER, kind: 'bill', sourceId: `disc-report-${dueDate}`, reference: `DR-${dueDate}`, personId: null, civilId: null,
      accountNumber, amount, issuedOn: '2025-11-01', dueDate, descriptionAr: 'فاتورة', descriptionEn: 'Bill',
    })).payable);
  }
  expect((await runDisconnectionCycle(t.ctx)).warned).toHaveLength(1);
  t.clock.set('2026-03-01T09:00:00Z');
  expect((await runDisconnectionCycle(t.ctx)).ordered).toHaveLength(1);
  const [order] = await t.ctx.db.select().from(disconnectionOrders).where(eq(disconnectionOrders.accountNumber, accountNumber));
  await completeOrder(t.ctx, field, order!.id);
  t.clock.set('2026-03-10T09:00:00Z');
  const [bankRow] = await t.ctx.db.select().from(apiClients).where(eq(apiClients.keyId, 'demo-bank'));
  const bank: Actor = { kind: 'client', id: bankRow!.id, role: 'bank', name: bankRow!.name };
  await recordChannelPayment(t.ctx, bank, { items: bills.map((b) => ({ payableId: b.id, amount: (Number(b.amount) / 1000).toFixed(3) })), channel: 'bank', externalId: `DR-PAY-${accountNumber}`, language: 'en' });
  expect((await t.ctx.db.select().from(disconnectionOrders).where(eq(disconnectionOrders.accountNumber, accountNumber))).map((o) => o.kind).sort()).toEqual(['disconnect', 'reconnect']);
  t.clock.set('2026-03-15T09:00:00Z');
  after = await getReport(t, adminCookie, 'disconnections', RANGE);
  expect(account.accountNumber).toBe(accountNumber);
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/reports/disconnections', () => {
  it('counts the walked account exactly once at each step, in the month of the step, with its debt and fee', () => {
    // February: the warning, about 140.000 of debt.
    expect(countOf(after, '2026-02', 'warnings') - countOf(before, '2026-02', 'warnings')).toBe(1);
    expect(amountOf(after, '2026-02', 'warnedDebt') - amountOf(before, '2026-02', 'warnedDebt')).toBe(140_000n);
    // March: the disconnection order (carried out) and the reconnection order (open, past its 24 hours now, fee 5.000).
    const diff = (key: string) => countOf(after, '2026-03', key) - countOf(before, '2026-03', key);
    expect({
      disconnectionOrders: diff('disconnectionOrders'), disconnected: diff('disconnected'), disconnectionsCancelled: diff('disconnectionsCancelled'),
      reconnectionOrders: diff('reconnectionOrders'), reconnected: diff('reconnected'),
    }).toEqual({ disconnectionOrders: 1, disconnected: 1, disconnectionsCancelled: 0, reconnectionOrders: 1, reconnected: 0 });
    expect(amountOf(after, '2026-03', 'disconnectionDebt') - amountOf(before, '2026-03', 'disconnectionDebt')).toBe(140_000n);
    expect(amountOf(after, '2026-03', 'reconnectionFees') - amountOf(before, '2026-03', 'reconnectionFees')).toBe(5_000n);
    expect(diff('lateOrders')).toBe(1);
    expect(rowOf(after, '2026-03')).toMatchObject({ billerNameEn: expect.any(String) as string, currency: 'KWD' });
  });

  it('totals are the sum of the rows and agree with a recount from the raw tables', async () => {
    const from = new Date('2026-01-31T21:00:00Z'); // 2026-02-01 in Kuwait
    const to = new Date('2026-03-31T21:00:00Z');
    const cases = await t.ctx.db.select({ debt: disconnectionCases.debtAtWarning, currency: disconnectionCases.currency }).from(disconnectionCases)
      .innerJoin(utilityAccounts, eq(utilityAccounts.accountNumber, disconnectionCases.accountNumber))
      .where(and(gte(disconnectionCases.warnedAt, from), lt(disconnectionCases.warnedAt, to)));
    const orders = await t.ctx.db.select({ kind: disconnectionOrders.kind, status: disconnectionOrders.status, currency: disconnectionCases.currency, fee: payables.amount })
      .from(disconnectionOrders).innerJoin(disconnectionCases, eq(disconnectionCases.id, disconnectionOrders.caseId))
      .leftJoin(payables, eq(payables.id, disconnectionOrders.feePayableId))
      .where(and(gte(disconnectionOrders.createdAt, from), lt(disconnectionOrders.createdAt, to)));
    const kwd = after.totals.find((r) => r.currency === 'KWD')!;
    const kwdCases = cases.filter((c) => c.currency === 'KWD');
    const kwdOrders = orders.filter((o) => o.currency === 'KWD');
    expect(kwd.warnings).toBe(kwdCases.length);
    expect(minor(kwd.warnedDebt)).toBe(kwdCases.reduce((sum, c) => sum + c.debt, 0n));
    expect(kwd.disconnectionOrders).toBe(kwdOrders.filter((o) => o.kind === 'disconnect').length);
    expect(kwd.disconnected).toBe(kwdOrders.filter((o) => o.kind === 'disconnect' && o.status === 'done').length);
    expect(kwd.reconnectionOrders).toBe(kwdOrders.filter((o) => o.kind === 'reconnect').length);
    expect(minor(kwd.reconnectionFees)).toBe(kwdOrders.reduce((sum, o) => sum + (o.fee ?? 0n), 0n));
    for (const total of after.totals) {
      const rows = after.rows.filter((r) => r.currency === total.currency);
      for (const key of ['warnings', 'disconnectionOrders', 'reconnectionOrders', 'lateOrders']) {
        expect(total[key]).toBe(rows.reduce((sum, r) => sum + Number(r[key]), 0));
      }
    }
  });

  it('the CSV and the XLSX read back (Python csv, openpyxl) with the same rows and totals', async () => {
    const csv = await getFile(t, adminCookie, 'disconnections', `${RANGE}&format=csv`);
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.disposition).toContain('disconnections-2026-02-01-2026-03-31.csv');
    const [header, ...lines] = readCsvWithPython(csv.body.toString('utf8'));
    expect(header).toEqual(['section', ...after.columns.map((c) => c.key)]);
    const asText = (row: Record<string, unknown>) => after.columns.map((c) => (row[c.key] === null ? '' : String(row[c.key])));
    expect(lines).toEqual([...after.rows.map((r) => ['row', ...asText(r)]), ...after.totals.map((r) => ['total', ...asText(r)])]);

    const xlsx = await getFile(t, adminCookie, 'disconnections', `${RANGE}&format=xlsx&lang=ar`);
    const book = readXlsxWithOpenpyxl(xlsx.body);
    const [xHeader, ...xLines] = book.sheets.disconnections!;
    expect(xHeader).toEqual(['القسم', ...after.columns.map((c) => c.labelAr)]);
    const kwdTotal = xLines.find((l) => l[0] === 'الإجمالي' && l.includes('KWD'))!;
    const total = after.totals.find((r) => r.currency === 'KWD')!;
    const at = (key: string) => 1 + after.columns.findIndex((c) => c.key === key);
    expect(kwdTotal[at('warnings')]).toBe(total.warnings);
    expect(kwdTotal[at('reconnectionOrders')]).toBe(total.reconnectionOrders);
    expect(kwdTotal[at('warnedDebt')]).toBe(Number(total.warnedDebt));
    expect(kwdTotal[at('reconnectionFees')]).toBe(Number(total.reconnectionFees));
    expect(xLines.filter((l) => l[0] === 'بيان')).toHaveLength(after.rows.length);
  });

  it('is for admins only, and a bad range is refused with its code', async () => {
    const cashier = await signIn(t.app, { username: 'cashier', password: DEMO_PASSWORD });
    const refused = await t.app.inject({ url: `/api/v1/reports/disconnections?${RANGE}`, headers: { cookie: cashier } });
    expect(refused.statusCode).toBe(403);
    const bad = await t.app.inject({ url: '/api/v1/reports/disconnections?from=2026-03-31&to=2026-02-01', headers: { cookie: adminCookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'report_range_invalid' });
  });
});
