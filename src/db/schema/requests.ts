import { pgTable, text, integer, bigint, timestamp, index, jsonb, boolean } from 'drizzle-orm/pg-core';

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
