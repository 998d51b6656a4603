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

/**
 * Counts the fetches a page of this context has in flight (window.__tasdeedFetches), for `settled`. Installed before
 * any script of the page runs, so no call of the portal's escapes it.
 */
export async function countFetches(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const counter = window as unknown as { __tasdeedFetches: number };
    counter.__tasdeedFetches = 0;
    const original = window.fetch.bind(window);
    window.fetch = (...args: Parameters<typeof fetch>) => {
      counter.__tasdeedFetches += 1;
      return original(...args).finally(() => {
        counter.__tasdeedFetches -= 1;
      });
    };
  });
}

/**
 * Waits until the page (of a context given to `countFetches`) has no fetch in flight and shows no "loading" status,
 * three animation frames in a row: its data has come and been drawn. Playwright's `networkidle` would wait too, but
 * always half a second more, which over a sweep of ninety pages was a third of the time.
 */
export async function settled(page: Page, loadingTexts: string[]): Promise<void> {
  await page.waitForFunction((loading) => {
    const state = window as unknown as { __tasdeedFetches?: number; __tasdeedQuietFrames?: number };
    if (state.__tasdeedFetches === undefined) throw new Error('settled() needs countFetches() on the page’s context');
    const busy = state.__tasdeedFetches > 0
      || [...document.querySelectorAll('[role="status"]')].some((el) => loading.includes((el.textContent ?? '').trim()));
    state.__tasdeedQuietFrames = busy ? 0 : (state.__tasdeedQuietFrames ?? 0) + 1;
    return state.__tasdeedQuietFrames >= 3;
  }, loadingTexts, { polling: 'raf' });
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
