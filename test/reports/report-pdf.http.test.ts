// The reports' PDF export over HTTP on the seeded demo data: the debt-ageing and collections reports as Arabic and
// English PDFs, read back with poppler's pdftotext (layout and -raw) so the headings and the per-currency totals
// are found as the JSON gives them, in reading order; tagged with the language and the title; the language taken
// from `lang`, else Accept-Language; a bad format refused with the stable validation code and nothing produced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { formatQuantity } from '../../src/shared/pdf/format.js';
import { bracketsInOrder, flatText, joinNumbers } from '../../src/shared/pdf/poppler.js';
import { closeRenderPool } from '../../src/shared/pdf/render.js';
import { createTestApp, signIn, type TestApp } from '../support/app.js';
import { getFile, getReport, type Table } from './support.js';

let t: TestApp;
let adminCookie: string;

beforeAll(async () => {
  t = await createTestApp({ seeded: 'demo' });
  adminCookie = await signIn(t.app, { username: 'admin', password: DEMO_PASSWORD });
});
afterAll(async () => {
  await closeRenderPool();
  await t?.close();
});

/** A total row as the PDF prints it in `lang`: the label with the currency, then every other printed cell in order. */
function totalLine(table: Table, total: Table['totals'][number], lang: 'ar' | 'en'): string {
  const skip = lang === 'ar' ? /NameEn$/ : /NameAr$/;
  const cells = table.columns.filter((c) => !skip.test(c.key)).map((c) => {
    const value = total[c.key];
    if (value === null || value === undefined) return '';
    return c.kind === 'count' ? formatQuantity(Number(value)) : c.kind === 'percent' ? `${value}%` : String(value);
  });
  const label = lang === 'ar' ? 'الإجمالي' : 'Total';
  return [cells[0] ? `${label} ${cells[0]}` : label, ...cells.slice(1)].filter(Boolean).join(' ');
}

describe('GET /api/v1/reports/:name?format=pdf', () => {
  it('gives the Arabic debt-ageing report with its headings and totals in reading order, in both extraction modes', async () => {
    const table = await getReport(t, adminCookie, 'debt-ageing', '');
    expect(table.totals.length).toBeGreaterThan(0);
    const file = await getFile(t, adminCookie, 'debt-ageing', 'format=pdf&lang=ar');
    expect(file.type).toBe('application/pdf');
    expect(file.disposition).toMatch(/filename="debt-ageing-.+-ar\.pdf"/);
    const pdf = file.body;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/StructTreeRoot');
    expect(pdf.toString('latin1')).toMatch(/\/Lang\s*\(ar\)/);

    for (const raw of [false, true]) {
      // Layout mode may drop the space where a number meets an Arabic word ("90يوما"): compared without it.
      const text = joinNumbers(await flatText(pdf, { raw }));
      expect(text).toContain(joinNumbers(`أعمار الديون في ${table.filters.to}`));
      for (const heading of ['المستحقات المفتوحة', 'لم يحن موعدها', 'أكثر من 90 يوما', 'المتبقي', 'الفترة', 'تاريخ الإعداد', 'كل الجهات']) {
        expect(text, `${heading} (${raw ? 'raw' : 'layout'})`).toContain(joinNumbers(heading));
      }
      for (const total of table.totals) {
        const line = joinNumbers(totalLine(table, total, 'ar'));
        // -raw keeps the whole total row in order; layout mode splits a table this wide into poppler's own
        // columns, so there only the row's start (label, currency, count) is required in order.
        expect(text).toContain(raw ? line : line.split(' ').slice(0, 3).join(' '));
      }
      expect(text).not.toContain('Outstanding');
      expect(bracketsInOrder(text)).toBe(true);
    }
  });

  it('gives the English collections report when asked by lang, whatever Accept-Language says', async () => {
    const query = 'from=2026-03-01&to=2026-03-15&by=channel';
    const table = await getReport(t, adminCookie, 'collections-breakdown', query);
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/reports/collections-breakdown?${query}&format=pdf&lang=en`, headers: { cookie: adminCookie, 'accept-language': 'ar' } });
    expect(response.statusCode).toBe(200);
    const pdf = response.rawPayload;
    expect(pdf.toString('latin1')).toMatch(/\/Lang\s*\(en\)/);
    const text = await flatText(pdf, { raw: true });
    expect(text).toContain('Channel Currency Payments Payables paid Collected Refunded since Net');
    for (const total of table.totals) expect(text).toContain(totalLine(table, total, 'en'));
  });

  it('follows Accept-Language when lang is left out, and English when neither asks', async () => {
    const asked = async (acceptLanguage?: string) => {
      const headers: Record<string, string> = { cookie: adminCookie, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) };
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/reports/requests?format=pdf', headers });
      expect(response.statusCode).toBe(200);
      return /\/Lang\s*\((\w+)\)/.exec(response.rawPayload.toString('latin1'))?.[1];
    };
    expect(await asked('ar-KW,ar;q=0.9,en;q=0.8')).toBe('ar');
    expect(await asked('fr;q=1, en;q=0.5, ar;q=0.7')).toBe('ar');
    expect(await asked('en-GB')).toBe('en');
    expect(await asked()).toBe('en');
  });

  it('refuses an unknown format with the stable validation code in both languages, and admins only', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/reports/debt-ageing?format=docx', headers: { cookie: adminCookie } });
    expect(bad.statusCode).toBe(400);
    const body = bad.json<{ code: string; message: { ar: string; en: string } }>();
    expect(body.code).toBe('validation_failed');
    expect(body.message.ar).not.toBe('');
    expect(body.message.en).not.toBe('');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/reports/debt-ageing?format=pdf' });
    expect(anonymous.statusCode).toBeGreaterThanOrEqual(400);
    expect(anonymous.headers['content-type']).not.toBe('application/pdf');
  });
});
