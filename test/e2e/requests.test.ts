// Service requests in the portal, end to end: a citizen submits a reconnection request and follows it (comments
// both ways, the fee paid through the KNET simulator from the request's page), service staff find it in their
// office's queue and take it from received to done, and the citizen sees each new status. Attachments too large
// or of a forbidden type are refused in the form, before anything is sent. Axe finds nothing serious on the pages.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { demoPeople } from '../../src/db/seed/foundation.seed.js';
import ar from '../../web/src/i18n/ar.json';
import en from '../../web/src/i18n/en.json';
import { seriousAccessibilityViolations } from './support/axe.js';
import { browserAvailability } from './support/browser.js';
import { documentLanguage, eventually, plain, signInThroughForm } from './support/portal.js';
import { portalUnderTest } from './support/portal-under-test.js';

const browserCheck = browserAvailability();
const citizen = demoPeople(1)[0]!;

/** The request page shows `status` (after a reload, as someone coming back to it would see it). */
async function expectStatus(page: Page, status: string): Promise<void> {
  await eventually(async () => {
    await page.reload();
    await page.getByTestId('request-details').waitFor();
    return (await page.getByTestId('request').getAttribute('data-status')) === status ? true : undefined;
  }, `the request shown as ${status}`);
}

/** The fee's state once known (the request types load beside the request: until then the fee shows "loading"). */
async function feeState(page: Page): Promise<string | null> {
  const fee = page.locator('[data-testid="request-fee"]:not([data-fee="loading"])');
  await fee.waitFor();
  return fee.getAttribute('data-fee');
}

async function takeStep(page: Page, step: string, status: string): Promise<void> {
  await page.getByTestId(`step-${step}`).click();
  await page.locator(`[data-testid="request"][data-status="${status}"]`).waitFor();
}

