// The self-service kiosk in Chromium: look up by civil ID with nothing personal shown (initials only), pay the
// first due through the KNET simulator, read and print the KSK receipt, then watch the kiosk go back to an empty
// Arabic look-up by itself after its idle pause (`?idle=`), announced by its `tasdeed:kiosk-reset` event. Each
// step passes axe; the Arabic desktop pictures of the three steps are saved for the README.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeople } from '../../src/db/seed/foundation.seed.js';
import ar from '../../web/src/i18n/ar.json';
import en from '../../web/src/i18n/en.json';
import { seriousAccessibilityViolations } from './support/axe.js';
import { browserAvailability, launchChromium, newPortalContext } from './support/browser.js';
import { documentLanguage, plain } from './support/portal.js';
import { saveReadmeScreenshot } from './support/screenshots.js';
import { startServerUnderTest, type ServerUnderTest } from './support/server.js';

const browserCheck = browserAvailability();
const person = demoPeople(6)[4]!;
const MASKED = /^\S\*\*\*( \S\*\*\*)*$/;

/** Counts, in the tab's session storage, the kiosk's reset events and the print button's calls (print is stubbed). */
function watchKiosk() {
  const bump = (key: string) => sessionStorage.setItem(key, String(Number(sessionStorage.getItem(key) ?? '0') + 1));
  window.addEventListener('tasdeed:kiosk-reset', () => bump('test.kioskResets'));
  window.print = () => bump('test.printed');
}

const counted = (page: Page, key: string) => page.evaluate((k) => Number(sessionStorage.getItem(k) ?? '0'), key);

async function expectAccessible(page: Page, what: string) {
  expect(await seriousAccessibilityViolations(page), what).toEqual([]);
}

describe.skipIf(!browserCheck.available)('the self-service kiosk', () => {
  let server: ServerUnderTest;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let paymentId: string;
  let receiptNumber: string;

  beforeAll(async () => {
    server = await startServerUnderTest();
    browser = await launchChromium();
    context = await newPortalContext(browser, { baseURL: server.url });
    await context.addInitScript(watchKiosk);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('looks up by civil ID in Arabic without sign-in, showing initials only', async () => {
    // A long pause for the steps of this test: the short one is the last test's.
    await page.goto('/kiosk?idle=900');
    await page.getByTestId('kiosk-lookup').waitFor();
    expect(await documentLanguage(page)).toMatchObject({ lang: 'ar', dir: 'rtl' });
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(ar.kiosk.lookup.title);
    // No site menu and no sign-in link on a kiosk.
    expect(await page.locator('a[href^="/sign-in"]').count()).toBe(0);
    await expectAccessible(page, 'kiosk look-up');
    await saveReadmeScreenshot(page, 'kiosk-lookup', 'ar', 'desktop');

    // The English switch, and back to Arabic.
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { level: 1, name: en.kiosk.lookup.title }).waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { level: 1, name: ar.kiosk.lookup.title }).waitFor();

    await page.getByTestId('kiosk-lookup-value').fill(person.civilId);
    await page.getByTestId('kiosk-find').click();
    await page.getByTestId('kiosk-dues').waitFor();
    expect(new URL(page.url()).search).not.toContain(person.civilId);
    const dues = page.getByTestId('kiosk-due');
    expect(await dues.count()).toBeGreaterThan(0);
    const owners = await page.getByTestId('kiosk-due-owner').allInnerTexts();
    expect(owners.length).toBeGreaterThan(0);
    for (const owner of owners) expect(plain(owner)).toMatch(MASKED);
    const text = plain(await page.locator('main').innerText());
    for (const secret of [person.nameAr, person.nameEn, person.civilId]) expect(text).not.toContain(secret);
    await expectAccessible(page, 'kiosk dues');
    await saveReadmeScreenshot(page, 'kiosk-dues', 'ar', 'desktop');
  });

  it('pays the first due through the KNET simulator and shows the KSK receipt, which prints', async () => {
    const boxes = page.getByTestId('kiosk-due-checkbox');
    for (let i = 0; i < (await boxes.count()); i++) {
      if (await boxes.nth(i).isEnabled()) await boxes.nth(i).setChecked(i === 0);
    }
    expect(await boxes.nth(0).isChecked()).toBe(true);
    await page.getByTestId('kiosk-pay').click();
    await page.waitForURL((url) => url.pathname.endsWith('/kpg/PaymentHTTP.htm'));
    await page.locator('button.approve').click();
    await page.waitForURL((url) => url.pathname.startsWith('/kiosk/result/pay_'));
    await page.locator('[data-testid="kiosk-result"][data-ending="paid"]').waitFor();
    await page.getByTestId('kiosk-receipt').waitFor();
    expect(await documentLanguage(page)).toMatchObject({ lang: 'ar', dir: 'rtl' });
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(ar.kiosk.result.paid.title);

    paymentId = new URL(page.url()).pathname.split('/').at(-1)!;
    const payment = (await (await page.request.get(`/api/v1/payments/${paymentId}`)).json()) as { channel: string; status: string; receiptNumber: string; amount: string };
    expect(payment).toMatchObject({ channel: 'kiosk', status: 'posted' });
    expect(payment.receiptNumber).toMatch(/^KSK-\d{4}-\d{6}$/);
    receiptNumber = payment.receiptNumber;
    expect(plain(await page.getByTestId('kiosk-receipt-number').innerText())).toBe(receiptNumber);
    const payer = page.getByTestId('kiosk-receipt-payer');
    if (await payer.count()) expect(plain(await payer.innerText())).toMatch(MASKED);
    const text = plain(await page.locator('main').innerText());
    for (const secret of [person.nameAr, person.nameEn, person.civilId]) expect(text).not.toContain(secret);

    await page.getByTestId('kiosk-print').click();
    expect(await counted(page, 'test.printed')).toBe(1);
    await expectAccessible(page, 'kiosk receipt');
    await saveReadmeScreenshot(page, 'kiosk-receipt', 'ar', 'desktop');
  });

  it('goes back to an empty Arabic look-up by itself after the idle pause', async () => {
    // The next person chose English on the receipt page, then walked away.
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { level: 1, name: en.kiosk.result.paid.title }).waitFor();
    const resetsBefore = await counted(page, 'test.kioskResets');
    await page.goto(`/kiosk/result/${paymentId}?idle=1`);
    await page.waitForFunction((before) => Number(sessionStorage.getItem('test.kioskResets') ?? '0') > before, resetsBefore);
    await page.waitForURL((url) => url.pathname === '/kiosk');
    await page.getByRole('heading', { level: 1, name: ar.kiosk.lookup.title }).waitFor();
    expect(await documentLanguage(page)).toMatchObject({ lang: 'ar', dir: 'rtl' });
    expect(await page.getByTestId('kiosk-lookup-value').inputValue()).toBe('');
    const text = plain(await page.locator('body').innerText());
    for (const left of [receiptNumber, person.civilId]) expect(text).not.toContain(left);
    expect(await page.getByTestId('kiosk-receipt').count()).toBe(0);
  });
});
