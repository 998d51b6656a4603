import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { billLines, bills } from '../../db/schema/billing.js';
import type { Executor } from '../../db/client.js';

export type BillRow = typeof bills.$inferSelect;
export type BillLineRow = typeof billLines.$inferSelect;
export type BillWithLines = BillRow & { lines: BillLineRow[] };

export async function findBill(db: Executor, id: string): Promise<BillRow | undefined> {
  const [row] = await db.select().from(bills).where(eq(bills.id, id)).limit(1);
  return row;
}

export async function findBillOfAccount(db: Executor, accountId: string, period: string): Promise<BillRow | undefined> {
  const [row] = await db.select().from(bills).where(and(eq(bills.accountId, accountId), eq(bills.period, period))).limit(1);
  return row;
}

export async function linesOf(db: Executor, billId: string): Promise<BillLineRow[]> {
  return db.select().from(billLines).where(eq(billLines.billId, billId)).orderBy(asc(billLines.position));
}

/** One page of an account's bills, newest first, optionally of one year (periods are 'YYYY-MM'), and how many in all. */
export async function billsOfAccountPage(db: Executor, accountId: string, page: { year?: number | undefined; limit: number; offset: number }): Promise<{ rows: BillRow[]; total: number }> {
  const where = page.year === undefined
    ? eq(bills.accountId, accountId)
    : and(eq(bills.accountId, accountId), sql`${bills.period} LIKE ${`${page.year}-%`}`);
  const [rows, [counted]] = await Promise.all([
    db.select().from(bills).where(where).orderBy(desc(bills.period)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(bills).where(where),
  ]);
  return { rows, total: Number(counted?.n ?? 0) };
}

/** The years an account has bills in, newest first (for the history's year filter). */
export async function billYearsOfAccount(db: Executor, accountId: string): Promise<number[]> {
  const rows = await db.selectDistinct({ year: sql<string>`substr(${bills.period}, 1, 4)` }).from(bills).where(eq(bills.accountId, accountId));
  return rows.map((r) => Number(r.year)).sort((a, b) => b - a);
}

export async function billsOfAccounts(db: Executor, accountIds: string[], limit: number): Promise<BillRow[]> {
  if (accountIds.length === 0) return [];
  return db.select().from(bills).where(sql`${bills.accountId} = ANY(${sql.param(accountIds)}::text[])`)
    .orderBy(desc(bills.period), asc(bills.accountNumber)).limit(limit);
}

/**
 * Consumption per period for the chart: the last `count` periods up to `period`. A bill that settled earlier
 * estimates counts only the units it added (its actual use less the estimates already billed), so the bars add
 * up to the real use and the correcting month is not drawn as two or three months at once.
 */
export async function consumptionHistory(db: Executor, accountId: string, period: string, count: number): Promise<{ period: string; consumption: bigint; estimated: boolean }[]> {
  const corrected = sql<string>`(${bills.consumption} + coalesce((SELECT sum(${billLines.quantity}) FROM ${billLines}
    WHERE ${billLines.billId} = ${bills.id} AND ${billLines.kind} = 'estimate_correction'), 0))::text`;
  const rows = await db.select({ period: bills.period, consumption: corrected, estimated: bills.estimated }).from(bills)
    .where(and(eq(bills.accountId, accountId), sql`${bills.period} <= ${period}`)).orderBy(desc(bills.period)).limit(count);
  return rows.reverse().map((r) => ({ ...r, consumption: BigInt(r.consumption) }));
}
