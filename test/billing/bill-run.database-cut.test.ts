// The database goes away while a bill run writes a batch: the run stops (to be resumed) instead of recording the
// batch's accounts as failures of their own, and the resumed run bills every one of them, once. The cut is a database
// whose transactions fail with node-postgres's "Connection terminated unexpectedly" while the test says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/query-rows.js';
import { createTestApp, type TestApp } from '../support/app.js';
import type { Database } from '../../src/db/client.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { getBillRun, runBillRun } from '../../src/modules/billing/bill-run.service.js';
import { billOfAccount } from '../../src/modules/billing/bills.service.js';
import { expectBalancedLedger, openTestAccount, read, seedBilling, staff } from './support.js';

let t: TestApp;
let people: SeededPerson[];

beforeAll(async () => {
  t = await createTestApp({ now: '2026-10-31T12:00:00+03:00' });
  people = await seedBilling(t.ctx);
});
afterAll(async () => t?.close());

/** The same database, whose next `failing` transactions fail as a dropped connection does. */
function cuttable(db: Database): { db: Database; cut(transactions: number): void; calls(): number } {
  let failing = 0;
  let calls = 0;
  const cutDb = new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'transaction') {
        return (work: unknown, config?: unknown) => {
          calls++;
          if (failing > 0) {
            failing--;
            return Promise.reject(new Error('Connection terminated unexpectedly'));
          }
          return (target.transaction as (w: unknown, c?: unknown) => Promise<unknown>)(work, config);
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: cutDb, cut: (transactions) => { failing = transactions; }, calls: () => calls };
}

describe('a bill run when the database goes away mid-batch', () => {
  it('stops instead of failing the accounts, and the resumed run bills them all', async () => {
    const opened = [];
    t.clock.set('2026-11-28T12:00:00+03:00');
    for (const person of people.slice(0, 3)) {
      const { account, meter } = await openTestAccount(t.ctx, { civilId: person.civilId, installedOn: '2026-10-01' });
      await read(t.ctx, meter.meterNumber, 2000, '2026-11-27');
      opened.push(account);
    }
    const database = cuttable(t.ctx.db);
    const ctx = { ...t.ctx, db: database.db };
    // Cut: the batch's transaction and the next two. Were the run to fall back to billing account by account, the
    // first two accounts would be cut too and recorded as the run's failures, the rest billed.
    database.cut(3);
    const stopped = await runBillRun(ctx, staff, { billerCode: 'mew-electricity', period: '2026-11' }).then(() => undefined, (error: unknown) => error);
    expect(stopped).toBeInstanceOf(Error);
    expect((stopped as Error).message).toBe('Connection terminated unexpectedly');
    expect(database.calls()).toBe(1);
    const [first] = await queryRows<{ id: string; status: string; failed_count: number }>(t.ctx.db, sql`
      SELECT id, status, failed_count FROM bill_runs WHERE period = '2026-11' AND biller_code = 'mew-electricity'`);
    expect(first).toMatchObject({ status: 'failed', failed_count: 0 });
    expect((await getBillRun(t.ctx, staff, first!.id)).failures).toEqual([]);
    for (const account of opened) expect(await billOfAccount(t.ctx, account.id, '2026-11')).toBeUndefined();

    // The database is back: asked again, the run bills every account, once, with no failure.
    const resumed = await runBillRun(t.ctx, staff, { billerCode: 'mew-electricity', period: '2026-11' });
    expect(resumed).toMatchObject({ status: 'completed', failedCount: 0 });
    for (const account of opened) expect(await billOfAccount(t.ctx, account.id, '2026-11')).toBeDefined();
    await expectBalancedLedger(t.ctx);
  });
});
