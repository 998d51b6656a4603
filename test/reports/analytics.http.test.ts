// The analytical reports over HTTP on the seeded demo data plus rows this file adds: each report's figures are
// checked by hand for the rows added (a biller of their own), and recomputed independently from the raw tables for
// the whole demo data; totals equal the sum of the rows; the CSV parses back with Python's csv module and the XLSX
// opens with unzip and openpyxl with the same figures; admins only; bad filters refused with their codes.
import { and, eq, gte, inArray, isNotNull, lt, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClients, payables, people, paymentItems, payments, staffUsers, utilityAccounts } from '../../src/db/schema/index.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { issuePayable } from '../../src/modules/billers/index.js';
import { upsertBiller } from '../../src/modules/billers/billers.store.js';
import { recordChannelPayment } from '../../src/modules/payments/payments.service.js';
import { postDirectPayment } from '../../src/modules/payments/direct-posting.js';
import { refundPayment } from '../../src/modules/payments/refunds.service.js';
import { escalateLateRequests, moveRequest, seedRequestTypes, submitRequest } from '../../src/modules/requests/index.js';
import type { Actor } from '../../src/platform/actor.js';
import { createTestApp, signIn, type TestApp } from '../support/app.js';
import { citizen, serviceStaff, VALID_ATTACHMENTS, VALID_FIELDS } from '../requests/support.js';
import { decimal, getFile, getReport, minor, readCsvWithPython, readXlsxWithOpenpyxl, unzipParts, type Table } from './support.js';

const BILLER = 'test-reports';
const admin: Actor = { kind: 'staff', id: 'usr_reports_admin', role: 'admin' };
let t: TestApp;
let adminCookie: string;
let cashierCookie: string;
let citizenCookie: string;
let residential: { accountNumber: string; category: string };

/** The test biller's payables: amount, issue and due dates, and what happens to them (today is 2026-03-15 in Kuwait). */
const PAYABLES = {
  A: { amount: 10_000n, issuedOn: '2026-03-01', dueDate: '2026-03-31' }, // not yet due
  B: { amount: 20_000n, issuedOn: '2026-02-10', dueDate: '2026-03-10' }, // 5 days; 5.000 paid at a counter on the 14th
  C: { amount: 30_000n, issuedOn: '2026-01-10', dueDate: '2026-01-25' }, // 49 days
  D: { amount: 40_000n, issuedOn: '2025-12-01', dueDate: '2025-12-20' }, // paid in full by a bank on the 15th
  E: { amount: 50_000n, issuedOn: '2025-10-01', dueDate: '2025-11-01' }, // 134 days, on a demo account (its category)
  F: { amount: 7_500n, issuedOn: '2026-01-05', dueDate: '2026-02-01' }, // 42 days; paid at a counter and refunded
  G: { amount: 60_000n, issuedOn: '2025-11-15', dueDate: '2025-12-15' }, // 90 days exactly: still 61–90
  H: { amount: 1_250n, issuedOn: '2026-02-01', dueDate: '2026-02-13' }, // 30 days exactly: still 0–30
} as const;

