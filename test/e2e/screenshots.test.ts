// Screenshots of each page, in Arabic and English, at 1280×800 and 360×740. Each picture is checked to be a PNG as
// wide as its screen, each page for sideways overflow, which a phone would show, and the phone layout with axe.
// `npm run screenshots` saves them into docs/screenshots/ for the README; `npm test` takes the phone layouts only, into
// a temporary folder (support/screenshots.ts): the desktop layout of every page, in both languages, is what
// accessibility.test.ts already opens, checks with axe and for sideways overflow, so the desktop pictures are the
// README's alone.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { demoPeople } from '../../src/db/seed/foundation.seed.js';
import { takeCashAtCounter } from './support/counter.js';
import { seriousAccessibilityViolations } from './support/axe.js';
import { browserAvailability, launchChromium, newPortalContext, VIEWPORTS, type FormFactor } from './support/browser.js';
import { saveScreenshot } from './support/screenshots.js';
import { startServerUnderTest, type ServerUnderTest } from './support/server.js';

const browserCheck = browserAvailability();

interface Shot {
  name: string;
  path: string;
  /** Who is signed in: the demo citizen, or a demo staff username. */
  signedIn?: boolean | 'admin' | 'officer';
  /** Brings the page to the state worth showing. */
  prepare?: (page: Page) => Promise<void>;
}

const SHOTS: Shot[] = [
  { name: 'quick-pay', path: '/' },
  {
    name: 'quick-pay-dues',
    path: '/',
    prepare: async (page) => {
      const [citizen] = demoPeople(1);
      await page.locator('input[name="civilId"]').fill(citizen!.civilId);
      await page.locator('form button[type="submit"]').click();
      await page.getByTestId('dues').waitFor();
    },
  },
  { name: 'sign-in', path: '/sign-in' },
  { name: 'dashboard', path: '/dashboard', signedIn: true, prepare: async (page) => void (await page.getByTestId('total-due').waitFor()) },
  {
    name: 'bill',
    path: '/dashboard',
    signedIn: true,
    prepare: async (page) => {
      await page.getByTestId('bill-link').first().click();
      await page.getByTestId('consumption-chart').waitFor();
    },
  },
  { name: 'violations', path: '/violations', signedIn: true, prepare: async (page) => void (await page.getByTestId('violation').first().waitFor()) },
  { name: 'notification-settings', path: '/settings/notifications', signedIn: true, prepare: async (page) => void (await page.getByTestId('save-preferences').waitFor()) },
  { name: 'reading', path: '/readings', signedIn: true },
  { name: 'staff-record-violation', path: '/staff/violations/new', signedIn: 'officer', prepare: async (page) => void (await page.getByTestId('record').waitFor()) },
  { name: 'staff-collections', path: '/staff/collections', signedIn: 'admin', prepare: async (page) => void (await page.getByTestId('chart-biller').waitFor()) },
  { name: 'staff-bill-runs', path: '/staff/bill-runs', signedIn: 'admin', prepare: async (page) => void (await page.getByTestId('start-run').waitFor()) },
  { name: 'staff-dead-letters', path: '/staff/notifications', signedIn: 'admin' },
  { name: 'not-found', path: '/no-such-page' },
];

/** A cashier takes a few fines at the counter, so the collections page has a day to show. */
async function payAtTheCounter(baseUrl: string, people: ReturnType<typeof demoPeople>): Promise<void> {
  const login = await fetch(`${baseUrl}/api/v1/auth/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'cashier', password: DEMO_PASSWORD }) });
  expect(login.status).toBe(200);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  for (const person of people) {
    const dues = (await (await fetch(`${baseUrl}/api/v1/dues?civilId=${person.civilId}`, { headers: { cookie } })).json()) as { payables: Array<{ id: string; amountDue: string; payableOnline: boolean }> };
    const due = dues.payables.find((p) => p.payableOnline);
    if (!due) continue;
    await takeCashAtCounter(baseUrl, cookie, { id: `ctr-SHOT-${person.civilId}`, payableId: due.id, amount: due.amountDue });
  }
}

function pngWidth(file: string): number {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return bytes.readUInt32BE(16);
}

describe.skipIf(!browserCheck.available)('portal screenshots', () => {
  let server: ServerUnderTest;
  let browser: Browser;
  // One context per person, language and screen, signed in once and reused from shot to shot: a fresh context for
  // each of the 52 pictures paid a cold cache and a sign-in every time, more than the pictures themselves.
  const contexts = new Map<string, BrowserContext>();

  async function contextFor(shot: Shot, language: 'ar' | 'en', formFactor: FormFactor): Promise<BrowserContext> {
    const key = `${String(shot.signedIn ?? false)} ${language} ${formFactor}`;
    let context = contexts.get(key);
    if (context) return context;
    context = await newPortalContext(browser, { baseURL: server.url, language, formFactor });
    contexts.set(key, context);
    if (shot.signedIn === true) {
      const [citizen] = demoPeople(1);
      const login = await context.request.post('/api/v1/auth/login', { data: { civilId: citizen!.civilId, password: DEMO_PASSWORD } });
      expect(login.status()).toBe(200);
    } else if (shot.signedIn) {
      const login = await context.request.post('/api/v1/auth/staff/login', { data: { username: shot.signedIn, password: DEMO_PASSWORD } });
      expect(login.status()).toBe(200);
    }
    return context;
  }

  beforeAll(async () => {
    server = await startServerUnderTest();
    browser = await launchChromium();
    await payAtTheCounter(server.url, demoPeople(4).slice(1));
  });

  afterAll(async () => {
    for (const context of contexts.values()) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  const formFactors: FormFactor[] = process.env.TASDEED_SCREENSHOTS === 'write' ? ['desktop', 'phone'] : ['phone'];

  for (const shot of SHOTS) {
    it(`saves ${shot.name} in both languages (${formFactors.join(' and ')})`, async () => {
      for (const language of ['ar', 'en'] as const) {
        for (const formFactor of formFactors) {
          const page = await (await contextFor(shot, language, formFactor)).newPage();
          try {
            await page.goto(shot.path);
            await page.getByRole('heading', { level: 1 }).waitFor();
            await shot.prepare?.(page);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            expect(overflow, `${shot.name} ${language} ${formFactor} scrolls sideways`).toBeLessThanOrEqual(0);
            // Accessibility of the phone layout (accessibility.test.ts sweeps every page on a desktop, in both languages).
            if (language === 'en' && formFactor === 'phone') {
              expect(await seriousAccessibilityViolations(page), `${shot.name} ${language} ${formFactor}`).toEqual([]);
            }
            const file = await saveScreenshot(page, shot.name, language, formFactor);
            expect(pngWidth(file)).toBe(VIEWPORTS[formFactor].width);
          } finally {
            await page.close();
          }
        }
      }
    });
  }
});
