// The bill run's edge cases of issue #16, each reproduced: re-runs, new accounts, corrections, government accounts,
// dates. Every case ends with the ledger balanced and the account's billed consumption equal to its meter's advance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { getBillRun, runBillRun } from '../../src/modules/billing/bill-run.service.js';
import { billOfAccount } from '../../src/modules/billing/bills.service.js';
import { changeAccountStatus } from '../../src/modules/accounts/accounts.service.js';
import { expectBalancedLedger, expectBilledAsMetered, openTestAccount, read, seedBilling, staff } from './support.js';

let t: TestApp;
let people: SeededPerson[];
const run = (period: string, billerCode = 'mew-electricity') => runBillRun(t.ctx, staff, { billerCode, period });
const at = (day: string) => t.clock.set(`${day}T12:00:00+03:00`);

beforeAll(async () => {
  t = await createTestApp({ now: '2026-06-01T12:00:00+03:00' });
  people = await seedBilling(t.ctx);
});
afterAll(async () => t?.close());

describe('1. re-running an earlier period', () => {
  it('does not bill again what a later bill covers: an account that failed in July, billed in August', async () => {
    at('2026-06-01');
    const { account, meter } = await openTestAccount(t.ctx, { civilId: people[0]!.civilId, installedOn: '2026-06-01' });
    // No tariff for its category in July: the run records the failure.
    await t.ctx.db.execute(sql`UPDATE utility_accounts SET category = 'stables' WHERE id = ${account.id}`);
    at('2026-07-28');
    await read(t.ctx, meter.meterNumber, 1000, '2026-07-28');
    const july = await run('2026-07');
    expect((await getBillRun(t.ctx, staff, july.id)).failures.map((f) => f.accountId)).toContain(account.id);
    await t.ctx.db.execute(sql`UPDATE utility_accounts SET category = 'residential' WHERE id = ${account.id}`);
    at('2026-08-28');
    await read(t.ctx, meter.meterNumber, 2000, '2026-08-28');
    await run('2026-08');
    expect(await billOfAccount(t.ctx, account.id, '2026-08')).toMatchObject({ consumption: 2000n });

    // Following the CLI's advice: run July again. The August bill already covers July's readings.
    const again = await run('2026-07');
    expect(await billOfAccount(t.ctx, account.id, '2026-07')).toBeUndefined();
    const { failures, run: row } = await getBillRun(t.ctx, staff, again.id);
    expect(failures.map((f) => f.accountId)).not.toContain(account.id);
    expect(row.lastError).toContain('later period');
    await expectBilledAsMetered(t.ctx, account.id);
    await expectBalancedLedger(t.ctx);
  });

  it('does not bill a period an account was skipped in (disconnected) once a later bill covers it', async () => {
    at('2026-08-28');
    const { account, meter } = await openTestAccount(t.ctx, { civilId: people[1]!.civilId, installedOn: '2026-07-29' });
    await read(t.ctx, meter.meterNumber, 500, '2026-08-28');
    await run('2026-08');
    await changeAccountStatus(t.ctx, staff, account.accountNumber, 'disconnected');
    at('2026-09-28');
    await read(t.ctx, meter.meterNumber, 900, '2026-09-20');
    await run('2026-09');
    expect(await billOfAccount(t.ctx, account.id, '2026-09')).toBeUndefined();
    await changeAccountStatus(t.ctx, staff, account.accountNumber, 'active');
    at('2026-10-28');
    await read(t.ctx, meter.meterNumber, 1500, '2026-10-28');
    await run('2026-10');
    expect(await billOfAccount(t.ctx, account.id, '2026-10')).toMatchObject({ consumption: 1000n });
    await run('2026-09');
    expect(await billOfAccount(t.ctx, account.id, '2026-09')).toBeUndefined();
    await expectBilledAsMetered(t.ctx, account.id);
    await expectBalancedLedger(t.ctx);
  });
});