beforeAll(async () => {
  t = await createTestApp({ seeded: 'demo' }); // 2026-03-15T09:00Z, 12:00 in Kuwait
  await upsertBiller(t.ctx.db, { code: BILLER, nameAr: 'جهة الاختبار', nameEn: 'Test biller', kind: 'utility', currency: 'KWD', allowsPartialPayment: true });
  const [account] = await t.ctx.db.select({ accountNumber: utilityAccounts.accountNumber, category: utilityAccounts.category }).from(utilityAccounts).limit(1);
  residential = account!;

  const ids: Record<string, string> = {};
  for (const [key, p] of Object.entries(PAYABLES)) {
    const { payable } = await issuePayable(t.ctx, {
      billerCode: BILLER, kind: 'bill', sourceId: `reports-${key}`, reference: `RPT-${key}`, civilId: '289000000001', accountNumber: key === 'E' ? residential.accountNumber : null,
      amount: p.amount, issuedOn: p.issuedOn, dueDate: p.dueDate, descriptionAr: 'فاتورة', descriptionEn: 'Bill',
    });
    ids[key] = payable.id;
  }
  const [cashierRow] = await t.ctx.db.select().from(staffUsers).where(eq(staffUsers.username, 'cashier'));
  const [bankRow] = await t.ctx.db.select().from(apiClients).where(eq(apiClients.keyId, 'demo-bank'));
  const cashier: Actor = { kind: 'staff', id: cashierRow!.id, role: 'cashier', unit: cashierRow!.unit };
  const bank: Actor = { kind: 'client', id: bankRow!.id, role: 'bank', name: bankRow!.name };

  t.clock.set('2026-03-14T10:00:00Z');
  // Counter cash posts through the drawer's path (the cashier's own API refuses it without one): posted directly here.
  await postDirectPayment(t.ctx, cashier, { channel: 'counter', externalId: 'RPT-CTR-1', items: [{ payableId: ids.B!, amount: 5_000n }], currency: 'KWD', language: 'ar' });
  t.clock.set('2026-03-15T09:00:00Z');
  await recordChannelPayment(t.ctx, bank, { items: [{ payableId: ids.D!, amount: '40.000' }], channel: 'bank', externalId: 'RPT-BNK-1', language: 'ar' });
  const f = await postDirectPayment(t.ctx, cashier, { channel: 'counter', externalId: 'RPT-CTR-2', items: [{ payableId: ids.F!, amount: 7_500n }], currency: 'KWD', language: 'ar' });
  await refundPayment(t.ctx, admin, { paymentId: f.payment.id, reason: 'paid on the wrong account' });

  // Requests: three submitted on the 10th; one rejected at once; on the 15th the other two are late and escalated,
  // then one of them is accepted (late no longer, but it was).
  await seedRequestTypes(t.ctx);
  t.clock.set('2026-03-10T06:00:00Z');
  const submit = async (typeCode: string, office: string) => {
    const person = citizen();
    return submitRequest(t.ctx, person, { typeCode, civilId: person.civilId, office, fields: VALID_FIELDS[typeCode]!, attachments: VALID_ATTACHMENTS[typeCode]! });
  };
  await submit('meter_inspection', 'hawalli');
  const reconnection = await submit('reconnection', 'hawalli');
  const rejected = await submit('meter_inspection', 'salmiya');
  await moveRequest(t.ctx, serviceStaff, rejected.id, { step: 'reject', note: 'No meter at this address' });
  t.clock.set('2026-03-15T09:00:00Z');
  expect(await escalateLateRequests(t.ctx)).toHaveLength(2);
  await moveRequest(t.ctx, serviceStaff, reconnection.id, { step: 'accept' });

  adminCookie = await signIn(t.app, { username: 'admin', password: DEMO_PASSWORD });
  cashierCookie = await signIn(t.app, { username: 'cashier', password: DEMO_PASSWORD });
  const [person] = await t.ctx.db.select({ civilId: people.civilId }).from(people).limit(1);
  citizenCookie = await signIn(t.app, { civilId: person!.civilId, password: DEMO_PASSWORD });
});

afterAll(async () => t?.close());

/** Totals agree with the rows: each amount and count column summed per currency. */
function expectTotalsOfRows(table: Table, exceptCounts: string[] = []) {
  for (const total of table.totals) {
    const rows = table.rows.filter((r) => (total.currency === undefined ? true : r.currency === total.currency));
    for (const c of table.columns) {
      if (c.kind === 'amount') expect(total[c.key], c.key).toBe(decimal(rows.reduce((sum, r) => sum + minor(r[c.key], r.currency), 0n), total.currency));
      if (c.kind === 'count' && !exceptCounts.includes(c.key)) expect(total[c.key], c.key).toBe(rows.reduce((sum, r) => sum + Number(r[c.key]), 0));
    }
  }
}

const pick = (rows: Record<string, unknown>[], keys: string[]) => rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])));

