// The bill day schedule after a crash that outlived a bill day: the run of an earlier period, left unfinished
// (failed in-process, held by a holder elsewhere, or its process SIGKILLed), is resumed by the schedule before the
// latest period is started, and the latest waits while an earlier run is still held. Every account ends with
// exactly one bill of each period, nothing is billed twice, and the ledger balances. The SIGKILL case runs on
// PostgreSQL only (the killed child shares the test's database).
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDatabaseKind } from '../support/database.js';
import { waitUntil } from '../support/wait.js';
import { seedFoundation } from '../../src/db/seed/foundation.seed.js';
import { seedReferenceTariffs } from '../../src/modules/tariffs/tariffs.seed.js';
import { runBillRun } from '../../src/modules/billing/bill-run.service.js';
import { runDueBillRuns } from '../../src/modules/billing/bill-run.schedule.js';
import { queryRows } from '../../src/db/query-rows.js';
import { seedAccounts } from '../../bench/bill-run.js';
import { billingCounts, expectBalancedLedger, staff } from './support.js';

const onPostgres = testDatabaseKind() === 'postgres';
const ACCOUNTS = 120;
const BILLER = 'mew-electricity';

async function startApp(accounts: number): Promise<TestApp> {
  const app = await createTestApp({ now: '2026-10-28T12:00:00+03:00' });
  await seedFoundation(app.ctx, { people: 0 });
  await seedReferenceTariffs(app.ctx);
  await seedAccounts(app.database, accounts);
  return app;
}

async function expectOneBillEach(app: TestApp, period: string, accounts: number): Promise<void> {
  const counts = await billingCounts(app.ctx, period);
  expect(counts).toMatchObject({ bills: accounts, accounts, payables: accounts, events: accounts });
  expect(counts.postings).toBe(counts.billed_above_zero);
}

/** Runs a period in-process and stops it after its second batch, as a crash would. */
async function crashHalfWay(app: TestApp, period: string): Promise<void> {
  const stopped = runBillRun(app.ctx, staff, { billerCode: BILLER, period }, {
    batchSize: 25,
    afterBatch: (n) => { if (n === 2) throw new Error('simulated crash after the second batch'); },
  });
  await expect(stopped).rejects.toThrow(/simulated crash/);
  expect((await billingCounts(app.ctx, period)).bills).toBe(50);
}

describe('the bill day schedule resumes runs of earlier periods', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startApp(ACCOUNTS); });
  afterAll(async () => t?.close());

  it('finishes a run that crashed on the last bill day first, then bills the new period; a second pass creates nothing', async () => {
    await crashHalfWay(t, '2026-10');
    // The process came back only after the next bill day.
    t.clock.set('2026-11-28T01:00:00+03:00');
    expect(await runDueBillRuns(t.ctx, { batchSize: 25 })).toEqual([
      { billerCode: BILLER, period: '2026-10', outcome: 'completed' },
      { billerCode: BILLER, period: '2026-11', outcome: 'completed' },
    ]);
    await expectOneBillEach(t, '2026-10', ACCOUNTS);
    await expectOneBillEach(t, '2026-11', ACCOUNTS);
    await expectBalancedLedger(t.ctx);

    const before = [await billingCounts(t.ctx, '2026-10'), await billingCounts(t.ctx, '2026-11')];
    expect(await runDueBillRuns(t.ctx, { batchSize: 25 })).toEqual([]);
    expect([await billingCounts(t.ctx, '2026-10'), await billingCounts(t.ctx, '2026-11')]).toEqual(before);
  });

  it('lets the new period wait while another machine holds the earlier run, and resumes it once that lease runs out', async () => {
    t.clock.set('2026-12-28T12:00:00+03:00');
    await crashHalfWay(t, '2026-12');
    // As if a worker on another machine had taken the run and died with its lease still running.
    await t.ctx.db.execute(sql`UPDATE bill_runs SET status = 'running', lease_owner = 'elsewhere:4242:abcdef',
      lease_until = '2027-01-28T01:02:00+03:00' WHERE biller_code = ${BILLER} AND period = '2026-12'`);
    t.clock.set('2027-01-28T01:00:00+03:00');
    expect(await runDueBillRuns(t.ctx, { batchSize: 25 })).toEqual([
      { billerCode: BILLER, period: '2026-12', outcome: 'in_progress_elsewhere' },
      { billerCode: BILLER, period: '2027-01', outcome: 'waits_for_earlier_period' },
    ]);
    expect((await billingCounts(t.ctx, '2026-12')).bills).toBe(50);
    expect((await billingCounts(t.ctx, '2027-01')).bills).toBe(0);

    t.clock.set('2027-01-28T01:05:00+03:00');
    expect(await runDueBillRuns(t.ctx, { batchSize: 25 })).toEqual([
      { billerCode: BILLER, period: '2026-12', outcome: 'completed' },
      { billerCode: BILLER, period: '2027-01', outcome: 'completed' },
    ]);
    await expectOneBillEach(t, '2026-12', ACCOUNTS);
    await expectOneBillEach(t, '2027-01', ACCOUNTS);
    await expectBalancedLedger(t.ctx);
  });
});

describe.runIf(onPostgres)('a bill run process SIGKILLed mid-run, then the schedule in a fresh process', () => {
  const KILLED_ACCOUNTS = 300;
  let t: TestApp;
  beforeAll(async () => { if (onPostgres) t = await startApp(KILLED_ACCOUNTS); });
  afterAll(async () => t?.close());

  it('resumes the killed run of the earlier period, then bills the new one: none twice, none lost, ledger balanced', async () => {
    // Period 2026-10 has ended by the machine's clock too, which is the one the command uses.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'bill-run', '--biller', BILLER, '--period', '2026-10', '--batch-size', '3', '--concurrency', '1'], {
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
    expect(partial.bills).toBeLessThan(KILLED_ACCOUNTS);
    const [held] = await queryRows<{ lease_owner: string | null; status: string }>(t.ctx.db, sql`SELECT lease_owner, status FROM bill_runs WHERE period = '2026-10'`);
    expect(held).toMatchObject({ status: 'running', lease_owner: expect.stringContaining(`:${child.pid}:`) });

    // The schedule's next pass, after the next bill day, in this (another) process: the dead holder is on this
    // machine, so its lease is taken over at once.
    t.clock.set('2026-11-28T01:00:00+03:00');
    expect(await runDueBillRuns(t.ctx, { batchSize: 50, concurrency: 2 })).toEqual([
      { billerCode: BILLER, period: '2026-10', outcome: 'completed' },
      { billerCode: BILLER, period: '2026-11', outcome: 'completed' },
    ]);
    await expectOneBillEach(t, '2026-10', KILLED_ACCOUNTS);
    await expectOneBillEach(t, '2026-11', KILLED_ACCOUNTS);
    const runs = await queryRows<{ period: string; status: string; billed_count: number; failed_count: number }>(t.ctx.db, sql`
      SELECT period, status, billed_count, failed_count FROM bill_runs WHERE biller_code = ${BILLER} ORDER BY period`);
    expect(runs).toEqual([
      { period: '2026-10', status: 'completed', billed_count: KILLED_ACCOUNTS, failed_count: 0 },
      { period: '2026-11', status: 'completed', billed_count: KILLED_ACCOUNTS, failed_count: 0 },
    ]);
    await expectBalancedLedger(t.ctx);
  });
});
