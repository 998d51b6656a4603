// The prepaid module's SQL, and only its tables.
import { and, asc, desc, eq, inArray, isNull, lte, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { prepaidDispenses, prepaidOperators, prepaidStations, prepaidTariffVersions, prepaidTopups, prepaidTrucks } from '../../db/schema/prepaid.js';

export type OperatorRow = typeof prepaidOperators.$inferSelect;
export type TruckRow = typeof prepaidTrucks.$inferSelect;
export type StationRow = typeof prepaidStations.$inferSelect;
export type TariffVersionRow = typeof prepaidTariffVersions.$inferSelect;
export type TopupRow = typeof prepaidTopups.$inferSelect;
export type DispenseRow = typeof prepaidDispenses.$inferSelect;

/** Inserts unless a unique key is taken; returns the row, or undefined when it was. */
export async function insertOperator(db: Executor, row: typeof prepaidOperators.$inferInsert): Promise<OperatorRow | undefined> {
  const [inserted] = await db.insert(prepaidOperators).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function findOperator(db: Executor, id: string): Promise<OperatorRow | undefined> {
  const [row] = await db.select().from(prepaidOperators).where(eq(prepaidOperators.id, id));
  return row;
}

/** Locks the operator row: every spend from one wallet is serialised behind it (two trucks, one wallet). */
/** The operators a person is (by civil ID): a person operator's own wallet, for the portal. */
export async function operatorsOfPerson(db: Executor, civilId: string): Promise<OperatorRow[]> {
  return db.select().from(prepaidOperators).where(eq(prepaidOperators.civilId, civilId)).orderBy(asc(prepaidOperators.id));
}

export async function lockOperator(db: Executor, id: string): Promise<OperatorRow | undefined> {
  const [row] = await db.select().from(prepaidOperators).where(eq(prepaidOperators.id, id)).for('update');
  return row;
}

export async function insertTruck(db: Executor, row: typeof prepaidTrucks.$inferInsert): Promise<TruckRow | undefined> {
  const [inserted] = await db.insert(prepaidTrucks).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function findTruck(db: Executor, id: string): Promise<TruckRow | undefined> {
  const [row] = await db.select().from(prepaidTrucks).where(eq(prepaidTrucks.id, id));
  return row;
}

export async function findTruckByPlate(db: Executor, plate: string): Promise<TruckRow | undefined> {
  const [row] = await db.select().from(prepaidTrucks).where(eq(prepaidTrucks.plate, plate));
  return row;
}

export async function setTruckBlocked(db: Executor, id: string, blocked: boolean): Promise<TruckRow | undefined> {
  const [row] = await db.update(prepaidTrucks).set({ blocked }).where(eq(prepaidTrucks.id, id)).returning();
  return row;
}

export async function trucksOfOperator(db: Executor, operatorId: string): Promise<TruckRow[]> {
  return db.select().from(prepaidTrucks).where(eq(prepaidTrucks.operatorId, operatorId)).orderBy(asc(prepaidTrucks.plate));
}

export async function allTrucksWithOperators(db: Executor) {
  return db.select({ truck: prepaidTrucks, operator: prepaidOperators }).from(prepaidTrucks)
    .innerJoin(prepaidOperators, eq(prepaidOperators.id, prepaidTrucks.operatorId)).orderBy(asc(prepaidTrucks.plate));
}

export async function insertStation(db: Executor, row: typeof prepaidStations.$inferInsert): Promise<StationRow | undefined> {
  const [inserted] = await db.insert(prepaidStations).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function findStationByTerminal(db: Executor, clientId: string): Promise<StationRow | undefined> {
  const [row] = await db.select().from(prepaidStations).where(eq(prepaidStations.terminalClientId, clientId));
  return row;
}

export async function listStations(db: Executor): Promise<StationRow[]> {
  return db.select().from(prepaidStations).orderBy(asc(prepaidStations.code));
}

export async function insertTariffVersion(db: Executor, row: typeof prepaidTariffVersions.$inferInsert): Promise<TariffVersionRow | undefined> {
  const [inserted] = await db.insert(prepaidTariffVersions).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function tariffInForce(db: Executor, currency: string, at: Date): Promise<TariffVersionRow | undefined> {
  const [row] = await db.select().from(prepaidTariffVersions)
    .where(and(eq(prepaidTariffVersions.currency, currency), lte(prepaidTariffVersions.effectiveFrom, at)))
    .orderBy(desc(prepaidTariffVersions.effectiveFrom)).limit(1);
  return row;
}

export async function insertTopup(db: Executor, row: typeof prepaidTopups.$inferInsert): Promise<TopupRow> {
  const [inserted] = await db.insert(prepaidTopups).values(row).onConflictDoNothing().returning();
  if (inserted) return inserted;
  const [existing] = await db.select().from(prepaidTopups).where(eq(prepaidTopups.payableId, row.payableId));
  return existing!;
}

export async function uncreditedTopups(db: Executor, operatorId?: string): Promise<TopupRow[]> {
  return db.select().from(prepaidTopups)
    .where(operatorId ? and(isNull(prepaidTopups.creditedAt), eq(prepaidTopups.operatorId, operatorId)) : isNull(prepaidTopups.creditedAt))
    .orderBy(asc(prepaidTopups.id)).limit(500);
}

/** An operator's latest top-ups, newest first (the statement's money in). */
export async function topupsOfOperator(db: Executor, operatorId: string, limit = 50): Promise<TopupRow[]> {
  return db.select().from(prepaidTopups).where(eq(prepaidTopups.operatorId, operatorId)).orderBy(desc(prepaidTopups.createdAt), desc(prepaidTopups.id)).limit(limit);
}

/** Marks a top-up credited; false when another pass did it first (the caller then posts nothing). */
export async function markTopupCredited(db: Executor, id: string, at: Date): Promise<boolean> {
  const rows = await db.update(prepaidTopups).set({ creditedAt: at }).where(and(eq(prepaidTopups.id, id), isNull(prepaidTopups.creditedAt))).returning({ id: prepaidTopups.id });
  return rows.length > 0;
}

export async function insertDispense(db: Executor, row: typeof prepaidDispenses.$inferInsert): Promise<DispenseRow | undefined> {
  const [inserted] = await db.insert(prepaidDispenses).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function findDispense(db: Executor, stationId: string, terminalDispenseId: string): Promise<DispenseRow | undefined> {
  const [row] = await db.select().from(prepaidDispenses)
    .where(and(eq(prepaidDispenses.stationId, stationId), eq(prepaidDispenses.terminalDispenseId, terminalDispenseId)));
  return row;
}

export async function lockDispense(db: Executor, id: string): Promise<DispenseRow | undefined> {
  const [row] = await db.select().from(prepaidDispenses).where(eq(prepaidDispenses.id, id)).for('update');
  return row;
}

export async function updateDispense(db: Executor, id: string, change: Partial<typeof prepaidDispenses.$inferInsert>): Promise<DispenseRow> {
  const [row] = await db.update(prepaidDispenses).set(change).where(eq(prepaidDispenses.id, id)).returning();
  return row!;
}

/** Online dispenses not settled whose last report is older than `before`: the stuck ones. */
export async function stuckDispenses(db: Executor, before: Date, limit = 200): Promise<DispenseRow[]> {
  return db.select().from(prepaidDispenses)
    .where(and(inArray(prepaidDispenses.status, ['authorised', 'dispensing']), lt(prepaidDispenses.lastReportAt, before)))
    .orderBy(asc(prepaidDispenses.lastReportAt)).limit(limit);
}

export async function dispensesOfOperator(db: Executor, operatorId: string, limit = 100): Promise<DispenseRow[]> {
  return db.select().from(prepaidDispenses).where(eq(prepaidDispenses.operatorId, operatorId)).orderBy(desc(prepaidDispenses.startedAt)).limit(limit);
}

/** How the station report groups a range: by business day or by month. */
export type ReportPeriod = 'day' | 'month';
const PERIOD_FORMATS: Record<ReportPeriod, string> = { day: 'YYYY-MM-DD', month: 'YYYY-MM' };

/** Gallons and money of settled dispenses per station and business day (or month). */
export async function dispenseTotals(db: Executor, from: Date, to: Date, timeZone: string, by: ReportPeriod = 'day') {
  // The format is one of two constants (never input), so it is written into the SQL rather than bound.
  const period = sql<string>`to_char(${prepaidDispenses.settledAt} AT TIME ZONE ${timeZone}, ${sql.raw(`'${PERIOD_FORMATS[by]}'`)})`;
  return db.select({
    stationId: prepaidDispenses.stationId,
    period,
    currency: prepaidDispenses.currency,
    gallons: sql<string>`sum(${prepaidDispenses.dispensedGallons})::text`,
    amount: sql<string>`sum(${prepaidDispenses.chargedAmount})::text`,
    dispenses: sql<number>`count(*)::int`,
  }).from(prepaidDispenses)
    .where(and(eq(prepaidDispenses.status, 'settled'), sql`${prepaidDispenses.settledAt} >= ${from.toISOString()}::timestamptz`, lt(prepaidDispenses.settledAt, to)))
    // By position: the period expression carries the time zone as a parameter, and PostgreSQL does not match two
    // parameterised expressions as one.
    .groupBy(prepaidDispenses.stationId, sql`2`, prepaidDispenses.currency).orderBy(asc(prepaidDispenses.stationId), sql`2`);
}

/** Settled dispenses in [from, to) summed by one key (the station or the operator), per currency. */
export async function dispenseTotalsBy(db: Executor, key: 'stationId' | 'operatorId', from: Date, to: Date) {
  const column = key === 'stationId' ? prepaidDispenses.stationId : prepaidDispenses.operatorId;
  return db.select({
    id: column,
    currency: prepaidDispenses.currency,
    gallons: sql<string>`sum(${prepaidDispenses.dispensedGallons})::text`,
    amount: sql<string>`coalesce(sum(${prepaidDispenses.chargedAmount}), 0)::text`,
    debt: sql<string>`sum(${prepaidDispenses.debtAmount})::text`,
    dispenses: sql<number>`count(*)::int`,
  }).from(prepaidDispenses)
    .where(and(eq(prepaidDispenses.status, 'settled'), sql`${prepaidDispenses.settledAt} >= ${from.toISOString()}::timestamptz`, lt(prepaidDispenses.settledAt, to)))
    .groupBy(column, prepaidDispenses.currency).orderBy(asc(column));
}

export async function listOperators(db: Executor): Promise<OperatorRow[]> {
  return db.select().from(prepaidOperators).orderBy(asc(prepaidOperators.id));
}
