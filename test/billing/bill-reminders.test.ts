// The due-date reminders: written at their moment (five days before the due date, 09:00 in Kuwait), not when the bill
// is issued; only for bills still owed then, with the amount still owed; never for government accounts, nor for a
// bill issued after the moment; once per bill however often (or half-way) the pass runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { runBillRun } from '../../src/modules/billing/bill-run.service.js';
import { billOfAccount } from '../../src/modules/billing/bills.service.js';
import { reminderMomentOf, writeDueReminders } from '../../src/modules/billing/bill-reminders.js';
import { getBiller } from '../../src/modules/billers/index.js';
import { postDirectPayment } from '../../src/modules/payments/direct-posting.js';
import { queryRows } from '../../src/db/query-rows.js';
import type { Actor } from '../../src/platform/actor.js';
import { openTestAccount, read, seedBilling, staff } from './support.js';

let t: TestApp;
let people: SeededPerson[];
/** Reminders written by the first pass at the moment. */
let remindedBefore = 0;
const bank: Actor = { kind: 'client', id: 'test-bank', role: 'bank', name: 'Test bank' };
const run = () => runBillRun(t.ctx, staff, { billerCode: 'mew-electricity', period: '2026-11' });

async function reminders(): Promise<{ payableId: string; amount: string; dueDate: string; billNumber: string; personId: string | null }[]> {
  const rows = await queryRows<{ payload: { payableId: string; personId: string | null; vars: { amount: string; dueDate: string; billNumber: string } } }>(t.ctx.db, sql`
    SELECT payload FROM outbox WHERE topic = 'bill.due_soon' ORDER BY id`);
  return rows.map(({ payload: { payableId, personId, vars: { amount, dueDate, billNumber } } }) => ({ payableId, personId, amount, dueDate, billNumber }));
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-10-31T12:00:00+03:00' });
  people = await seedBilling(t.ctx);
});
afterAll(async () => t?.close());

