// The SQL of the analytical reports (collections breakdown, debt ageing, issued vs collected, requests). Read-only
// over other modules' tables, which the reports module alone may do (.dependency-cruiser.cjs). Each query is set-
// based, filtered first on an indexed column (payments.posted_at, payables' open-due and issued-on indexes; requests
// by created_at over a table thousands of times smaller than payments), and runs inside readOnlySnapshot() so it
// takes no lock a payment waits for. Sums are cast to text so both drivers hand back exact digits (never a float).
import { and, eq, gte, inArray, isNotNull, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  apiClients, billers, disconnectionCases, disconnectionOrders, payables, paymentItems, payments, requestEvents, requestTypes, serviceRequests,
  staffUsers, utilityAccounts,
} from '../../db/schema/index.js';

export const COLLECTION_DIMENSIONS = ['day', 'channel', 'biller', 'office', 'bank'] as const;
export type CollectionDimension = (typeof COLLECTION_DIMENSIONS)[number];

export interface CollectionsRow {
  day?: string;
  channel?: string;
  billerCode?: string;
  office?: string;
  bank?: string;
  currency: string;
  payments: number;
  items: number;
  amount: string;
  refunded: string;
}

/** A zone name from the configuration, checked before it is written into SQL (grouping needs one literal expression). */
function zoneLiteral(timeZone: string): SQL {
  if (!/^[A-Za-z]+(?:[/_+-][A-Za-z0-9_+-]+)*$/.test(timeZone)) throw new Error(`not a time zone name: ${timeZone}`);
  return sql.raw(`'${timeZone}'`);
}

/**
 * What posted payments applied to payables in [from, to), grouped by the chosen dimensions and the currency.
 * office: the unit of the staff member who took it (counters); bank: the API client that sent it (bank channel);
 * blank when the channel has none. `credit` (money already held) is not a collection. `refunded`: the part of these
 * items given back since (by whatever day).
 */
export async function collectionsBreakdown(
  db: Executor, filter: { from: Date; to: Date; billerCode?: string; timeZone: string; by: CollectionDimension[] },
): Promise<CollectionsRow[]> {
  const expressions: Record<CollectionDimension, [string, SQL]> = {
    day: ['day', sql`to_char(${payments.postedAt} at time zone ${zoneLiteral(filter.timeZone)}, 'YYYY-MM-DD')`],
    channel: ['channel', sql`${payments.channel}`],
    biller: ['billerCode', sql`${payables.billerCode}`],
    office: ['office', sql`coalesce(${staffUsers.unit}, '')`],
    bank: ['bank', sql`coalesce(${apiClients.name}, '')`],
  };
  const chosen = COLLECTION_DIMENSIONS.filter((d) => filter.by.includes(d));
  const fields: Record<string, SQL> = {};
  for (const d of chosen) fields[expressions[d][0]] = expressions[d][1];
  Object.assign(fields, {
    currency: sql`${payments.currency}`,
    payments: sql`count(distinct ${payments.id})::int`,
    items: sql`count(*)::int`,
    amount: sql`coalesce(sum(${paymentItems.amount}), 0)::text`,
    refunded: sql`coalesce(sum(${paymentItems.amount}) filter (where ${paymentItems.refundId} is not null), 0)::text`,
  });
  // Grouped and ordered by position (the dimensions, then the currency): the day expression is not a column.
  const positions = Array.from({ length: chosen.length + 1 }, (_, i) => sql.raw(String(i + 1)));
  const rows = await db.select(fields).from(paymentItems)
    .innerJoin(payments, eq(payments.id, paymentItems.paymentId))
    .innerJoin(payables, eq(payables.id, paymentItems.payableId))
    .leftJoin(staffUsers, and(eq(payments.actorKind, 'staff'), eq(staffUsers.id, payments.actorId)))
    .leftJoin(apiClients, and(eq(payments.channel, 'bank'), eq(apiClients.id, payments.actorId)))
    .where(and(
      isNotNull(payments.postedAt), gte(payments.postedAt, filter.from), lt(payments.postedAt, filter.to), ne(payments.channel, 'credit'),
      filter.billerCode ? eq(payables.billerCode, filter.billerCode) : undefined,
    ))
    .groupBy(...positions).orderBy(...positions);
  return rows as unknown as CollectionsRow[];
}

export interface AgeingRow {
  billerCode: string;
  category: string;
  currency: string;
  payables: number;
  notDue: string;
  days0to30: string;
  days31to60: string;
  days61to90: string;
  days90plus: string;
  outstanding: string;
}

/**
 * What is still owed on open payables on `asOf`, by biller and category, split by days past the due date:
 * not yet due, 0–30, 31–60, 61–90, over 90. Category: the consumption category of the payable's utility account,
 * or the payable's kind (fine, topup) when it has none. Held (disputed, government) payables are owed too: included.
 */
