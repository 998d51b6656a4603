// The payable store: any biller module issues, updates and closes its payables through these functions, inside
// its own transaction. Amount changes are single conditional UPDATEs, so concurrent payments cannot overpay.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { payables } from '../../db/schema/billers.js';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/query-rows.js';
import type { StatementPart } from '../../db/statement-parts.js';

export type PayableRow = typeof payables.$inferSelect;
export type NewPayable = typeof payables.$inferInsert;
export type PayableStatus = 'open' | 'partially_paid' | 'paid' | 'cancelled';
export const OPEN_STATUSES: PayableStatus[] = ['open', 'partially_paid'];

/** Inserts a payable; a second issue with the same (biller, kind, sourceId) returns the first one unchanged. */
export async function insertPayable(db: Executor, row: NewPayable): Promise<{ payable: PayableRow; created: boolean }> {
  const inserted = await db.insert(payables).values(row).onConflictDoNothing({ target: [payables.billerCode, payables.kind, payables.sourceId] }).returning();
  if (inserted[0]) return { payable: inserted[0], created: true };
  const [existing] = await db.select().from(payables)
    .where(and(eq(payables.billerCode, row.billerCode), eq(payables.kind, row.kind), eq(payables.sourceId, row.sourceId)));
  return { payable: existing!, created: false };
}

export async function findPayable(db: Executor, id: string): Promise<PayableRow | undefined> {
  const [row] = await db.select().from(payables).where(eq(payables.id, id)).limit(1);
  return row;
}

export async function findPayablesByIds(db: Executor, ids: string[]): Promise<PayableRow[]> {
  if (ids.length === 0) return [];
  // One id (most payments pay one bill): a statement prepared once per database, planned once per connection.
  if (ids.length === 1) return byIdPrepared(db).execute({ id: ids[0] });
  return db.select().from(payables).where(inArray(payables.id, ids));
}

const preparedById = new WeakMap<Executor, ReturnType<typeof prepareById>>();

function prepareById(db: Executor) {
  return db.select().from(payables).where(eq(payables.id, sql.placeholder('id'))).prepare('payables_by_id');
}

function byIdPrepared(db: Executor) {
  let prepared = preparedById.get(db);
  if (!prepared) preparedById.set(db, (prepared = prepareById(db)));
  return prepared;
}

export async function findPayableBySource(db: Executor, billerCode: string, kind: PayableRow['kind'], sourceId: string): Promise<PayableRow | undefined> {
  const [row] = await db.select().from(payables)
    .where(and(eq(payables.billerCode, billerCode), eq(payables.kind, kind), eq(payables.sourceId, sourceId))).limit(1);
  return row;
}

/** Locks the payables for the rest of the transaction, in id order so two payers never deadlock. */
export async function lockPayables(db: Executor, ids: string[]): Promise<PayableRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(payables).where(inArray(payables.id, ids)).orderBy(asc(payables.id)).for('update');
}

export interface PayableLookup {
  civilId?: string;
  accountNumber?: string;
  meterNumber?: string;
  plate?: string;
  personId?: string;
}

type LookupKey = keyof PayableLookup;
const LOOKUP_COLUMNS = { civilId: payables.civilId, accountNumber: payables.accountNumber, meterNumber: payables.meterNumber, plate: payables.plate, personId: payables.personId } as const;

/** Open payables by any look-up key, across every biller, oldest due first. One key (an inquiry): one prepared statement. */
export async function findOpenPayables(db: Executor, lookup: PayableLookup, limit = 200): Promise<PayableRow[]> {
  const keys = (Object.keys(LOOKUP_COLUMNS) as LookupKey[]).filter((k) => lookup[k]);
  if (keys.length === 0) return [];
  if (keys.length === 1) return openByOne(db, keys[0]!).execute({ value: lookup[keys[0]!], limit });
  const conditions: SQL[] = keys.map((k) => eq(LOOKUP_COLUMNS[k], lookup[k]!));
  return db.select().from(payables)
    .where(and(...conditions, inArray(payables.status, OPEN_STATUSES)))
    .orderBy(asc(payables.dueDate), asc(payables.createdAt), asc(payables.id)).limit(limit);
}

/** The prepared inquiry by one key, made once per database (and key): PostgreSQL plans it once per connection. */
const preparedOpen = new WeakMap<Executor, Map<LookupKey, ReturnType<typeof prepareOpenByOne>>>();

