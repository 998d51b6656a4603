// The portal as an installable application, in Chromium: its web app manifest is complete (Arabic name, start URL,
// scope, standalone display, colours, direction, 192 and 512 px icons for both purposes, each served at its size),
// its service worker installs this build's shell, controls the page after a reload, never keeps an API answer,
// and deletes any other build's shell when it activates. With the network cut, the counter page and the kiosk
// still open from the cache.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import ar from '../../web/src/i18n/ar.json';
import { browserAvailability, launchChromium, newPortalContext } from './support/browser.js';
import { activeServiceWorker, eventually, plain, signInThroughForm } from './support/portal.js';
import { startServerUnderTest, type ServerUnderTest } from './support/server.js';

const browserCheck = browserAvailability();

interface ManifestIcon { src: string; sizes: string; type: string; purpose?: string }
interface Manifest { name: string; short_name: string; start_url: string; scope: string; display: string; theme_color: string; background_color: string; lang: string; dir: string; icons: ManifestIcon[] }

/** Width and height from a PNG's IHDR chunk (bytes 16–23). */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

/** The shell this build's worker precaches and its version, as the build wrote them into /sw.js. */
async function builtShell(page: Page): Promise<{ version: string; precache: string[] }> {
  const response = await page.request.get('/sw.js');
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toBe('no-cache');
  const source = await response.text();
  return { version: JSON.parse(/const VERSION = (".*?");/.exec(source)![1]!) as string, precache: JSON.parse(/const PRECACHE = (\[.*?\]);/.exec(source)![1]!) as string[] };
}

/** What the page's caches hold: every cache's name and the paths of its entries. */
const cacheContents = (page: Page) =>
  page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
    return out;
  });

describe.skipIf(!browserCheck.available)('the installable portal', () => {
  let server: ServerUnderTest;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServerUnderTest();
    // The full browser (not the headless shell the other files use), where installed: the one a person installs it in.
    browser = await launchChromium({ full: true });
    context = await newPortalContext(browser, { baseURL: server.url, language: 'ar', serviceWorker: 'allow' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('names a complete web app manifest whose icons are served at their sizes', async () => {
    await page.goto('/');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/manifest.webmanifest');
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = (await response.json()) as Manifest;
    expect(manifest).toMatchObject({ start_url: '/', scope: '/', display: 'standalone', lang: 'ar', dir: 'rtl' });
    expect(manifest.name).toContain('تسديد');
    expect(manifest.name).toContain('Tasdeed');
    expect(manifest.short_name).toBe('تسديد');
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe(manifest.theme_color);

    const raster = manifest.icons.filter((icon) => icon.type === 'image/png');
    for (const purpose of ['any', 'maskable']) {
      expect(raster.filter((icon) => icon.purpose === purpose).map((icon) => icon.sizes).sort(), purpose).toEqual(['192x192', '512x512']);
    }
    for (const icon of manifest.icons) {
      const served = await page.request.get(icon.src);
      expect(served.status(), icon.src).toBe(200);
      expect(served.headers()['content-type'], icon.src).toContain(icon.type);
      const body = await served.body();
      if (icon.type === 'image/png') expect(pngSize(body), icon.src).toBe(icon.sizes);
      else expect(body.toString('utf8'), icon.src).toMatch(/^<svg [^>]*viewBox="0 0 512 512"/);
    }
  });

  it('installs this build’s shell, controls the page after a reload, and keeps no API answer', async () => {
    await page.goto('/');
    const shell = await builtShell(page);
    expect(shell.precache).toContain('/index.html');
    expect(shell.precache.some((url) => /^\/assets\/index-[\w-]+\.js$/.test(url))).toBe(true);
    expect(shell.precache.some((url) => /^\/assets\/CounterPage-[\w-]+\.js$/.test(url))).toBe(true);

    expect(new URL(await activeServiceWorker(page)).pathname).toBe('/sw.js');
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null)).not.toBeNull();

    const contents = await cacheContents(page);
    expect(Object.keys(contents)).toEqual([`tasdeed-shell-${shell.version}`]);
    expect([...contents[`tasdeed-shell-${shell.version}`]!].sort()).toEqual(expect.arrayContaining(shell.precache));
    // The page asked /api/v1/auth/me and more by now: none of it is in a cache.
    expect(Object.values(contents).flat().filter((url) => url.startsWith('/api'))).toEqual([]);
  });

  it('deletes any other build’s shell when a worker activates', async () => {
    const { version } = await builtShell(page);
    await page.evaluate(async () => {
      await caches.open('tasdeed-shell-an-older-build');
      await (await navigator.serviceWorker.getRegistration())?.unregister();
    });
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await activeServiceWorker(page);
    const names = await eventually(async () => {
      const now = Object.keys(await cacheContents(page));
      return now.includes('tasdeed-shell-an-older-build') ? undefined : now;
    }, 'the older shell deleted');
    expect(names).toEqual([`tasdeed-shell-${version}`]);
  });

  it('opens the counter page and the kiosk with the network cut, and leaves API paths to the network', async () => {
    await signInThroughForm(page, { username: 'cashier' }, DEMO_PASSWORD, '/staff/counter');
    await page.getByTestId('open-drawer').waitFor();
    await activeServiceWorker(page);
    await eventually(async () => ((await page.evaluate(() => navigator.serviceWorker.controller !== null)) ? true : undefined), 'the page controlled');

    await context.setOffline(true);
    try {
      await page.reload();
      await page.getByTestId('counter-offline').waitFor();
      expect(plain(await page.getByRole('heading', { level: 1 }).innerText())).toBe(ar.counter.title);
      await page.getByTestId('open-drawer').waitFor();

      await page.goto('/kiosk');
      await page.getByTestId('kiosk-lookup').waitFor();
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);

      // An API path is never answered from a cache: offline, it fails as the network does.
      await expect(page.goto('/api/v1/auth/me')).rejects.toThrow(/ERR_INTERNET_DISCONNECTED|ERR_FAILED/);
    } finally {
      await context.setOffline(false);
    }
  });
});
