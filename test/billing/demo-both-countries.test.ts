// The demo shows both countries (#16 point 10): a Saudi electricity biller billed on the 28th in riyals, beside
// Kuwait's, from the seed every demo starts with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.js';
import { queryRows } from '../../src/db/query-rows.js';
import { getBiller } from '../../src/modules/billers/index.js';
import { expectBalancedLedger, expectBilledAsMetered } from './support.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ seeded: 'demo' });
});
afterAll(async () => t?.close());

describe('the demo seed', () => {
  it('has a Saudi electricity biller in SAR, billed on the 28th, with a year of bills', async () => {
    expect(await getBiller(t.ctx, 'sec-electricity')).toMatchObject({ kind: 'utility', currency: 'SAR', billDay: 28 });
    const bills = await queryRows<{ account_id: string; currency: string; issued_on: string; amount: string }>(t.ctx.db, sql`
      SELECT account_id, currency, issued_on::text, amount::text FROM bills WHERE biller_code = 'sec-electricity' ORDER BY period`);
    expect(bills.length).toBeGreaterThanOrEqual(12);
    expect(new Set(bills.map((b) => b.currency))).toEqual(new Set(['SAR']));
    expect(bills.every((b) => b.issued_on.endsWith('-28'))).toBe(true);
    expect(bills.some((b) => BigInt(b.amount) > 0n)).toBe(true);
    for (const accountId of new Set(bills.map((b) => b.account_id))) await expectBilledAsMetered(t.ctx, accountId);
    await expectBalancedLedger(t.ctx);
  });
});