function prepareOpenByOne(db: Executor, key: LookupKey) {
  return db.select().from(payables)
    .where(and(eq(LOOKUP_COLUMNS[key], sql.placeholder('value')), inArray(payables.status, OPEN_STATUSES)))
    .orderBy(asc(payables.dueDate), asc(payables.createdAt), asc(payables.id)).limit(sql.placeholder('limit'))
    .prepare(`payables_open_by_${key}`);
}

function openByOne(db: Executor, key: LookupKey) {
  let byKey = preparedOpen.get(db);
  if (!byKey) preparedOpen.set(db, (byKey = new Map()));
  let prepared = byKey.get(key);
  if (!prepared) byKey.set(key, (prepared = prepareOpenByOne(db, key)));
  return prepared;
}

/** Every payable of a person (history), newest first. */
export async function findPayablesOfCivilId(db: Executor, civilId: string, limit = 200): Promise<PayableRow[]> {
  return db.select().from(payables).where(eq(payables.civilId, civilId)).orderBy(sql`${payables.createdAt} desc`).limit(limit);
}

/**
 * Adds a payment to a payable if, and only if, it keeps the payable within what is due and the payable is open.
 * Returns the updated row, or undefined when the guard refused (paid, cancelled, or too much).
 */
export async function applyPaymentToPayable(db: Executor, id: string, amount: bigint, now: Date): Promise<PayableRow | undefined> {
  const [row] = await db.update(payables).set({
    amountPaid: sql`${payables.amountPaid} + ${amount}`,
    status: sql`CASE WHEN ${payables.amountPaid} + ${amount} >= ${payables.amount} THEN 'paid' ELSE 'partially_paid' END`,
    closedAt: sql`CASE WHEN ${payables.amountPaid} + ${amount} >= ${payables.amount} THEN ${now.toISOString()}::timestamptz ELSE NULL END`,
    updatedAt: now,
  }).where(and(
    eq(payables.id, id),
    inArray(payables.status, OPEN_STATUSES),
    sql`${payables.amountPaid} + ${amount} <= ${payables.amount}`,
    sql`${amount} > 0`,
  )).returning();
  return row;
}

/**
 * The strict rules of a payment, in the guarded UPDATE itself (no lock taken first): the payable open, in this
 * currency, payable online, the amount positive, within what is due, and the whole due unless partial payment is
 * allowed and the amount reaches the minimum. The same rules as payments' assertPayable; undefined when refused
 * (the caller then finds out why under a lock). The UPDATE takes the row lock and re-checks on the latest row.
 */
export async function applyStrictPaymentToPayable(db: Executor, id: string, amount: bigint, currency: string, now: Date): Promise<PayableRow | undefined> {
  const [row] = await db.update(payables).set({
    amountPaid: sql`${payables.amountPaid} + ${amount}`,
    status: sql`CASE WHEN ${payables.amountPaid} + ${amount} >= ${payables.amount} THEN 'paid' ELSE 'partially_paid' END`,
    closedAt: sql`CASE WHEN ${payables.amountPaid} + ${amount} >= ${payables.amount} THEN ${now.toISOString()}::timestamptz ELSE NULL END`,
    updatedAt: now,
  }).where(and(
    eq(payables.id, id),
    inArray(payables.status, OPEN_STATUSES),
    eq(payables.currency, currency),
    eq(payables.payableOnline, true),
    sql`${amount} > 0`,
    sql`${payables.amountPaid} + ${amount} <= ${payables.amount}`,
    sql`(${payables.amountPaid} + ${amount} = ${payables.amount} OR (${payables.allowsPartialPayment} AND ${amount} >= ${payables.minPartialAmount}))`,
  )).returning();
  return row;
}

/**
 * The strict payment of several payables as one part of a one-statement posting (StatementPart): the same rules as
 * applyStrictPaymentToPayable, every item in one UPDATE, returning the ids it paid. The caller refuses the statement
 * unless every item came back. Items are joined in id order, the order the transactional path locks them in.
 */
