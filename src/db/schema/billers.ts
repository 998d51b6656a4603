import { sql } from 'drizzle-orm';
import { pgTable, text, integer, boolean, bigint, timestamp, date, index, uniqueIndex, jsonb } from 'drizzle-orm/pg-core';

export const currencies = pgTable('currencies', {
  code: text().primaryKey(),
  minorUnits: integer().notNull(),
  nameAr: text().notNull(),
  nameEn: text().notNull(),
});

/** An organisation that says people owe it money: MEW electricity, MEW water, MOI traffic, … */
export const billers = pgTable('billers', {
  code: text().primaryKey(),
  nameAr: text().notNull(),
  nameEn: text().notNull(),
  kind: text().notNull(),
  currency: text().notNull().references(() => currencies.code),
  allowsPartialPayment: boolean().notNull().default(false),
  minPartialAmount: bigint({ mode: 'bigint' }).notNull().default(sql`0`),
  /** Day of the month bills are issued (the unified bill day, 28 by default). */
  billDay: integer().notNull().default(28),
  dueDays: integer().notNull().default(30),
  active: boolean().notNull().default(true),
  settings: jsonb().notNull().default({}),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * The payable: anything a biller says a person owes. Bills, fines and top-ups are all payables, so inquiry,
 * checkout, receipts and reconciliation never care which biller issued one. Look-up keys are copied here so an
 * inquiry is one indexed query across every biller.
 */
export const payables = pgTable('payables', {
  id: text().primaryKey(),
  billerCode: text().notNull().references(() => billers.code),
  kind: text().$type<'bill' | 'fine' | 'topup'>().notNull(),
  /** The issuing module's own record (bill id, violation id). */
  sourceId: text().notNull(),
  /** The human number printed and read aloud: bill number, violation number. */
  reference: text().notNull(),
  personId: text(),
  civilId: text(),
  accountNumber: text(),
  meterNumber: text(),
  plate: text(),
  currency: text().notNull(),
  amount: bigint({ mode: 'bigint' }).notNull(),
  amountPaid: bigint({ mode: 'bigint' }).notNull().default(sql`0`),
  status: text().notNull().default('open'),
  issuedOn: date({ mode: 'string' }).notNull(),
  dueDate: date({ mode: 'string' }).notNull(),
  descriptionAr: text().notNull(),
  descriptionEn: text().notNull(),
  allowsPartialPayment: boolean().notNull().default(false),
  minPartialAmount: bigint({ mode: 'bigint' }).notNull().default(sql`0`),
  /** False for government accounts and fines held for legal process: shown, never collected online. */
  payableOnline: boolean().notNull().default(true),
  holdReasonAr: text(),
  holdReasonEn: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  closedAt: timestamp({ withTimezone: true }),
}, (t) => [
  // What each index serves (every payable written pays for every index it enters; the bill run writes a million):
  // - the issuer's own key: a bill, fine or top-up is one payable however often its issuer retries (ON CONFLICT).
  uniqueIndex('payables_source_key').on(t.billerCode, t.kind, t.sourceId),
  // - the inquiry by each look-up key (one prepared statement each: findOpenPayables) and a person's history by civil
  //   ID. A key a kind of payable never has (a bill's plate, a fine's meter) is not indexed: `key = $1` implies
  //   `key IS NOT NULL`, so PostgreSQL still uses these partial indexes, and a bill run enters one index fewer a bill.
  index('payables_civil_id_open_idx').on(t.civilId, t.status).where(sql`civil_id IS NOT NULL`),
  index('payables_account_idx').on(t.accountNumber).where(sql`account_number IS NOT NULL`),
  index('payables_meter_idx').on(t.meterNumber).where(sql`meter_number IS NOT NULL`),
  index('payables_plate_idx').on(t.plate).where(sql`plate IS NOT NULL`),
  index('payables_person_idx').on(t.personId).where(sql`person_id IS NOT NULL`),
  // - the reports: debt ageing reads only open payables by biller and due date; issued-vs-collected reads by issue date.
  //   The bill reminders walk the open payables of one biller and due date page by page, in id order (hence the id).
  index('payables_open_due_idx').on(t.billerCode, t.dueDate, t.id).where(sql`status IN ('open', 'partially_paid')`),
  index('payables_issued_on_idx').on(t.issuedOn),
]);