export async function debtAgeing(db: Executor, filter: { asOf: string; billerCode?: string }): Promise<AgeingRow[]> {
  const owed = sql`(${payables.amount} - ${payables.amountPaid})`;
  const age = sql`(${filter.asOf}::date - ${payables.dueDate})`;
  const bucket = (condition: SQL) => sql<string>`coalesce(sum(${owed}) filter (where ${condition}), 0)::text`;
  const rows = await db.select({
    billerCode: payables.billerCode,
    category: sql<string>`coalesce(${utilityAccounts.category}, ${payables.kind})`,
    currency: payables.currency,
    payables: sql<number>`count(*)::int`,
    notDue: bucket(sql`${age} < 0`),
    days0to30: bucket(sql`${age} between 0 and 30`),
    days31to60: bucket(sql`${age} between 31 and 60`),
    days61to90: bucket(sql`${age} between 61 and 90`),
    days90plus: bucket(sql`${age} > 90`),
    outstanding: sql<string>`coalesce(sum(${owed}), 0)::text`,
  }).from(payables)
    .leftJoin(utilityAccounts, eq(utilityAccounts.accountNumber, payables.accountNumber))
    // The partial index payables_open_due_idx holds exactly these rows.
    .where(and(
      inArray(payables.status, ['open', 'partially_paid']), lte(payables.issuedOn, filter.asOf),
      filter.billerCode ? eq(payables.billerCode, filter.billerCode) : undefined,
    ))
    .groupBy(sql`1`, sql`2`, sql`3`).orderBy(sql`1`, sql`2`, sql`3`);
  return rows;
}

export interface IssuedCollectedRow {
  period: string;
  billerCode: string;
  kind: string;
  currency: string;
  issued: number;
  issuedAmount: string;
  collectedAmount: string;
  paid: number;
}

/**
 * Payables issued in each month of [fromDay, toDay] (by their issue date), by biller and kind, and what has been
 * collected on them to this day (the cohort view: of November's bills, how much is paid). Cancelled ones are left out.
 */
export async function issuedVsCollected(db: Executor, filter: { fromDay: string; toDay: string; billerCode?: string }): Promise<IssuedCollectedRow[]> {
  return db.select({
    period: sql<string>`to_char(${payables.issuedOn}, 'YYYY-MM')`,
    billerCode: payables.billerCode,
    kind: sql<string>`${payables.kind}`,
    currency: payables.currency,
    issued: sql<number>`count(*)::int`,
    issuedAmount: sql<string>`coalesce(sum(${payables.amount}), 0)::text`,
    collectedAmount: sql<string>`coalesce(sum(${payables.amountPaid}), 0)::text`,
    paid: sql<number>`(count(*) filter (where ${payables.status} = 'paid'))::int`,
  }).from(payables)
    .where(and(
      gte(payables.issuedOn, filter.fromDay), lte(payables.issuedOn, filter.toDay), ne(payables.status, 'cancelled'),
      filter.billerCode ? eq(payables.billerCode, filter.billerCode) : undefined,
    ))
    .groupBy(sql`1`, sql`2`, sql`3`, sql`4`).orderBy(sql`1`, sql`2`, sql`3`, sql`4`);
}

export interface RequestsRow {
  typeCode: string;
  nameAr: string;
  nameEn: string;
  office: string;
  submitted: number;
  open: number;
  done: number;
  rejected: number;
  escalated: number;
  lateNow: number;
}

/**
 * Requests submitted in [from, to), by type and office: how many, where they stand, how many had a step pass its
 * service-level time (an `escalated` event) and how many are late right now (open, current step escalated).
 */
export async function requestsByTypeAndLateness(db: Executor, filter: { from: Date; to: Date; billerCode?: string }): Promise<RequestsRow[]> {
  const everEscalated = sql`exists (select 1 from ${requestEvents} where ${requestEvents.requestId} = ${serviceRequests.id} and ${requestEvents.kind} = 'escalated')`;
  const isOpen = sql`${serviceRequests.status} not in ('done', 'rejected')`;
  return db.select({
    typeCode: serviceRequests.typeCode,
    nameAr: requestTypes.nameAr,
    nameEn: requestTypes.nameEn,
    office: serviceRequests.office,
    submitted: sql<number>`count(*)::int`,
    open: sql<number>`(count(*) filter (where ${isOpen}))::int`,
    done: sql<number>`(count(*) filter (where ${serviceRequests.status} = 'done'))::int`,
    rejected: sql<number>`(count(*) filter (where ${serviceRequests.status} = 'rejected'))::int`,
    escalated: sql<number>`(count(*) filter (where ${everEscalated}))::int`,
    lateNow: sql<number>`(count(*) filter (where ${isOpen} and ${serviceRequests.escalatedAt} is not null))::int`,
  }).from(serviceRequests)
    .innerJoin(requestTypes, eq(requestTypes.code, serviceRequests.typeCode))
    .where(and(
      gte(serviceRequests.createdAt, filter.from), lt(serviceRequests.createdAt, filter.to),
      filter.billerCode ? eq(requestTypes.billerCode, filter.billerCode) : undefined,
    ))
    .groupBy(serviceRequests.typeCode, requestTypes.nameAr, requestTypes.nameEn, serviceRequests.office)
    .orderBy(serviceRequests.typeCode, serviceRequests.office);
}