export function strictPaymentPart(items: { payableId: string; amount: bigint }[], currency: string, now: Date): StatementPart {
  const ordered = [...items].sort((a, b) => (a.payableId < b.payableId ? -1 : a.payableId > b.payableId ? 1 : 0));
  const values = sql.join(ordered.map((item) => sql`(${item.payableId}, ${item.amount.toString()}::bigint)`), sql`, `);
  const at = now.toISOString();
  return {
    name: 'payables_paid',
    sql: sql`
      UPDATE payables SET
        amount_paid = payables.amount_paid + i.amount,
        status = CASE WHEN payables.amount_paid + i.amount >= payables.amount THEN 'paid' ELSE 'partially_paid' END,
        closed_at = CASE WHEN payables.amount_paid + i.amount >= payables.amount THEN ${at}::timestamptz ELSE NULL END,
        updated_at = ${at}::timestamptz
      FROM (VALUES ${values}) AS i(id, amount)
      WHERE payables.id = i.id
        AND payables.status IN (${sql.join(OPEN_STATUSES.map((status) => sql`${status}`), sql`, `)})
        AND payables.currency = ${currency}
        AND payables.payable_online
        AND i.amount > 0
        AND payables.amount_paid + i.amount <= payables.amount
        AND (payables.amount_paid + i.amount = payables.amount OR (payables.allows_partial_payment AND i.amount >= payables.min_partial_amount))
      RETURNING payables.id`,
  };
}

/** Takes a payment back off a payable (refund or reversal): it reopens if it was paid. */
export async function reversePaymentOnPayable(db: Executor, id: string, amount: bigint, now: Date): Promise<PayableRow | undefined> {
  const [row] = await db.update(payables).set({
    amountPaid: sql`${payables.amountPaid} - ${amount}`,
    status: sql`CASE WHEN ${payables.status} = 'cancelled' THEN 'cancelled' WHEN ${payables.amountPaid} - ${amount} = 0 THEN 'open' ELSE 'partially_paid' END`,
    closedAt: sql`CASE WHEN ${payables.status} = 'cancelled' THEN ${payables.closedAt} ELSE NULL END`,
    updatedAt: now,
  }).where(and(eq(payables.id, id), sql`${payables.amountPaid} - ${amount} >= 0`, sql`${amount} > 0`)).returning();
  return row;
}

/** Changes the amount a biller says is owed (a corrected bill). Never below what is already paid. */
export async function updatePayableAmount(db: Executor, id: string, amount: bigint, now: Date): Promise<PayableRow | undefined> {
  const [row] = await db.update(payables).set({
    amount,
    status: sql`CASE WHEN ${payables.amountPaid} >= ${amount} THEN 'paid' WHEN ${payables.amountPaid} > 0 THEN 'partially_paid' ELSE 'open' END`,
    updatedAt: now,
  }).where(and(eq(payables.id, id), inArray(payables.status, OPEN_STATUSES), sql`${payables.amountPaid} <= ${amount}`)).returning();
  return row;
}

export async function cancelPayable(db: Executor, id: string, now: Date): Promise<PayableRow | undefined> {
  const [row] = await db.update(payables).set({ status: 'cancelled', closedAt: now, updatedAt: now })
    .where(and(eq(payables.id, id), sql`${payables.status} <> 'cancelled'`)).returning();
  return row;
}

export async function setPayableHold(db: Executor, id: string, hold: { payableOnline: boolean; holdReasonAr?: string | null; holdReasonEn?: string | null }, now: Date): Promise<void> {
  await db.update(payables).set({ ...hold, updatedAt: now }).where(eq(payables.id, id));
}

/** Fills in the owner once known (a violation on a plate registered later). */
export async function assignPayableOwner(db: Executor, id: string, owner: { personId: string | null; civilId: string | null }, now: Date): Promise<void> {
  await db.update(payables).set({ ...owner, updatedAt: now }).where(eq(payables.id, id));
}

export function amountDue(row: Pick<PayableRow, 'amount' | 'amountPaid'>): bigint {
  return row.amount - row.amountPaid;
}

/**
 * Inserts many payables in one statement (a bill run's batch), as one JSON parameter. A row whose
 * (biller, kind, source) exists is skipped. Returns the ids inserted.
 */