describe('bill reminders', () => {
  it('fall at 09:00 on the business clock of the deployment’s time zone, five days before the due date', async () => {
    const biller = await getBiller(t.ctx, 'mew-electricity');
    expect(reminderMomentOf(biller, '2026-12-10', 'Asia/Kuwait').toISOString()).toBe('2026-12-05T06:00:00.000Z');
    expect(reminderMomentOf(biller, '2026-12-10', 'Asia/Dubai').toISOString()).toBe('2026-12-05T05:00:00.000Z');
    // A zone with daylight saving: Cairo is UTC+3 in July, UTC+2 in December.
    expect(reminderMomentOf(biller, '2026-07-10', 'Africa/Cairo').toISOString()).toBe('2026-07-05T06:00:00.000Z');
    expect(reminderMomentOf(biller, '2026-12-10', 'Africa/Cairo').toISOString()).toBe('2026-12-05T07:00:00.000Z');
    // The day Cairo's clocks go from 00:00 to 01:00 (2026-04-24): 09:00 local is 06:00 UTC, not midnight + 9 h.
    expect(reminderMomentOf(biller, '2026-04-29', 'Africa/Cairo').toISOString()).toBe('2026-04-24T06:00:00.000Z');
  });

  it('are written at their moment, for what is still owed then, once', async () => {
    const opened = [];
    t.clock.set('2026-11-28T12:00:00+03:00');
    for (const owner of [people[0]!.civilId, people[1]!.civilId, people[2]!.civilId, null]) {
      const { account, meter } = await openTestAccount(t.ctx, { civilId: owner, category: owner ? 'residential' : 'government', installedOn: '2026-10-01' });
      await read(t.ctx, meter.meterNumber, 3000, '2026-11-27');
      opened.push(account);
    }
    await run();
    const [partly, paid, owed, government] = await Promise.all(opened.map(async (a) => (await billOfAccount(t.ctx, a.id, '2026-11'))!));
    const moment = reminderMomentOf(await getBiller(t.ctx, 'mew-electricity'), owed!.dueDate, t.ctx.config.TZ_BUSINESS);
    expect(moment.toISOString()).toBe(new Date(new Date(`${owed!.dueDate}T09:00:00+03:00`).getTime() - 5 * 86_400_000).toISOString());

    // Issued: no reminder yet, and none before its moment.
    expect(await reminders()).toEqual([]);
    t.clock.set(new Date(moment.getTime() - 1_000));
    expect(await writeDueReminders(t.ctx)).toEqual({ runs: 0, written: 0 });
    expect(await reminders()).toEqual([]);

    // Meanwhile one bill is part-paid and one paid in full.
    await postDirectPayment(t.ctx, bank, { channel: 'bank', externalId: 'REMIND-PART', items: [{ payableId: partly!.payableId, amount: 1_000n }], currency: 'KWD' });
    await postDirectPayment(t.ctx, bank, { channel: 'bank', externalId: 'REMIND-ALL', items: [{ payableId: paid!.payableId, amount: paid!.amount }], currency: 'KWD' });

    t.clock.set(moment);
    const outcome = await writeDueReminders(t.ctx);
    const written = await reminders();
    // The seeded customers' bills of the run are reminded too; each bill once.
    expect(outcome).toEqual({ runs: 1, written: written.length });
    expect(new Set(written.map((r) => r.payableId)).size).toBe(written.length);
    const ours = new Set([partly, paid, owed, government].map((b) => b!.payableId));
    const fils = (minor: bigint) => (Number(minor) / 1000).toFixed(3);
    expect(written.filter((r) => ours.has(r.payableId)).sort((a, b) => a.billNumber.localeCompare(b.billNumber))).toEqual([
      { payableId: partly!.payableId, personId: people[0]!.id, amount: fils(partly!.amount - 1_000n), dueDate: partly!.dueDate, billNumber: partly!.billNumber },
      { payableId: owed!.payableId, personId: people[2]!.id, amount: fils(owed!.amount), dueDate: owed!.dueDate, billNumber: owed!.billNumber },
    ].sort((a, b) => a.billNumber.localeCompare(b.billNumber)));
    remindedBefore = written.length;

    // Again: nothing more.
    expect(await writeDueReminders(t.ctx)).toEqual({ runs: 0, written: 0 });
    expect(await reminders()).toHaveLength(remindedBefore);
  });

  it('do not remind a bill issued after the moment, and a repeated pass writes nothing twice', async () => {
    // An account billed late, by running the period again after the moment: its bill was just announced.
    const { account, meter } = await openTestAccount(t.ctx, { civilId: people[3]!.civilId, installedOn: '2026-10-01' });
    await read(t.ctx, meter.meterNumber, 3000, '2026-11-27');
    await run();
    const late = (await billOfAccount(t.ctx, account.id, '2026-11'))!;
    // As if the last pass had stopped before marking the run: it walks every page again.
    await t.ctx.db.execute(sql`UPDATE bill_runs SET reminded_at = NULL WHERE period = '2026-11' AND biller_code = 'mew-electricity'`);
    expect(await writeDueReminders(t.ctx, { pageSize: 1 })).toEqual({ runs: 1, written: 0 });
    expect((await reminders()).map((r) => r.payableId)).not.toContain(late.payableId);
    expect(await reminders()).toHaveLength(remindedBefore);
  });

  it('stop between pages when asked, and the next pass finishes the run', async () => {
    await t.ctx.db.execute(sql`UPDATE bill_runs SET reminded_at = NULL WHERE period = '2026-11' AND biller_code = 'mew-electricity'`);
    const stop = new AbortController();
    stop.abort();
    expect(await writeDueReminders(t.ctx, { signal: stop.signal })).toEqual({ runs: 0, written: 0 });
    const [run] = await queryRows<{ reminded: boolean }>(t.ctx.db, sql`SELECT reminded_at IS NOT NULL AS reminded FROM bill_runs WHERE period = '2026-11' AND biller_code = 'mew-electricity'`);
    expect(run!.reminded).toBe(false);
    expect(await writeDueReminders(t.ctx)).toEqual({ runs: 1, written: 0 });
  });

  it('leave a run alone once its due date has passed', async () => {
    await t.ctx.db.execute(sql`UPDATE bill_runs SET reminded_at = NULL WHERE period = '2026-11' AND biller_code = 'mew-electricity'`);
    const [{ due_date: dueDate }] = (await queryRows<{ due_date: string }>(t.ctx.db, sql`SELECT due_date::text FROM bill_runs WHERE period = '2026-11' AND biller_code = 'mew-electricity'`)) as [{ due_date: string }];
    t.clock.set(`${dueDate}T23:30:00+03:00`);
    expect(await writeDueReminders(t.ctx)).toEqual({ runs: 1, written: 0 }); // the due day itself still counts
    await t.ctx.db.execute(sql`UPDATE bill_runs SET reminded_at = NULL WHERE period = '2026-11' AND biller_code = 'mew-electricity'`);
    t.clock.set(new Date(new Date(`${dueDate}T00:00:00+03:00`).getTime() + 86_400_000 + 3_600_000));
    expect(await writeDueReminders(t.ctx)).toEqual({ runs: 0, written: 0 });
  });
});
