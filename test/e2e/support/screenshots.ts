// Screenshots `<page>-<lang>-<desktop|phone>.png`, at 1280×800 and 360×740. Only `npm run screenshots`
// (TASDEED_SCREENSHOTS=write) saves them into docs/screenshots/ for the README; in `npm test` screenshots.test.ts's
// phone pictures go to a temporary folder of the run, removed when it ends, so a test run leaves the work tree as it
// found it, and the journeys' pictures (saveReadmeScreenshot) are not taken.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import type { FormFactor } from './browser.js';

export const README_SCREENSHOT_DIR = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

let scratchDir: string | undefined;

/** docs/screenshots/ under `npm run screenshots`, otherwise the run's temporary folder (screenshots-global-setup.ts). */
export function screenshotDir(): string {
  if (process.env.TASDEED_SCREENSHOTS === 'write') return README_SCREENSHOT_DIR;
  scratchDir ??= providedDir() ?? mkdtempSync(path.join(tmpdir(), 'tasdeed-screenshots-'));
  return scratchDir;
}

function providedDir(): string | undefined {
  try {
    return inject('tasdeedScreenshotDir');
  } catch {
    return undefined;
  }
}

export function screenshotPath(pageName: string, language: 'ar' | 'en', formFactor: FormFactor): string {
  if (!/^[a-z0-9-]+$/.test(pageName)) throw new Error(`screenshot names are lower-case words and dashes: ${pageName}`);
  return path.join(screenshotDir(), `${pageName}-${language}-${formFactor}.png`);
}

/** Waits for the fonts the page uses, then saves the whole page; returns the file written. */
export async function saveScreenshot(page: Page, pageName: string, language: 'ar' | 'en', formFactor: FormFactor): Promise<string> {
  const file = screenshotPath(pageName, language, formFactor);
  mkdirSync(path.dirname(file), { recursive: true });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/**
 * A README picture taken along a journey (flows, kiosk, counter, reports, sign-in by code): saved by `npm run
 * screenshots` only. Under `npm test` it would be a whole-page capture into a temporary folder that nobody looks at;
 * screenshots.test.ts checks the capture itself there.
 */
export async function saveReadmeScreenshot(page: Page, pageName: string, language: 'ar' | 'en', formFactor: FormFactor): Promise<void> {
  if (process.env.TASDEED_SCREENSHOTS !== 'write') return;
  await saveScreenshot(page, pageName, language, formFactor);
}
