// Every page of the portal, in Arabic and in English, on a desktop screen, checked with axe: no serious or critical
// violation, and nothing wider than the screen. The pages are listed from the router itself
// (web/src/routes/index.tsx), so a page added there without a visit here fails the first test. One browser; one
// signed-in context per person, reused for both languages (the language is the portal's own choice in local storage,
// as the language button leaves it). Within a person and a language the pages are reached as a person following the
// portal's links reaches them, through its router without reloading (a reload for each of the 80 visits was half of
// this file's time); the first page of each, another address of the same page, and the kiosk's are loaded whole.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { demoPeople } from '../../src/db/seed/foundation.seed.js';
import ar from '../../web/src/i18n/ar.json';
import en from '../../web/src/i18n/en.json';
import { seriousAccessibilityViolations, type AxeViolation } from './support/axe.js';
import { browserAvailability } from './support/browser.js';
import { countFetches, documentLanguage, settled, showAllDues, signInThroughForm } from './support/portal.js';
import { portalUnderTest } from './support/portal-under-test.js';
import { REPO_ROOT } from './support/server.js';

const browserCheck = browserAvailability();
const people = demoPeople(6);
const citizen = people[4]!;
const visitorCivilId = people[3]!.civilId;

type Who = 'visitor' | 'citizen' | 'admin' | 'officer' | 'cashier';

/** What the sweep learns once, before visiting: ids of things that exist only in the demo data or are made here. */
interface Found {
  billId: string;
  receiptNumber: string;
  paidPaymentId: string;
  failedPaymentId: string;
  citizenRequestId: string;
  queueRequestId: string;
  reportNames: string[];
}

interface Visit {
  /** The router's path this visit covers. */
  route: string;
  who: Who;
  /** The address to open (may depend on what was found). */
  url: (found: Found) => string | string[];
  /** Something to do on the page before axe runs (open a state the address alone does not show). */
  then?: (page: Page) => Promise<void>;
  /** Shown in a failure. */
  label?: string;
}

const VISITS: Visit[] = [
  { route: '/', who: 'visitor', url: () => '/' },
  {
    route: '/', who: 'visitor', url: () => '/', label: 'quick pay with dues',
    then: async (page) => {
      await page.locator('input[name="civilId"]').fill(visitorCivilId);
      await page.locator('form button[type="submit"]').click();
      await page.getByTestId('dues').waitFor();
      await showAllDues(page);
    },
  },
  { route: '/sign-in', who: 'visitor', url: () => ['/sign-in', '/sign-in?by=code', '/sign-in?as=staff'] },
  { route: '*', who: 'visitor', url: () => '/no-such-page' },
  { route: '/kiosk', who: 'visitor', url: () => '/kiosk?idle=900' },
  { route: '/kiosk/result/:paymentId', who: 'visitor', url: (f) => [`/kiosk/result/${f.paidPaymentId}?idle=900`, `/kiosk/result/${f.failedPaymentId}?idle=900`] },
  { route: '/pay/result/:paymentId', who: 'visitor', url: (f) => [`/pay/result/${f.failedPaymentId}`, '/pay/result/unknown'] },
  { route: '/pay/result/:paymentId', who: 'citizen', url: (f) => `/pay/result/${f.paidPaymentId}` },
  { route: '/dashboard', who: 'citizen', url: () => '/dashboard' },
  { route: '/violations', who: 'citizen', url: () => '/violations' },
  { route: '/payments', who: 'citizen', url: () => '/payments' },
  { route: '/receipts/:receiptNumber', who: 'citizen', url: (f) => `/receipts/${f.receiptNumber}` },
  { route: '/settings/notifications', who: 'citizen', url: () => '/settings/notifications' },
  { route: '/bills', who: 'citizen', url: () => '/bills' },
  { route: '/bills/:billId', who: 'citizen', url: (f) => `/bills/${f.billId}` },
  { route: '/readings', who: 'citizen', url: () => '/readings' },
  { route: '/prepaid', who: 'citizen', url: () => '/prepaid' },
  { route: '/requests', who: 'citizen', url: () => '/requests' },
  { route: '/requests/new', who: 'citizen', url: () => '/requests/new' },
  { route: '/requests/:id', who: 'citizen', url: (f) => `/requests/${f.citizenRequestId}` },
  { route: '/staff', who: 'admin', url: () => '/staff' },
  { route: '/staff/violations/new', who: 'officer', url: () => '/staff/violations/new' },
  { route: '/staff/bill-runs', who: 'admin', url: () => '/staff/bill-runs' },
  { route: '/staff/notifications', who: 'admin', url: () => '/staff/notifications' },
  { route: '/staff/collections', who: 'admin', url: () => '/staff/collections' },
  { route: '/staff/reports', who: 'admin', url: () => '/staff/reports' },
  { route: '/staff/reports/:name', who: 'admin', url: (f) => f.reportNames.map((name) => `/staff/reports/${name}`) },
  { route: '/staff/prepaid', who: 'admin', url: () => '/staff/prepaid' },
  { route: '/staff/counter', who: 'cashier', url: () => '/staff/counter' },
  { route: '/staff/counter/day', who: 'admin', url: () => '/staff/counter/day' },
  { route: '/staff/requests', who: 'admin', url: () => '/staff/requests' },
  { route: '/staff/requests/:id', who: 'admin', url: (f) => `/staff/requests/${f.queueRequestId}` },
  // A page a person's role does not open: the "not allowed" answer is a page too.
  { route: '/staff/bill-runs', who: 'cashier', url: () => '/staff/bill-runs', label: 'not allowed' },
];

