// The page language and the language of a citizen's SMS and emails are kept apart: the language button changes
// the pages only; the message settings change the messages' language, and say so.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { demoPeople } from '../../src/db/seed/foundation.seed.js';
import ar from '../../web/src/i18n/ar.json';
import en from '../../web/src/i18n/en.json';
import { browserAvailability } from './support/browser.js';
import { documentLanguage, plain, signInThroughForm } from './support/portal.js';
import { portalUnderTest } from './support/portal-under-test.js';

const browserCheck = browserAvailability();
const people = demoPeople(6);

describe.skipIf(!browserCheck.available)('page language and message language', () => {
  const portal = portalUnderTest();

  it('the language button leaves the SMS language alone; the message settings change it, and say so', async () => {
    const page = await (await portal.contexts.get('citizen', { language: 'ar' })).newPage();
    await signInThroughForm(page, { civilId: people[2]!.civilId }, DEMO_PASSWORD, '/settings/notifications');
    const messageLanguage = async () => ((await (await page.request.get('/api/v1/me/profile')).json()) as { preferredLanguage: string }).preferredLanguage;
    const before = await messageLanguage();
    expect(before).toBe('ar');

    // Switching the pages to English and back, twice: the record keeps Arabic.
    for (const language of ['en', 'ar', 'en'] as const) {
      await page.getByTestId('language-switch').click();
      await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
    }
    expect(await documentLanguage(page)).toMatchObject({ lang: 'en', path: '/settings/notifications' });
    // Let any request the switch might have sent land before reading the record again.
    await page.reload();
    await page.getByTestId('message-language-ar').waitFor();
    expect(await messageLanguage()).toBe('ar');
    expect(await page.getByTestId('message-language-ar').isChecked()).toBe(true);
    expect(plain(await page.locator('main').innerText())).toContain(plain(en.notifications.languageNote));

    // The message settings change it, while the pages stay English.
    await page.getByTestId('message-language-en').check();
    await page.getByTestId('save-preferences').click();
    await page.getByText(en.notifications.saved).waitFor();
    expect(await messageLanguage()).toBe('en');
    expect(await documentLanguage(page)).toMatchObject({ lang: 'en' });

    // And back to Arabic from the Arabic pages.
    await page.getByTestId('language-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    expect(await messageLanguage()).toBe('en');
    await page.getByTestId('message-language-ar').check();
    await page.getByTestId('save-preferences').click();
    await page.getByText(ar.notifications.saved).waitFor();
    expect(await messageLanguage()).toBe('ar');
    await page.close();
  });
});
