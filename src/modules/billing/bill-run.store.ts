import { and, asc, desc, eq, inArray, lt, notInArray, sql } from 'drizzle-orm';
import { billRunFailures, billRuns } from '../../db/schema/billing.js';
import type { Executor } from '../../db/client.js';

export type BillRunRow = typeof billRuns.$inferSelect;
export type BillRunFailureRow = typeof billRunFailures.$inferSelect;

/** The run of (biller, period): created the first time, the same row every time after. */
export async function ensureRun(db: Executor, row: typeof billRuns.$inferInsert): Promise<BillRunRow> {
  await db.insert(billRuns).values(row).onConflictDoNothing({ target: [billRuns.billerCode, billRuns.period] });
  return (await findRunByPeriod(db, row.billerCode, row.period))!;
}

export async function findRun(db: Executor, id: string): Promise<BillRunRow | undefined> {
  const [row] = await db.select().from(billRuns).where(eq(billRuns.id, id)).limit(1);
  return row;
}

export async function findRunByPeriod(db: Executor, billerCode: string, period: string): Promise<BillRunRow | undefined> {
  const [row] = await db.select().from(billRuns).where(and(eq(billRuns.billerCode, billerCode), eq(billRuns.period, period))).limit(1);
  return row;
}

/**
 * A biller's runs of periods before `period` that never finished (running with a dead or live holder, interrupted,
 * failed), oldest first: what a crash or a database loss left behind once the bill day has moved on.
 */
export async function unfinishedRunsBefore(db: Executor, billerCode: string, period: string): Promise<BillRunRow[]> {
  return db.select().from(billRuns)
    .where(and(eq(billRuns.billerCode, billerCode), lt(billRuns.period, period), notInArray(billRuns.status, ['completed', 'completed_with_failures'])))
    .orderBy(asc(billRuns.period));
}

export async function listRuns(db: Executor, billerCode: string | undefined, limit: number): Promise<BillRunRow[]> {
  return db.select().from(billRuns).where(billerCode ? eq(billRuns.billerCode, billerCode) : undefined)
    .orderBy(desc(billRuns.period), asc(billRuns.billerCode)).limit(limit);
}

/**
 * Takes the run for `owner` if nobody holds it, the lease ran out, or the holder is `takeOver` (a process on this
 * machine that is known to be dead). Returns false when someone else is running it.
 */
export async function acquireLease(db: Executor, id: string, owner: string, now: Date, until: Date, takeOver: string | null): Promise<boolean> {
  const rows = await db.update(billRuns).set({ leaseOwner: owner, leaseUntil: until, status: 'running', updatedAt: now, finishedAt: null, lastError: null })
    .where(and(eq(billRuns.id, id), sql`(${billRuns.leaseOwner} IS NULL OR ${billRuns.leaseUntil} < ${now.toISOString()}::timestamptz OR ${billRuns.leaseOwner} = ${owner}
      ${takeOver ? sql`OR ${billRuns.leaseOwner} = ${takeOver}` : sql``})`))
    .returning({ id: billRuns.id });
  return rows.length > 0;
}

export async function setTotal(db: Executor, id: string, total: number): Promise<void> {
  await db.update(billRuns).set({ totalAccounts: total }).where(eq(billRuns.id, id));
}

/**
 * Adds a committed batch to the counts and renews the lease, in the batch's own transaction: the counts are
 * exactly the bills created, and a runner that lost its lease cannot commit a batch.
 */
export async function recordBatch(db: Executor, id: string, owner: string, batch: { billed: number; estimated: number; amount: bigint }, now: Date, leaseUntil: Date): Promise<boolean> {
  const rows = await db.update(billRuns).set({
    billedCount: sql`${billRuns.billedCount} + ${batch.billed}`,
    estimatedCount: sql`${billRuns.estimatedCount} + ${batch.estimated}`,
    amountTotal: sql`${billRuns.amountTotal} + ${batch.amount.toString()}::bigint`,
    updatedAt: now,
    leaseUntil,
  }).where(and(eq(billRuns.id, id), eq(billRuns.leaseOwner, owner))).returning({ id: billRuns.id });
  return rows.length > 0;
}

export async function recordFailures(db: Executor, runId: string, failures: { accountId: string; code: string; message: string }[], now: Date): Promise<void> {
  if (failures.length === 0) return;
  await db.insert(billRunFailures).values(failures.map((f) => ({ runId, ...f, at: now })))
    .onConflictDoUpdate({ target: [billRunFailures.runId, billRunFailures.accountId], set: { code: sql`excluded.code`, message: sql`excluded.message`, at: sql`excluded.at` } });
}

export async function countFailures(db: Executor, runId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(billRunFailures).where(eq(billRunFailures.runId, runId));
  return Number(row?.n ?? 0);
}

export async function failuresOf(db: Executor, runId: string, limit: number): Promise<BillRunFailureRow[]> {
  return db.select().from(billRunFailures).where(eq(billRunFailures.runId, runId)).orderBy(asc(billRunFailures.accountId)).limit(limit);
}

export async function finishRun(db: Executor, id: string, owner: string, change: { status: string; failedCount: number; lastError: string | null; remindedAt?: Date }, now: Date): Promise<void> {
  const finished = change.status === 'completed' || change.status === 'completed_with_failures';
  await db.update(billRuns).set({ ...change, updatedAt: now, finishedAt: finished ? now : null, leaseOwner: null, leaseUntil: null })
    .where(and(eq(billRuns.id, id), eq(billRuns.leaseOwner, owner)));
}

/** Finished runs whose reminders are not written yet and whose due date has not passed (the reminders' candidates). */
export async function runsAwaitingReminders(db: Executor, today: string): Promise<BillRunRow[]> {
  return db.select().from(billRuns)
    .where(and(sql`${billRuns.remindedAt} IS NULL`, sql`${billRuns.dueDate} >= ${today}::date`, inArray(billRuns.status, ['completed', 'completed_with_failures'])))
    .orderBy(asc(billRuns.dueDate), asc(billRuns.billerCode));
}

export async function markReminded(db: Executor, id: string, now: Date): Promise<void> {
  await db.update(billRuns).set({ remindedAt: now }).where(eq(billRuns.id, id));
}
