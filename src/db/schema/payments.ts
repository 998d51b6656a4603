import { sql } from 'drizzle-orm';
import { pgTable, pgSequence, text, bigint, bigserial, integer, timestamp, jsonb, index, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * A payment: money a payer hands over through one channel (KNET card, bank API, counter, or credit already held),
 * spread over one or more payables. It posts at most once: the status moves `pending → posted` in one conditional
 * UPDATE, and each channel's own id (idempotency key, gateway payment id, bank transaction id) is unique.
 */
export const payments = pgTable('payments', {
  id: text().primaryKey(),
  /** knet | kiosk (a KNET card payment at a self-service kiosk) | bank | counter | credit */
  channel: text().notNull(),
  /** pending | posted | failed | refunded | partially_refunded */
  status: text().notNull(),
  currency: text().notNull(),
  /** What the payer pays in total, minor units. */
  amount: bigint({ mode: 'bigint' }).notNull(),
  /** The part of `amount` that became credit for the party (overpayment, or a payable paid by someone else first). */
  creditAmount: bigint({ mode: 'bigint' }).notNull().default(sql`0`),
  /** The party whose credit account (`credit:<party>`) receives any overpayment. */
  creditParty: text(),
  refundedAmount: bigint({ mode: 'bigint' }).notNull().default(sql`0`),
  /** Who receives the receipt: the signed-in person, or the owner of the first payable. */
  personId: text(),
  civilId: text(),
  actorKind: text().notNull(),
  actorId: text(),
  language: text().notNull().default('ar'),
  /** Web checkout: the client's idempotency key, scoped to who sent it; a retry returns the first result. */
  idempotencyScope: text(),
  idempotencyKey: text(),
  requestHash: text(),
  /** Bank and counter channels: their own transaction id, unique per channel and client. */
  externalId: text(),
  gateway: text(),
  /** Our id for the gateway attempt (≤ 40 letters and digits). */
  trackId: text(),
  /** The gateway's id for the captured payment: the same one can never post twice. */
  gatewayPaymentId: text(),
  gatewayStatus: text(),
  gatewayResult: jsonb(),
  failureCode: text(),
  receiptPoint: text(),
  receiptNumber: text(),
  inquiryAttempts: integer().notNull().default(0),
  lastInquiryAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  postedAt: timestamp({ withTimezone: true }),
  closedAt: timestamp({ withTimezone: true }),
}, (t) => [
  uniqueIndex('payments_idempotency_key').on(t.idempotencyScope, t.idempotencyKey),
  uniqueIndex('payments_external_id_key').on(t.channel, t.actorId, t.externalId),
  uniqueIndex('payments_track_id_key').on(t.trackId),
  uniqueIndex('payments_gateway_payment_key').on(t.gateway, t.gatewayPaymentId),
  uniqueIndex('payments_receipt_number_key').on(t.receiptNumber),
  index('payments_pending_idx').on(t.status, t.createdAt),
  index('payments_person_idx').on(t.personId),
  // Reports of collections over a range of days read posted payments by the time they posted (reports module).
  index('payments_posted_at_idx').on(t.postedAt).where(sql`posted_at IS NOT NULL`),
]);

/** What one payment pays on one payable. After posting, `amount` is what was applied to the payable. */
export const paymentItems = pgTable('payment_items', {
  id: bigserial({ mode: 'bigint' }).primaryKey(),
  paymentId: text().notNull().references(() => payments.id),
  payableId: text().notNull(),
  position: integer().notNull(),
  amount: bigint({ mode: 'bigint' }).notNull(),
  /** Set once when the item is refunded or reversed: an item is given back at most once. */
  refundId: text(),
}, (t) => [
  index('payment_items_payment_idx').on(t.paymentId),
  index('payment_items_payable_idx').on(t.payableId),
]);

/**
 * An admin's refund or reversal of a payment (or of the items paying one payable), with the reason. A refund of a
 * card payment goes to the card gateway first: it is `requested` (its items are claimed, nothing is posted) until
 * the gateway answers, then `refunded` (posted in the ledger) or `failed` (items released, nothing posted).
 * Refunds that need no gateway are `refunded` at once.
 */
export const paymentRefunds = pgTable('payment_refunds', {
  id: text().primaryKey(),
  paymentId: text().notNull().references(() => payments.id),
  /** refund (money given back) | reversal (the payment is undone, e.g. posted in error) */
  kind: text().notNull(),
  /** requested | refunded | failed */
  status: text().notNull().default('refunded'),
  amount: bigint({ mode: 'bigint' }).notNull(),
  /** The part of `amount` taken back from the party's credit (what an overpayment left there). */
  creditAmount: bigint({ mode: 'bigint' }).notNull().default(sql`0`),
  currency: text().notNull(),
  reason: text().notNull(),
  payableIds: jsonb().notNull().default([]),
  actorKind: text().notNull(),
  actorId: text(),
  /** The admin's idempotency key: the same request sent again answers this refund instead of making another. */
  idempotencyKey: text(),
  /** Card refunds: the gateway, and the refund's own track id there, kept for every retry so it refunds once. */
  gateway: text(),
  gatewayTrackId: text(),
  /** The gateway's id for the refund transaction, and its whole answer. */
  gatewayRefundId: text(),
  gatewayResult: jsonb(),
  /** Why the gateway refused (its code, e.g. KNET's IPAY…). */
  failureCode: text(),
  attempts: integer().notNull().default(0),
  lastAttemptAt: timestamp({ withTimezone: true }),
  completedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('payment_refunds_payment_idx').on(t.paymentId),
  uniqueIndex('payment_refunds_idempotency_key').on(t.paymentId, t.idempotencyKey),
  uniqueIndex('payment_refunds_gateway_track_id_key').on(t.gatewayTrackId),
  index('payment_refunds_status_idx').on(t.status, t.createdAt),
]);

/**
 * Receipt numbers come from one PostgreSQL sequence per issuing point (`WEB-2026-000123`). A sequence is never
 * rolled back, so a number is never reused, and it takes no row lock, so concurrent payments at one point do not
 * queue behind each other (a counter row would be held until each payment commits). Gaps are expected and fine.
 * Points: WEB (online card payments), BNK (bank API), CTR (counters), CRD (credit applied to a new bill). A counter
 * of the channels module brings its own number instead (OFFICE-COUNTER-000123, from that counter's row), under point CTR.
 */
export const receiptSeqWeb = pgSequence('receipt_seq_web', { startWith: 1 });
export const receiptSeqBnk = pgSequence('receipt_seq_bnk', { startWith: 1 });
export const receiptSeqCtr = pgSequence('receipt_seq_ctr', { startWith: 1 });
export const receiptSeqCrd = pgSequence('receipt_seq_crd', { startWith: 1 });

/**
 * Points whose numbers start again at 000001 each business year (`KSK-2026-000001`, kiosks): one row per point and
 * year, its last number drawn by an upsert inside the posting transaction. The row stays locked until that payment
 * commits, so two kiosk payments never draw the same number, and a payment that rolls back gives its number back
 * (no gaps). Kiosk payments are few enough that queueing on the row costs nothing worth a sequence per year.
 */
export const receiptYearCounters = pgTable('receipt_year_counters', {
  point: text().notNull(),
  year: text().notNull(),
  lastNumber: bigint({ mode: 'bigint' }).notNull(),
}, (t) => [primaryKey({ columns: [t.point, t.year] })]);

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
