// Renders the portal's PNG icons (web/public/icons/icon-<size>.png and the maskable ones) from the two SVGs beside
// them, with the same Chromium the browser tests use. Run after changing an SVG: `npx tsx scripts/render-icons.ts`.
// The PNGs are committed: installing the portal needs 192 and 512 px raster icons, and the build adds no tool for it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ICONS = fileURLToPath(new URL('../web/public/icons/', import.meta.url));
const CHROMIUM_PATH = process.env.TASDEED_CHROMIUM_PATH ?? '/usr/bin/chromium';
const RENDERS = [
  { svg: 'icon.svg', png: 'icon-192.png', size: 192 },
  { svg: 'icon.svg', png: 'icon-512.png', size: 512 },
  { svg: 'icon-maskable.svg', png: 'icon-maskable-192.png', size: 192 },
  { svg: 'icon-maskable.svg', png: 'icon-maskable-512.png', size: 512 },
];

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  for (const { svg, png, size } of RENDERS) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const source = await readFile(path.join(ICONS, svg), 'utf8');
    await page.setContent(`<html><body style="margin:0;background:transparent">${source.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
    await page.screenshot({ path: path.join(ICONS, png), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    console.log(`${png} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
