// What makes quick pay and the dashboard paint early, checked by structure rather than by time (the house rule:
// tests never assert on timing; `npm run bench -- portal` measures the paint itself). The page's main content must
// not wait for anything it does not need: with the fonts, the demo banner's request and (on quick pay, a page for
// anyone) the session check all held unanswered, the content still appears; nothing leaves the server's origin;
// the HTML blocks rendering on one stylesheet and module scripts only; and the code a first visit to quick pay
// downloads stays under 250 kB gzipped.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { demoPeople } from '../../src/db/seed/foundation.seed.js';
import { browserAvailability } from './support/browser.js';
import { portalUnderTest } from './support/portal-under-test.js';
import { REPO_ROOT } from './support/server.js';

const browserCheck = browserAvailability();
const DIST = path.join(REPO_ROOT, 'dist', 'web');
const QUICK_PAY_JS_LIMIT_BYTES = 250 * 1024;

/** Holds every request matching `pattern` unanswered (as a stalled font server or API would) until released. */
async function hold(page: Page, pattern: RegExp): Promise<{ held: () => string[]; release: () => Promise<void> }> {
  const waiting: Route[] = [];
  await page.route(pattern, (route) => {
    waiting.push(route);
  });
  return {
    held: () => waiting.map((route) => new URL(route.request().url()).pathname),
    release: async () => {
      await page.unroute(pattern);
      await Promise.all(waiting.map((route) => route.abort().catch(() => undefined)));
    },
  };
}

