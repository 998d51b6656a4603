// Shared set-up for the billing tests: the demo billers and people, the reference tariffs, accounts with meters
// and readings entered as a staff member would.
import { expect } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../src/platform/context.js';
import { queryRows } from '../../src/db/query-rows.js';
import { trialBalance } from '../../src/modules/ledger/ledger.service.js';
import { seedDemo } from '../../src/db/seed/index.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { systemActor } from '../../src/platform/actor.js';
import { seedReferenceTariffs } from '../../src/modules/tariffs/tariffs.seed.js';
import { openAccount } from '../../src/modules/metering/meters.service.js';
import { submitReading } from '../../src/modules/metering/readings.service.js';
import type { Category } from '../../src/modules/accounts/accounts.service.js';

export const staff = systemActor('test');

export async function seedBilling(ctx: Ctx, people = 5): Promise<SeededPerson[]> {
  const seeded = await seedDemo(ctx, { people });
  await seedReferenceTariffs(ctx);
  return seeded.people;
}

let counter = 0;

export async function openTestAccount(ctx: Ctx, input: { billerCode?: string; civilId?: string | null; category?: Category; installedOn: string; initialReading?: bigint; dials?: number; multiplier?: number }) {
  counter += 1;
  return openAccount(ctx, staff, {
    billerCode: input.billerCode ?? 'mew-electricity',
    accountNumber: `7${String(Date.now() % 1_000_000).padStart(6, '0')}${String(counter).padStart(3, '0')}`,
    ownerCivilId: input.civilId ?? null,
    ownerName: input.civilId ? null : { ar: 'وزارة التربية', en: 'Ministry of Education' },
    category: input.category ?? 'residential',
    meter: { installedOn: input.installedOn, initialReading: input.initialReading ?? 0n, dials: input.dials, multiplier: input.multiplier },
  });
}

export async function read(ctx: Ctx, meterNumber: string, value: number | string, readOn: string) {
  return submitReading(ctx, staff, { meterNumber, value, readOn });
}

/** Bills of a period and what each must have brought along: a payable, a posting (above zero), a bill.issued event. */
export async function billingCounts(ctx: Ctx, period: string) {
  const [row] = await queryRows<Record<string, number>>(ctx.db, sql`
    SELECT
      (SELECT count(*)::int FROM bills WHERE period = ${period}) AS bills,
      (SELECT count(DISTINCT account_id)::int FROM bills WHERE period = ${period}) AS accounts,
      (SELECT count(*)::int FROM payables p JOIN bills b ON b.payable_id = p.id WHERE b.period = ${period}) AS payables,
      (SELECT count(*)::int FROM ledger_transactions l JOIN bills b ON b.id = l.source_ref WHERE l.kind = 'bill' AND b.period = ${period}) AS postings,
      (SELECT count(*)::int FROM outbox o JOIN bills b ON o.dedupe_key = 'bill.issued:' || b.id WHERE b.period = ${period}) AS events,
      (SELECT count(*)::int FROM bills WHERE period = ${period} AND amount > 0) AS billed_above_zero`);
  return row!;
}

export async function expectBalancedLedger(ctx: Ctx): Promise<void> {
  const totals = await trialBalance(ctx);
  expect(totals.length).toBeGreaterThan(0);
  for (const currency of totals) {
    expect(currency.total).toBe(0n);
    expect(currency.unbalancedTransactions).toBe(0);
  }
}

/**
 * Billed consumption equals the metered advance: the units an account's bills charged (consumption lines, less the
 * estimates an actual reading corrected) are the accepted readings' units up to its latest bill's last actual
 * reading, plus the units of the estimates still waiting for one. No span is billed twice, none is left out.
 */
export async function billedAndMetered(ctx: Ctx, accountId: string): Promise<{ billed: bigint; metered: bigint }> {
  const [row] = await queryRows<{ billed: string | null; metered: string | null }>(ctx.db, sql`
    WITH latest AS (SELECT basis_read_on, pending_estimates FROM bills WHERE account_id = ${accountId} ORDER BY period DESC LIMIT 1)
    SELECT
      (SELECT coalesce(sum(l.quantity), 0) FROM bill_lines l JOIN bills b ON b.id = l.bill_id
        WHERE b.account_id = ${accountId} AND l.kind IN ('consumption', 'estimate_correction'))::text AS billed,
      ((SELECT coalesce(sum(r.consumption), 0) FROM meter_readings r, latest
          WHERE r.account_id = ${accountId} AND r.status = 'accepted' AND r.read_on <= latest.basis_read_on)
        + (SELECT coalesce(sum((e->>'units')::bigint), 0) FROM latest, jsonb_array_elements(latest.pending_estimates) e))::text AS metered`);
  return { billed: BigInt(row?.billed ?? 0), metered: BigInt(row?.metered ?? 0) };
}

export async function expectBilledAsMetered(ctx: Ctx, accountId: string): Promise<void> {
  const { billed, metered } = await billedAndMetered(ctx, accountId);
  expect(billed).toBe(metered);
}

/** The account's receivable in the ledger is exactly what its open payables still ask for. */
export async function expectReceivableAsDues(ctx: Ctx, billerCode: string, accountNumber: string): Promise<bigint> {
  const [row] = await queryRows<{ receivable: string; dues: string }>(ctx.db, sql`
    SELECT
      (SELECT coalesce(sum(e.amount), 0) FROM ledger_entries e WHERE e.account_code = ${`receivable:${billerCode}:acct-${accountNumber}`})::text AS receivable,
      (SELECT coalesce(sum(p.amount - p.amount_paid), 0) FROM payables p
        WHERE p.account_number = ${accountNumber} AND p.biller_code = ${billerCode} AND p.status IN ('open', 'partially_paid'))::text AS dues`);
  expect(BigInt(row!.receivable)).toBe(BigInt(row!.dues));
  return BigInt(row!.dues);
}
