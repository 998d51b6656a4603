// Prepaid water, end to end: a tanker operator tops up the wallet on the portal and pays through KNET (the
// in-process simulator); `tasdeed dev station`, run as its own process against the server, fills the truck over the
// signed terminal protocol; the operator's statement then shows the top-up and the filling, and the admin's station
// report shows its gallons and KD with the headline figure. Both pages pass axe.
import { spawn } from 'node:child_process';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClients } from '../../src/db/schema/index.js';
import { DEMO_API_CLIENTS, DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { demoPeople } from '../../src/db/seed/foundation.seed.js';
import { encryptSecret } from '../../src/modules/identity/secrets.js';
import { seedPrepaidReference } from '../../src/modules/prepaid/index.js';
import ar from '../../web/src/i18n/ar.json';
import en from '../../web/src/i18n/en.json';
import { formatAmount, formatNumber } from '../../web/src/i18n/format.js';
import { seriousAccessibilityViolations } from './support/axe.js';
import { browserAvailability } from './support/browser.js';
import { eventually, plain, signInThroughForm } from './support/portal.js';
import { portalUnderTest } from './support/portal-under-test.js';
import { REPO_ROOT } from './support/server.js';

const browserCheck = browserAvailability();
const operatorPerson = demoPeople(8)[7]!;
const PLATE = '40/1011';
const station = DEMO_API_CLIENTS.find((client) => client.role === 'station')!;

/** An admin's API session from Node (the set-up the portal has no pages for: stations, operators, trucks). */
async function adminApi(baseUrl: string) {
  const login = await fetch(`${baseUrl}/api/v1/auth/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
  expect(login.status, await login.clone().text()).toBe(200);
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = cookies.find((c) => c.startsWith('tasdeed_csrf='))!.split('=')[1]!;
  return async (path: string, body: object) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: cookies.join('; '), 'x-csrf-token': csrf }, body: JSON.stringify(body),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as { id: string };
  };
}

/** `tasdeed dev station` as a separate process, as a person would run it beside `tasdeed serve --demo`. */
function devStation(baseUrl: string, args: string[]): Promise<{ code: number | null; results: Array<{ mode: string; gallons: number; charged?: string | null }>; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'dev', 'station', '--url', baseUrl, ...args], {
    cwd: REPO_ROOT, env: { ...process.env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  return new Promise((resolve) => child.on('close', (code) => {
    const last = output.split('\n').filter((line) => line.startsWith('[')).at(-1);
    resolve({ code, output, results: last ? JSON.parse(last) : [] });
  }));
}

async function expectAccessible(page: Page, what: string) {
  expect(await seriousAccessibilityViolations(page), what).toEqual([]);
}

describe.skipIf(!browserCheck.available)('prepaid water: top up through KNET, fill at the station, see it on the portal', () => {
  const portal = portalUnderTest();

  beforeAll(async () => {
    const { ctx } = portal.server;
    await seedPrepaidReference(ctx);
    // The shared demo database was sealed under the development secret, and `serve --demo` in memory makes a
    // random one per process: seal the demo terminal's key again under this server's, as a first start would have.
    await ctx.db.update(apiClients).set({ secretCiphertext: encryptSecret(station.secret, ctx.config.secret) }).where(eq(apiClients.keyId, station.keyId));
    const [terminal] = await ctx.db.select().from(apiClients).where(eq(apiClients.keyId, station.keyId));
    const post = await adminApi(portal.server.url);
    await post('/api/v1/prepaid/stations', {
      code: 'ST-01', nameAr: 'محطة الشعيبة', nameEn: 'Shuaiba station', latitude: 29.04, longitude: 48.14, nozzles: 4,
      opensAt: '00:00', closesAt: '00:00', terminalClientId: terminal!.id,
    });
    const operator = await post('/api/v1/prepaid/operators', { kind: 'person', civilId: operatorPerson.civilId, nameAr: 'صهاريج سالم', nameEn: 'Salem Tankers' });
    await post(`/api/v1/prepaid/operators/${operator.id}/trucks`, { plate: PLATE, tankCapacityGallons: 5000 });
  });

  it('the operator tops up 5 KD through KNET, the truck fills 2,000 gallons, and the statement shows both (Arabic)', async () => {
    const page = await (await portal.contexts.get('operator', { language: 'ar' })).newPage();
    await signInThroughForm(page, { civilId: operatorPerson.civilId }, DEMO_PASSWORD, '/prepaid');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(ar.prepaid.wallet.title);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByTestId('wallet').waitFor();
    expect(plain(await page.getByTestId('wallet-available').innerText())).toBe(plain(formatAmount('0.000', 'KWD', 'ar')));
    await expectAccessible(page, 'the empty wallet');

    // A wrong amount is refused at its box, before anything is asked of the server.
    await page.locator('input[name="amount"]').fill('1.2345');
    await page.getByTestId('topup-pay').click();
    await page.getByText(ar.prepaid.topup.amountInvalid).waitFor();

    await page.locator('input[name="amount"]').fill('٥');
    await page.getByTestId('topup-pay').click();
    await page.waitForURL((url) => url.pathname.endsWith('/kpg/PaymentHTTP.htm'));
    await page.locator('button.approve').click();
    await page.waitForURL((url) => url.pathname.startsWith('/pay/result/pay_'));
    await page.locator('[data-testid="payment-result"]:not([data-ending="loading"])').waitFor();
    expect(await page.getByTestId('payment-result').getAttribute('data-ending')).toBe('paid');

    await page.goto('/prepaid');
    await page.getByTestId('wallet').waitFor();
    expect(plain(await page.getByTestId('wallet-available').innerText())).toBe(plain(formatAmount('5.000', 'KWD', 'ar')));
    const topup = page.getByTestId('wallet-topup');
    expect(await topup.count()).toBe(1);
    expect(await topup.getAttribute('data-status')).toBe('credited');
    expect(plain(await topup.innerText())).toContain(ar.prepaid.topups.status.credited);

    // 2,000 gallons at 0.275 KD per 1,000 is 0.550 KD; a fast flow so the fill takes seconds, not minutes.
    const filled = await devStation(portal.server.url, ['--plate', PLATE, '--gallons', '2000', '--flow', '30000', '--report-ms', '200']);
    expect(filled.code, filled.output).toBe(0);
    expect(filled.results).toEqual([expect.objectContaining({ mode: 'online', gallons: 2000, charged: '0.550' })]);

    await page.reload();
    await page.getByTestId('wallet').waitFor();
    expect(plain(await page.getByTestId('wallet-available').innerText())).toBe(plain(formatAmount('4.450', 'KWD', 'ar')));
    const fill = page.getByTestId('wallet-dispense');
    expect(await fill.count()).toBe(1);
    const row = plain(await fill.innerText());
    for (const text of ['محطة الشعيبة', 'ST-01', PLATE, formatNumber(2000, 'ar'), formatAmount('0.550', 'KWD', 'ar')]) expect(row).toContain(plain(text));
    await expectAccessible(page, 'the statement with a top-up and a filling');
    await page.close();
  });

  it('the admin’s station report shows the filling by day and by month, with the headline and the price obtained (English)', async () => {
    const page = await (await portal.contexts.get('admin', { language: 'en' })).newPage();
    await signInThroughForm(page, { username: 'admin' }, DEMO_PASSWORD, '/staff');
    await page.getByTestId('tool-prepaidStations').click();
    await page.waitForURL((url) => url.pathname === '/staff/prepaid');
    await page.getByRole('heading', { level: 1, name: en.prepaid.report.title }).waitFor();

    const row = page.locator('[data-testid="station-row"][data-station="ST-01"]');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    expect(plain(await row.getByTestId('row-gallons').innerText())).toBe('2,000');
    expect(plain(await row.getByTestId('row-amount').innerText())).toBe(plain(formatAmount('0.550', 'KWD', 'en')));
    expect(await row.getAttribute('data-period')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(plain(await page.getByTestId('headline-amount').innerText())).toBe(plain(formatAmount('0.550', 'KWD', 'en')));
    expect(plain(await page.getByTestId('headline-gallons').innerText())).toBe('0.002');
    expect(plain(await page.getByTestId('headline-price').innerText())).toBe(plain(formatAmount('0.275', 'KWD', 'en')));
    expect(await page.getByTestId('chart-stations').count()).toBe(1);
    await expectAccessible(page, 'the station report by day');

    await page.locator('select[name="by"]').selectOption('month');
    const monthRow = await eventually(async () => {
      const period = await page.locator('[data-testid="station-row"][data-station="ST-01"]').getAttribute('data-period').catch(() => null);
      return period && /^\d{4}-\d{2}$/.test(period) ? period : undefined;
    }, 'the report grouped by month');
    expect(monthRow).toHaveLength(7);
    expect(plain(await page.getByTestId('station-rows').innerText())).toContain(en.prepaid.report.rowsByMonth);
    await expectAccessible(page, 'the station report by month');
    await page.close();
  });
});
