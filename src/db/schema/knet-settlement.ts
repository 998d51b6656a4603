import { pgTable, text, bigint, timestamp, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * A difference the daily KNET settlement check found between what KNET captured and what Tasdeed posted, and
 * how it was fixed. Rows are only ever added: the fix itself is a ledger posting (the capture posted, or the
 * voided payment reversed), named in `resolutionRef`. One row per payment and kind, so a second run adds nothing.
 */
export const knetSettlementExceptions = pgTable('knet_settlement_exceptions', {
  id: text().primaryKey(),
  /** The KNET business day (Asia/Kuwait) the attempt belongs to, YYYY-MM-DD. */
  businessDate: text().notNull(),
  /** captured_not_posted | posted_but_voided */
  kind: text().notNull(),
  paymentId: text().notNull(),
  trackId: text().notNull(),
  knetPaymentId: text(),
  amount: bigint({ mode: 'bigint' }).notNull(),
  currency: text().notNull(),
  /** What Tasdeed showed and what KNET answered when the difference was found. */
  tasdeedStatus: text().notNull(),
  knetResult: text().notNull(),
  /** resolved | open (open: it needs a person, e.g. a capture on a payment already closed as failed). */
  status: text().notNull(),
  /** The ledger transaction's kind and source reference that fixed it (payment:<id> or reversal:<refund id>). */
  resolutionRef: text(),
  detail: jsonb(),
  detectedAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('knet_settlement_exceptions_payment_kind_key').on(t.paymentId, t.kind),
  index('knet_settlement_exceptions_date_idx').on(t.businessDate),
]);
