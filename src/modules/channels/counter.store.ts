// The counters' SQL: offices, counters, cash drawers, counter payments with their items and tenders, day closes.
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import {
  counterCounters, counterDayCloses, counterDrawers, counterOffices, counterPaymentItems, counterPayments, counterReceiptBlocks, counterTenders,
} from '../../db/schema/channels.js';
import type { Executor } from '../../db/client.js';

export type OfficeRow = typeof counterOffices.$inferSelect;
export type CounterRow = typeof counterCounters.$inferSelect;
export type DrawerRow = typeof counterDrawers.$inferSelect;
export type CounterPaymentRow = typeof counterPayments.$inferSelect;
export type CounterPaymentItemRow = typeof counterPaymentItems.$inferSelect;
export type TenderRow = typeof counterTenders.$inferSelect;
export type DayCloseRow = typeof counterDayCloses.$inferSelect;
export type ReceiptBlockRow = typeof counterReceiptBlocks.$inferSelect;

// ── offices and counters ──

export async function insertOffice(db: Executor, row: typeof counterOffices.$inferInsert): Promise<OfficeRow | undefined> {
  const [inserted] = await db.insert(counterOffices).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function listOffices(db: Executor): Promise<OfficeRow[]> {
  return db.select().from(counterOffices).orderBy(asc(counterOffices.code));
}

export async function findOfficeByCode(db: Executor, code: string): Promise<OfficeRow | undefined> {
  const [row] = await db.select().from(counterOffices).where(eq(counterOffices.code, code)).limit(1);
  return row;
}

export async function findOfficeById(db: Executor, id: string): Promise<OfficeRow | undefined> {
  const [row] = await db.select().from(counterOffices).where(eq(counterOffices.id, id)).limit(1);
  return row;
}

export async function insertCounter(db: Executor, row: typeof counterCounters.$inferInsert): Promise<CounterRow | undefined> {
  const [inserted] = await db.insert(counterCounters).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function countersOf(db: Executor, officeIds: string[]): Promise<CounterRow[]> {
  if (officeIds.length === 0) return [];
  return db.select().from(counterCounters).where(inArray(counterCounters.officeId, officeIds)).orderBy(asc(counterCounters.code));
}

export async function findCounter(db: Executor, officeId: string, code: string): Promise<CounterRow | undefined> {
  const [row] = await db.select().from(counterCounters).where(and(eq(counterCounters.officeId, officeId), eq(counterCounters.code, code))).limit(1);
  return row;
}

export async function findCounterById(db: Executor, id: string): Promise<CounterRow | undefined> {
  const [row] = await db.select().from(counterCounters).where(eq(counterCounters.id, id)).limit(1);
  return row;
}

/** The counter's next receipt sequence number; the row stays locked until the payment commits or rolls back. */
export async function takeReceiptSeq(db: Executor, counterId: string): Promise<bigint> {
  const [row] = await db.update(counterCounters).set({ lastReceiptSeq: sql`${counterCounters.lastReceiptSeq} + 1` })
    .where(eq(counterCounters.id, counterId)).returning({ seq: counterCounters.lastReceiptSeq });
  if (!row) throw new Error(`counter ${counterId} vanished`);
  return row.seq;
}

/** Takes `size` numbers of the counter's offline series at once (an offline block): the last one taken. */
export async function takeOfflineReceiptSeqs(db: Executor, counterId: string, size: bigint): Promise<bigint> {
  const [row] = await db.update(counterCounters).set({ lastOfflineReceiptSeq: sql`${counterCounters.lastOfflineReceiptSeq} + ${size}` })
    .where(eq(counterCounters.id, counterId)).returning({ seq: counterCounters.lastOfflineReceiptSeq });
  if (!row) throw new Error(`counter ${counterId} vanished`);
  return row.seq;
}

export async function setOfflineLimits(db: Executor, officeId: string, limits: { offlineMaxPayment: bigint | null; offlineMaxTotal: bigint | null }): Promise<OfficeRow | undefined> {
  const [row] = await db.update(counterOffices).set(limits).where(eq(counterOffices.id, officeId)).returning();
  return row;
}

// ── offline receipt blocks ──

export async function insertReceiptBlock(db: Executor, row: ReceiptBlockRow): Promise<ReceiptBlockRow> {
  const [inserted] = await db.insert(counterReceiptBlocks).values(row).returning();
  return inserted!;
}

/** The block of the counter that holds this sequence number, if one does. */
export async function blockHolding(db: Executor, counterId: string, seq: bigint): Promise<ReceiptBlockRow | undefined> {
  const [row] = await db.select().from(counterReceiptBlocks)
    .where(and(eq(counterReceiptBlocks.counterId, counterId), lte(counterReceiptBlocks.firstSeq, seq), gte(counterReceiptBlocks.lastSeq, seq))).limit(1);
  return row;
}

export async function findCounterPaymentByReceipt(db: Executor, receiptNumber: string): Promise<CounterPaymentRow | undefined> {
  const [row] = await db.select().from(counterPayments).where(eq(counterPayments.receiptNumber, receiptNumber)).limit(1);
  return row;
}

/** What the drawer has taken offline so far (payments not voided), against the office's offline total. */
export async function offlineTotalOfDrawer(db: Executor, drawerId: string): Promise<bigint> {
  const [row] = await db.select({ total: sql<string>`coalesce(sum(${counterPayments.amount}), 0)` }).from(counterPayments)
    .where(and(eq(counterPayments.drawerId, drawerId), eq(counterPayments.takenOffline, true), eq(counterPayments.status, 'posted')));
  return BigInt(row?.total ?? 0);
}

// ── drawers ──

/** Inserts an open drawer unless the counter or the cashier already has one (partial unique indexes). */
export async function insertDrawer(db: Executor, row: typeof counterDrawers.$inferInsert): Promise<DrawerRow | undefined> {
  const [inserted] = await db.insert(counterDrawers).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function findDrawer(db: Executor, id: string, options: { lock?: boolean } = {}): Promise<DrawerRow | undefined> {
  const query = db.select().from(counterDrawers).where(eq(counterDrawers.id, id)).limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function findOpenDrawer(db: Executor, by: { cashierId?: string; counterId?: string }): Promise<DrawerRow | undefined> {
  const who = by.cashierId ? eq(counterDrawers.cashierId, by.cashierId) : eq(counterDrawers.counterId, by.counterId!);
  const [row] = await db.select().from(counterDrawers).where(and(who, eq(counterDrawers.status, 'open'))).limit(1);
  return row;
}

export async function drawersOfOfficeDay(db: Executor, officeId: string, businessDate: string): Promise<DrawerRow[]> {
  return db.select().from(counterDrawers).where(and(eq(counterDrawers.officeId, officeId), eq(counterDrawers.businessDate, businessDate))).orderBy(asc(counterDrawers.openedAt), asc(counterDrawers.id));
}

/** Closes the drawer if, and only if, it is still open; undefined when someone closed it first. */
export async function closeDrawer(db: Executor, id: string, close: { expectedCash: bigint; countedCash: bigint; difference: bigint; closeNote: string | null; closedAt: Date }): Promise<DrawerRow | undefined> {
  const [row] = await db.update(counterDrawers).set({ ...close, status: 'closed' })
    .where(and(eq(counterDrawers.id, id), eq(counterDrawers.status, 'open'))).returning();
  return row;
}

/** Cash the drawer should hold beyond its float: cash tendered less change given, of its payments not voided. */
export async function netCashOfDrawer(db: Executor, drawerId: string): Promise<bigint> {
  const [tendered] = await db.select({ total: sql<string>`coalesce(sum(${counterTenders.amount}), 0)` }).from(counterTenders)
    .innerJoin(counterPayments, eq(counterPayments.id, counterTenders.counterPaymentId))
    .where(and(eq(counterPayments.drawerId, drawerId), eq(counterPayments.status, 'posted'), eq(counterTenders.kind, 'cash')));
  const [change] = await db.select({ total: sql<string>`coalesce(sum(${counterPayments.changeGiven}), 0)` }).from(counterPayments)
    .where(and(eq(counterPayments.drawerId, drawerId), eq(counterPayments.status, 'posted')));
  return BigInt(tendered?.total ?? 0) - BigInt(change?.total ?? 0);
}

// ── counter payments ──

/** Claims the client's id: undefined when it is taken (a replay, or a concurrent twin that committed first). */
export async function insertCounterPayment(db: Executor, row: CounterPaymentRow): Promise<CounterPaymentRow | undefined> {
  const [inserted] = await db.insert(counterPayments).values(row).onConflictDoNothing({ target: counterPayments.id }).returning();
  return inserted;
}

export async function insertPaymentDetails(db: Executor, items: (typeof counterPaymentItems.$inferInsert)[], tenders: (typeof counterTenders.$inferInsert)[]): Promise<void> {
  if (items.length > 0) await db.insert(counterPaymentItems).values(items);
  if (tenders.length > 0) await db.insert(counterTenders).values(tenders);
}

export async function findCounterPayment(db: Executor, id: string, options: { lock?: boolean } = {}): Promise<CounterPaymentRow | undefined> {
  const query = db.select().from(counterPayments).where(eq(counterPayments.id, id)).limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function findCounterPaymentByPaymentId(db: Executor, paymentId: string): Promise<CounterPaymentRow | undefined> {
  const [row] = await db.select().from(counterPayments).where(eq(counterPayments.paymentId, paymentId)).limit(1);
  return row;
}

export async function detailsOf(db: Executor, ids: string[]): Promise<{ items: CounterPaymentItemRow[]; tenders: TenderRow[] }> {
  if (ids.length === 0) return { items: [], tenders: [] };
  const [items, tenders] = await Promise.all([
    db.select().from(counterPaymentItems).where(inArray(counterPaymentItems.counterPaymentId, ids)).orderBy(asc(counterPaymentItems.id)),
    db.select().from(counterTenders).where(inArray(counterTenders.counterPaymentId, ids)).orderBy(asc(counterTenders.counterPaymentId), asc(counterTenders.position)),
  ]);
  return { items, tenders };
}

export async function markVoided(db: Executor, id: string, v: { voidReason: string; voidedBy: string; voidedAt: Date; voidRef: string }): Promise<CounterPaymentRow | undefined> {
  const [row] = await db.update(counterPayments).set({ ...v, status: 'voided' })
    .where(and(eq(counterPayments.id, id), eq(counterPayments.status, 'posted'))).returning();
  return row;
}

export async function paymentsOfOfficeDay(db: Executor, officeId: string, businessDate: string): Promise<CounterPaymentRow[]> {
  return db.select().from(counterPayments).where(and(eq(counterPayments.officeId, officeId), eq(counterPayments.businessDate, businessDate))).orderBy(asc(counterPayments.createdAt), asc(counterPayments.id));
}

// ── day closes ──

export async function findDayClose(db: Executor, officeId: string, businessDate: string): Promise<DayCloseRow | undefined> {
  const [row] = await db.select().from(counterDayCloses).where(and(eq(counterDayCloses.officeId, officeId), eq(counterDayCloses.businessDate, businessDate))).limit(1);
  return row;
}

/** Records the day close unless it is already closed; undefined when it was. */
export async function insertDayClose(db: Executor, row: DayCloseRow): Promise<DayCloseRow | undefined> {
  const [inserted] = await db.insert(counterDayCloses).values(row).onConflictDoNothing().returning();
  return inserted;
}

/** Serialises what changes an office's day: opening a drawer, a void, the day close. */
export async function lockOffice(db: Executor, officeId: string): Promise<OfficeRow | undefined> {
  const [row] = await db.select().from(counterOffices).where(eq(counterOffices.id, officeId)).limit(1).for('update');
  return row;
}
