// The officer's form shows the fine the server will record (GET /api/v1/violation-types/fine), never a copy of
// the rules: for a speed in every band of the catalogue, the preview on the form equals the amount recorded.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { demoPlate } from '../../src/modules/fines/demo-data.js';
import ar from '../../web/src/i18n/ar.json';
import { formatAmount } from '../../web/src/i18n/format.js';
import { browserAvailability } from './support/browser.js';
import { eventually, plain, signInThroughForm } from './support/portal.js';
import { portalUnderTest } from './support/portal-under-test.js';

const browserCheck = browserAvailability();

describe.skipIf(!browserCheck.available)('the officer’s fine preview', () => {
  const portal = portalUnderTest();

  it('equals the recorded fine for a speed in every speeding band (165 in a 120 zone is 150.000)', async () => {
    const catalogue = (await (await fetch(`${portal.server.url}/api/v1/violation-types`)).json()) as { types: Array<{ code: string; isSpeeding: boolean; speedingBands: Array<{ overFromKmh: number; overToKmh: number | null; amount: string }> }> };
    const speeding = catalogue.types.find((type) => type.isSpeeding)!;
    expect(speeding.speedingBands.length).toBeGreaterThan(1);
    const page = await (await portal.contexts.get('officer', { language: 'ar' })).newPage();
    await signInThroughForm(page, { username: 'officer' }, DEMO_PASSWORD, '/staff/violations/new');
    const preview = page.getByTestId('fine-preview');
    const limitKmh = 120;
    const overs = speeding.speedingBands.map((band) => (band.overToKmh ?? band.overFromKmh + 5 + 20));
    overs[overs.length - 1] = 45; // the reported case: 165 km/h in a 120 zone
    for (const [index, over] of overs.entries()) {
      await page.locator('input[name="plate"]').fill(demoPlate(3, (index % 2) as 0 | 1));
      await page.locator('select[name="typeCode"]').selectOption(speeding.code);
      await page.locator('input[name="place"]').fill('الدائري السادس');
      expect(plain(await preview.innerText())).toBe(ar.officer.fineNeedsSpeed);
      await page.locator('input[name="speedKmh"]').fill(String(limitKmh + over));
      await page.locator('input[name="limitKmh"]').fill(String(limitKmh));
      const band = speeding.speedingBands.find((b) => over > b.overFromKmh && (b.overToKmh === null || over <= b.overToKmh))!;
      const expected = plain(`${ar.officer.fine}: ${formatAmount(band.amount, 'KWD', 'ar')}`);
      await eventually(async () => (plain(await preview.innerText()) === expected ? true : undefined), `the preview for ${over} km/h over`);
      await page.getByTestId('record').click();
      const recorded = page.getByTestId('recorded');
      await recorded.waitFor();
      expect(plain(await recorded.innerText())).toContain(plain(formatAmount(band.amount, 'KWD', 'ar')));
      if (over === 45) expect(band.amount).toBe('150.000');
      await recorded.getByRole('button').click();
      await page.locator('input[name="plate"]').waitFor();
    }
    await page.close();
  });
});
