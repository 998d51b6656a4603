// Debian's Chromium driven by playwright-core (no browser download). When it is missing the e2e tests are skipped
// with a clear message, unless TASDEED_REQUIRE_BROWSER=1 (CI), where a missing browser fails.
//
// Which of Debian's builds: its headless shell (package chromium-headless-shell, /usr/bin/chromium-headless-shell:
// the same Chromium, same version and engine, built without the desktop browser around it; Playwright's own choice
// for headless runs) when installed, else the full browser (package chromium, /usr/bin/chromium). A page load cost
// the shell ~45 % less CPU than the full browser in headless mode (10 contexts, 50 loads: 37-39 s -> 20-21 s of
// CPU), and the browser files are most of the suite's time. The portal's installable-app test (pwa.test.ts) and the
// portal bench run the full browser (`launchChromium({ full: true })`) when it is installed: what a person installs;
// so does `npm run screenshots`, for the README's pictures. TASDEED_CHROMIUM_PATH names another executable for all.
import { existsSync } from 'node:fs';
import net from 'node:net';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { WAIT_BOUND_MS } from '../../support/wait.js';

const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const FULL_BROWSER = '/usr/bin/chromium';

const README_PICTURES = process.env.TASDEED_SCREENSHOTS === 'write';

export const CHROMIUM_PATH = process.env.TASDEED_CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) && !README_PICTURES ? HEADLESS_SHELL : FULL_BROWSER);
const FULL_CHROMIUM_PATH = process.env.TASDEED_CHROMIUM_PATH ?? (existsSync(FULL_BROWSER) ? FULL_BROWSER : CHROMIUM_PATH);

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserAvailability {
  available: boolean;
  reason: string;
}

export function browserAvailability(): BrowserAvailability {
  if (existsSync(CHROMIUM_PATH)) return { available: true, reason: '' };
  const reason = `Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium-headless-shell chromium, or set TASDEED_CHROMIUM_PATH)`;
  if (process.env.TASDEED_REQUIRE_BROWSER === '1') {
    throw new Error(`${reason}; TASDEED_REQUIRE_BROWSER=1 makes this a failure`);
  }
  console.warn(`[e2e] skipping browser tests: ${reason}`);
  return { available: false, reason };
}

/**
 * Only loopback is reachable from the browser: every other address goes to a "proxy" that closes each connection it
 * is given, so the request fails at once, without a packet leaving the machine. Chromium itself never sends loopback
 * addresses (localhost, 127.0.0.0/8, [::1]) to a proxy, so the portal and the simulators are reached directly.
 * This is Chromium's own network stack doing what a `context.route` filter did before: that filter paused every
 * request of every page to ask this process what to do, which cost ~15 % of the browser's CPU per page load.
 */
async function loopbackOnlyArgs(): Promise<string[]> {
  refusingProxyPort ??= new Promise<number>((resolve, reject) => {
    const proxy = net.createServer((socket) => {
      refusedConnections += 1;
      socket.destroy();
    });
    proxy.on('error', reject);
    proxy.listen(0, '127.0.0.1', () => {
      proxy.unref();
      resolve((proxy.address() as net.AddressInfo).port);
    });
  });
  return [`--proxy-server=http://127.0.0.1:${await refusingProxyPort}`];
}
let refusingProxyPort: Promise<number> | undefined;
let refusedConnections = 0;

/** How many connections to addresses other than loopback the browsers of this process have been refused. */
export function refusedOutsideConnections(): number {
  return refusedConnections;
}

/**
 * The Chromium of this test process, for one file: one browser is launched per process (and build) and shared by its
 * files in turn (vitest runs a worker's files one after another), since launching one cost ~0.6 s of CPU per file.
 * What a file gets is a view of it whose `close()` closes only the contexts that file opened, leaving the browser to
 * the next file; a browser that has gone (crashed, or closed by a test) is launched again. Playwright ends it with
 * the process. `full`: Debian's full browser rather than its headless shell, where both are installed.
 */