/** The router's paths, read from its source: `index` is "/", `path="x"` is "/x", and the catch-all is "*". */
function routerPaths(): string[] {
  const source = readFileSync(path.join(REPO_ROOT, 'web', 'src', 'routes', 'index.tsx'), 'utf8');
  const paths = [...source.matchAll(/<Route\s+(index\b|path="([^"]+)")/g)].map((m) => (m[2] === undefined ? '/' : m[2] === '*' ? '*' : `/${m[2]}`));
  return [...new Set(paths)].sort();
}

const LOADING = [ar.common.loading, en.common.loading];

/** Opens `url` and waits until the page has its heading, its data and no "loading" left. */
async function openSettled(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await settled(page, LOADING);
}

/**
 * Goes to `url` in the portal already open on `page` through its router (history.pushState and the popstate event
 * its BrowserRouter listens to), as a link would, and waits as openSettled does: for the new page's heading (the
 * headings on screen before are marked, since the router keeps them up while a page's code loads), its data and no
 * "loading" left.
 */
async function followSettled(page: Page, url: string): Promise<void> {
  await page.evaluate((target) => {
    for (const heading of document.querySelectorAll('h1')) heading.setAttribute('data-before-navigation', '');
    (window as unknown as { __tasdeedQuietFrames?: number }).__tasdeedQuietFrames = 0;
    window.history.pushState(null, '', target);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, url);
  await page.locator('h1:not([data-before-navigation])').first().waitFor();
  await settled(page, LOADING);
}

describe.skipIf(!browserCheck.available)('accessibility of every portal page (axe, Arabic and English)', () => {
  const portal = portalUnderTest();

  it('visits every page the router has', () => {
    const routes = routerPaths();
    expect(routes.length).toBeGreaterThan(20);
    expect([...new Set(VISITS.map((v) => v.route))].sort()).toEqual(routes);
  });

  it('finds no serious or critical violation on any page, in either language', async () => {
    const sessions = new Map<Who, BrowserContext>();
    const page0 = async (who: Who): Promise<Page> => {
      let context = sessions.get(who);
      if (!context) {
        context = await portal.contexts.get(`a11y-${who}`);
        await countFetches(context);
        sessions.set(who, context);
        if (who !== 'visitor') {
          const page = await context.newPage();
          const next = who === 'citizen' ? '/dashboard' : '/staff';
          await signInThroughForm(page, who === 'citizen' ? { civilId: citizen.civilId } : { username: who }, DEMO_PASSWORD, next);
          await page.close();
        }
      }
      return context.newPage();
    };

    const found = await findThings(await page0('citizen'), await page0('admin'), await page0('visitor'));
    const failures: Record<string, AxeViolation[]> = {};
    let visited = 0;
    for (const who of ['visitor', 'citizen', 'officer', 'cashier', 'admin'] as const) {
      const page = await page0(who);
      for (const language of ['ar', 'en'] as const) {
        await page.goto('/no-such-page');
        await page.evaluate((lang) => window.localStorage.setItem('tasdeed.language', lang), language);
        let previous: Visit | undefined;
        for (const visit of VISITS.filter((v) => v.who === who)) {
          const urls = [visit.url(found)].flat();
          for (const url of urls) {
            // Loaded whole: the first page in this language (the portal reads it from local storage as it starts),
            // a page the router would keep mounted (the same route again), and the kiosk, which starts in Arabic.
            const whole = !previous || previous.route === visit.route || [previous, visit].some((v) => v.route.startsWith('/kiosk'));
            previous = visit;
            if (whole) {
              await page.evaluate((lang) => window.localStorage.setItem('tasdeed.language', lang), language);
              await openSettled(page, url);
            } else {
              await followSettled(page, url);
            }
            // The kiosk starts in Arabic whatever the last person chose: its visitor switches with its button.
            if (visit.route.startsWith('/kiosk') && (await documentLanguage(page)).lang !== language) {
              await page.getByTestId('language-switch').click();
              await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
            }
            if (visit.then) await visit.then(page);
            expect(await documentLanguage(page), url).toMatchObject({ lang: language, dir: language === 'ar' ? 'rtl' : 'ltr' });
            // Nothing wider than the screen (screenshots.test.ts checks the phone layout the same way).
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            expect(overflow, `${language} ${who} ${url} scrolls sideways`).toBeLessThanOrEqual(0);
            const violations = await seriousAccessibilityViolations(page);
            visited += 1;
            if (violations.length) failures[`${language} ${who} ${url}${visit.label ? ` (${visit.label})` : ''}`] = violations;
          }
        }
      }
      await page.close();
    }
    expect(visited).toBeGreaterThanOrEqual(2 * VISITS.length);
    expect(failures).toEqual({});
  });
});

/** Ids for the pages that show one thing: a bill, a receipt, a paid and a failed payment, requests, reports. */
async function findThings(citizenPage: Page, adminPage: Page, visitorPage: Page): Promise<Found> {
  // A payment that did not go through, from quick pay to KNET's decline.
  await visitorPage.goto('/');
  await visitorPage.locator('input[name="civilId"]').fill(visitorCivilId);
  await visitorPage.locator('form button[type="submit"]').click();
  await visitorPage.getByTestId('dues').waitFor();
  await showAllDues(visitorPage);
  const boxes = visitorPage.getByTestId('payable-checkbox');
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).setChecked(i === 0);
  await visitorPage.getByTestId('pay').click();
  await visitorPage.waitForURL((url) => url.pathname.endsWith('/kpg/PaymentHTTP.htm'));
  await visitorPage.locator('button.decline').click();
  await visitorPage.waitForURL((url) => url.pathname.startsWith('/pay/result/pay_'));
  const failedPaymentId = new URL(visitorPage.url()).pathname.split('/').at(-1)!;
  await visitorPage.close();

  // The citizen's bill (from the history page), and a paid payment with its receipt: paying that bill on KNET.
  await citizenPage.goto('/bills');
  await citizenPage.getByTestId('bill-history').waitFor();
  const billHref = (await citizenPage.getByTestId('bill-link').first().getAttribute('href'))!;
  const billId = billHref.split('/').at(-1)!;
  let paid = ((await (await citizenPage.request.get('/api/v1/me/payments')).json()) as { payments: Array<{ paymentId: string; receiptNumber: string | null }> }).payments.find((p) => p.receiptNumber);
  if (!paid) {
    await citizenPage.goto(billHref);
    await citizenPage.getByTestId('pay-this').click();
    await citizenPage.waitForURL((url) => url.pathname.endsWith('/kpg/PaymentHTTP.htm'));
    await citizenPage.locator('button.approve').click();
    await citizenPage.waitForURL((url) => url.pathname.startsWith('/pay/result/pay_'));
    await citizenPage.getByTestId('receipt').waitFor();
    paid = ((await (await citizenPage.request.get('/api/v1/me/payments')).json()) as { payments: Array<{ paymentId: string; receiptNumber: string | null }> }).payments.find((p) => p.receiptNumber);
  }
  expect(paid, 'a paid payment of the citizen').toBeDefined();

  // A request of the citizen's (made here when the demo has none), which the admin also sees in the queue.
  let mine = (await (await citizenPage.request.get('/api/v1/requests/mine')).json()) as Array<{ id: string }>;
  if (mine.length === 0) {
    const accounts = (await (await citizenPage.request.get('/api/v1/me/accounts')).json()) as { accounts: Array<{ accountNumber: string }> };
    const csrf = (await citizenPage.context().cookies()).find((c) => c.name === 'tasdeed_csrf')!.value;
    const made = await citizenPage.request.post('/api/v1/requests', {
      headers: { 'x-csrf-token': csrf },
      data: { typeCode: 'reconnection', office: 'hawalli', fields: { accountNumber: accounts.accounts[0]!.accountNumber, note: 'accessibility sweep' } },
    });
    expect(made.status(), await made.text()).toBe(201);
    mine = (await (await citizenPage.request.get('/api/v1/requests/mine')).json()) as Array<{ id: string }>;
  }
  await citizenPage.close();
  expect(mine.length, 'a service request of the citizen').toBeGreaterThan(0);

  const queue = (await (await adminPage.request.get('/api/v1/requests/queue')).json()) as Array<{ id: string }>;
  await openSettled(adminPage, '/staff/reports');
  const reportNames = await adminPage.locator('a[href^="/staff/reports/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!.split('/').at(-1)!));
  await adminPage.close();
  expect(reportNames.length).toBeGreaterThan(0);
  expect(queue.length).toBeGreaterThan(0);

  return {
    billId, receiptNumber: paid!.receiptNumber!, paidPaymentId: paid!.paymentId, failedPaymentId,
    citizenRequestId: mine[0]!.id, queueRequestId: queue[0]!.id, reportNames: [...new Set(reportNames)],
  };
}
