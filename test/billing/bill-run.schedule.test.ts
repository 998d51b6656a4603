import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.js';
import { seedDemo } from '../../src/db/seed/index.js';
import { latestEndedPeriod, runDueBillRuns } from '../../src/modules/billing/bill-run.schedule.js';
import { listBillRuns } from '../../src/modules/billing/bill-run.service.js';
import { billingCounts, staff } from './support.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-22T10:00:00+03:00' });
  await seedDemo(t.ctx, { people: 3 });
});
afterAll(async () => t?.close());

describe('the bill day schedule', () => {
  it('knows the latest period whose bill day has come', () => {
    expect(latestEndedPeriod('2026-11-22', 28)).toBe('2026-10');
    expect(latestEndedPeriod('2026-11-28', 28)).toBe('2026-11');
    expect(latestEndedPeriod('2026-01-05', 28)).toBe('2025-12');
    expect(latestEndedPeriod('2026-03-01', 1)).toBe('2026-03');
  });

  it('does nothing before the bill day, bills every utility on it, and nothing more after', async () => {
    expect(await runDueBillRuns(t.ctx)).toEqual([]);
    t.clock.set('2026-11-28T00:30:00+03:00');
    const outcomes = await runDueBillRuns(t.ctx);
    expect(outcomes).toEqual([
      { billerCode: 'mew-electricity', period: '2026-11', outcome: 'completed' },
      { billerCode: 'mew-water', period: '2026-11', outcome: 'completed' },
      { billerCode: 'sec-electricity', period: '2026-11', outcome: 'completed' },
    ]);
    const counts = await billingCounts(t.ctx, '2026-11');
    expect(counts.bills).toBeGreaterThan(0);
    expect(await runDueBillRuns(t.ctx)).toEqual([]);
    expect(await billingCounts(t.ctx, '2026-11')).toEqual(counts);
  });

  it('resumes a run that was interrupted', async () => {
    await t.ctx.db.execute(sql`UPDATE bill_runs SET status = 'interrupted', finished_at = NULL WHERE biller_code = 'mew-water' AND period = '2026-11'`);
    t.clock.set('2026-11-29T09:00:00+03:00');
    expect(await runDueBillRuns(t.ctx)).toEqual([{ billerCode: 'mew-water', period: '2026-11', outcome: 'completed' }]);
    const runs = await listBillRuns(t.ctx, staff, 'mew-water');
    expect(runs[0]).toMatchObject({ period: '2026-11', status: 'completed' });
  });
});