describe.skipIf(!browserCheck.available)('service requests in the portal', () => {
  const portal = portalUnderTest();

  it('a citizen submits a reconnection request and follows it while service staff work it through to done', async () => {
    const citizenPage = await (await portal.contexts.get('citizen', { language: 'en' })).newPage();
    await signInThroughForm(citizenPage, { civilId: citizen.civilId }, DEMO_PASSWORD, '/dashboard');
    await citizenPage.getByTestId('nav-requests').click();
    await citizenPage.waitForURL((url) => url.pathname === '/requests');
    await citizenPage.getByTestId('new-request').click();
    await citizenPage.waitForURL((url) => url.pathname === '/requests/new');

    // The reconnection form asks for the account (the citizen's own are offered) and an optional note.
    const accounts = (await (await citizenPage.request.get('/api/v1/me/accounts')).json()) as { accounts: Array<{ accountNumber: string }> };
    const accountNumber = accounts.accounts[0]!.accountNumber;
    await citizenPage.locator('select[name="typeCode"]').selectOption('reconnection');
    expect(plain(await citizenPage.getByTestId('type-fee').innerText())).toContain('5.000');
    await citizenPage.locator('select[name="office"]').selectOption('hawalli');
    await citizenPage.getByTestId('submit-request').click();
    // Nothing is sent without the account: the box says so.
    await citizenPage.waitForFunction(() => document.querySelector('input[name="accountNumber"]')?.getAttribute('aria-invalid') === 'true');
    expect(await citizenPage.locator(`datalist option[value="${accountNumber}"]`).count()).toBe(1);
    await citizenPage.locator('input[name="accountNumber"]').fill(accountNumber);
    await citizenPage.locator('input[name="note"]').fill('The arrears were paid yesterday.');
    expect(await seriousAccessibilityViolations(citizenPage), 'new request form').toEqual([]);
    await citizenPage.getByTestId('submit-request').click();
    await citizenPage.waitForURL((url) => /^\/requests\/srq_/.test(url.pathname));
    await citizenPage.getByTestId('submitted-notice').waitFor();
    const requestPath = new URL(citizenPage.url()).pathname;
    const requestId = requestPath.split('/').at(-1)!;
    const number = await citizenPage.getByTestId('request-number').innerText();
    expect(number).toMatch(/^SR-\d{4}-[0-9A-Z]{10}$/);
    expect(await citizenPage.getByTestId('request').getAttribute('data-status')).toBe('submitted');
    expect(await feeState(citizenPage)).toBe('later');
    await citizenPage.locator('textarea[name="comment"]').fill('Please come in the morning.');
    await citizenPage.getByTestId('add-comment').click();
    await citizenPage.getByTestId('timeline-body').filter({ hasText: 'Please come in the morning.' }).waitFor();
    expect(await seriousAccessibilityViolations(citizenPage), 'request page').toEqual([]);

    // Staff of the Hawalli office: their office's queue opens first; filtered to reconnections it holds the request.
    const staffPage = await (await portal.contexts.get('service', { language: 'ar' })).newPage();
    await signInThroughForm(staffPage, { username: 'service' }, DEMO_PASSWORD, '/staff');
    await staffPage.getByTestId('tool-requests').click();
    await staffPage.waitForURL((url) => url.pathname === '/staff/requests');
    expect(await staffPage.locator('select[name="office"]').inputValue()).toBe('hawalli');
    await staffPage.locator('select[name="typeCode"]').selectOption('reconnection');
    await staffPage.waitForURL((url) => url.searchParams.get('type') === 'reconnection');
    const row = staffPage.locator(`[data-testid="queue-row"][data-number="${number}"]`);
    await row.waitFor();
    expect(await documentLanguage(staffPage)).toMatchObject({ lang: 'ar', dir: 'rtl' });
    expect(await seriousAccessibilityViolations(staffPage), 'queue').toEqual([]);
    await row.getByRole('link').click();
    await staffPage.waitForURL((url) => url.pathname === `/staff/requests/${requestId}`);
    await staffPage.getByTestId('request-steps').waitFor();
    expect(plain(await staffPage.getByTestId('timeline').innerText())).toContain('Please come in the morning.');
    // Rejecting needs a reason: told at the note, nothing moved.
    await staffPage.getByTestId('step-reject').click();
    await staffPage.getByText(ar.requests.steps.reasonMissing).waitFor();
    expect(await staffPage.getByTestId('request').getAttribute('data-status')).toBe('submitted');
    await takeStep(staffPage, 'accept', 'accepted');
    // The reconnection fee is paid before work: the visit waits for it.
    await staffPage.getByTestId('waiting-for-fee').waitFor();
    expect(await seriousAccessibilityViolations(staffPage), 'staff request page').toEqual([]);
    await staffPage.locator('textarea[name="comment"]').fill('سنزوركم صباحاً بعد دفع الرسوم.');
    await staffPage.getByTestId('add-comment').click();
    await staffPage.getByTestId('timeline-body').filter({ hasText: 'سنزوركم صباحاً' }).waitFor();

    // The citizen sees the acceptance and staff's answer, and pays the fee from the request's page.
    await expectStatus(citizenPage, 'accepted');
    const reply = citizenPage.locator('[data-testid="timeline-entry"][data-kind="comment"][data-actor="staff"]');
    expect(plain(await reply.innerText())).toContain(en.requests.timeline.staff);
    expect(plain(await reply.innerText())).toContain('سنزوركم صباحاً');
    expect(await feeState(citizenPage)).toBe('due');
    await citizenPage.getByTestId('pay-this').click();
    await citizenPage.waitForURL((url) => url.pathname.endsWith('/kpg/PaymentHTTP.htm'));
    await citizenPage.locator('button.approve').click();
    await citizenPage.waitForURL((url) => url.pathname.startsWith('/pay/result/pay_'));
    await citizenPage.getByTestId('receipt').waitFor();
    await citizenPage.goto(requestPath);
    await citizenPage.getByTestId('request-details').waitFor();
    expect(await feeState(citizenPage)).toBe('paid');

    // Staff schedule the visit (the fee is paid now), start and finish the work.
    await staffPage.reload();
    await staffPage.getByTestId('request-steps').waitFor();
    expect(await staffPage.getByTestId('waiting-for-fee').count()).toBe(0);
    await takeStep(staffPage, 'schedule', 'scheduled');
    await staffPage.getByTestId('scheduled-for').waitFor();
    await takeStep(staffPage, 'start', 'in_progress');
    await staffPage.locator('textarea[name="note"]').fill('أعيد توصيل الخدمة.');
    await takeStep(staffPage, 'complete', 'done');
    await staffPage.getByTestId('request-closed').waitFor();
    // A closed request leaves the queue.
    await staffPage.goto('/staff/requests?office=hawalli&type=reconnection');
    await staffPage.getByRole('heading', { level: 1 }).waitFor();
    await staffPage.getByText(ar.requests.queue.empty).waitFor();
    expect(await staffPage.locator(`[data-testid="queue-row"][data-number="${number}"]`).count()).toBe(0);

    // The citizen sees it done, with staff's note, on the request and in their list.
    await expectStatus(citizenPage, 'done');
    expect(plain(await citizenPage.getByTestId('decision-note').innerText())).toBe('أعيد توصيل الخدمة.');
    const statuses = await citizenPage.locator('[data-testid="timeline-entry"][data-kind="status"]').count();
    expect(statuses).toBe(5);
    await citizenPage.goto('/requests');
    const mine = citizenPage.locator(`[data-testid="request-row"][data-number="${number}"]`);
    await mine.waitFor();
    expect(await mine.getByTestId('request-status').getAttribute('data-status')).toBe('done');
    expect(plain(await mine.getByTestId('request-status').innerText())).toBe(en.requests.status.done);
    await citizenPage.close();
    await staffPage.close();
  });

  it('refuses an attachment of a forbidden type or too large at its box, before sending anything', async () => {
    const page = await (await portal.contexts.get('citizen', { language: 'en' })).newPage();
    await signInThroughForm(page, { civilId: citizen.civilId }, DEMO_PASSWORD, '/requests/new');
    let posted = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/requests') posted += 1;
    });
    await page.locator('select[name="typeCode"]').selectOption('new_connection');
    const permit = page.locator('input[name="attachment-building_permit"]');
    await permit.setInputFiles({ name: 'permit.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ not a pdf') });
    await page.getByText(en.requests.attachments.problems.type).waitFor();
    expect(await permit.inputValue()).toBe('');
    await permit.setInputFiles({ name: 'permit.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 0x25) });
    await page.getByText(en.requests.attachments.problems.too_large).waitFor();
    expect(await permit.getAttribute('aria-invalid')).toBe('true');
    await permit.setInputFiles({ name: 'permit.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await page.getByTestId('attachment-chosen').filter({ hasText: 'permit.pdf' }).waitFor();
    expect(await permit.getAttribute('aria-invalid')).toBeNull();
    // The civil ID copy is still missing: the form says so at its box and sends nothing.
    await page.locator('select[name="office"]').selectOption('jahra');
    await page.locator('input[name="address"]').fill('Block 4, Street 12, House 7');
    await page.locator('input[name="plotNumber"]').fill('1234');
    await page.locator('input[name="loadKw"]').fill('45');
    await page.getByTestId('submit-request').click();
    await page.getByText(en.requests.attachments.missing).waitFor();
    expect(posted).toBe(0);
    await page.close();
  });
});