export async function launchChromium(options: { full?: boolean } = {}): Promise<Browser> {
  const executablePath = options.full ? FULL_CHROMIUM_PATH : CHROMIUM_PATH;
  let browser = await shared.get(executablePath)?.catch(() => undefined);
  if (!browser?.isConnected()) {
    const launching = chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...(await loopbackOnlyArgs())], headless: true, timeout: WAIT_BOUND_MS });
    shared.set(executablePath, launching);
    browser = await launching;
  }
  return lentBrowser(browser);
}
const shared = new Map<string, Promise<Browser>>();

function lentBrowser(browser: Browser): Browser {
  const mine = new Set<BrowserContext>();
  const own = (context: BrowserContext) => {
    mine.add(context);
    context.once('close', () => mine.delete(context));
    return context;
  };
  const overrides: Partial<Browser> = {
    newContext: async (...args) => own(await browser.newContext(...args)),
    newPage: async (...args) => {
      const page = await browser.newPage(...args);
      own(page.context());
      return page;
    },
    contexts: () => browser.contexts().filter((context) => mine.has(context)),
    close: async () => {
      for (const context of [...mine]) await context.close().catch(() => undefined);
    },
  };
  return new Proxy(browser, {
    get(target, property) {
      if (property in overrides) return overrides[property as keyof Browser];
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 360, height: 740 },
} as const;
export type FormFactor = keyof typeof VIEWPORTS;

/**
 * A fresh browser profile (no cookies, no storage) at a screen size, optionally with the portal's language
 * already chosen, as a returning visitor would have it.
 *
 * The portal's service worker is kept out unless `serviceWorker: 'allow'`: installing it fetches the whole shell
 * (every script, style and font) again in each new profile, and it then answers every request the page makes, which
 * doubled Chromium's work per page on this machine. What the worker does is tested where it is the subject, with it
 * allowed: pwa.test.ts (install, control, offline pages) and counter-offline.test.ts (a persistent profile).
 * Only loopback addresses are reachable (launchChromium).
 */
export async function newPortalContext(
  browser: Browser,
  options: { baseURL: string; formFactor?: FormFactor; language?: 'ar' | 'en'; serviceWorker?: 'allow' | 'block' },
): Promise<BrowserContext> {
  const formFactor = options.formFactor ?? 'desktop';
  const context = await browser.newContext({
    serviceWorkers: options.serviceWorker ?? 'block',
    baseURL: options.baseURL,
    viewport: VIEWPORTS[formFactor],
    deviceScaleFactor: 1,
    isMobile: formFactor === 'phone',
    hasTouch: formFactor === 'phone',
    locale: 'ar-KW',
    timezoneId: 'Asia/Kuwait',
  });
  // Playwright's own 30 s limits on waits and navigation are ones a busy machine can reach: wait as the tests do.
  context.setDefaultTimeout(WAIT_BOUND_MS);
  context.setDefaultNavigationTimeout(WAIT_BOUND_MS);
  if (options.language) {
    const language = options.language;
    await context.addInitScript((lang) => {
      if (!window.localStorage.getItem('tasdeed.language')) window.localStorage.setItem('tasdeed.language', lang);
    }, language);
  }
  return context;
}

/**
 * A browser whose profile lives in `userDataDir`: closing it and launching again with the same directory keeps its
 * IndexedDB and storage, as a machine restarted after a power cut would (the counter's offline journal).
 */
export async function launchPersistentPortal(userDataDir: string, options: { baseURL: string; language?: 'ar' | 'en' }): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...(await loopbackOnlyArgs())], headless: true, timeout: WAIT_BOUND_MS,
    baseURL: options.baseURL, viewport: VIEWPORTS.desktop, deviceScaleFactor: 1, locale: 'ar-KW', timezoneId: 'Asia/Kuwait',
  });
  context.setDefaultTimeout(WAIT_BOUND_MS);
  context.setDefaultNavigationTimeout(WAIT_BOUND_MS);
  if (options.language) {
    await context.addInitScript((lang) => {
      if (!window.localStorage.getItem('tasdeed.language')) window.localStorage.setItem('tasdeed.language', lang);
    }, options.language);
  }
  return context;
}
