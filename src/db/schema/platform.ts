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

/**
 * Periodic jobs shared by every process on one database: a pass runs in one process at a time (the lease) and once
 * per interval across all of them (next_due_at), so two `tasdeed serve` processes don't both run the bill-day
 * schedule or the reminders. A process that dies mid-pass leaves a lease that runs out; then another takes over.
 */
export const scheduledJobs = pgTable('scheduled_jobs', {
  name: text().primaryKey(),
  nextDueAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  leaseOwner: text(),
  leaseUntil: timestamp({ withTimezone: true }),
  lastStartedAt: timestamp({ withTimezone: true }),
  lastFinishedAt: timestamp({ withTimezone: true }),
  lastOwner: text(),
  lastOutcome: text(),
  passes: integer().notNull().default(0),
});