describe('collections by day, channel, biller, office and bank', () => {
  it('on the test biller: every dimension, as the payments were made', async () => {
    const table = await getReport(t, adminCookie, 'collections-breakdown', `from=2026-03-14&to=2026-03-15&billerCode=${BILLER}&by=day,channel,biller,office,bank`);
    const keys = ['day', 'channel', 'billerCode', 'office', 'bank', 'currency', 'payments', 'items', 'amount', 'refunded', 'net'];
    expect(pick(table.rows, keys)).toEqual([
      { day: '2026-03-14', channel: 'counter', billerCode: BILLER, office: 'SALMIYA', bank: '', currency: 'KWD', payments: 1, items: 1, amount: '5.000', refunded: '0.000', net: '5.000' },
      { day: '2026-03-15', channel: 'bank', billerCode: BILLER, office: '', bank: 'Demo Bank (NBK)', currency: 'KWD', payments: 1, items: 1, amount: '40.000', refunded: '0.000', net: '40.000' },
      { day: '2026-03-15', channel: 'counter', billerCode: BILLER, office: 'SALMIYA', bank: '', currency: 'KWD', payments: 1, items: 1, amount: '7.500', refunded: '7.500', net: '0.000' },
    ]);
    expect(table.rows[0]).toMatchObject({ billerNameEn: 'Test biller', billerNameAr: 'جهة الاختبار' });
    expect(pick(table.totals, keys)).toEqual([{ day: null, channel: null, billerCode: null, office: null, bank: null, currency: 'KWD', payments: 3, items: 3, amount: '52.500', refunded: '7.500', net: '45.000' }]);
    expectTotalsOfRows(table);
  });

  it('on the whole demo data: the same sums as the raw payments, by channel', async () => {
    const from = new Date('2026-02-28T21:00:00Z'); // 1 March in Kuwait
    const to = new Date('2026-03-15T21:00:00Z');
    const raw = await t.ctx.db.select({ channel: payments.channel, currency: payments.currency, paymentId: payments.id, amount: paymentItems.amount, refundId: paymentItems.refundId })
      .from(paymentItems).innerJoin(payments, eq(payments.id, paymentItems.paymentId))
      .where(and(isNotNull(payments.postedAt), gte(payments.postedAt, from), lt(payments.postedAt, to), ne(payments.channel, 'credit')));
    const expected = new Map<string, { payments: Set<string>; amount: bigint; refunded: bigint }>();
    for (const r of raw) {
      const key = `${r.channel}|${r.currency}`;
      const e = expected.get(key) ?? { payments: new Set(), amount: 0n, refunded: 0n };
      e.payments.add(r.paymentId);
      e.amount += r.amount;
      if (r.refundId) e.refunded += r.amount;
      expected.set(key, e);
    }
    const table = await getReport(t, adminCookie, 'collections-breakdown', 'from=2026-03-01&to=2026-03-15&by=channel');
    expect(table.columns.map((c) => c.key)).not.toContain('day');
    const got = new Map(table.rows.map((r) => [`${r.channel}|${r.currency}`, { payments: r.payments, amount: minor(r.amount, r.currency), refunded: minor(r.refunded, r.currency) }]));
    expect(got).toEqual(new Map([...expected.entries()].map(([key, e]) => [key, { payments: e.payments.size, amount: e.amount, refunded: e.refunded }])));
    expect(table.rows.length).toBeGreaterThan(0);
    expectTotalsOfRows(table);
  });
});

