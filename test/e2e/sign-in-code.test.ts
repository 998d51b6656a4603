// Citizen sign-in by a one-time code in the portal (issue #15 point 3: the owner's way in while a stranger's guesses
// have locked the password): from the sign-in page, ask for a code, read it in the demo SMS centre's inbox, type a
// wrong one (told at the code box, in the page's language, and no session), then the right one: signed in. In
// Arabic and in English, each with its own citizen (a code may be asked at most once a minute per person).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoPeople } from '../../src/db/seed/foundation.seed.js';
import ar from '../../web/src/i18n/ar.json';
import en from '../../web/src/i18n/en.json';
import { seriousAccessibilityViolations } from './support/axe.js';
import { browserAvailability } from './support/browser.js';
import { documentLanguage, eventually, plain } from './support/portal.js';
import { portalUnderTest } from './support/portal-under-test.js';
import { saveReadmeScreenshot } from './support/screenshots.js';

const browserCheck = browserAvailability();
const people = demoPeople(3);
/** The sign-in code SMS, in either language (templates.defaults.ts). */
const SIGN_IN_CODE = /(?:sign-in code|رمز الدخول إلى تسديد): (\d{6})/;
const INVALID = {
  ar: 'رمز الدخول غير صحيح أو انتهت صلاحيته. اطلب رمزاً جديداً.',
  en: 'The sign-in code is wrong or has expired. Ask for a new one.',
};

describe.skipIf(!browserCheck.available)('sign-in by a code sent by SMS', () => {
  const portal = portalUnderTest();

  async function smsInbox(): Promise<string> {
    const demo = (await (await fetch(`${portal.server.url}/api/v1/demo`)).json()) as { inboxes: { sms: string | null } };
    expect(demo.inboxes.sms, 'the demo runs the SMS centre simulator').not.toBeNull();
    return demo.inboxes.sms!;
  }

  /** The code in the newest SMS to `phone` that carries one. */
  async function codeSentTo(phone: string): Promise<string> {
    const inbox = await smsInbox();
    return eventually(async () => {
      const messages = (await (await fetch(`${inbox}/messages`)).json()) as Array<{ to: string; text: string }>;
      const digits = phone.replace(/^\+/, '');
      const sms = messages.find((m) => m.to.replace(/^\+/, '') === digits && SIGN_IN_CODE.test(m.text));
      return sms ? SIGN_IN_CODE.exec(sms.text)?.[1] : undefined;
    }, `a sign-in code SMS to ${phone}`);
  }

  async function signedInCivilId(page: Page): Promise<string | null> {
    const me = await page.request.get('/api/v1/auth/me');
    return me.ok() ? ((await me.json()) as { civilId?: string }).civilId ?? null : null;
  }

  for (const [language, person] of [['ar', people[1]!], ['en', people[2]!]] as const) {
    it(`asks for a code, refuses a wrong one at the field, and signs in with the right one (${language})`, async () => {
      const texts = language === 'ar' ? ar : en;
      const page = await (await portal.contexts.get(`code-${language}`, { language })).newPage();
      await page.goto('/sign-in?next=%2Fdashboard');
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await documentLanguage(page)).toMatchObject({ lang: language, dir: language === 'ar' ? 'rtl' : 'ltr' });
      const otherWay = page.getByTestId('sign-in-other-way');
      expect(plain(await otherWay.innerText())).toBe(plain(texts.signInCode.byCode));
      await otherWay.click();
      await page.waitForURL((url) => url.searchParams.get('by') === 'code' && url.searchParams.get('next') === '/dashboard');
      const form = page.getByTestId('sign-in-code-form');

      // An empty civil ID is told at its box, and nothing is sent.
      await page.getByTestId('send-code').click();
      expect(plain(await form.getByRole('alert').innerText())).toBe(plain(texts.signIn.civilIdMissing));

      await page.locator('input[name="civilId"]').fill(person.civilId);
      await page.getByTestId('send-code').click();
      await page.getByTestId('code-sent').waitFor();
      expect(plain(await page.getByTestId('code-sent').innerText())).toBe(plain(texts.signInCode.sent));
      const code = await codeSentTo(person.phone);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      // Not six digits: told at the box before anything is sent.
      const codeBox = page.locator('input[name="code"]');
      await codeBox.fill('12');
      await page.getByTestId('verify-code').click();
      expect(plain(await form.getByRole('alert').innerText())).toBe(plain(texts.signInCode.codeMalformed));

      // A wrong code: the server's message in the page's language, at the code box; no session.
      const wrong = code === '000000' ? '111111' : '000000';
      await codeBox.fill(wrong);
      await page.getByTestId('verify-code').click();
      await eventually(async () => (await form.getByRole('alert').count()) === 1 && plain(await form.getByRole('alert').innerText()) === INVALID[language] ? true : undefined, 'the wrong code told at its box');
      expect(await codeBox.getAttribute('aria-invalid')).toBe('true');
      await saveReadmeScreenshot(page, 'sign-in-code', language, 'desktop');
      expect(await signedInCivilId(page)).toBeNull();

      // The right code (typed with Arabic-Indic digits in Arabic, as a phone keyboard may): signed in, on to next.
      const typed = language === 'ar' ? code.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d))) : code;
      await codeBox.fill(typed);
      await page.getByTestId('verify-code').click();
      await page.waitForURL((url) => url.pathname === '/dashboard');
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await signedInCivilId(page)).toBe(person.civilId);

      // The code is spent: another browser trying it again is refused.
      const again = await fetch(`${portal.server.url}/api/v1/auth/sign-in-code/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ civilId: person.civilId, code }) });
      expect(again.status).toBe(401);
      expect(((await again.json()) as { code: string }).code).toBe('sign_in_code_invalid');
      await page.close();
    });
  }
});
