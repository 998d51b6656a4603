// Screenshots of each page for docs/screenshots/, in Arabic and English, at 1280×800 and 360×740. Each picture is
// checked to be a PNG as wide as its screen, and each page for sideways overflow, which a phone would show.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { demoPeople } from '../../src/db/seed/foundation.seed.js';
import { browserAvailability, launchChromium, newPortalContext, VIEWPORTS, type FormFactor } from './support/browser.js';
import { saveScreenshot } from './support/screenshots.js';
import { startServerUnderTest, type ServerUnderTest } from './support/server.js';

const browserCheck = browserAvailability();

interface Shot {
  name: string;
  path: string;
  signedIn?: boolean;
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
  { name: 'dashboard', path: '/dashboard', signedIn: true },
  { name: 'not-found', path: '/no-such-page' },
];

function pngWidth(file: string): number {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return bytes.readUInt32BE(16);
}

describe.skipIf(!browserCheck.available)('portal screenshots', () => {
  let server: ServerUnderTest;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerUnderTest();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const shot of SHOTS) {
    it(`saves ${shot.name} in both languages on desktop and phone`, async () => {
      for (const language of ['ar', 'en'] as const) {
        for (const formFactor of Object.keys(VIEWPORTS) as FormFactor[]) {
          const context = await newPortalContext(browser, { baseURL: server.url, language, formFactor });
          try {
            if (shot.signedIn) {
              const [citizen] = demoPeople(1);
              const login = await context.request.post('/api/v1/auth/login', { data: { civilId: citizen!.civilId, password: DEMO_PASSWORD } });
              expect(login.status()).toBe(200);
            }
            const page = await context.newPage();
            await page.goto(shot.path);
            await page.getByRole('heading', { level: 1 }).waitFor();
            await shot.prepare?.(page);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            expect(overflow, `${shot.name} ${language} ${formFactor} scrolls sideways`).toBeLessThanOrEqual(0);
            const file = await saveScreenshot(page, shot.name, language, formFactor);
            expect(pngWidth(file)).toBe(VIEWPORTS[formFactor].width);
          } finally {
            await context.close();
          }
        }
      }
    });
  }
});