describe('debt ageing by biller and category', () => {
  it('puts each open payable of the test biller in its bucket (30 and 90 days on the lower side)', async () => {
    const table = await getReport(t, adminCookie, 'debt-ageing', `billerCode=${BILLER}`);
    const keys = ['billerCode', 'category', 'currency', 'payables', 'notDue', 'days0to30', 'days31to60', 'days61to90', 'days90plus', 'outstanding'];
    const rows = [
      { billerCode: BILLER, category: 'bill', currency: 'KWD', payables: 6, notDue: '10.000', days0to30: '16.250', days31to60: '37.500', days61to90: '60.000', days90plus: '0.000', outstanding: '123.750' },
      { billerCode: BILLER, category: residential.category, currency: 'KWD', payables: 1, notDue: '0.000', days0to30: '0.000', days31to60: '0.000', days61to90: '0.000', days90plus: '50.000', outstanding: '50.000' },
    ].sort((a, b) => a.category.localeCompare(b.category));
    expect(pick(table.rows, keys)).toEqual(rows);
    expect(table.totals[0]).toMatchObject({ payables: 7, outstanding: '173.750', days90plus: '50.000', notDue: '10.000' });
    expectTotalsOfRows(table);
  });

  it('on the whole demo data: each biller’s buckets as recomputed from the raw payables', async () => {
    const open = await t.ctx.db.select().from(payables).where(inArray(payables.status, ['open', 'partially_paid']));
    const categories = new Map((await t.ctx.db.select().from(utilityAccounts)).map((a) => [a.accountNumber, a.category]));
    const today = Date.parse('2026-03-15');
    const expected = new Map<string, bigint[]>();
    for (const p of open) {
      const key = `${p.billerCode}|${(p.accountNumber && categories.get(p.accountNumber)) || p.kind}`;
      const sums = expected.get(key) ?? [0n, 0n, 0n, 0n, 0n, 0n];
      const age = Math.round((today - Date.parse(p.dueDate)) / 86_400_000);
      const bucket = age < 0 ? 0 : age <= 30 ? 1 : age <= 60 ? 2 : age <= 90 ? 3 : 4;
      sums[bucket]! += p.amount - p.amountPaid;
      sums[5]! += 1n;
      expected.set(key, sums);
    }
    const table = await getReport(t, adminCookie, 'debt-ageing', '');
    const got = new Map(table.rows.map((r) => [`${r.billerCode}|${r.category}`, [r.notDue, r.days0to30, r.days31to60, r.days61to90, r.days90plus].map((v) => minor(v, r.currency)).concat(BigInt(r.payables!))]));
    expect(got).toEqual(expected);
    expect(table.rows.some((r) => r.billerCode === 'moi-traffic')).toBe(true);
    expectTotalsOfRows(table);
  });
});

describe('issued vs collected per month', () => {
  it('the test biller’s months: what was issued and what of it is paid', async () => {
    const table = await getReport(t, adminCookie, 'issued-vs-collected', `from=2025-10-01&to=2026-03-31&billerCode=${BILLER}`);
    const keys = ['period', 'kind', 'issued', 'paid', 'issuedAmount', 'collectedAmount', 'outstanding', 'collectionRate'];
    expect(pick(table.rows, keys)).toEqual([
      { period: '2025-10', kind: 'bill', issued: 1, paid: 0, issuedAmount: '50.000', collectedAmount: '0.000', outstanding: '50.000', collectionRate: '0.0' },
      { period: '2025-11', kind: 'bill', issued: 1, paid: 0, issuedAmount: '60.000', collectedAmount: '0.000', outstanding: '60.000', collectionRate: '0.0' },
      { period: '2025-12', kind: 'bill', issued: 1, paid: 1, issuedAmount: '40.000', collectedAmount: '40.000', outstanding: '0.000', collectionRate: '100.0' },
      { period: '2026-01', kind: 'bill', issued: 2, paid: 0, issuedAmount: '37.500', collectedAmount: '0.000', outstanding: '37.500', collectionRate: '0.0' },
      { period: '2026-02', kind: 'bill', issued: 2, paid: 0, issuedAmount: '21.250', collectedAmount: '5.000', outstanding: '16.250', collectionRate: '23.5' },
      { period: '2026-03', kind: 'bill', issued: 1, paid: 0, issuedAmount: '10.000', collectedAmount: '0.000', outstanding: '10.000', collectionRate: '0.0' },
    ]);
    expect(pick(table.totals, keys)).toEqual([{ period: null, kind: null, issued: 8, paid: 1, issuedAmount: '218.750', collectedAmount: '45.000', outstanding: '173.750', collectionRate: '20.6' }]);
    expectTotalsOfRows(table);
  });

  it('on the whole demo data: the months and sums of the raw payables', async () => {
    const rows = await t.ctx.db.select().from(payables).where(and(gte(payables.issuedOn, '2025-04-01'), lt(payables.issuedOn, '2026-04-01'), ne(payables.status, 'cancelled')));
    const expected = new Map<string, [number, bigint, bigint]>();
    for (const p of rows) {
      const key = `${p.issuedOn.slice(0, 7)}|${p.billerCode}|${p.kind}`;
      const e = expected.get(key) ?? [0, 0n, 0n];
      expected.set(key, [e[0] + 1, e[1] + p.amount, e[2] + p.amountPaid]);
    }
    const table = await getReport(t, adminCookie, 'issued-vs-collected', 'from=2025-04-01&to=2026-03-31');
    expect(new Map(table.rows.map((r) => [`${r.period}|${r.billerCode}|${r.kind}`, [r.issued, minor(r.issuedAmount, r.currency), minor(r.collectedAmount, r.currency)]]))).toEqual(expected);
    expect(new Set(table.rows.map((r) => r.billerCode))).toContain('mew-electricity');
    expectTotalsOfRows(table);
  });
});

