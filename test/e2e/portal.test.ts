// The web portal end to end: the real server (demo data, in-memory database) and Debian's Chromium.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorDefinition } from '../../src/platform/errors/app-error.js';
import { makeKuwaitiCivilId } from '../../src/shared/civil-id.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { demoPeople } from '../../src/db/seed/foundation.seed.js';
import { formatAmount } from '../../web/src/i18n/format.js';
import { sumByCurrency } from '../../web/src/lib/money.js';
import { dueToday } from '../../web/src/features/quick-pay/dues-selection.js';
import ar from '../../web/src/i18n/ar.json';
import en from '../../web/src/i18n/en.json';
import { seriousAccessibilityViolations } from './support/axe.js';
import { browserAvailability, launchChromium, newPortalContext, refusedOutsideConnections, type FormFactor } from './support/browser.js';
import { startServerUnderTest, type ServerUnderTest } from './support/server.js';

const browserCheck = browserAvailability();

describe.skipIf(!browserCheck.available)('web portal in Chromium', () => {
  let server: ServerUnderTest;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServerUnderTest();
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, options: { language?: 'ar' | 'en'; formFactor?: FormFactor } = {}): Promise<Page> {
    const context = await newPortalContext(browser, { baseURL: server.url, ...options });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(path);
    await page.getByRole('heading', { level: 1 }).waitFor();
    return page;
  }

  const documentLanguage = (page: Page) =>
    page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir, path: location.pathname }));
  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();

  it('opens the quick pay page in Arabic, right to left', async () => {
    const page = await open('/');
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl', path: '/' });
    expect(await heading(page)).toBe(ar.quickPay.title);
    expect(await page.title()).toContain(ar.quickPay.title);
    // Right to left for real: the page's first line of text starts at the right-hand side.
    const box = await page.getByRole('heading', { level: 1 }).boundingBox();
    const width = page.viewportSize()!.width;
    expect(box!.x + box!.width).toBeGreaterThan(width / 2);
  });

  it('switches to English, left to right, on the same page, and remembers it after a reload', async () => {
    const page = await open('/sign-in');
    await page.getByTestId('language-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr', path: '/sign-in' });
    expect(await heading(page)).toBe(en.signIn.title);

    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr', path: '/sign-in' });
    expect(await heading(page)).toBe(en.signIn.title);

    await page.getByTestId('language-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl', path: '/sign-in' });
  });

  it('has no serious accessibility violations on the quick pay page, in either language, on desktop and phone', async () => {
    for (const [language, formFactor] of [['ar', 'desktop'], ['en', 'phone']] as const) {
      const page = await open('/', { language, formFactor });
      expect(await documentLanguage(page)).toMatchObject({ lang: language });
      expect(await seriousAccessibilityViolations(page), `${language} ${formFactor}`).toEqual([]);
    }
  });

  it('fits a 360 px phone without sideways scrolling', async () => {
    const page = await open('/', { formFactor: 'phone' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('shows the API’s Arabic message when a civil ID is not valid', async () => {
    const valid = makeKuwaitiCivilId('1990-05-17', 4321);
    const invalid = valid.slice(0, 11) + String((Number(valid[11]) + 1) % 10);
    const page = await open('/');
    const apiAnswer = await page.request.get(`/api/v1/dues?civilId=${invalid}`);
    expect(apiAnswer.status()).toBe(400);
    const body = (await apiAnswer.json()) as { code: string; message: { ar: string; en: string } };
    expect(body.code).toBe('civil_id_invalid');

    await page.getByRole('textbox', { name: ar.quickPay.kinds.civilId.label, exact: true }).fill(invalid);
    await page.getByRole('button', { name: ar.quickPay.search }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const shown = await alert.innerText();
    expect(shown).toContain(body.message.ar);
    expect(shown).not.toContain(body.code);
    expect(shown).not.toContain(body.message.en);
  });

  it('lists the demo citizen’s dues, totals what is ticked, and sends the payer to the gateway’s page', async () => {
    const [citizen] = demoPeople(1);
    const page = await open('/');
    const answer = await page.request.get(`/api/v1/dues?civilId=${citizen!.civilId}`);
    expect(answer.status()).toBe(200);
    const dues = (await answer.json()) as { payables: Array<{ id: string; amountDue: string; currency: string; payableOnline: boolean; dueDate: string }>; held: Array<{ id: string }> };
    const payable = dues.payables.filter((p) => p.payableOnline);
    expect(payable.length).toBeGreaterThan(0);
    // Ticked at first: only what is due now (due today or earlier), never the bills not yet due.
    const dueNow = payable.filter((p) => p.dueDate <= dueToday());
    const shownTotal = (items: typeof payable) =>
      sumByCurrency(items.map((p) => ({ amount: p.amountDue, currency: p.currency }))).map((t) => formatAmount(t.amount, t.currency, 'ar')).join(' + ');
    const plain = (text: string) => text.replace(/[\u00a0\u200e\u200f\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim();

    await page.getByRole('textbox', { name: ar.quickPay.kinds.civilId.label, exact: true }).fill(citizen!.civilId);
    await page.getByRole('button', { name: ar.quickPay.search }).click();
    await page.getByTestId('dues').waitFor();
    // A long list folds after its first rows (the hidden ones still ticked and counted); opened, every due is
    // listed; only those payable online can be ticked, and those due now start ticked, their total shown.
    const totalOf = (items: typeof payable) => (items.length ? plain(shownTotal(items)) : ar.quickPay.nothingSelected);
    if (dues.payables.length > 10) {
      expect(await page.getByTestId('dues').getByRole('listitem').count()).toBeLessThan(dues.payables.length);
      expect(plain(await page.getByTestId('selected-total').innerText())).toBe(totalOf(dueNow));
      await page.getByTestId('show-all-dues').click();
    }
    // Every due is listed: what can be paid now, then what is held (never tickable).
    expect(await page.getByTestId('dues').getByRole('listitem').count()).toBe(dues.payables.length + dues.held.length);
    const boxes = page.getByTestId('payable-checkbox');
    expect(await boxes.count()).toBe(payable.length);
    expect(plain(await page.getByTestId('selected-total').innerText())).toBe(totalOf(dueNow));
    const ticked = await boxes.evaluateAll((all) => all.filter((b) => (b as HTMLInputElement).checked).map((b) => (b as HTMLInputElement).value));
    expect(ticked.sort()).toEqual(dueNow.map((p) => p.id).sort());

    // Every box ticked, then the first unticked: the total follows.
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
    expect(plain(await page.getByTestId('selected-total').innerText())).toBe(plain(shownTotal(payable)));
    await boxes.first().uncheck();
    const rest = payable.slice(1);
    expect(plain(await page.getByTestId('selected-total').innerText())).toBe(rest.length ? plain(shownTotal(rest)) : ar.quickPay.nothingSelected);
    expect(await page.getByTestId('pay').isDisabled()).toBe(rest.length === 0);

    await boxes.first().check();
    await page.getByTestId('pay').click();
    await page.waitForURL((url) => url.pathname.endsWith('/kpg/PaymentHTTP.htm'));
    expect(new URL(page.url()).hostname).toMatch(/^(127\.0\.0\.1|localhost)$/);
  });

  it('signs a demo citizen in, shows their name, and signs them out', async () => {
    const [citizen] = demoPeople(1);
    const page = await open('/dashboard');
    // Signed out: the dashboard sends the person to sign in first, and back afterwards.
    await page.waitForURL(/\/sign-in\?next=%2Fdashboard/);
    await page.getByLabel(ar.signIn.civilId, { exact: true }).fill(citizen!.civilId);
    await page.getByLabel(ar.signIn.password, { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: ar.signIn.submit, exact: true }).click();
    await page.waitForURL(/\/dashboard$/);
    await page.getByTestId('dashboard-sections').waitFor();
    expect(await page.getByTestId('signed-in-name').innerText()).toBe(citizen!.nameAr);
    expect(await heading(page)).toBe(ar.dashboard.title);

    await page.getByRole('button', { name: ar.nav.signOut }).click();
    await page.getByRole('link', { name: ar.nav.signIn, exact: true }).waitFor();
    expect(await documentLanguage(page)).toMatchObject({ path: '/' });
    const me = await page.request.get('/api/v1/auth/me');
    expect(me.status()).toBe(401);
  });

  it('shows a wrong password as the API’s Arabic message, not a code', async () => {
    const [citizen] = demoPeople(1);
    const page = await open('/sign-in');
    await page.getByLabel(ar.signIn.civilId, { exact: true }).fill(citizen!.civilId);
    await page.getByLabel(ar.signIn.password, { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: ar.signIn.submit, exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain(errorDefinition('login_failed').ar);
    expect(await documentLanguage(page)).toMatchObject({ path: '/sign-in' });
  });

  it('answers an unknown page with the portal’s 404 page in the person’s language', async () => {
    const page = await open('/no-such-page', { language: 'en' });
    expect(await heading(page)).toBe(en.notFound.title);
    const api = await page.request.get('/api/v1/no-such-endpoint');
    expect(api.status()).toBe(404);
    expect(((await api.json()) as { code: string }).code).toBe('not_found');
  });

  // The tests' browsers reach loopback only (support/browser.ts): an address outside is refused by the browser's own
  // network stack, through the refusing proxy, and the portal's server on loopback is still reached directly.
  it('reaches nothing but loopback from the tests’ browser', async () => {
    const page = await open('/', { language: 'en' });
    const before = refusedOutsideConnections();
    for (const outside of ['http://example.com/', 'http://203.0.113.7:8080/x']) {
      await expect(page.goto(outside), outside).rejects.toThrow(/net::ERR_/);
    }
    expect(refusedOutsideConnections()).toBeGreaterThanOrEqual(before + 2);
    // Reached directly: through the proxy, which refuses everything, it would fail as the two above did.
    const home = await page.context().newPage();
    await home.goto(`${server.url}/no-such-page`);
    expect(await heading(home)).toBe(en.notFound.title);
  });
});
