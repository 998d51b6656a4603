import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import { meterReadings } from '../../db/schema/metering.js';
import type { Executor } from '../../db/client.js';
import { addDays, daysBetween } from '../../shared/days.js';

export type ReadingRow = typeof meterReadings.$inferSelect;

export async function insertReading(db: Executor, row: typeof meterReadings.$inferInsert): Promise<ReadingRow> {
  const [inserted] = await db.insert(meterReadings).values(row).returning();
  return inserted!;
}

export async function lastAcceptedOfMeter(db: Executor, meterId: string): Promise<ReadingRow | undefined> {
  const [row] = await db.select().from(meterReadings)
    .where(and(eq(meterReadings.meterId, meterId), eq(meterReadings.status, 'accepted')))
    .orderBy(desc(meterReadings.readOn)).limit(1);
  return row;
}

/**
 * The account's use over its accepted readings of the `windowDays` before `before`: the units after the first
 * reading of the window, over the days from that first reading to the last.
 */
export async function historyOfAccount(db: Executor, accountId: string, before: string, windowDays = 365): Promise<{ units: bigint; days: number } | null> {
  const rows = await db.select({ readOn: meterReadings.readOn, consumption: meterReadings.consumption }).from(meterReadings)
    .where(and(eq(meterReadings.accountId, accountId), eq(meterReadings.status, 'accepted'), lt(meterReadings.readOn, before), gte(meterReadings.readOn, addDays(before, -windowDays))))
    .orderBy(asc(meterReadings.readOn));
  if (rows.length < 2) return null;
  const units = rows.slice(1).reduce((sum, r) => sum + r.consumption, 0n);
  return { units, days: daysBetween(rows[0]!.readOn, rows[rows.length - 1]!.readOn) };
}

export async function findReading(db: Executor, id: string): Promise<ReadingRow | undefined> {
  const [row] = await db.select().from(meterReadings).where(eq(meterReadings.id, id)).limit(1);
  return row;
}

export async function readingsOfAccount(db: Executor, accountId: string, limit: number): Promise<ReadingRow[]> {
  return db.select().from(meterReadings)
    .where(eq(meterReadings.accountId, accountId)).orderBy(desc(meterReadings.readOn), desc(meterReadings.createdAt)).limit(limit);
}

export async function heldReadings(db: Executor, limit: number): Promise<ReadingRow[]> {
  return db.select().from(meterReadings).where(eq(meterReadings.status, 'held')).orderBy(asc(meterReadings.createdAt)).limit(limit);
}

export async function settleHeldReading(db: Executor, id: string, change: { status: 'accepted' | 'rejected'; consumption?: bigint; rollover?: boolean; decisionCode: string; reviewedById: string | null; reviewedAt: Date }): Promise<ReadingRow | undefined> {
  const [row] = await db.update(meterReadings).set(change).where(and(eq(meterReadings.id, id), eq(meterReadings.status, 'held'))).returning();
  return row;
}