describe('requests by type and lateness', () => {
  it('counts where each type stands per office and how many were late', async () => {
    const table = await getReport(t, adminCookie, 'requests', 'from=2026-03-01&to=2026-03-15');
    const keys = ['typeCode', 'office', 'submitted', 'open', 'done', 'rejected', 'escalated', 'lateNow'];
    expect(pick(table.rows, keys)).toEqual([
      { typeCode: 'meter_inspection', office: 'hawalli', submitted: 1, open: 1, done: 0, rejected: 0, escalated: 1, lateNow: 1 },
      { typeCode: 'meter_inspection', office: 'salmiya', submitted: 1, open: 0, done: 0, rejected: 1, escalated: 0, lateNow: 0 },
      { typeCode: 'reconnection', office: 'hawalli', submitted: 1, open: 1, done: 0, rejected: 0, escalated: 1, lateNow: 0 },
    ]);
    expect(pick(table.totals, keys.slice(2))).toEqual([{ submitted: 3, open: 2, done: 0, rejected: 1, escalated: 2, lateNow: 1 }]);
    expectTotalsOfRows(table);
    expect((await getReport(t, adminCookie, 'requests', 'from=2026-03-11&to=2026-03-15')).rows).toEqual([]);
  });
});

describe('exports', () => {
  const query = `from=2025-10-01&to=2026-03-31&billerCode=${BILLER}`;

  it('CSV parses back with Python’s csv module to the JSON figures, totals included', async () => {
    const table = await getReport(t, adminCookie, 'issued-vs-collected', query);
    const file = await getFile(t, adminCookie, 'issued-vs-collected', `${query}&format=csv`);
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect(file.disposition).toBe('attachment; filename="issued-vs-collected-2025-10-01-2026-03-31.csv"');
    const text = file.body.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...lines] = readCsvWithPython(text);
    expect(header).toEqual(['section', ...table.columns.map((c) => c.key)]);
    const asText = (row: Record<string, unknown>) => table.columns.map((c) => (row[c.key] === null ? '' : String(row[c.key])));
    expect(lines).toEqual([...table.rows.map((r) => ['row', ...asText(r)]), ...table.totals.map((r) => ['total', ...asText(r)])]);
    expect(lines.find((l) => l[0] === 'row')).toContain('جهة الاختبار');
  });

  it('XLSX is a valid package: unzip tests it, every part is XML, the sheet holds the figures as numbers', async () => {
    const table = await getReport(t, adminCookie, 'debt-ageing', `billerCode=${BILLER}`);
    const file = await getFile(t, adminCookie, 'debt-ageing', `billerCode=${BILLER}&format=xlsx`);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const parts = unzipParts(file.body);
    expect(Object.keys(parts).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
    type Xml = { worksheet: { sheetData: { row: { c: { '@r': string; '@t'?: string; v?: string; is?: { t: { '#text': string } } }[] }[] } } };
    const sheet = parts['xl/worksheets/sheet1.xml'] as Xml;
    const rows = sheet.worksheet.sheetData.row;
    expect(rows).toHaveLength(1 + table.rows.length + table.totals.length);
    const cells = (i: number) => Object.fromEntries(rows[i]!.c.map((c) => [c['@r'].replace(/\d+$/, ''), c['@t'] === 'inlineStr' ? c.is!.t['#text'] : Number(c.v)]));
    // Column B is the biller code, K the outstanding amount (A is the section).
    const outstandingColumn = String.fromCharCode(65 + 1 + table.columns.findIndex((c) => c.key === 'outstanding'));
    expect(cells(0)[outstandingColumn]).toBe('Outstanding');
    expect(cells(1).B).toBe(BILLER);
    expect(cells(1)[outstandingColumn]).toBe(Number(table.rows[0]!.outstanding));
    expect(cells(rows.length - 1)[outstandingColumn]).toBe(173.75);
  });

  it('XLSX opens with openpyxl with every cell of the JSON, amounts as numbers in three decimals, headings in Arabic on request', async () => {
    const table = await getReport(t, adminCookie, 'collections-breakdown', `from=2026-03-14&to=2026-03-15&billerCode=${BILLER}&by=day,channel,biller,office,bank`);
    const file = await getFile(t, adminCookie, 'collections-breakdown', `from=2026-03-14&to=2026-03-15&billerCode=${BILLER}&by=day,channel,biller,office,bank&format=xlsx&lang=ar`);
    const book = readXlsxWithOpenpyxl(file.body);
    expect(Object.keys(book.sheets)).toEqual(['collections-breakdown', 'المعايير']);
    const [header, ...lines] = book.sheets['collections-breakdown']!;
    expect(header).toEqual(['القسم', ...table.columns.map((c) => c.labelAr)]);
    const expectedLine = (section: string, row: Record<string, unknown>) => [section, ...table.columns.map((c) => {
      const value = row[c.key];
      if (value === null) return null;
      return c.kind === 'amount' ? Number(value) : value;
    })];
    expect(lines).toEqual([...table.rows.map((r) => expectedLine('بيان', r)), ...table.totals.map((r) => expectedLine('الإجمالي', r))]);
    const amountAt = 1 + table.columns.findIndex((c) => c.key === 'amount');
    expect(book.formats['collections-breakdown']![1]![amountAt]).toBe('#,##0.000');
    expect(book.sheets['المعايير']).toContainEqual(['billerCode', BILLER]);
  });
});

