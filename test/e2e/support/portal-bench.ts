// `npm run bench -- portal [--runs 5]` (bench/portal.ts runs this): the largest contentful paint of the portal's two busiest first pages, quick
// pay (`/`, anonymous) and the signed-in dashboard, on the demo data, in Chromium (the flags of the browser tests,
// test/e2e/support/browser.ts). The server is `npm start` in a process of its own (bench/_npm-start.ts), on a
// data directory of the run's. Each run is a first visit: a fresh browser profile with an empty cache (the
// dashboard's profile carries only the session cookie, signed in once through the form before the runs). One
// unmeasured visit of each page first, so the figures do not include the server's first-request costs.
//
// LCP is read in the page with PerformanceObserver('largest-contentful-paint', buffered) once the page has its
// heading, its data (network idle) and no "loading" status left: the last candidate then is the page's LCP.
// Measurements, not assertions: the house rule is that tests never assert on timing; the target is 1,500 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../../src/db/seed/demo-accounts.js';
import { demoPeople } from '../../../src/db/seed/foundation.seed.js';
import { launchChromium, newPortalContext } from './browser.js';
import { signInThroughForm } from './portal.js';
import ar from '../../../web/src/i18n/ar.json';
import en from '../../../web/src/i18n/en.json';
import { median, npmStart } from '../../../bench/_npm-start.js';

const TARGET_MS = 1500;
const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

interface PaintFigures {
  lcpMs: number;
  fcpMs: number;
  /** What the LCP element was (tag and the start of its text), to see what a change would have to speed up. */
  lcpElement: string;
}

/** Opens `url` in `context`, waits until it is settled, and reads its paints. */
async function measure(context: BrowserContext, url: string): Promise<PaintFigures> {
  const page: Page = await context.newPage();
  try {
    await page.goto(url);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForLoadState('networkidle');
    const loading = [ar.common.loading, en.common.loading];
    await page.waitForFunction((texts) => ![...document.querySelectorAll('[role="status"]')].some((el) => texts.includes((el.textContent ?? '').trim())), loading);
    return await page.evaluate(() => new Promise<PaintFigures>((resolve) => {
      new PerformanceObserver((list) => {
        const entries = list.getEntries() as Array<PerformanceEntry & { element?: Element | null }>;
        const last = entries.at(-1)!;
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
        const element = last.element ? `${last.element.tagName.toLowerCase()} ${(last.element.textContent ?? '').trim().slice(0, 40)}` : '(removed)';
        resolve({ lcpMs: last.startTime, fcpMs: fcp, lcpElement: element });
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    }));
  } finally {
    await page.close();
  }
}

async function series(browser: Browser, baseURL: string, url: string, runs: number, storageState?: Awaited<ReturnType<BrowserContext['storageState']>>) {
  const once = async () => {
    const context = await newPortalContext(browser, { baseURL, serviceWorker: 'allow' });
    if (storageState) await context.addCookies(storageState.cookies);
    try {
      return await measure(context, url);
    } finally {
      await context.close();
    }
  };
  await once();
  const figures: PaintFigures[] = [];
  for (let i = 0; i < runs; i++) figures.push(await once());
  const lcp = figures.map((f) => f.lcpMs);
  return {
    lcp: { median: round(median(lcp)), worst: round(Math.max(...lcp)) },
    fcpMedian: round(median(figures.map((f) => f.fcpMs))),
    element: figures.at(-1)!.lcpElement,
  };
}

export async function run(args: string[]): Promise<void> {
  const runs = Number(option(args, 'runs', '5'));
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number ≥ 1');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tasdeed-bench-portal-'));
  const server = await npmStart(dataDir);
  const browser = await launchChromium({ full: true });
  try {
    const quickPay = await series(browser, server.url, '/', runs);

    const citizen = demoPeople(1)[0]!;
    const signIn = await newPortalContext(browser, { baseURL: server.url, serviceWorker: 'allow' });
    await signInThroughForm(await signIn.newPage(), { civilId: citizen.civilId }, DEMO_PASSWORD, '/dashboard');
    const session = await signIn.storageState();
    await signIn.close();
    const dashboard = await series(browser, server.url, '/dashboard', runs, session);

    console.log(JSON.stringify({
      scenario: 'portal',
      quickPayLcpMs: quickPay.lcp,
      dashboardLcpMs: dashboard.lcp,
      targetMs: TARGET_MS,
      met: quickPay.lcp.worst < TARGET_MS && dashboard.lcp.worst < TARGET_MS,
      quickPayFcpMedianMs: quickPay.fcpMedian,
      dashboardFcpMedianMs: dashboard.fcpMedian,
      quickPayLcpElement: quickPay.element,
      dashboardLcpElement: dashboard.element,
      runs,
      loadAverage1m: round(loadavg()[0]!, 2),
    }));
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
