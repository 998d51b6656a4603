// Every citizen and staff flow of the portal, end to end: the real server as `npm start` runs it (demo data, the
// KNET, SMS and mail simulators, the workers) and Debian's Chromium. One server for the file; a browser context per
// person, reused.
import { takeCashAtCounter } from './support/counter.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { demoPeople } from '../../src/db/seed/foundation.seed.js';
import { demoPlate } from '../../src/modules/fines/demo-data.js';
import type { DemoMailConnection } from '../../src/dev/mail/mail.demo.js';
import ar from '../../web/src/i18n/ar.json';
import en from '../../web/src/i18n/en.json';
import { formatAmount } from '../../web/src/i18n/format.js';
import { browserAvailability, launchChromium } from './support/browser.js';
import { saveReadmeScreenshot } from './support/screenshots.js';
import { Contexts, documentLanguage, eventually, openPage, plain, showAllDues, signInThroughForm } from './support/portal.js';
import { startServerUnderTest, type ServerUnderTest } from './support/server.js';
import { WAIT_BOUND_MS } from '../support/wait.js';

const browserCheck = browserAvailability();
const people = demoPeople(6);
const RECEIPT_NUMBER = /\b[A-Z]{3}-\d{4}-\d{6,}\b/;

describe.skipIf(!browserCheck.available)('portal flows in Chromium', () => {
  let server: ServerUnderTest;
  let browser: Browser;
  let contexts: Contexts;
  let inboxes: { sms: string | null; email: string | null };

  beforeAll(async () => {
    server = await startServerUnderTest();
    browser = await launchChromium();
    contexts = new Contexts(browser, server.url);
    inboxes = ((await (await fetch(`${server.url}/api/v1/demo`)).json()) as { inboxes: typeof inboxes }).inboxes;
  });

  afterAll(async () => {
    await contexts?.closeAll();
    await browser?.close();
    await server?.close();
  });

  /** From the home page: look up a civil ID, pay the first due through the KNET simulator's Approve button. */
  async function quickPayFirstDue(page: Page, civilId: string, language: 'ar' | 'en'): Promise<string> {
    await page.locator('input[name="civilId"]').fill(civilId);
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('dues').waitFor();
    await showAllDues(page);
    const boxes = page.getByTestId('payable-checkbox');
    expect(await boxes.count()).toBeGreaterThan(0);
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).setChecked(i === 0);
    await page.getByTestId('pay').click();
    await page.waitForURL((url) => url.pathname.endsWith('/kpg/PaymentHTTP.htm'));
    const approve = page.locator('button.approve');
    expect(await approve.innerText()).toBe(language === 'ar' ? 'موافقة على الدفع' : 'Approve payment');
    await approve.click();
    await page.waitForURL((url) => url.pathname.startsWith('/pay/result/pay_'));
    await page.getByTestId('receipt').waitFor();
    const text = await page.locator('body').innerText();
    const receiptNumber = RECEIPT_NUMBER.exec(text)?.[0];
    expect(receiptNumber, text).toBeDefined();
    return receiptNumber!;
  }

  async function expectReceiptLinksWork(page: Page, receiptNumber: string) {
    const hrefs = await page.locator('a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    const pdf = hrefs.find((href) => href.includes(`/receipts/${receiptNumber}/pdf`));
    const verify = hrefs.find((href) => href.includes(`/r/${receiptNumber}`));
    expect(pdf, hrefs.join('\n')).toBeDefined();
    expect(verify, hrefs.join('\n')).toBeDefined();
    const download = await page.request.get(pdf!);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/pdf');
    expect((await download.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const verification = await page.request.get(verify!);
    expect(verification.status()).toBe(200);
    expect(await verification.text()).toContain(receiptNumber);
  }

  async function staffCookie(username: string): Promise<string> {
    const login = await fetch(`${server.url}/api/v1/auth/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
    expect(login.status).toBe(200);
    return login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  }

  /** A cashier takes the first payable due of a civil ID at the counter; answers the receipt number. */
  async function payAtCounter(civilId: string, externalId: string): Promise<string> {
    const cookie = await staffCookie('cashier');
    const dues = (await (await fetch(`${server.url}/api/v1/dues?civilId=${civilId}`, { headers: { cookie } })).json()) as { payables: Array<{ id: string; amountDue: string; payableOnline: boolean }> };
    const due = dues.payables.find((p) => p.payableOnline)!;
    return (await takeCashAtCounter(server.url, cookie, { id: `ctr-${externalId}`, payableId: due.id, amount: due.amountDue, language: 'en' })).receiptNumber;
  }

  async function messageMentioning(inbox: string | null, text: string): Promise<void> {
    expect(inbox, 'the demo runs the SMS and mail simulators').not.toBeNull();
    await eventually(async () => {
      const body = await (await fetch(`${inbox}/messages`)).text();
      return body.includes(text) ? true : undefined;
    }, `a message with ${text} in ${inbox}`);
  }

  it('tells a first-time visitor the demo civil ID and where the SMS and emails land, in both languages', async () => {
    for (const language of ['ar', 'en'] as const) {
      const page = await openPage(await contexts.get(`visitor-${language}`, { language }), '/');
      const banner = page.getByTestId('demo-banner');
      await banner.waitFor();
      expect(await banner.getByRole('heading').innerText()).toBe((language === 'ar' ? ar : en).demo.title);
      expect(await page.getByTestId('demo-civil-id').innerText()).toBe(people[0]!.civilId);
      expect(await page.getByTestId('demo-sms-inbox').getAttribute('href')).toBe(inboxes.sms);
      expect(await page.getByTestId('demo-email-inbox').getAttribute('href')).toBe(inboxes.email);
      await page.close();
    }
  });

  it('pays a due by quick pay in Arabic, through KNET, to the receipt, its PDF and verification, then the SMS and email', async () => {
    const page = await openPage(await contexts.get('payer-ar', { language: 'ar' }), '/');
    const receiptNumber = await quickPayFirstDue(page, people[0]!.civilId, 'ar');
    expect(await page.locator('h1').innerText()).toContain('تم الدفع');
    await saveReadmeScreenshot(page, 'pay-result', 'ar', 'desktop');
    await expectReceiptLinksWork(page, receiptNumber);
    await messageMentioning(inboxes.sms, receiptNumber);
    await messageMentioning(inboxes.email, receiptNumber);

    // The payer, signed in, finds the same receipt in the portal, with its PDF and verification link.
    const mine = await (await contexts.get('payer-ar-signed-in', { language: 'ar' })).newPage();
    await signInThroughForm(mine, { civilId: people[0]!.civilId }, DEMO_PASSWORD, `/receipts/${receiptNumber}`);
    const receipt = mine.getByTestId('receipt');
    await receipt.waitFor();
    expect(plain(await receipt.innerText())).toContain(receiptNumber);
    const pdf = await mine.request.get((await mine.getByTestId('receipt-pdf').getAttribute('href'))!);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await saveReadmeScreenshot(mine, 'receipt', 'ar', 'desktop');
  });

  it('pays a due by quick pay in English, through KNET, to the receipt', async () => {
    const page = await openPage(await contexts.get('payer-en', { language: 'en' }), '/');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(en.quickPay.title);
    const receiptNumber = await quickPayFirstDue(page, people[1]!.civilId, 'en');
    expect(await page.locator('h1').innerText()).toContain('Payment received');
    await saveReadmeScreenshot(page, 'pay-result', 'en', 'desktop');
    await expectReceiptLinksWork(page, receiptNumber);
  });

  it('lets an officer record a violation that its owner then sees and objects to', async () => {
    const types = (await (await fetch(`${server.url}/api/v1/violation-types`)).json()) as { types: Array<{ code: string; nameAr: string; isSpeeding: boolean; payableOnline: boolean }> };
    const type = types.types.find((ty) => !ty.isSpeeding && ty.payableOnline)!;
    const officer = await (await contexts.get('officer', { language: 'ar' })).newPage();
    await signInThroughForm(officer, { username: 'officer' }, DEMO_PASSWORD, '/staff');
    await officer.getByTestId('tool-officer').click();
    await officer.locator('input[name="plate"]').waitFor();
    const number = await officer.getByTestId('violation-number').innerText();
    await officer.locator('input[name="plate"]').fill(demoPlate(2, 0));
    await officer.locator('select[name="typeCode"]').selectOption(type.code);
    await officer.locator('input[name="place"]').fill('شارع تونس، حولي');
    await officer.getByTestId('record').click();
    await officer.getByTestId('recorded').waitFor();
    expect(plain(await officer.getByTestId('recorded').innerText())).toContain(number);


    // A speeding violation needs the measured speed above the limit; the fine comes from the catalogue's bands.
    const speeding = types.types.find((ty) => ty.isSpeeding)!;
    await officer.getByRole('button', { name: ar.officer.another }).click();
    await officer.locator('input[name="plate"]').fill(demoPlate(3, 0));
    await officer.locator('select[name="typeCode"]').selectOption(speeding.code);
    await officer.locator('input[name="place"]').fill('الدائري الخامس');
    await officer.getByTestId('record').click();
    await officer.getByText(ar.officer.missing.speed).waitFor();
    await officer.locator('input[name="speedKmh"]').fill('١٤٥');
    await officer.locator('input[name="limitKmh"]').fill('120');
    const recordedSpeeding = officer.waitForResponse((response) => response.url().endsWith('/api/v1/violations') && response.request().method() === 'POST');
    await officer.getByTestId('record').click();
    const speedingViolation = (await (await recordedSpeeding).json()) as { speedKmh: number; limitKmh: number; amount: string };
    expect(speedingViolation).toMatchObject({ speedKmh: 145, limitKmh: 120 });
    await officer.getByTestId('recorded').waitFor();
    expect(plain(await officer.getByTestId('recorded').innerText())).toContain(plain(formatAmount(speedingViolation.amount, 'KWD', 'ar')));

    const owner = await (await contexts.get('owner', { language: 'ar' })).newPage();
    await signInThroughForm(owner, { civilId: people[2]!.civilId }, DEMO_PASSWORD, '/violations');
    const card = owner.locator(`[data-testid="violation"][data-number="${number}"]`);
    await card.waitFor();
    expect(await card.innerText()).toContain(type.nameAr);
    expect(await card.innerText()).toContain(ar.violations.status.unpaid);
    await card.getByTestId('object').click();
    await card.locator('textarea').fill('لم أكن أقود المركبة في ذلك الوقت.');
    await card.getByRole('button', { name: ar.violations.sendObjection }).click();
    await card.getByText(ar.violations.objectionStatus.pending).waitFor();

    // The link in the violation SMS (`/?plate=…`) opens quick pay with the plate's dues, for anyone.
    const visitor = await openPage(await contexts.get('visitor-en', { language: 'en' }), `/?plate=${encodeURIComponent(demoPlate(2, 0))}`);
    await visitor.getByTestId('dues').waitFor();
    expect(await visitor.getByTestId('dues').innerText()).toContain(number);
    expect(await visitor.locator('input[name="plate"]').inputValue()).toBe(demoPlate(2, 0));

    const objections = await owner.request.get(`/api/v1/violations?civilId=${people[2]!.civilId}`);
    const recorded = ((await objections.json()) as { violations: Array<{ violationNumber: string; objection: { status: string } | null }> }).violations.find((v) => v.violationNumber === number);
    expect(recorded?.objection?.status).toBe('pending');
  });

  it('signs a citizen in and submits a meter reading, showing the billing decision in Arabic, and a refusal too', async (test) => {
    const page = await (await contexts.get('reader', { language: 'ar' })).newPage();
    await signInThroughForm(page, { civilId: people[0]!.civilId }, DEMO_PASSWORD, '/dashboard');
    const accounts = await page.request.get('/api/v1/me/accounts');
    const mine = accounts.ok() ? ((await accounts.json()) as { accounts: Array<{ accountNumber: string; status: string }> }).accounts.filter((a) => a.status === 'active') : [];
    if (mine.length === 0) {
      // Until the billing module's demo data gives the demo citizen an account there is nothing to read.
      console.warn(`[e2e] meter reading skipped: GET /api/v1/me/accounts answered ${accounts.status()} with no active account`);
      test.skip();
      return;
    }
    const account = mine[0]!.accountNumber;
    const history = (await (await page.request.get(`/api/v1/accounts/${account}/readings`)).json()) as { readings: Array<{ value: string; status: string }> };
    const last = BigInt(history.readings.find((r) => r.status === 'accepted')?.value ?? '0');

    await page.getByTestId('accounts').getByTestId('reading-link').first().click();
    await page.waitForURL((url) => url.pathname === '/readings');
    expect(await page.locator('input[name="accountNumber"]').inputValue()).toBe(account);
    await page.locator('input[name="value"]').fill(String(last + 450n));
    const answer = page.waitForResponse((response) => response.url().endsWith('/api/v1/readings') && response.request().method() === 'POST');
    await page.getByTestId('submit-reading').click();
    const decision = (await (await answer).json()) as { decision: string; message: { ar: string; en: string } };
    const shown = page.getByTestId('reading-decision');
    await shown.waitFor();
    expect(await shown.getAttribute('data-decision')).toBe(decision.decision);
    expect(await shown.innerText()).toContain(decision.message.ar);
    expect(await shown.innerText()).not.toContain(decision.message.en);

    // A reading with decimals is refused with the API's own Arabic words, not a code.
    await page.locator('input[name="value"]').fill('12.5');
    const refusal = page.waitForResponse((response) => response.url().endsWith('/api/v1/readings') && response.request().method() === 'POST');
    await page.getByTestId('submit-reading').click();
    const refused = (await (await refusal).json()) as { code: string; message: { ar: string } };
    expect((await refusal).status()).toBe(400);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain(refused.message.ar);
    expect(await alert.innerText()).not.toContain(refused.code);
  });

  it('shows a bill with its tier lines, the last 12 periods as a chart, and its PDF', async () => {
    const page = await (await contexts.get('reader', { language: 'ar' })).newPage();
    await signInThroughForm(page, { civilId: people[0]!.civilId }, DEMO_PASSWORD, '/dashboard');
    await page.getByTestId('accounts').getByTestId('bill-link').first().click();
    await page.waitForURL((url) => url.pathname.startsWith('/bills/'));
    const billId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
    const bill = (await (await page.request.get(`/api/v1/bills/${billId}`)).json()) as { billNumber: string; lines: unknown[]; history: unknown[] };
    await page.getByTestId('bill').waitFor();
    expect(plain(await page.getByTestId('bill').innerText())).toContain(bill.billNumber);
    expect(await page.getByTestId('bill-lines').locator('tbody tr').count()).toBe(bill.lines.length);
    const chart = page.getByTestId('consumption-chart');
    expect(await chart.locator('svg[role="img"] g > rect').count()).toBe(bill.history.length);
    expect(await chart.locator('tbody tr').count()).toBe(bill.history.length);
    const pdf = await page.request.get((await page.getByTestId('bill-pdf').getAttribute('href'))!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
  });

  it('pays part of a utility bill, refusing less than the biller’s minimum', async (test) => {
    const page = await openPage(await contexts.get('partial', { language: 'ar' }), '/');
    const dues = (await (await page.request.get(`/api/v1/dues?civilId=${people[5]!.civilId}`)).json()) as { payables: Array<{ id: string; amountDue: string; allowsPartialPayment: boolean; minPartialAmount: string; payableOnline: boolean }> };
    const due = dues.payables.find((p) => p.payableOnline && p.allowsPartialPayment && Number(p.amountDue) > Number(p.minPartialAmount) + 0.5);
    if (!due) {
      console.warn('[e2e] part payment skipped: the demo person has no utility bill above the minimum');
      test.skip();
      return;
    }
    await page.locator('input[name="civilId"]').fill(people[5]!.civilId);
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('dues').waitFor();
    await showAllDues(page);
    const boxes = page.getByTestId('payable-checkbox');
    for (let i = 0; i < (await boxes.count()); i++) {
      const box = boxes.nth(i);
      if ((await box.getAttribute('value')) === due.id) await box.check();
      else await box.uncheck();
    }
    // In full unless the person asks to pay part of it.
    const row = page.getByTestId('due').filter({ has: page.locator(`input[value="${due.id}"]`) });
    expect(await row.getByTestId('partial-amount').count()).toBe(0);
    await row.getByTestId('pay-part').click();
    const amount = row.getByTestId('partial-amount');
    expect(await amount.inputValue()).toBe(due.amountDue);
    const below = (Number(due.minPartialAmount) - 0.001).toFixed(3);
    await amount.fill(below);
    await page.getByText(ar.quickPay.partial.below_minimum.split('{{')[0]!.trim()).waitFor();
    expect(await page.getByTestId('pay').isDisabled()).toBe(true);

    await amount.fill(due.minPartialAmount);
    expect(await page.getByTestId('pay').isDisabled()).toBe(false);
    expect(plain(await page.getByTestId('selected-total').innerText())).toBe(plain(formatAmount(due.minPartialAmount, 'KWD', 'ar')));
    await page.getByTestId('pay').click();
    await page.waitForURL((url) => url.pathname.endsWith('/kpg/PaymentHTTP.htm'));
    await page.locator('button.approve').click();
    await page.waitForURL((url) => url.pathname.startsWith('/pay/result/pay_'));
    const paymentId = new URL(page.url()).pathname.split('/').at(-1)!;
    const payment = (await (await page.request.get(`/api/v1/payments/${paymentId}`)).json()) as { status: string; amount: string };
    expect(payment).toMatchObject({ status: 'posted', amount: due.minPartialAmount });
    const after = (await (await page.request.get(`/api/v1/dues?civilId=${people[5]!.civilId}`)).json()) as { payables: Array<{ id: string; amountDue: string }> };
    expect(after.payables.find((p) => p.id === due.id)?.amountDue).toBe((Number(due.amountDue) - Number(due.minPartialAmount)).toFixed(3));
  });

  it('keeps the page when the language is switched (the messages’ language is not touched: test/e2e/message-language.test.ts)', async () => {
    const page = await (await contexts.get('switcher', { language: 'ar' })).newPage();
    await signInThroughForm(page, { civilId: people[3]!.civilId }, DEMO_PASSWORD, '/settings/notifications');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(ar.notifications.title);
    await page.getByTestId('language-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr', path: '/settings/notifications' });
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(en.notifications.title);
    await page.getByTestId('language-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl', path: '/settings/notifications' });
  });

  it('turns a topic off in the notification settings and keeps it off', async () => {
    const page = await (await contexts.get('settings', { language: 'en' })).newPage();
    await signInThroughForm(page, { civilId: people[4]!.civilId }, DEMO_PASSWORD, '/settings/notifications');
    const box = page.getByTestId('pref-reminders-sms');
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    await page.getByTestId('save-preferences').click();
    await page.getByText(en.notifications.saved).waitFor();
    await page.reload();
    await page.getByTestId('pref-reminders-sms').waitFor();
    expect(await page.getByTestId('pref-reminders-sms').isChecked()).toBe(false);
  });

  it('shows the admin the collections of the day, with the payments just made, as charts', async () => {
    const page = await (await contexts.get('admin', { language: 'en' })).newPage();
    await signInThroughForm(page, { username: 'admin' }, DEMO_PASSWORD, '/staff');
    await page.getByTestId('tool-collections').click();
    const chart = page.getByTestId('chart-channel');
    await chart.waitFor();
    expect(await chart.locator('svg[role="img"]').count()).toBe(1);
    expect(await chart.innerText()).toContain(en.receipt.channels.knet);
    await page.getByTestId('chart-biller').waitFor();
  });

  it('lets the admin start a bill run and follows it to its end', async () => {
    const page = await (await contexts.get('admin', { language: 'en' })).newPage();
    await signInThroughForm(page, { username: 'admin' }, DEMO_PASSWORD, '/staff/bill-runs');
    await page.getByTestId('start-run').waitFor();
    const started = page.waitForResponse((response) => response.url().endsWith('/api/v1/bill-runs') && response.request().method() === 'POST');
    await page.getByTestId('start-run').click();
    expect((await started).status()).toBe(202);
    const run = page.locator('[data-testid="bill-run"]').first();
    await run.waitFor();
    // Polled every two seconds until the run says it is over.
    await page.waitForFunction(() => {
      const status = document.querySelector('[data-testid="bill-run"]')?.getAttribute('data-status');
      return status !== null && status !== undefined && status !== 'running';
    }, undefined, { timeout: WAIT_BOUND_MS });
    expect(['completed', 'completed_with_failures']).toContain(await run.getAttribute('data-status'));
    expect(await run.locator('progress').count()).toBe(1);
  });

  it('shows the admin an email the mail server refused, and sends it again once the server takes mail', async () => {
    const mail = (server.services.mail as DemoMailConnection).simulator;
    const person = people[4]!;
    mail.setRefuse(true, 'permanent');
    let receiptNumber: string;
    try {
      receiptNumber = await payAtCounter(person.civilId, 'DEAD-LETTER-1');
      const admin = await staffCookie('admin');
      await eventually(async () => {
        const dead = (await (await fetch(`${server.url}/api/v1/admin/notifications/dead`, { headers: { cookie: admin } })).json()) as { notifications: Array<{ address: string; topic: string }> };
        return dead.notifications.some((n) => n.address === person.email && n.topic === 'payment.received') ? true : undefined;
      }, 'the refused receipt email among the dead letters');
    } finally {
      mail.setRefuse(false);
    }

    const page = await (await contexts.get('admin', { language: 'en' })).newPage();
    await signInThroughForm(page, { username: 'admin' }, DEMO_PASSWORD, '/staff/notifications');
    const letter = page.getByTestId('dead-letter').filter({ hasText: person.email }).filter({ hasText: en.deadLetters.topics.payment_received });
    await letter.first().waitFor();
    await letter.first().getByTestId('resend').click();
    await letter.first().getByText(en.deadLetters.resent).waitFor();
    await messageMentioning(inboxes.email, receiptNumber);
  });
});
