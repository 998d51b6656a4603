import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { getBillRun, runBillRun } from '../../src/modules/billing/bill-run.service.js';
import { billOfAccount } from '../../src/modules/billing/bills.service.js';
import { openTestAccount, read, seedBilling, staff } from './support.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';

let t: TestApp;
let people: SeededPerson[];

beforeAll(async () => {
  t = await createTestApp({ now: '2026-08-31T12:00:00+03:00' });
  people = await seedBilling(t.ctx);
});
afterAll(async () => t?.close());

describe('estimation then correction', () => {
  it('bills actual use, then an estimate, then corrects the estimate with the next actual reading', async () => {
    const { account, meter } = await openTestAccount(t.ctx, { civilId: people[0]!.civilId, installedOn: '2026-08-01' });
    await read(t.ctx, meter.meterNumber, 900, '2026-08-31');

    t.clock.set('2026-09-28T12:00:00+03:00');
    const september = await runBillRun(t.ctx, staff, { billerCode: 'mew-electricity', period: '2026-09' });
    expect((await getBillRun(t.ctx, staff, september.id)).failures).toEqual([]);
    expect(september.status).toBe('completed');
    const first = await billOfAccount(t.ctx, account.id, '2026-09');
    expect(first).toMatchObject({ estimated: false, consumption: 900n, amount: 1800n });

    t.clock.set('2026-10-28T12:00:00+03:00');
    await runBillRun(t.ctx, staff, { billerCode: 'mew-electricity', period: '2026-10' });
    const estimate = await billOfAccount(t.ctx, account.id, '2026-10');
    // 900 kWh over 30 days; the period 2026-09-29 … 2026-10-28 has 30 days.
    expect(estimate).toMatchObject({ estimated: true, consumption: 900n, amount: 1800n });

    t.clock.set('2026-11-20T12:00:00+03:00');
    await read(t.ctx, meter.meterNumber, 2100, '2026-11-20');
    t.clock.set('2026-11-28T12:00:00+03:00');
    await runBillRun(t.ctx, staff, { billerCode: 'mew-electricity', period: '2026-11' });
    const corrected = await billOfAccount(t.ctx, account.id, '2026-11');
    expect(corrected).toMatchObject({ estimated: false, consumption: 1200n, amount: 600n });
    expect(corrected!.lines.map((l) => [l.kind, l.amount])).toEqual([['consumption', 2400n], ['estimate_correction', -1800n], ['previous_balance', 3600n]]);
  });
});