/** Every request the page makes, by URL. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

describe.skipIf(!browserCheck.available)('first paint of quick pay and the dashboard', () => {
  const portal = portalUnderTest();

  it('the HTML blocks rendering only on its own stylesheet; its scripts are modules; every font face swaps', () => {
    const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/type="module"/);
    const stylesheets = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)].map((m) => m[0]);
    expect(stylesheets).toHaveLength(1);
    expect(stylesheets[0]).toMatch(/href="\/assets\/[^"]+\.css"/);
    // Nothing from another origin, no font requested by the HTML itself.
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    const css = readFileSync(path.join(DIST, stylesheets[0]!.match(/href="([^"]+)"/)![1]!), 'utf8');
    const faces = css.match(/@font-face\s*{[^}]*}/g) ?? [];
    expect(faces.length).toBeGreaterThan(0);
    for (const face of faces) expect(face).toMatch(/font-display:\s*swap/);
    expect(css).not.toMatch(/@import/);
  });

  it('quick pay shows its form with the fonts, the demo banner and the session check all unanswered', async () => {
    const page = await (await portal.contexts.get('first-visit', { language: 'ar' })).newPage();
    const requests = recordRequests(page);
    const fonts = await hold(page, /\.woff2(?:\?|$)/);
    const api = await hold(page, /\/api\/v1\/(?:demo|auth\/me)(?:\?|$)/);
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('input[name="civilId"]').waitFor();
    await page.locator('form button[type="submit"]').waitFor();
    // The page really did render while those were held, not after they were answered.
    expect(api.held()).toContain('/api/v1/auth/me');
    expect(fonts.held().length).toBeGreaterThan(0);
    await fonts.release();
    await api.release();

    const origin = new URL(portal.server.url).origin;
    expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);

    // The code of a first visit: every script the page asked for, gzipped as a server would send it.
    const scripts = [...new Set(requests.map((url) => new URL(url).pathname).filter((p) => p.startsWith('/assets/') && p.endsWith('.js')))];
    expect(scripts.some((p) => /\/QuickPayPage-[\w-]+\.js$/.test(p))).toBe(true);
    const gzipped = scripts.reduce((total, file) => total + gzipSync(readFileSync(path.join(DIST, file)), { level: 9 }).length, 0);
    expect(gzipped).toBeLessThan(QUICK_PAY_JS_LIMIT_BYTES);
    await page.close();
  });

  it('the dashboard shows what is owed with the fonts and the demo banner unanswered', async () => {
    // Signed in by the API, not a page: a page before this one would have the fonts in the browser's memory already,
    // and the dashboard would then paint without asking for them (nothing held, nothing shown by this test).
    const context = await portal.contexts.get('first-paint-citizen', { language: 'ar' });
    const login = await context.request.post('/api/v1/auth/login', { data: { civilId: demoPeople(1)[0]!.civilId, password: DEMO_PASSWORD } });
    expect(login.status()).toBe(200);

    const page = await context.newPage();
    const requests = recordRequests(page);
    const fonts = await hold(page, /\.woff2(?:\?|$)/);
    const demo = await hold(page, /\/api\/v1\/demo(?:\?|$)/);
    await page.goto('/dashboard');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByTestId('total-due').waitFor();
    expect(fonts.held().length).toBeGreaterThan(0);
    await fonts.release();
    await demo.release();
    const origin = new URL(portal.server.url).origin;
    expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
    await page.close();
  });

  it('a page for signed-in people is not left blank when "who is signed in?" never answers', async () => {
    // Signed in on this browser by the test above; now the identity API accepts the question and never answers.
    const context = await portal.contexts.get('first-paint-citizen', { language: 'ar' });
    const page = await context.newPage();
    const me = await hold(page, /\/api\/v1\/auth\/me(?:\?|$)/);
    await page.goto('/dashboard');
    // The page renders meanwhile; the question is then given up on as unreachable, and a citizen (whom the portal does
    // not remember on a device: it may be shared) is asked to sign in, instead of a blank page for ever.
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.locator('input[name="civilId"]').waitFor();
    expect(me.held()).toContain('/api/v1/auth/me');
    await me.release();
    await page.close();
  });

  it('keeps the answer to "who is signed in?" that lands between the first render and its effects', async () => {
    // The race a slow first render opens on a page for anyone (it renders without waiting for the answer): the answer
    // arrives after the session's first state was chosen ("loading") but before the provider's effect runs. Made
    // certain here: the answer is held until React builds the page's <main> (render phase), and that render is made
    // to outlast the scheduler's 5 ms slice, so the effects come in a task after the answer. A provider that then
    // took the answer for one it had already used stayed "loading" for ever: no name in the header, and every page
    // for signed-in people showing "loading" until a reload.
    const context = await portal.contexts.get('first-paint-between', { language: 'ar' });
    const login = await context.request.post('/api/v1/auth/login', { data: { civilId: demoPeople(2)[1]!.civilId, password: DEMO_PASSWORD } });
    expect(login.status()).toBe(200);
    const page = await context.newPage();
    await page.addInitScript(() => {
      let release: (() => void) | null = null;
      const rendered = new Promise<void>((resolve) => (release = resolve));
      const create = Document.prototype.createElement;
      Document.prototype.createElement = function (this: Document, tag: string, options?: ElementCreationOptions) {
        if (release && tag.toLowerCase() === 'main') {
          const until = performance.now() + 30;
          while (performance.now() < until);
          release();
          release = null;
        }
        return create.call(this, tag, options);
      } as typeof Document.prototype.createElement;
      const realFetch = window.fetch.bind(window);
      window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = input instanceof Request ? input.url : String(input);
        if (!url.includes('/api/v1/auth/me')) return realFetch(input, init);
        const response = await realFetch(input, init);
        const text = await response.text();
        await rendered;
        // Read without another task: the answer reaches the session in the microtasks right after the render.
        const held = new Response(text, { status: response.status, headers: response.headers });
        Object.defineProperty(held, 'json', { value: () => Promise.resolve(JSON.parse(text) as unknown) });
        Object.defineProperty(held, 'text', { value: () => Promise.resolve(text) });
        return held;
      };
    });
    await page.goto('/pay/result/unknown');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.getByTestId('signed-in-name').waitFor();
    await page.close();
  });
});