describe('access and bad input', () => {
  it('is for admins: anonymous 401, a cashier or a citizen 403', async () => {
    for (const name of ['collections-breakdown', 'debt-ageing', 'issued-vs-collected', 'requests']) {
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/reports/${name}` })).statusCode).toBe(401);
      for (const cookie of [cashierCookie, citizenCookie]) {
        const refused = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${name}?format=xlsx`, headers: { cookie } });
        expect(refused.statusCode).toBe(403);
        expect(refused.json<{ code: string }>().code).toBe('forbidden');
      }
    }
  });

  it('refuses a reversed or too long range, an unknown biller and an unknown grouping, with codes in both languages', async () => {
    const refusal = async (url: string) => {
      const response = await t.app.inject({ method: 'GET', url, headers: { cookie: adminCookie } });
      expect(response.statusCode).toBe(400);
      const body = response.json<{ code: string; message: { ar: string; en: string } }>();
      expect(body.message.ar).not.toBe('');
      return body.code;
    };
    expect(await refusal('/api/v1/reports/collections-breakdown?from=2026-03-15&to=2026-03-01')).toBe('report_range_invalid');
    expect(await refusal('/api/v1/reports/issued-vs-collected?from=2024-01-01&to=2026-03-01')).toBe('report_range_invalid');
    expect(await refusal('/api/v1/reports/debt-ageing?billerCode=nobody')).toBe('report_biller_unknown');
    expect(await refusal('/api/v1/reports/collections-breakdown?by=day,colour')).toBe('report_dimension_invalid');
    expect(await refusal('/api/v1/reports/requests?from=2026-02-30')).toBe('report_date_invalid');
    expect(await refusal('/api/v1/reports/requests?format=docx')).toBe('validation_failed');
  });
});