export async function insertPayables(db: Executor, rows: NewPayable[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const json = JSON.stringify(rows.map((r) => ({
    id: r.id, biller_code: r.billerCode, kind: r.kind, source_id: r.sourceId, reference: r.reference, person_id: r.personId ?? null,
    civil_id: r.civilId ?? null, account_number: r.accountNumber ?? null, meter_number: r.meterNumber ?? null, plate: r.plate ?? null,
    currency: r.currency, amount: String(r.amount), status: r.status, issued_on: r.issuedOn, due_date: r.dueDate,
    description_ar: r.descriptionAr, description_en: r.descriptionEn, allows_partial_payment: r.allowsPartialPayment,
    min_partial_amount: String(r.minPartialAmount ?? 0n), payable_online: r.payableOnline, hold_reason_ar: r.holdReasonAr ?? null,
    hold_reason_en: r.holdReasonEn ?? null, created_at: (r.createdAt as Date).toISOString(),
  })));
  const inserted = await queryRows<{ id: string }>(db, sql`
    INSERT INTO payables (id, biller_code, kind, source_id, reference, person_id, civil_id, account_number, meter_number, plate, currency,
      amount, amount_paid, status, issued_on, due_date, description_ar, description_en, allows_partial_payment, min_partial_amount,
      payable_online, hold_reason_ar, hold_reason_en, created_at, updated_at)
    SELECT id, biller_code, kind, source_id, reference, person_id, civil_id, account_number, meter_number, plate, currency,
      amount, 0, status, issued_on, due_date, description_ar, description_en, allows_partial_payment, min_partial_amount,
      payable_online, hold_reason_ar, hold_reason_en, created_at, created_at
    FROM json_to_recordset(${json}::json) AS r(id text, biller_code text, kind text, source_id text, reference text, person_id text,
      civil_id text, account_number text, meter_number text, plate text, currency text, amount bigint, status text, issued_on date,
      due_date date, description_ar text, description_en text, allows_partial_payment boolean, min_partial_amount bigint,
      payable_online boolean, hold_reason_ar text, hold_reason_en text, created_at timestamptz)
    ON CONFLICT (biller_code, kind, source_id) DO NOTHING
    RETURNING id`);
  return new Set(inserted.map((r) => r.id));
}

export interface OverdueDebt {
  accountNumber: string;
  amount: bigint;
  oldestDueDate: string;
}

/**
 * Overdue, collectable debt per utility account in one currency: what is still due on open payables due on or before
 * `dueOnOrBefore`. Held payables (a disputed bill, a government account's) are left out: they are not collectable.
 * One grouped query, so the disconnection list is set-based however many accounts there are.
 */
export async function overdueDebtByAccount(db: Executor, filter: { dueOnOrBefore: string; currency: string; above?: bigint; accountNumbers?: string[] }): Promise<OverdueDebt[]> {
  if (filter.accountNumbers?.length === 0) return [];
  const due = sql<string>`sum(${payables.amount} - ${payables.amountPaid})`;
  // Sums leave as text: numeric arrives as a string on one driver and may not on another.
  const rows = await db.select({ accountNumber: payables.accountNumber, amount: sql<string>`${due}::text`, oldestDueDate: sql<string>`min(${payables.dueDate})::text` })
    .from(payables)
    .where(and(
      inArray(payables.status, OPEN_STATUSES), sql`${payables.accountNumber} is not null`, eq(payables.currency, filter.currency),
      eq(payables.payableOnline, true), sql`${payables.dueDate} <= ${filter.dueOnOrBefore}::date`,
      filter.accountNumbers ? inArray(payables.accountNumber, filter.accountNumbers) : undefined,
    ))
    .groupBy(payables.accountNumber)
    .having(filter.above !== undefined ? sql`${due} > ${String(filter.above)}::numeric` : undefined)
    .orderBy(asc(payables.accountNumber));
  return rows.map((r) => ({ accountNumber: r.accountNumber!, amount: BigInt(r.amount), oldestDueDate: r.oldestDueDate }));
}

/**
 * One page of a biller's payables still owed on one due date, in id order after `afterId`: what the bill reminders
 * walk. Only the payables to remind: collected online, something left to pay, an owner to tell, and issued before
 * `createdBefore` (one issued after the reminder moment was just announced; a reminder too would be noise).
 * payables_open_due_idx holds (biller, due date, id), so each page is read from the index in order.
 */
export async function openPayablesDueOn(db: Executor, filter: { billerCode: string; kind: PayableRow['kind']; dueDate: string; createdBefore: Date; afterId: string; limit: number }): Promise<PayableRow[]> {
  return db.select().from(payables)
    .where(and(
      eq(payables.billerCode, filter.billerCode), eq(payables.dueDate, filter.dueDate), inArray(payables.status, OPEN_STATUSES),
      sql`${payables.id} > ${filter.afterId}`, eq(payables.kind, filter.kind), eq(payables.payableOnline, true),
      sql`${payables.amount} > ${payables.amountPaid}`, sql`(${payables.personId} IS NOT NULL OR ${payables.civilId} IS NOT NULL)`,
      sql`${payables.createdAt} < ${filter.createdBefore.toISOString()}::timestamptz`,
    ))
    .orderBy(asc(payables.id))
    .limit(filter.limit);
}
