// Screenshots for docs/screenshots/: `<page>-<lang>-<desktop|phone>.png`, at 1280×800 and 360×740.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { FormFactor } from './browser.js';

export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

export function screenshotPath(pageName: string, language: 'ar' | 'en', formFactor: FormFactor): string {
  if (!/^[a-z0-9-]+$/.test(pageName)) throw new Error(`screenshot names are lower-case words and dashes: ${pageName}`);
  return path.join(SCREENSHOT_DIR, `${pageName}-${language}-${formFactor}.png`);
}

/** Waits for the fonts the page uses, then saves the whole page; returns the file written. */
export async function saveScreenshot(page: Page, pageName: string, language: 'ar' | 'en', formFactor: FormFactor): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const file = screenshotPath(pageName, language, formFactor);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}
