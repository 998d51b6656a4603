import { sql } from 'drizzle-orm';
import { pgTable, text, integer, bigint, timestamp, index, uniqueIndex, jsonb, boolean, primaryKey } from 'drizzle-orm/pg-core';

/**
 * Service requests (new connection, reconnection, bill dispute, ...). The types are data: their form fields,
 * required attachments, fee and steps live in `request_types` (seeded by requests.seed.ts), so a utility adds a
 * type without a release. A request's fee is a payable of the type's biller; the request keeps only its id.
 */
export interface RequestFieldSpec {
  name: string;
  labelAr: string;
  labelEn: string;
  kind: 'text' | 'number' | 'date' | 'account';
  required: boolean;
  maxLength?: number;
}

export interface RequestAttachmentSpec {
  name: string;
  labelAr: string;
  labelEn: string;
  contentTypes: string[];
  maxBytes: number;
}

export const requestTypes = pgTable('request_types', {
  code: text().primaryKey(),
  nameAr: text().notNull(),
  nameEn: text().notNull(),
  billerCode: text().notNull(),
  fields: jsonb().$type<RequestFieldSpec[]>().notNull(),
  attachments: jsonb().$type<RequestAttachmentSpec[]>().notNull(),
  /** Minor units of the biller's currency; 0 means no fee. */
  fee: bigint({ mode: 'bigint' }).notNull(),
  /** Work (scheduling) may not start before the fee is paid. */
  feeBeforeWork: boolean().notNull(),
  /** Service-level hours per status: how long a request may sit in it before escalation. */
  slaHours: jsonb().$type<Record<string, number>>().notNull(),
  active: boolean().notNull().default(true),
});

export const serviceRequests = pgTable('service_requests', {
  id: text().primaryKey(),
  number: text().notNull().unique(),
  typeCode: text().notNull().references(() => requestTypes.code),
  civilId: text().notNull(),
  personId: text(),
  accountNumber: text(),
  office: text().notNull(),
  status: text().$type<'submitted' | 'accepted' | 'scheduled' | 'in_progress' | 'done' | 'rejected'>().notNull(),
  fields: jsonb().$type<Record<string, string>>().notNull(),
  feePayableId: text(),
  /** A bill dispute: the payable held (not collectable, no reminders) until the decision. */
  disputedPayableId: text(),
  scheduledFor: timestamp({ withTimezone: true }),
  statusSince: timestamp({ withTimezone: true }).notNull(),
  /** Set when the current step passed its service-level time; cleared at the next change. */
  escalatedAt: timestamp({ withTimezone: true }),
  decisionNote: text(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [
  index('service_requests_civil_idx').on(t.civilId),
  index('service_requests_queue_idx').on(t.office, t.typeCode, t.status),
]);

/** Files stored in the database (small: the type's limits apply), checked for size and type before insert. */
export const requestAttachments = pgTable('request_attachments', {
  id: text().primaryKey(),
  requestId: text().notNull().references(() => serviceRequests.id),
  name: text().notNull(),
  filename: text().notNull(),
  contentType: text().notNull(),
  sizeBytes: integer().notNull(),
  content: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [index('request_attachments_request_idx').on(t.requestId)]);

export const requestEvents = pgTable('request_events', {
  id: text().primaryKey(),
  requestId: text().notNull().references(() => serviceRequests.id),
  /** 'status' (a step), 'comment', 'escalated'. */
  kind: text().$type<'status' | 'comment' | 'escalated'>().notNull(),
  fromStatus: text(),
  toStatus: text(),
  body: text(),
  actorKind: text().notNull(),
  actorId: text(),
  at: timestamp({ withTimezone: true }).notNull(),
}, (t) => [index('request_events_request_idx').on(t.requestId, t.at)]);

/**
 * Disconnection for debt and reconnection on payment (requests/disconnection/).
 * The rules are data, one per consumption category and currency, so a utility changes a threshold without a
 * release; government accounts have no rule and are never listed (FACTS.md: settled by government procedures).
 */
export const disconnectionRules = pgTable('disconnection_rules', {
  category: text().notNull(),
  currency: text().notNull(),
  /** Overdue debt above this (minor units) puts the account on the list. */
  minDebt: bigint({ mode: 'bigint' }).notNull(),
  /** Only bills overdue for at least this many days count. */
  minAgeDays: integer().notNull(),
  /** Days between the warning and the disconnection order. */
  graceDays: integer().notNull(),
  /** Hours field staff have to carry out a disconnection order. */
  disconnectionSlaHours: integer().notNull(),
  /** Minor units; 0 means no fee. Issued as a payable of the services biller with the reconnection order. */
  reconnectionFee: bigint({ mode: 'bigint' }).notNull(),
  /** Hours field staff have to restore the supply once the debt is paid. */
  reconnectionSlaHours: integer().notNull(),
  active: boolean().notNull().default(true),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedBy: text(),
}, (t) => [primaryKey({ columns: [t.category, t.currency] })]);

export type DisconnectionCaseStatus = 'warned' | 'ordered' | 'disconnected' | 'reconnecting' | 'closed';

/**
 * One episode of an account's debt: warned → ordered → disconnected → reconnecting → closed, or closed early when
 * the debt is paid first. At most one open case per account.
 */
export const disconnectionCases = pgTable('disconnection_cases', {
  id: text().primaryKey(),
  accountId: text().notNull(),
  accountNumber: text().notNull(),
  category: text().notNull(),
  currency: text().notNull(),
  ownerCivilId: text(),
  ownerPersonId: text(),
  status: text().$type<DisconnectionCaseStatus>().notNull(),
  /** How it ended: 'settled' (paid before the cut), 'reconnected'. */
  outcome: text().$type<'settled' | 'reconnected'>(),
  debtAtWarning: bigint({ mode: 'bigint' }).notNull(),
  warnedAt: timestamp({ withTimezone: true }).notNull(),
  graceUntil: timestamp({ withTimezone: true }).notNull(),
  closedAt: timestamp({ withTimezone: true }),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('disconnection_cases_one_open').on(t.accountId).where(sql`status <> 'closed'`),
  index('disconnection_cases_status_idx').on(t.status, t.graceUntil),
  index('disconnection_cases_account_number_idx').on(t.accountNumber),
]);

/** Work for field staff (the `service` role): cut the supply, or restore it. One of each kind per case at most. */
export const disconnectionOrders = pgTable('disconnection_orders', {
  id: text().primaryKey(),
  caseId: text().notNull().references(() => disconnectionCases.id),
  kind: text().$type<'disconnect' | 'reconnect'>().notNull(),
  accountNumber: text().notNull(),
  /** The account's area, so staff take the orders of the area they cover. */
  areaAr: text().notNull(),
  areaEn: text().notNull(),
  status: text().$type<'open' | 'done' | 'cancelled'>().notNull(),
  /** The service-level time: the order is late after this. */
  dueBy: timestamp({ withTimezone: true }).notNull(),
  /** A reconnection's fee, where the rule has one. */
  feePayableId: text(),
  note: text(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  doneAt: timestamp({ withTimezone: true }),
  doneBy: text(),
}, (t) => [
  uniqueIndex('disconnection_orders_case_kind').on(t.caseId, t.kind),
  index('disconnection_orders_queue_idx').on(t.status, t.kind, t.dueBy),
]);
