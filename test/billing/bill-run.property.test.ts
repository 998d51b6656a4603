// Issue #16's property: whatever happens to accounts, in any order — readings (some held), missed readings
// (estimates), corrections up and down, tariff changes, new installations, accounts that fail (no tariff) or are
// disconnected, payments, bill runs of the latest period and re-runs of earlier ones — every account's billed
// consumption equals its meter's advance over the periods billed, every receivable is exactly what its open
// payables ask for, and the ledger balances.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { AppError } from '../../src/platform/errors/app-error.js';
import { runBillRun } from '../../src/modules/billing/bill-run.service.js';
import { periodDates, shiftPeriod } from '../../src/modules/billing/billing.periods.js';
import { changeAccountStatus } from '../../src/modules/accounts/accounts.service.js';
import { createTariffVersion } from '../../src/modules/tariffs/tariffs.service.js';
import { postDirectPayment } from '../../src/modules/payments/direct-posting.js';
import { queryRows } from '../../src/db/query-rows.js';
import { addDays } from '../../src/shared/days.js';
import { billedAndMetered, expectBalancedLedger, expectReceivableAsDues, openTestAccount, read, seedBilling, staff } from './support.js';

let t: TestApp;
let people: SeededPerson[];

beforeAll(async () => {
  t = await createTestApp({ now: '2030-01-01T12:00:00+03:00' });
  people = await seedBilling(t.ctx);
});
afterAll(async () => t?.close());

type Op =
  | { kind: 'install'; day: number }
  | { kind: 'read'; account: number; units: number }
  | { kind: 'nextPeriod' }
  | { kind: 'run'; back: number }
  | { kind: 'fail'; account: number }
  | { kind: 'fix'; account: number }
  | { kind: 'disconnect'; account: number }
  | { kind: 'reconnect'; account: number }
  | { kind: 'tariff'; rate: number; tiered: boolean }
  | { kind: 'pay'; account: number };

const account = fc.nat({ max: 3 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('install' as const), day: fc.integer({ min: 0, max: 27 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('read' as const), account, units: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 400, max: 4000 })) }), weight: 5 },
  { arbitrary: fc.constant({ kind: 'nextPeriod' as const }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('run' as const), back: fc.nat({ max: 2 }) }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('fail' as const), account }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('fix' as const), account }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('disconnect' as const), account }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('reconnect' as const), account }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('tariff' as const), rate: fc.integer({ min: 1, max: 9 }), tiered: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('pay' as const), account }), weight: 1 },
);

/** The commands a scenario may be refused (a held or out-of-order reading, an account already active): not failures. */
const expectedRefusal = (error: unknown) => error instanceof AppError;

let scenario = 0;

describe('the bill run over random histories', () => {
  it('bills every account exactly its metered advance and keeps the ledger and the receivables right', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 30 }), async (ops) => {
      // Each scenario in years of its own and a biller category of its own tariff: runs of one never touch another's.
      scenario += 1;
      let period = `${2030 + scenario * 2}-01`;
      const category = 'residential';
      const today = () => periodDates(period, 28).to;
      const clockTo = (day: string) => t.clock.set(`${day}T12:00:00+03:00`);
      clockTo(today());
      const opened: { id: string; accountNumber: string; meterNumber: string; value: number }[] = [];
      const first = await openTestAccount(t.ctx, { civilId: people[scenario % people.length]!.civilId, installedOn: periodDates(period, 28).from });
      opened.push({ id: first.account.id, accountNumber: first.account.accountNumber, meterNumber: first.meter.meterNumber, value: 0 });
      const pick = (i: number) => opened[i % opened.length]!;
      for (const o of ops) {
        try {
          switch (o.kind) {
            case 'install': {
              const dates = periodDates(period, 28);
              const installedOn = addDays(dates.from, Math.min(o.day, dates.days - 1));
              const made = await openTestAccount(t.ctx, { civilId: people[(scenario + opened.length) % people.length]!.civilId, installedOn });
              opened.push({ id: made.account.id, accountNumber: made.account.accountNumber, meterNumber: made.meter.meterNumber, value: 0 });
              break;
            }
            case 'read': {
              const a = pick(o.account);
              const decision = await read(t.ctx, a.meterNumber, a.value + o.units, today());
              if (decision.decision === 'accepted') a.value += o.units;
              break;
            }
            case 'nextPeriod':
              period = shiftPeriod(period, 1);
              clockTo(today());
              break;
            case 'run':
              await runBillRun(t.ctx, staff, { billerCode: 'mew-electricity', period: shiftPeriod(period, -o.back) });
              break;
            case 'fail':
            case 'fix':
              await t.ctx.db.execute(sql`UPDATE utility_accounts SET category = ${o.kind === 'fail' ? 'stables' : category} WHERE id = ${pick(o.account).id}`);
              break;
            case 'disconnect':
            case 'reconnect':
              await changeAccountStatus(t.ctx, staff, pick(o.account).accountNumber, o.kind === 'disconnect' ? 'disconnected' : 'active');
              break;
            case 'tariff':
              await createTariffVersion(t.ctx, staff, {
                billerCode: 'mew-electricity', category, effectiveFrom: addDays(today(), 1), currency: 'KWD', unit: 'kWh', fixedMonthly: 0n,
                nameAr: 'تعرفة تجريبية', nameEn: 'Test tariff', supersede: true,
                tiers: o.tiered ? [{ upTo: 1000n, rate: { minor: BigInt(o.rate), perUnits: 1n } }, { upTo: null, rate: { minor: BigInt(o.rate * 2), perUnits: 1n } }] : [{ upTo: null, rate: { minor: BigInt(o.rate), perUnits: 1n } }],
              });
              break;
            case 'pay': {
              const [open] = await queryRows<{ id: string; due: string }>(t.ctx.db, sql`
                SELECT id, (amount - amount_paid)::text AS due FROM payables WHERE account_number = ${pick(o.account).accountNumber}
                  AND status IN ('open', 'partially_paid') ORDER BY due_date LIMIT 1`);
              if (open) await postDirectPayment(t.ctx, staff, { channel: 'counter', externalId: `prop-${open.id}-${open.due}`, items: [{ payableId: open.id, amount: BigInt(open.due) }], currency: 'KWD' });
              break;
            }
          }
        } catch (error) {
          if (!expectedRefusal(error)) throw error;
        }
      }
      for (const a of opened) {
        const { billed, metered } = await billedAndMetered(t.ctx, a.id);
        expect(billed, `account ${a.accountNumber} after ${JSON.stringify(ops)}`).toBe(metered);
        await expectReceivableAsDues(t.ctx, 'mew-electricity', a.accountNumber);
      }
      await expectBalancedLedger(t.ctx);
    }), {
      numRuns: 25,
      // The issue's own case first: failed in a period, billed by the next, then the failed period run again.
      examples: [[[
        { kind: 'read', account: 0, units: 1000 }, { kind: 'fail', account: 0 }, { kind: 'run', back: 0 }, { kind: 'fix', account: 0 },
        { kind: 'nextPeriod' }, { kind: 'read', account: 0, units: 1000 }, { kind: 'run', back: 0 }, { kind: 'run', back: 1 },
      ]]],
    });
  });
});
