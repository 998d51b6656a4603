// Reads what a batch of accounts needs for their bills, in one statement. This is the bulk path: it reads the
// accounts, meters and readings tables (this feature's own) directly in SQL rather than through a service call per account (the brief allows it for speed).
// LATERAL subqueries pin each look-up to an index probe per account, whatever the planner's statistics say
// while the bills table grows during the run.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/query-rows.js';
import { addDays } from '../../shared/days.js';
import type { PendingEstimate } from './bill.compute.js';
import type { PeriodDates } from './billing.periods.js';

export interface AccountBatchRow {
  accountId: string;
  accountNumber: string;
  category: string;
  ownerCivilId: string | null;
  ownerPersonId: string | null;
  meterNumber: string | null;
  hasPrevious: boolean;
  previousPeriod: string | null;
  /** The day the account's first meter was installed: nothing is billed before it. */
  installedOn: string | null;
  basisValue: bigint | null;
  basisReadOn: string | null;
  pendingEstimates: PendingEstimate[];
  creditCarriedForward: bigint;
  readingCount: number;
  readingUnits: bigint;
  lastValue: bigint | null;
  lastReadOn: string | null;
  firstValue: bigint | null;
  firstReadOn: string | null;
  historyUnits: bigint;
  historyDays: number;
}

const big = (v: unknown): bigint | null => (v === null || v === undefined ? null : BigInt(String(v)));
const day = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** Ids of the biller's accounts, the batch boundary: the `size`-th account id after `after`, or null at the end. */
export async function batchBoundary(db: Executor, billerCode: string, after: string, size: number): Promise<string | null> {
  const [row] = await queryRows<{ id: string }>(db, sql`
    SELECT id FROM utility_accounts WHERE biller_code = ${billerCode} AND id > ${after}
    ORDER BY id OFFSET ${size - 1} LIMIT 1`);
  return row?.id ?? null;
}