export interface WarningsRow {
  period: string;
  billerCode: string;
  currency: string;
  warnings: number;
  debt: string;
}

export interface OrdersRow {
  period: string;
  billerCode: string;
  currency: string;
  kind: 'disconnect' | 'reconnect';
  orders: number;
  done: number;
  cancelled: number;
  late: number;
  debt: string;
  fees: string;
}

type DisconnectionFilter = { from: Date; to: Date; now: Date; billerCode?: string; timeZone: string };
const month = (at: SQL, timeZone: string) => sql<string>`to_char(${at} at time zone ${zoneLiteral(timeZone)}, 'YYYY-MM')`;

/**
 * Disconnection warnings given in [from, to), by month (business time zone), the account's biller and the case's
 * currency: how many, and the overdue debt they warned about. The cases table holds one row per episode of an
 * account's debt (hundreds a month, not the millions of payments), so it is read without an index on warned_at.
 */
export async function disconnectionWarnings(db: Executor, filter: DisconnectionFilter): Promise<WarningsRow[]> {
  return db.select({
    period: month(sql`${disconnectionCases.warnedAt}`, filter.timeZone),
    billerCode: utilityAccounts.billerCode,
    currency: disconnectionCases.currency,
    warnings: sql<number>`count(*)::int`,
    debt: sql<string>`coalesce(sum(${disconnectionCases.debtAtWarning}), 0)::text`,
  }).from(disconnectionCases)
    .innerJoin(utilityAccounts, eq(utilityAccounts.accountNumber, disconnectionCases.accountNumber))
    .where(and(
      gte(disconnectionCases.warnedAt, filter.from), lt(disconnectionCases.warnedAt, filter.to),
      filter.billerCode ? eq(utilityAccounts.billerCode, filter.billerCode) : undefined,
    ))
    .groupBy(sql`1`, sql`2`, sql`3`).orderBy(sql`1`, sql`2`, sql`3`);
}

/**
 * Disconnection and reconnection orders made in [from, to), by month, biller, currency and kind: how many, carried
 * out, cancelled (the debt paid before the cut), late (done after their service-level time, or still open past it
 * at `now`), the debt at warning of their cases, and the reconnection fees issued with them.
 */
export async function disconnectionOrderCounts(db: Executor, filter: DisconnectionFilter): Promise<OrdersRow[]> {
  const o = disconnectionOrders;
  const late = sql`(${o.status} = 'done' and ${o.doneAt} > ${o.dueBy}) or (${o.status} = 'open' and ${o.dueBy} < ${filter.now})`;
  const rows = await db.select({
    period: month(sql`${o.createdAt}`, filter.timeZone),
    billerCode: utilityAccounts.billerCode,
    currency: disconnectionCases.currency,
    kind: sql<string>`${o.kind}`,
    orders: sql<number>`count(*)::int`,
    done: sql<number>`(count(*) filter (where ${o.status} = 'done'))::int`,
    cancelled: sql<number>`(count(*) filter (where ${o.status} = 'cancelled'))::int`,
    late: sql<number>`(count(*) filter (where ${late}))::int`,
    debt: sql<string>`coalesce(sum(${disconnectionCases.debtAtWarning}), 0)::text`,
    fees: sql<string>`coalesce(sum(${payables.amount}), 0)::text`,
  }).from(o)
    .innerJoin(disconnectionCases, eq(disconnectionCases.id, o.caseId))
    .innerJoin(utilityAccounts, eq(utilityAccounts.accountNumber, o.accountNumber))
    .leftJoin(payables, eq(payables.id, o.feePayableId))
    .where(and(gte(o.createdAt, filter.from), lt(o.createdAt, filter.to), filter.billerCode ? eq(utilityAccounts.billerCode, filter.billerCode) : undefined))
    .groupBy(sql`1`, sql`2`, sql`3`, sql`4`).orderBy(sql`1`, sql`2`, sql`3`, sql`4`);
  return rows as OrdersRow[];
}

/** Names of billers for labels (a handful of rows). */
export async function billerNames(db: Executor): Promise<Map<string, { nameAr: string; nameEn: string }>> {
  const rows = await db.select({ code: billers.code, nameAr: billers.nameAr, nameEn: billers.nameEn }).from(billers);
  return new Map(rows.map((r) => [r.code, { nameAr: r.nameAr, nameEn: r.nameEn }]));
}
