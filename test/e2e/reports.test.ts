// The admin reports in the portal, end to end on the demo data: the list, the disconnections report (its totals
// agree with the field staff's list of orders, which the demo seed made through the disconnection engine), the CSV
// and XLSX downloaded through the page's links and read back by Python's csv module and openpyxl with the page's
// totals, Arabic (right to left) and English, axe clean, screenshots for the README; other roles are refused.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { readCsvWithPython, readXlsxWithOpenpyxl } from '../reports/support.js';
import { seriousAccessibilityViolations } from './support/axe.js';
import { browserAvailability } from './support/browser.js';
import { documentLanguage, plain, signInThroughForm } from './support/portal.js';
import { portalUnderTest } from './support/portal-under-test.js';
import { saveReadmeScreenshot } from './support/screenshots.js';

const browserCheck = browserAvailability();

interface Table {
  columns: { key: string; labelAr: string; labelEn: string; kind: string }[];
  rows: Record<string, string | number | null>[];
  totals: Record<string, string | number | null>[];
}

/** The figure of a total row's cell as the page shows it ("1,234" → 1234). */
async function pageTotals(page: Page, key: string): Promise<number[]> {
  const cells = await page.locator(`tfoot td[data-key="${key}"]`).allInnerTexts();
  return cells.map((text) => Number(plain(text).replace(/[,\s]/g, '')));
}

/** Clicks a download link and returns the file's bytes. */
async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await file.path();
  return readFileSync(path);
}

describe.skipIf(!browserCheck.available)('admin reports in the portal', () => {
  const portal = portalUnderTest();

  it('an admin opens the disconnections report: totals agree with the work orders, and the CSV and XLSX carry them', async () => {
    const page = await (await portal.contexts.get('admin', { language: 'en' })).newPage();
    await signInThroughForm(page, { username: 'admin' }, DEMO_PASSWORD, '/staff');
    await page.getByTestId('tool-reports').click();
    await page.waitForURL((url) => url.pathname === '/staff/reports');
    await page.getByTestId('report-list').waitFor();
    expect(await seriousAccessibilityViolations(page), 'reports list').toEqual([]);
    await saveReadmeScreenshot(page, 'staff-reports', 'en', 'desktop');

    await page.getByTestId('open-report-disconnections').click();
    await page.waitForURL((url) => url.pathname === '/staff/reports/disconnections');
    await page.getByTestId('report-table-grid').waitFor();
    const csvHref = (await page.getByTestId('download-csv').getAttribute('href'))!;
    const table = (await (await page.request.get(csvHref.replace('format=csv', 'format=json'))).json()) as Table;

    // The demo seed warned accounts in debt two weeks ago and ordered their disconnection today, one carried out:
    // the field staff's list of orders is the independent count.
    const orders = (await (await page.request.get('/api/v1/disconnection-orders?kind=disconnect')).json()) as { status: string }[];
    expect(orders.length).toBeGreaterThan(0);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    expect(sum(await pageTotals(page, 'disconnectionOrders'))).toBe(orders.length);
    expect(sum(await pageTotals(page, 'disconnected'))).toBe(orders.filter((o) => o.status === 'done').length);
    expect(sum(await pageTotals(page, 'warnings'))).toBeGreaterThanOrEqual(orders.length);
    expect(await pageTotals(page, 'warnings')).toEqual(table.totals.map((r) => r.warnings));
    await page.locator('[data-testid^="report-chart-"] svg[role="img"]').first().waitFor();
    expect(await seriousAccessibilityViolations(page), 'disconnections report').toEqual([]);
    await saveReadmeScreenshot(page, 'staff-report-disconnections', 'en', 'desktop');

    const [header, ...lines] = readCsvWithPython((await download(page, 'download-csv')).toString('utf8'));
    expect(header).toEqual(['section', ...table.columns.map((c) => c.key)]);
    const csvTotals = lines.filter((l) => l[0] === 'total');
    const at = (key: string) => 1 + table.columns.findIndex((c) => c.key === key);
    expect(csvTotals.map((l) => Number(l[at('disconnectionOrders')]))).toEqual(await pageTotals(page, 'disconnectionOrders'));
    expect(csvTotals.map((l) => l[at('warnedDebt')])).toEqual(table.totals.map((r) => r.warnedDebt));

    const book = readXlsxWithOpenpyxl(await download(page, 'download-xlsx'));
    const [xHeader, ...xLines] = book.sheets.disconnections!;
    expect(xHeader).toEqual(['Section', ...table.columns.map((c) => c.labelEn)]);
    const xTotals = xLines.filter((l) => l[0] === 'total');
    expect(xTotals.map((l) => l[at('disconnectionOrders')])).toEqual(await pageTotals(page, 'disconnectionOrders'));
    expect(xTotals.map((l) => l[at('warnedDebt')])).toEqual(table.totals.map((r) => Number(r.warnedDebt)));

    const pdf = await download(page, 'download-pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.goto('/staff/reports/debt-ageing');
    await page.locator('[data-testid^="report-chart-"] svg[role="img"]').first().waitFor();
    expect(await seriousAccessibilityViolations(page), 'debt ageing').toEqual([]);
    await saveReadmeScreenshot(page, 'staff-report-debt-ageing', 'en', 'desktop');
  });

  it('reads right to left in Arabic, with a chart, for every report', async () => {
    const page = await (await portal.contexts.get('admin-ar', { language: 'ar' })).newPage();
    await signInThroughForm(page, { username: 'admin' }, DEMO_PASSWORD, '/staff/reports');
    expect(await documentLanguage(page)).toMatchObject({ lang: 'ar', dir: 'rtl' });
    expect(await seriousAccessibilityViolations(page), 'reports list (ar)').toEqual([]);
    await saveReadmeScreenshot(page, 'staff-reports', 'ar', 'desktop');
    for (const name of ['disconnections', 'debt-ageing', 'collections-breakdown', 'issued-vs-collected', 'requests']) {
      await page.goto(`/staff/reports/${name}`);
      await page.getByTestId('report-table').waitFor();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).not.toBe('');
      expect(await seriousAccessibilityViolations(page), `${name} (ar)`).toEqual([]);
      if (name === 'disconnections' || name === 'debt-ageing') await saveReadmeScreenshot(page, `staff-report-${name}`, 'ar', 'desktop');
    }
  });

  it('refuses the reports to staff who are not admins, in their language', async () => {
    const page = await (await portal.contexts.get('cashier', { language: 'en' })).newPage();
    await signInThroughForm(page, { username: 'cashier' }, DEMO_PASSWORD, '/staff');
    expect(await page.getByTestId('tool-reports').count()).toBe(0);
    for (const path of ['/staff/reports', '/staff/reports/disconnections']) {
      await page.goto(path);
      await page.getByTestId('not-allowed').waitFor();
      expect(await page.getByTestId('report-table').count()).toBe(0);
    }
    const api = await page.request.get('/api/v1/reports/disconnections');
    expect(api.status()).toBe(403);
  });
});
