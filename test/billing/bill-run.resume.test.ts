// A bill run is idempotent and resumable: repeated, or stopped half way (a batch fails after others committed),
// the next run finishes the rest and every account ends with exactly one bill, one payable, one ledger transaction
// and one bill.issued event; the ledger balances. (bill-run.kill.test.ts kills a real `tasdeed bill-run`.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { seedFoundation } from '../../src/db/seed/foundation.seed.js';
import { seedReferenceTariffs } from '../../src/modules/tariffs/tariffs.seed.js';
import { runBillRun } from '../../src/modules/billing/bill-run.service.js';
import { seedAccounts } from '../../bench/bill-run.js';
import { billingCounts, expectBalancedLedger, staff } from './support.js';

let t: TestApp;
const ACCOUNTS = 120;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-10-28T12:00:00+03:00' });
  await seedFoundation(t.ctx, { people: 0 });
  await seedReferenceTariffs(t.ctx);
  await seedAccounts(t.database, ACCOUNTS);
});
afterAll(async () => t?.close());

describe('bill run resumption', () => {
  it('stops when a batch fails half way, and the next run bills exactly the rest', async () => {
    const stopped = runBillRun(t.ctx, staff, { billerCode: 'mew-electricity', period: '2026-10' }, {
      batchSize: 25,
      afterBatch: (n) => { if (n === 2) throw new Error('simulated crash after the second batch'); },
    });
    await expect(stopped).rejects.toThrow(/simulated crash/);
    expect((await billingCounts(t.ctx, '2026-10')).bills).toBe(50);

    const finished = await runBillRun(t.ctx, staff, { billerCode: 'mew-electricity', period: '2026-10' }, { batchSize: 25 });
    expect(finished).toMatchObject({ status: 'completed', billedCount: ACCOUNTS, totalAccounts: ACCOUNTS, failedCount: 0 });
    const after = await billingCounts(t.ctx, '2026-10');
    expect(after).toMatchObject({ bills: ACCOUNTS, accounts: ACCOUNTS, payables: ACCOUNTS, events: ACCOUNTS });
    expect(after.postings).toBe(after.billed_above_zero);
    await expectBalancedLedger(t.ctx);
  });

  it('creates nothing when the same period runs again', async () => {
    const before = await billingCounts(t.ctx, '2026-10');
    const again = await runBillRun(t.ctx, staff, { billerCode: 'mew-electricity', period: '2026-10' }, { batchSize: 25 });
    expect(again).toMatchObject({ status: 'completed', billedCount: ACCOUNTS });
    expect(await billingCounts(t.ctx, '2026-10')).toEqual(before);
  });

});
