import { pgTable, text, timestamp, jsonb, integer, bigserial, index, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Events leave through the outbox: a row written in the same transaction as the change it reports. Workers claim
 * rows with FOR UPDATE SKIP LOCKED, deliver them and mark them; delivery is at least once and consumers are
 * idempotent on the outbox id.
 */
export const outbox = pgTable('outbox', {
  id: bigserial({ mode: 'bigint' }).primaryKey(),
  topic: text().notNull(),
  /** Optional: the same key twice writes one row (a re-run of a job does not notify twice). */
  dedupeKey: text(),
  payload: jsonb().notNull(),
  status: text().notNull().default('pending'),
  attempts: integer().notNull().default(0),
  availableAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  claimedBy: text(),
  claimedUntil: timestamp({ withTimezone: true }),
  lastError: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  doneAt: timestamp({ withTimezone: true }),
}, (t) => [
  index('outbox_pending_idx').on(t.status, t.availableAt),
  uniqueIndex('outbox_dedupe_key').on(t.dedupeKey),
]);

// The append-only audit log (a trigger refuses UPDATE, DELETE and TRUNCATE): every module writes it through
// platform/audit.ts.
export const auditLog = pgTable('audit_log', {
  id: bigserial({ mode: 'bigint' }).primaryKey(),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  actorKind: text().notNull(),
  actorId: text(),
  actorRole: text(),
  action: text().notNull(),
  entityType: text().notNull(),
  entityId: text(),
  outcome: text().notNull().default('ok'),
  detail: jsonb().notNull().default({}),
  requestId: text(),
  ip: text(),
}, (t) => [index('audit_log_entity_idx').on(t.entityType, t.entityId), index('audit_log_at_idx').on(t.at)]);

/** Failed sign-ins per subject, to slow password guessing. */
