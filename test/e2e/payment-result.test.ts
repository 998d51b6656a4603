// Every ending of a card payment lands on the portal's own page, in the person's language, with the portal's
// header, a way back to the dues and (when it did not go through) a way to try again: KNET's approve, decline,
// cancel and host timeout, in Arabic and English. The receipt's time is Kuwait time.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeople } from '../../src/db/seed/foundation.seed.js';
import ar from '../../web/src/i18n/ar.json';
import en from '../../web/src/i18n/en.json';
import { formatDate } from '../../web/src/i18n/format.js';
import { browserAvailability, launchChromium } from './support/browser.js';
import { Contexts, documentLanguage, openPage, plain, showAllDues } from './support/portal.js';
import { startServerUnderTest, type ServerUnderTest } from './support/server.js';

const browserCheck = browserAvailability();
const people = demoPeople(6);
const dictionaries = { ar, en } as const;

type Action = 'approve' | 'decline' | 'cancel' | 'timeout';

describe.skipIf(!browserCheck.available)('the end of a KNET payment, on the portal', () => {
  let server: ServerUnderTest;
  let browser: Browser;
  // One visitor's browser per language, used for every ending in turn (as one person trying again would): a fresh
  // profile for each test paid a cold cache and the service worker's install every time.
  let contexts: Contexts;

  beforeAll(async () => {
    server = await startServerUnderTest();
    browser = await launchChromium();
    contexts = new Contexts(browser, server.url);
  });

  afterAll(async () => {
    await contexts?.closeAll();
    await browser?.close();
    await server?.close();
  });

  /** Quick pay: look up, tick only the first payable due, pay, and press `action` on the KNET simulator. */
  async function payFirstDue(page: Page, civilId: string, action: Action): Promise<void> {
    await page.locator('input[name="civilId"]').fill(civilId);
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('dues').waitFor();
    await showAllDues(page);
    const boxes = page.getByTestId('payable-checkbox');
    expect(await boxes.count()).toBeGreaterThan(0);
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).setChecked(i === 0);
    await page.getByTestId('pay').click();
    await page.waitForURL((url) => url.pathname.endsWith('/kpg/PaymentHTTP.htm'));
    await page.locator(`button.${action}`).click();
    if (action === 'timeout') {
      // KNET's own "the bank did not answer" page links back to the merchant's error URL, with nothing in it.
      await page.locator('a').last().click();
    }
    await page.waitForURL((url) => url.pathname.startsWith('/pay/result/pay_'));
    await page.locator('[data-testid="payment-result"]:not([data-ending="loading"])').waitFor();
  }

  async function expectPortalFrame(page: Page, language: 'ar' | 'en'): Promise<void> {
    expect(await documentLanguage(page)).toMatchObject({ lang: language, dir: language === 'ar' ? 'rtl' : 'ltr' });
    expect(await page.getByTestId('language-switch').count()).toBe(1);
    // One language on the page: no line of the other language's result texts.
    const other = dictionaries[language === 'ar' ? 'en' : 'ar'].paymentResult;
    const body = plain(await page.locator('main').innerText());
    for (const text of [other.paid.title, other.failed.title, other.backToDues, other.failed.tryAgain]) expect(body).not.toContain(text);
  }

  async function expectBackToDues(page: Page, civilId: string): Promise<void> {
    await page.getByTestId('back-to-dues').click();
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('civilId') === civilId);
    await page.getByTestId('dues').waitFor();
  }

  for (const language of ['ar', 'en'] as const) {
    const t = dictionaries[language].paymentResult;

    it(`approve (${language}): the portal's receipt, in Kuwait time, then back to the dues`, async () => {
      const civilId = people[language === 'ar' ? 1 : 2]!.civilId;
      const page = await openPage(await contexts.get(`visitor-${language}`, { language }), '/');
      await payFirstDue(page, civilId, 'approve');
      expect(await page.getByTestId('payment-result').getAttribute('data-ending')).toBe('paid');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(t.paid.title);
      await expectPortalFrame(page, language);
      const receipt = page.getByTestId('receipt');
      await receipt.waitFor();
      const paymentId = new URL(page.url()).pathname.split('/').at(-1)!;
      const payment = (await (await page.request.get(`/api/v1/payments/${paymentId}`)).json()) as { receiptNumber: string; postedAt: string; gateway: { paymentId: string; trackId: string } };
      expect(plain(await receipt.getByRole('heading').innerText())).toContain(payment.receiptNumber);
      // KNET's payment id and our track id, labelled in the page's language (K-064 §8).
      expect(payment.gateway.paymentId).toMatch(/^\d+$/);
      expect(plain(await receipt.getByTestId('knet-payment-id').innerText())).toBe(payment.gateway.paymentId);
      expect(plain(await receipt.getByTestId('knet-track-id').innerText())).toBe(payment.gateway.trackId);
      const receiptText = plain(await receipt.innerText());
      for (const label of [dictionaries[language].receipt.knetPaymentId, dictionaries[language].receipt.trackId]) expect(receiptText).toContain(label);
      const paidAt = plain(await page.getByTestId('receipt-paid-at').locator('time').innerText());
      const receiptJson = (await (await page.request.get(`/api/v1/receipts/${payment.receiptNumber}?sig=${new URL((await page.getByTestId('receipt-verify').getAttribute('href'))!, server.url).searchParams.get('sig')}`)).json()) as { paidAt: string };
      expect(paidAt).toBe(plain(formatDate(receiptJson.paidAt, language, { withTime: true })));
      const pdf = await page.request.get((await page.getByTestId('receipt-pdf').getAttribute('href'))!);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect(await page.getByTestId('try-again').count()).toBe(0);
      await expectBackToDues(page, civilId);
      await page.close();
    });

    for (const action of ['decline', 'cancel', 'timeout'] as const) {
      const reason = { decline: 'gateway_not_captured', cancel: 'gateway_canceled', timeout: 'gateway_host_timeout' }[action];

      it(`${action} (${language}): says why, that nothing was charged, and offers try again and back to the dues`, async () => {
        const civilId = people[3]!.civilId;
        const page = await openPage(await contexts.get(`visitor-${language}`, { language }), '/');
        await payFirstDue(page, civilId, action);
        expect(await page.getByTestId('payment-result').getAttribute('data-ending')).toBe('failed');
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(t.failed.title);
        expect(plain(await page.locator('main').innerText())).toContain(t.failed.reasons[reason as keyof typeof t.failed.reasons]);
        expect(plain(await page.getByTestId('nothing-charged').innerText())).toContain(t.failed.nothingCharged);
        await expectPortalFrame(page, language);
        // Not paid, so no receipt: the payment's KNET ids are on the page for the payer to quote to the bank.
        const shownId = new URL(page.url()).pathname.split('/').at(-1)!;
        const shown = (await (await page.request.get(`/api/v1/payments/${shownId}`)).json()) as { gateway: { paymentId: string | null; trackId: string } };
        const ids = page.getByTestId('payment-gateway-ids');
        expect(plain(await ids.getByTestId('knet-track-id').innerText())).toBe(shown.gateway.trackId);
        expect(plain(await ids.innerText())).toContain(dictionaries[language].receipt.trackId);
        if (shown.gateway.paymentId) expect(plain(await ids.getByTestId('knet-payment-id').innerText())).toBe(shown.gateway.paymentId);

        // Try again: a new checkout of the same due, back on KNET's page; approving it ends on the receipt.
        const failedId = new URL(page.url()).pathname.split('/').at(-1)!;
        await page.getByTestId('try-again').click();
        await page.waitForURL((url) => url.pathname.endsWith('/kpg/PaymentHTTP.htm'));
        await page.locator('button.cancel').click();
        await page.waitForURL((url) => url.pathname.startsWith('/pay/result/pay_') && !url.pathname.endsWith(failedId));
        await page.locator('[data-testid="payment-result"][data-ending="failed"]').waitFor();
        await expectBackToDues(page, civilId);
        await page.close();
      });
    }
  }

  it('an unknown payment says so on the portal, with the way back', async () => {
    const page = await openPage(await contexts.get('visitor-en', { language: 'en' }), '/pay/result/unknown');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(en.paymentResult.unknown.title);
    expect(await page.getByTestId('back-to-dues').count()).toBe(1);
    await page.close();
  });
});
