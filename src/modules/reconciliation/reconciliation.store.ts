// The reconciliation module's SQL, and only its tables.
import { and, asc, desc, eq, or, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { bankStatements, statementEntries } from '../../db/schema/reconciliation.js';

export type StatementRow = typeof bankStatements.$inferSelect;
export type EntryRow = typeof statementEntries.$inferSelect;
export type NewEntry = typeof statementEntries.$inferInsert;

export async function findImported(db: Executor, contentHash: string, account: string, statementId: string): Promise<StatementRow | undefined> {
  const [row] = await db.select().from(bankStatements)
    .where(or(eq(bankStatements.contentHash, contentHash), and(eq(bankStatements.account, account), eq(bankStatements.statementId, statementId)))).limit(1);
  return row;
}

/** Inserts unless the same file or statement is already there (a concurrent import); undefined then. */
export async function insertStatement(db: Executor, row: typeof bankStatements.$inferInsert): Promise<StatementRow | undefined> {
  const [inserted] = await db.insert(bankStatements).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function insertEntries(db: Executor, rows: (typeof statementEntries.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(statementEntries).values(rows);
}

/** Payments already settled by an earlier entry (matched), so one payment is never matched twice. */
export async function matchedPaymentIds(db: Executor, paymentIds: string[], state: 'matched' | 'reversed'): Promise<Set<string>> {
  if (paymentIds.length === 0) return new Set();
  const rows = await db.select({ paymentId: statementEntries.paymentId }).from(statementEntries)
    .where(and(inArray(statementEntries.paymentId, paymentIds), eq(statementEntries.state, state)));
  return new Set(rows.map((r) => r.paymentId!));
}

export async function listStatements(db: Executor, limit: number): Promise<StatementRow[]> {
  return db.select().from(bankStatements).orderBy(desc(bankStatements.importedAt)).limit(limit);
}

export async function findStatement(db: Executor, id: string): Promise<StatementRow | undefined> {
  const [row] = await db.select().from(bankStatements).where(eq(bankStatements.id, id));
  return row;
}

export async function entriesOf(db: Executor, statementId: string): Promise<EntryRow[]> {
  return db.select().from(statementEntries).where(eq(statementEntries.statementId, statementId)).orderBy(asc(statementEntries.position));
}

export async function entriesInState(db: Executor, state: EntryRow['state'], limit: number): Promise<EntryRow[]> {
  return db.select().from(statementEntries).where(eq(statementEntries.state, state)).orderBy(asc(statementEntries.id)).limit(limit);
}

export async function lockEntry(db: Executor, id: string): Promise<EntryRow | undefined> {
  const [row] = await db.select().from(statementEntries).where(eq(statementEntries.id, id)).for('update');
  return row;
}

export async function resolveEntry(db: Executor, id: string, change: Pick<EntryRow, 'state' | 'paymentId' | 'resolvedBy' | 'resolvedAt' | 'note'>): Promise<EntryRow> {
  const [row] = await db.update(statementEntries).set(change).where(eq(statementEntries.id, id)).returning();
  return row!;
}

/** Matched entries booked on a date (bookingDate may carry a time: its first ten characters are the date). */
export async function matchedEntriesBookedOn(db: Executor, date: string): Promise<EntryRow[]> {
  return db.select().from(statementEntries)
    .where(and(eq(statementEntries.state, 'matched'), sql`left(${statementEntries.bookingDate}, 10) = ${date}`));
}

export async function matchedEntriesOfPayments(db: Executor, paymentIds: string[]): Promise<EntryRow[]> {
  if (paymentIds.length === 0) return [];
  return db.select().from(statementEntries).where(and(eq(statementEntries.state, 'matched'), inArray(statementEntries.paymentId, paymentIds)));
}
