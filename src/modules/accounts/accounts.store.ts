import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { meters, utilityAccounts } from '../../db/schema/accounts.js';
import type { Executor } from '../../db/client.js';

export type AccountRow = typeof utilityAccounts.$inferSelect;
export type MeterRow = typeof meters.$inferSelect;

export async function insertAccount(db: Executor, row: typeof utilityAccounts.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(utilityAccounts).values(row).onConflictDoNothing().returning({ id: utilityAccounts.id });
  return inserted.length > 0;
}

export async function insertMeter(db: Executor, row: typeof meters.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(meters).values(row).onConflictDoNothing().returning({ id: meters.id });
  return inserted.length > 0;
}

export async function findAccountByNumber(db: Executor, accountNumber: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(utilityAccounts).where(eq(utilityAccounts.accountNumber, accountNumber)).limit(1);
  return row;
}

export async function findAccountById(db: Executor, id: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(utilityAccounts).where(eq(utilityAccounts.id, id)).limit(1);
  return row;
}

export async function findMeterByNumber(db: Executor, meterNumber: string): Promise<MeterRow | undefined> {
  const [row] = await db.select().from(meters).where(eq(meters.meterNumber, meterNumber)).limit(1);
  return row;
}

export async function activeMeterOf(db: Executor, accountId: string): Promise<MeterRow | undefined> {
  const [row] = await db.select().from(meters).where(and(eq(meters.accountId, accountId), eq(meters.status, 'active'))).limit(1);
  return row;
}

export async function metersOf(db: Executor, accountIds: string[]): Promise<MeterRow[]> {
  if (accountIds.length === 0) return [];
  return db.select().from(meters).where(sql`${meters.accountId} = ANY(${sql.param(accountIds)}::text[])`).orderBy(asc(meters.installedOn));
}

/** Locks a meter row until the transaction ends: readings of one meter are decided one at a time. */
export async function lockMeter(db: Executor, meterId: string): Promise<MeterRow | undefined> {
  const [row] = await db.select().from(meters).where(eq(meters.id, meterId)).for('update');
  return row;
}

export async function accountsOfOwner(db: Executor, civilId: string): Promise<AccountRow[]> {
  return db.select().from(utilityAccounts).where(eq(utilityAccounts.ownerCivilId, civilId)).orderBy(asc(utilityAccounts.billerCode), asc(utilityAccounts.accountNumber));
}

/** Links accounts opened before their owner registered to the person, so bills name a recipient. */
export async function linkOwnerPerson(db: Executor, civilId: string, personId: string): Promise<void> {
  await db.update(utilityAccounts).set({ ownerPersonId: personId })
    .where(and(eq(utilityAccounts.ownerCivilId, civilId), isNull(utilityAccounts.ownerPersonId)));
}

export async function setAccountStatus(db: Executor, id: string, status: string, now: Date): Promise<void> {
  await db.update(utilityAccounts).set({ status, updatedAt: now }).where(eq(utilityAccounts.id, id));
}

export async function removeMeter(db: Executor, meterId: string, removedOn: string): Promise<void> {
  await db.update(meters).set({ status: 'removed', removedOn }).where(eq(meters.id, meterId));
}

export async function findAccountsByIds(db: Executor, ids: string[]): Promise<AccountRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(utilityAccounts).where(inArray(utilityAccounts.id, ids));
}

export async function findAccountsByNumbers(db: Executor, numbers: string[]): Promise<AccountRow[]> {
  if (numbers.length === 0) return [];
  return db.select().from(utilityAccounts).where(inArray(utilityAccounts.accountNumber, numbers));
}

export async function lockAccount(db: Executor, id: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(utilityAccounts).where(eq(utilityAccounts.id, id)).for('update');
  return row;
}
