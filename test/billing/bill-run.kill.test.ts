// Kills a real `tasdeed bill-run` process (SIGKILL, no chance to clean up) half way through, then runs the period
// again: the dead process's lease is taken over at once (same machine, process gone), the rest is billed, and
// every account has exactly one bill, payable, posting and event; the ledger balances. PostgreSQL only: the child
// process needs a database it can share with the test.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDatabaseKind } from '../support/database.js';
import { waitUntil } from '../support/wait.js';
import { seedFoundation } from '../../src/db/seed/foundation.seed.js';
import { seedReferenceTariffs } from '../../src/modules/tariffs/tariffs.seed.js';
import { runBillRun } from '../../src/modules/billing/bill-run.service.js';
import { queryRows } from '../../src/db/query-rows.js';
import { seedAccounts } from '../../bench/bill-run.js';
import { billingCounts, expectBalancedLedger, staff } from './support.js';

const onPostgres = testDatabaseKind() === 'postgres';
const ACCOUNTS = 300;
let t: TestApp;

beforeAll(async () => {
  if (!onPostgres) return;
  t = await createTestApp({ now: '2026-10-28T12:00:00+03:00' });
  await seedFoundation(t.ctx, { people: 0 });
  await seedReferenceTariffs(t.ctx);
  await seedAccounts(t.database, ACCOUNTS);
});
afterAll(async () => t?.close());

describe.runIf(onPostgres)('a killed bill run', () => {
  it('is finished by the next run with exactly one bill per account and a balanced ledger', async () => {
    // Period 2026-10 has ended by the machine's clock too, which is the one the command uses.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'bill-run', '--biller', 'mew-electricity', '--period', '2026-10', '--batch-size', '3', '--concurrency', '1'], {
      env: { ...process.env, DATABASE_URL: t.database.url, LOG_LEVEL: 'silent' }, stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await waitUntil(async () => {
      const [run] = await queryRows<{ billed: number }>(t.ctx.db, sql`SELECT billed_count AS billed FROM bill_runs WHERE period = '2026-10'`);
      return (run?.billed ?? 0) > 0;
    }, 'the child to bill its first batch', { intervalMs: 10 });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const partial = await billingCounts(t.ctx, '2026-10');
    expect(partial.bills).toBeGreaterThan(0);
    expect(partial.bills).toBeLessThan(ACCOUNTS);
    const [held] = await queryRows<{ lease_owner: string | null; status: string }>(t.ctx.db, sql`SELECT lease_owner, status FROM bill_runs WHERE period = '2026-10'`);
    expect(held).toMatchObject({ status: 'running', lease_owner: expect.stringContaining(`:${child.pid}:`) });

    const finished = await runBillRun(t.ctx, staff, { billerCode: 'mew-electricity', period: '2026-10' }, { batchSize: 50 });
    expect(finished).toMatchObject({ status: 'completed', billedCount: ACCOUNTS, failedCount: 0 });
    const after = await billingCounts(t.ctx, '2026-10');
    expect(after).toMatchObject({ bills: ACCOUNTS, accounts: ACCOUNTS, payables: ACCOUNTS, events: ACCOUNTS });
    expect(after.postings).toBe(after.billed_above_zero);
    await expectBalancedLedger(t.ctx);
  });
});
