import { sql } from 'drizzle-orm';
import { pgTable, text, bigint, boolean, timestamp, date, index, uniqueIndex, jsonb } from 'drizzle-orm/pg-core';
import { meters, utilityAccounts } from './accounts.js';

/**
 * Meter readings that were accepted or held for review (a refused reading is answered, not stored).
 * `consumption` is the units used since the meter's previous accepted reading (multiplier and dial rollover
 * applied), so an account's use over any span is a sum, across meter replacements too.
 */
export const meterReadings = pgTable('meter_readings', {
  id: text().primaryKey(),
  meterId: text().notNull().references(() => meters.id),
  accountId: text().notNull().references(() => utilityAccounts.id),
  readOn: date({ mode: 'string' }).notNull(),
  /** The register value as shown on the dials. */
  value: bigint({ mode: 'bigint' }).notNull(),
  consumption: bigint({ mode: 'bigint' }).notNull().default(sql`0`),
  rollover: boolean().notNull().default(false),
  /** customer | staff | import | install | removal */
  source: text().notNull(),
  /** accepted | held | rejected (a held reading a reviewer turned down) */
  status: text().notNull(),
  /** The decision's stable code (reading_accepted, reading_held_high, …). */
  decisionCode: text().notNull(),
  /** The expected band and history the decision was made on, for the reviewer. */
  decisionDetail: jsonb().notNull().default({}),
  enteredByKind: text().notNull(),
  enteredById: text(),
  reviewedById: text(),
  reviewedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('meter_readings_one_accepted_per_day').on(t.meterId, t.readOn).where(sql`status = 'accepted'`),
  // The bill run sums an account's accepted readings over a date range.
  index('meter_readings_account_day_idx').on(t.accountId, t.readOn),
  index('meter_readings_held_idx').on(t.status).where(sql`status = 'held'`),
]);
