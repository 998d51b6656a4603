// The disconnection tables (rules, cases, field orders): the requests module's SQL for them, and only theirs.
import { and, asc, eq, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { disconnectionCases, disconnectionOrders, disconnectionRules, type DisconnectionCaseStatus } from '../../../db/schema/requests.js';

export type RuleRow = typeof disconnectionRules.$inferSelect;
export type CaseRow = typeof disconnectionCases.$inferSelect;
export type OrderRow = typeof disconnectionOrders.$inferSelect;
export type OrderKind = OrderRow['kind'];

export async function listRules(db: Executor, options: { activeOnly?: boolean } = {}): Promise<RuleRow[]> {
  return db.select().from(disconnectionRules)
    .where(options.activeOnly ? eq(disconnectionRules.active, true) : undefined)
    .orderBy(asc(disconnectionRules.category), asc(disconnectionRules.currency));
}

export async function findRule(db: Executor, category: string, currency: string): Promise<RuleRow | undefined> {
  const [row] = await db.select().from(disconnectionRules).where(and(eq(disconnectionRules.category, category), eq(disconnectionRules.currency, currency)));
  return row;
}

/** Inserts the rules a table lacks; a rule an admin already changed is left as it is. */
export async function insertMissingRules(db: Executor, rows: (typeof disconnectionRules.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(disconnectionRules).values(rows).onConflictDoNothing();
}

export async function upsertRule(db: Executor, row: typeof disconnectionRules.$inferInsert): Promise<RuleRow> {
  const [saved] = await db.insert(disconnectionRules).values(row).onConflictDoUpdate({
    target: [disconnectionRules.category, disconnectionRules.currency],
    set: {
      minDebt: row.minDebt, minAgeDays: row.minAgeDays, graceDays: row.graceDays, disconnectionSlaHours: row.disconnectionSlaHours,
      reconnectionFee: row.reconnectionFee, reconnectionSlaHours: row.reconnectionSlaHours, active: row.active, updatedAt: row.updatedAt, updatedBy: row.updatedBy,
    },
  }).returning();
  return saved!;
}

/** Accounts that already have an open case (so the list does not warn them twice). */
export async function accountsWithOpenCase(db: Executor, accountIds: string[]): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const rows = await db.select({ accountId: disconnectionCases.accountId }).from(disconnectionCases)
    .where(and(inArray(disconnectionCases.accountId, accountIds), ne(disconnectionCases.status, 'closed')));
  return new Set(rows.map((r) => r.accountId));
}

/** Inserts a case unless the account has an open one already (the partial unique index decides). */
export async function insertCase(db: Executor, row: typeof disconnectionCases.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(disconnectionCases).values(row).onConflictDoNothing().returning({ id: disconnectionCases.id });
  return inserted.length > 0;
}

export async function findCase(db: Executor, id: string, options: { lock?: boolean } = {}): Promise<CaseRow | undefined> {
  const query = db.select().from(disconnectionCases).where(eq(disconnectionCases.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function openCasesOfAccounts(db: Executor, accountNumbers: string[], options: { lock?: boolean } = {}): Promise<CaseRow[]> {
  if (accountNumbers.length === 0) return [];
  const query = db.select().from(disconnectionCases)
    .where(and(inArray(disconnectionCases.accountNumber, accountNumbers), ne(disconnectionCases.status, 'closed')))
    .orderBy(asc(disconnectionCases.id));
  return options.lock ? query.for('update') : query;
}

/** SQL: true when any of these accounts has a case not yet closed (the reconnection listener's probe). */
export function anyOpenCaseSql(accountNumbers: string[]): SQL {
  if (accountNumbers.length === 0) return sql`false`;
  return sql`EXISTS (SELECT 1 FROM ${disconnectionCases} WHERE ${inArray(disconnectionCases.accountNumber, accountNumbers)} AND ${ne(disconnectionCases.status, 'closed')})`;
}

export async function casesIn(db: Executor, statuses: DisconnectionCaseStatus[], options: { graceEndedBy?: Date; limit?: number } = {}): Promise<CaseRow[]> {
  return db.select().from(disconnectionCases)
    .where(and(inArray(disconnectionCases.status, statuses), options.graceEndedBy ? lte(disconnectionCases.graceUntil, options.graceEndedBy) : undefined))
    .orderBy(asc(disconnectionCases.graceUntil), asc(disconnectionCases.id)).limit(options.limit ?? 500);
}

export async function updateCase(db: Executor, id: string, set: Partial<typeof disconnectionCases.$inferInsert>): Promise<void> {
  await db.update(disconnectionCases).set(set).where(eq(disconnectionCases.id, id));
}

/** One order of each kind per case: a second insert (the payment hook and the sweep at once) does nothing. */
export async function insertOrder(db: Executor, row: typeof disconnectionOrders.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(disconnectionOrders).values(row).onConflictDoNothing().returning({ id: disconnectionOrders.id });
  return inserted.length > 0;
}

export async function findOrder(db: Executor, id: string, options: { lock?: boolean } = {}): Promise<OrderRow | undefined> {
  const query = db.select().from(disconnectionOrders).where(eq(disconnectionOrders.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function orderOfCase(db: Executor, caseId: string, kind: OrderKind): Promise<OrderRow | undefined> {
  const [row] = await db.select().from(disconnectionOrders).where(and(eq(disconnectionOrders.caseId, caseId), eq(disconnectionOrders.kind, kind)));
  return row;
}

export async function updateOrder(db: Executor, id: string, set: Partial<typeof disconnectionOrders.$inferInsert>): Promise<void> {
  await db.update(disconnectionOrders).set(set).where(eq(disconnectionOrders.id, id));
}

/** Field staff's list: orders by status and kind, the most urgent (earliest due) first. */
export async function listOrders(db: Executor, filter: { status?: OrderRow['status']; kind?: OrderKind; accountNumber?: string }, limit = 200): Promise<OrderRow[]> {
  return db.select().from(disconnectionOrders).where(and(
    filter.status ? eq(disconnectionOrders.status, filter.status) : undefined,
    filter.kind ? eq(disconnectionOrders.kind, filter.kind) : undefined,
    filter.accountNumber ? eq(disconnectionOrders.accountNumber, filter.accountNumber) : undefined,
  )).orderBy(asc(disconnectionOrders.dueBy), asc(disconnectionOrders.id)).limit(limit);
}

