// Older bills are reachable and payable from their own page: from the dashboard to an account's bill history,
// paged and filtered by year, to a bill from about a year ago, paid there through KNET. The bill page labels
// its billing period and its meter-reading dates.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { demoPeople } from '../../src/db/seed/foundation.seed.js';
import en from '../../web/src/i18n/en.json';
import { browserAvailability } from './support/browser.js';
import { plain, signInThroughForm } from './support/portal.js';
import { portalUnderTest } from './support/portal-under-test.js';

const browserCheck = browserAvailability();
const people = demoPeople(6);

describe.skipIf(!browserCheck.available)('bill history and paying a bill from its page', () => {
  const portal = portalUnderTest();

  it('reaches a bill from a year ago through the history (pages, year filter) and pays it from its page', async () => {
    const page = await (await portal.contexts.get('citizen-en', { language: 'en' })).newPage();
    await signInThroughForm(page, { civilId: people[4]!.civilId }, DEMO_PASSWORD, '/dashboard');
    await page.getByTestId('all-bills-link').first().click();
    await page.waitForURL((url) => url.pathname === '/bills');
    const history = page.getByTestId('bill-history');
    await history.waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(en.bills.historyTitle);
    const firstPage = await page.getByTestId('history-bill').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-period')!));
    expect(firstPage.length).toBeGreaterThan(0);
    const newest = firstPage[0]!;
    const yearAgo = `${Number(newest.slice(0, 4)) - 1}${newest.slice(4)}`;

    // The year before the newest bill's: only that year's bills, the one a year older among them.
    await page.locator('select[name="year"]').selectOption(yearAgo.slice(0, 4));
    await page.waitForURL((url) => url.searchParams.get('year') === yearAgo.slice(0, 4));
    await page.locator(`[data-testid="history-bill"][data-period^="${yearAgo.slice(0, 4)}-"]`).first().waitFor();
    const periods = await page.getByTestId('history-bill').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-period')!));
    expect(periods.every((p) => p.startsWith(`${yearAgo.slice(0, 4)}-`))).toBe(true);
    const target = periods.includes(yearAgo) ? yearAgo : periods.at(-1)!;
    expect(target < newest).toBe(true);

    await page.locator(`[data-testid="history-bill"][data-period="${target}"]`).getByTestId('bill-link').click();
    await page.waitForURL((url) => url.pathname.startsWith('/bills/'));
    await page.getByTestId('bill').waitFor();
    const billUrl = new URL(page.url()).pathname;
    const facts = plain(await page.getByTestId('bill').innerText());
    expect(facts).toContain(en.bills.billingPeriod);
    expect(facts).toContain(en.bills.readingDates);
    expect(await page.getByTestId('billing-period').innerText()).not.toBe(await page.getByTestId('reading-dates').innerText());

    await page.getByTestId('pay-this').click();
    await page.waitForURL((url) => url.pathname.endsWith('/kpg/PaymentHTTP.htm'));
    await page.locator('button.approve').click();
    await page.waitForURL((url) => url.pathname.startsWith('/pay/result/pay_'));
    await page.getByTestId('receipt').waitFor();

    await page.goto(billUrl);
    await page.getByTestId('bill').waitFor();
    expect(plain(await page.getByTestId('bill').innerText())).toContain(en.bills.payableStatus.paid);
    expect(await page.getByTestId('pay-this').count()).toBe(0);
    await page.close();
  });

  it('pages through all of an account’s bills', async () => {
    const page = await (await portal.contexts.get('citizen-en', { language: 'en' })).newPage();
    await page.goto('/bills');
    await page.getByTestId('bill-history').waitFor();
    const accountNumber = await page.locator('select[name="account"]').inputValue();
    const total = ((await (await page.request.get(`/api/v1/accounts/${accountNumber}/bills?pageSize=1`)).json()) as { total: number }).total;
    expect(total).toBeGreaterThanOrEqual(12);
    const seen = new Set<string>();
    for (;;) {
      const rows = await page.getByTestId('history-bill').evaluateAll((r) => r.map((x) => x.getAttribute('data-period')!));
      rows.forEach((p) => seen.add(p));
      const older = page.getByTestId('older-bills');
      if ((await older.count()) === 0) break;
      const firstBefore = rows[0];
      await older.click();
      await page.waitForFunction((first) => document.querySelector('[data-testid="history-bill"]')?.getAttribute('data-period') !== first, firstBefore);
    }
    expect(seen.size).toBe(total);
    await page.close();
  });
});
