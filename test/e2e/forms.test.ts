// Form errors sit at their field: the box is marked (aria-invalid) and names its message (aria-describedby), the
// message is specific, and it is announced (role=alert). Quick pay's civil ID, the part-payment amount, the meter
// reading (which also shows the last accepted reading) and sign-in's wrong password, which no longer offers a
// pointless "sign in" link.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { demoPeople } from '../../src/db/seed/foundation.seed.js';
import en from '../../web/src/i18n/en.json';
import { formatAmount } from '../../web/src/i18n/format.js';
import { browserAvailability } from './support/browser.js';
import { openPage, plain, showAllDues, signInThroughForm } from './support/portal.js';
import { portalUnderTest } from './support/portal-under-test.js';
import { STEP_SECONDS, totpAt } from '../../src/modules/identity/totp.js';

const browserCheck = browserAvailability();
const people = demoPeople(6);

/** The field is marked invalid and one of the elements it is described by says `text`, as an alert. */
async function expectErrorAt(page: Page, field: Locator, text: string): Promise<void> {
  await page.waitForFunction((el) => el?.getAttribute('aria-invalid') === 'true', await field.elementHandle());
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const described = await Promise.all(ids.map(async (id) => ({ text: plain(await page.locator(`[id="${id}"]`).innerText()), role: await page.locator(`[id="${id}"]`).getAttribute('role') })));
  expect(described, JSON.stringify(described)).toContainEqual({ text: plain(text), role: 'alert' });
}

describe.skipIf(!browserCheck.available)('form errors at their fields', () => {
  const portal = portalUnderTest();

  it('quick pay: a wrong civil ID is told at its box, not under the button', async () => {
    const page = await openPage(await portal.contexts.get('visitor', { language: 'en' }), '/');
    const box = page.locator('input[name="civilId"]');
    await box.fill('123456789012');
    await page.locator('form button[type="submit"]').click();
    const refused = (await (await page.request.get('/api/v1/dues?civilId=123456789012')).json()) as { message: { en: string } };
    await expectErrorAt(page, box, refused.message.en);
    expect(await page.locator('main [role="alert"]').count()).toBe(1);
    await page.close();
  });

  it('part payment: zero says the minimum, too many decimals says so', async () => {
    const page = await openPage(await portal.contexts.get('visitor', { language: 'en' }), '/');
    const dues = (await (await page.request.get(`/api/v1/dues?civilId=${people[5]!.civilId}`)).json()) as { payables: Array<{ id: string; amountDue: string; allowsPartialPayment: boolean; minPartialAmount: string | null; payableOnline: boolean }> };
    const due = dues.payables.find((p) => p.payableOnline && p.allowsPartialPayment && p.minPartialAmount && Number(p.amountDue) > Number(p.minPartialAmount) + 0.5);
    expect(due, 'the demo person has a utility bill that may be paid in part').toBeDefined();
    await page.locator('input[name="civilId"]').fill(people[5]!.civilId);
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('dues').waitFor();
    await showAllDues(page);
    const row = page.getByTestId('due').filter({ has: page.locator(`input[value="${due!.id}"]`) });
    await row.getByTestId('payable-checkbox').check();
    await row.getByTestId('pay-part').click();
    const amount = row.getByTestId('partial-amount');
    await amount.fill('0');
    await expectErrorAt(page, amount, en.quickPay.partial.below_minimum.replace('{{minimum}}', formatAmount(due!.minPartialAmount!, 'KWD', 'en')));
    await amount.fill('1.5001');
    await expectErrorAt(page, amount, en.quickPay.partial.too_many_decimals.replace('{{decimals}}', '3'));
    expect(await page.getByTestId('pay').isDisabled()).toBe(true);
    await page.close();
  });

  it('meter reading: letters are refused at the reading box, beside the last accepted reading', async () => {
    const page = await (await portal.contexts.get('citizen', { language: 'en' })).newPage();
    await signInThroughForm(page, { civilId: people[0]!.civilId }, DEMO_PASSWORD, '/dashboard');
    await page.getByTestId('reading-link').first().click();
    await page.waitForURL((url) => url.pathname === '/readings');
    await page.getByTestId('previous-reading').waitFor();
    expect(plain(await page.getByTestId('previous-reading').innerText())).toMatch(/^Last accepted reading: [\d,]+ /);
    const value = page.locator('input[name="value"]');
    await value.fill('12a4');
    await page.getByTestId('submit-reading').click();
    await expectErrorAt(page, value, en.reading.valueDigits);
    expect(await page.locator('input[name="accountNumber"]').getAttribute('aria-invalid')).toBeNull();
    await page.close();
  });

  it('sign-in: a wrong password is told at the password, with no "sign in" link', async () => {
    const page = await openPage(await portal.contexts.get('stranger', { language: 'en' }), '/sign-in');
    await page.locator('input[name="civilId"]').fill(people[1]!.civilId);
    const password = page.locator('input[name="password"]');
    await password.fill('not-the-password');
    await page.locator('form button[type="submit"]').click();
    await page.waitForFunction(() => document.querySelector('input[name="password"]')?.getAttribute('aria-invalid') === 'true');
    const id = (await password.getAttribute('aria-describedby'))!.split(/\s+/).at(-1)!;
    expect(await page.locator(`[id="${id}"]`).getAttribute('role')).toBe('alert');
    expect(plain(await page.locator(`[id="${id}"]`).innerText()).length).toBeGreaterThan(5);
    expect(await page.locator('main a', { hasText: en.errors.next.signIn }).count()).toBe(0);
    await page.close();
  });

  it('sign-in: staff with an authenticator are asked for its code after the password; a wrong code is told at the code', async () => {
    const context = await portal.contexts.get('enrolling-officer', { language: 'en' });
    // The officer enrols an authenticator through the API, as their settings would, then signs out.
    expect((await context.request.post('/api/v1/auth/staff/login', { data: { username: 'officer', password: DEMO_PASSWORD } })).ok()).toBe(true);
    const csrf = (await context.cookies()).find((c) => c.name === 'tasdeed_csrf')!.value;
    const started = await context.request.post('/api/v1/me/second-factor', { headers: { 'x-csrf-token': csrf } });
    const { secret } = (await started.json()) as { secret: string };
    expect((await context.request.post('/api/v1/me/second-factor/confirm', { headers: { 'x-csrf-token': csrf }, data: { code: totpAt(secret, new Date()) } })).status()).toBe(204);
    await context.clearCookies();

    const page = await openPage(context, '/sign-in?as=staff&next=%2Fstaff');
    await page.locator('input[name="username"]').fill('officer');
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    const code = page.locator('input[name="code"]');
    await code.waitFor();
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    await code.fill('000000' === totpAt(secret, new Date()) ? '111111' : '000000');
    await page.locator('form button[type="submit"]').click();
    await page.waitForFunction(() => document.querySelector('input[name="code"]')?.getAttribute('aria-invalid') === 'true');
    // The next step's code: the step the enrolment spent is never accepted again, and one step ahead is allowed.
    await code.fill(totpAt(secret, new Date(Date.now() + STEP_SECONDS * 1000)));
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === '/staff');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.close();
  });
});