export async function countActiveAccounts(db: Executor, billerCode: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM utility_accounts WHERE biller_code = ${billerCode} AND status = 'active'`);
  return Number(row?.n ?? 0);
}

/** Active accounts in (after, upTo] not yet billed for the period, with their previous bill, readings and balance. */
export async function accountBatch(db: Executor, input: { billerCode: string; dates: PeriodDates; after: string; upTo: string | null }): Promise<AccountBatchRow[]> {
  const { billerCode, dates, after, upTo } = input;
  const historyFrom = addDays(dates.to, -365);
  const scanFrom = addDays(dates.to, -366);
  const rows = await queryRows<Record<string, unknown>>(db, sql`
    SELECT a.id AS account_id, a.account_number, a.category, a.owner_civil_id, a.owner_person_id,
      m.meter_number,
      p.period IS NOT NULL AS has_previous, p.period AS previous_period, inst.installed_on::text AS installed_on,
      CASE WHEN p.estimated THEN p.previous_value ELSE p.current_value END::text AS basis_value,
      p.basis_read_on::text AS basis_read_on,
      coalesce(p.pending_estimates, '[]'::jsonb) AS pending_estimates,
      coalesce(p.credit_carried_forward, 0)::text AS credit_carried_forward,
      rd.n_since::int AS reading_count, rd.units_since::text AS reading_units,
      rd.last_value::text AS last_value, rd.last_read_on::text AS last_read_on,
      rd.first_value::text AS first_value, rd.first_read_on::text AS first_read_on,
      coalesce(rd.history_units, 0)::text AS history_units,
      coalesce(rd.history_last - rd.history_first, 0)::int AS history_days
    FROM utility_accounts a
    LEFT JOIN LATERAL (
      SELECT b.period, b.estimated, b.previous_value, b.current_value, b.basis_read_on, b.pending_estimates, b.credit_carried_forward
      FROM bills b WHERE b.account_id = a.id AND b.period <= ${dates.period}
      ORDER BY b.period DESC LIMIT 1
    ) p ON true
    LEFT JOIN LATERAL (
      SELECT mt.meter_number FROM meters mt WHERE mt.account_id = a.id AND mt.status = 'active' LIMIT 1
    ) m ON true
    LEFT JOIN LATERAL (SELECT min(mi.installed_on) AS installed_on FROM meters mi WHERE mi.account_id = a.id) inst ON true
    LEFT JOIN LATERAL (
      SELECT
        count(*) FILTER (WHERE r.source <> 'install' AND (p.basis_read_on IS NULL OR r.read_on > p.basis_read_on)) AS n_since,
        coalesce(sum(r.consumption) FILTER (WHERE p.basis_read_on IS NULL OR r.read_on > p.basis_read_on), 0) AS units_since,
        (array_agg(r.value ORDER BY r.read_on DESC, r.created_at DESC))[1] AS last_value,
        max(r.read_on) AS last_read_on,
        (array_agg(r.value ORDER BY r.read_on, r.created_at))[1] AS first_value,
        min(r.read_on) AS first_read_on,
        sum(r.consumption) FILTER (WHERE r.read_on > ${historyFrom}::date)
          - (array_agg(r.consumption ORDER BY r.read_on, r.created_at) FILTER (WHERE r.read_on > ${historyFrom}::date))[1] AS history_units,
        min(r.read_on) FILTER (WHERE r.read_on > ${historyFrom}::date) AS history_first,
        max(r.read_on) FILTER (WHERE r.read_on > ${historyFrom}::date) AS history_last
      FROM meter_readings r
      WHERE r.account_id = a.id AND r.status = 'accepted' AND r.read_on <= ${dates.to}::date
        AND (p.basis_read_on IS NULL OR r.read_on > least(p.basis_read_on, ${scanFrom}::date))
    ) rd ON true
    WHERE a.biller_code = ${billerCode} AND a.status = 'active' AND a.id > ${after}
      ${upTo === null ? sql`` : sql`AND a.id <= ${upTo}`}
      AND (p.period IS NULL OR p.period < ${dates.period})
      -- Never a bill for a period that ended before the account's meter was installed.
      AND (inst.installed_on IS NULL OR inst.installed_on <= ${dates.to}::date)
      -- A later period's bill already covers this period's readings (it bills from the previous bill's basis):
      -- billing this period now would bill that span twice. See coveredByLaterBills.
      AND NOT EXISTS (SELECT 1 FROM bills lb WHERE lb.account_id = a.id AND lb.period > ${dates.period})
    ORDER BY a.id`);
  return rows.map((r) => ({
    accountId: String(r.account_id),
    accountNumber: String(r.account_number),
    category: String(r.category),
    ownerCivilId: (r.owner_civil_id as string | null) ?? null,
    ownerPersonId: (r.owner_person_id as string | null) ?? null,
    meterNumber: (r.meter_number as string | null) ?? null,
    hasPrevious: Boolean(r.has_previous),
    previousPeriod: (r.previous_period as string | null) ?? null,
    installedOn: day(r.installed_on),
    basisValue: big(r.basis_value),
    basisReadOn: day(r.basis_read_on),
    pendingEstimates: (typeof r.pending_estimates === 'string' ? JSON.parse(r.pending_estimates) : r.pending_estimates) as PendingEstimate[],
    creditCarriedForward: big(r.credit_carried_forward) ?? 0n,
    readingCount: Number(r.reading_count ?? 0),
    readingUnits: big(r.reading_units) ?? 0n,
    lastValue: big(r.last_value),
    lastReadOn: day(r.last_read_on),
    firstValue: big(r.first_value),
    firstReadOn: day(r.first_read_on),
    historyUnits: big(r.history_units) ?? 0n,
    historyDays: Number(r.history_days ?? 0),
  }));
}

/**
 * The period's recorded failures whose accounts a later period has billed since: that bill covers the span from
 * the account's previous bill (or installation), so the failure is settled by it and removed. Returns the accounts.
 */
export async function settleFailuresCoveredLater(db: Executor, runId: string, period: string): Promise<string[]> {
  const rows = await queryRows<{ account_id: string }>(db, sql`
    DELETE FROM bill_run_failures f WHERE f.run_id = ${runId}
      AND EXISTS (SELECT 1 FROM bills lb WHERE lb.account_id = f.account_id AND lb.period > ${period})
    RETURNING f.account_id`);
  return rows.map((r) => r.account_id);
}

/** Which of these ledger accounts exist (one index probe each, one parameter). */
export async function existingLedgerAccounts(db: Executor, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await queryRows<{ code: string }>(db, sql`SELECT code FROM ledger_accounts WHERE code = ANY(${sql.param(codes)}::text[])`);
  return new Set(rows.map((r) => r.code));
}
