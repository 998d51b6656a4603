// Helpers shared by the portal's end-to-end tests: opening pages in reused contexts, signing in through the form,
// and reading text the way a person sees it (direction marks and non-breaking spaces folded away).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_STAFF } from '../../../src/db/seed/demo-accounts.js';
import { newPortalContext, type FormFactor } from './browser.js';
import { waitUntil } from '../../support/wait.js';

export const plain = (text: string) => text.replace(/[\u00a0\u200e\u200f\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim();

export const documentLanguage = (page: Page) =>
  page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir, path: location.pathname }));

/** One browser context per person and language, reused across tests (a context is cheap, but not free). */
export class Contexts {
  private readonly open = new Map<string, BrowserContext>();
  constructor(private readonly browser: Browser, private readonly baseURL: string) {}

  async get(name: string, options: { language?: 'ar' | 'en'; formFactor?: FormFactor } = {}): Promise<BrowserContext> {
    let context = this.open.get(name);
    if (!context) {
      context = await newPortalContext(this.browser, { baseURL: this.baseURL, ...options });
      this.open.set(name, context);
    }
    return context;
  }

  async closeAll(): Promise<void> {
    for (const context of this.open.values()) await context.close().catch(() => undefined);
    this.open.clear();
  }
}

export async function openPage(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(path);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

/** Signs in through the portal's own form (civil ID, or username with `?as=staff`), landing on `next`. */
export async function signInThroughForm(page: Page, who: { civilId: string } | { username: string }, password: string, next: string): Promise<void> {
  const staff = 'username' in who;
  // Already signed in as this person in this context (a reused context): the sign-in page would only pass through.
  const me = await page.request.get('/api/v1/auth/me');
  if (me.ok()) {
    const user = (await me.json()) as { role: string; civilId?: string; name: { en: string } };
    if (staff ? user.role === roleOfDemoStaff(who.username) : user.civilId === who.civilId) {
      await page.goto(next);
      await page.getByRole('heading', { level: 1 }).waitFor();
      return;
    }
  }
  await page.goto(`/sign-in?${staff ? 'as=staff&' : ''}next=${encodeURIComponent(next)}`);
  await page.locator(`input[name="${staff ? 'username' : 'civilId'}"]`).fill(staff ? who.username : who.civilId);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === next);
  await page.getByRole('heading', { level: 1 }).waitFor();
}

function roleOfDemoStaff(username: string): string {
  return DEMO_STAFF.find((s) => s.username === username)?.role ?? username;
}

/** Waits, bounded generously (test/support/wait.ts), until `check` answers something other than undefined. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  return waitUntil(check, what, { intervalMs: 250 });
}

/** A long list of dues shows its first rows only: open it all, as a person would before choosing. */
export async function showAllDues(page: Page): Promise<void> {
  const more = page.getByTestId('show-all-dues');
  if (await more.count()) await more.click();
}

/** Waits (bounded, with a name) until the portal's service worker is active for the page; answers its script URL. */
export async function activeServiceWorker(page: Page): Promise<string> {
  return eventually(async () => (await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL)) ?? undefined, 'the service worker active');
}
