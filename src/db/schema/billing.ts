import { sql } from 'drizzle-orm';
import { pgTable, text, bigint, integer, boolean, timestamp, date, uniqueIndex, jsonb, primaryKey } from 'drizzle-orm/pg-core';

/**
 * One run of the monthly billing for a biller and period. One row per (biller, period): running it again
 * resumes or re-checks the same run, and the counts only grow by the bills actually created.
 */
export const billRuns = pgTable('bill_runs', {
  id: text().primaryKey(),
  billerCode: text().notNull(),
  period: text().notNull(),
  /** running | completed | completed_with_failures | interrupted (stopped, to be resumed) | failed */
  status: text().notNull(),
  issuedOn: date({ mode: 'string' }).notNull(),
  dueDate: date({ mode: 'string' }).notNull(),
  totalAccounts: integer().notNull().default(0),
  billedCount: integer().notNull().default(0),
  estimatedCount: integer().notNull().default(0),
  failedCount: integer().notNull().default(0),
  amountTotal: bigint({ mode: 'bigint' }).notNull().default(sql`0`),
  currency: text().notNull(),
  /** Who holds the run now (host:pid:token) and until when; a dead or expired holder can be taken over. */
  leaseOwner: text(),
  leaseUntil: timestamp({ withTimezone: true }),
  startedByKind: text().notNull(),
  startedById: text(),
  lastError: text(),
  startedAt: timestamp({ withTimezone: true }).notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
  finishedAt: timestamp({ withTimezone: true }),
  /** When the bill.due_soon reminders of this run's open bills were written (billing.reminders); null until then. */
  remindedAt: timestamp({ withTimezone: true }),
}, (t) => [uniqueIndex('bill_runs_biller_period_key').on(t.billerCode, t.period)]);

/** Accounts a run could not bill, and why; removed when a later attempt bills them. */
export const billRunFailures = pgTable('bill_run_failures', {
  runId: text().notNull().references(() => billRuns.id),
  accountId: text().notNull(),
  code: text().notNull(),
  message: text().notNull(),
  at: timestamp({ withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.runId, t.accountId] })]);

/**
 * A bill: one per account and period (the unique key makes the run idempotent). The amount is what this bill
 * adds; the previous balance of earlier bills is shown beside it, never added into it.
 */
export const bills = pgTable('bills', {
  id: text().primaryKey(),
  billNumber: text().notNull(),
  runId: text().notNull(),
  billerCode: text().notNull(),
  // No foreign keys on bills and their lines: only the bill run writes them, from accounts it has just read, and a
  // check per row was a tenth of a bill run's time. Accounts are never deleted (they are closed).
  accountId: text().notNull(),
  accountNumber: text().notNull(),
  meterNumber: text(),
  category: text().notNull(),
  ownerCivilId: text(),
  ownerPersonId: text(),
  period: text().notNull(),
  periodFrom: date({ mode: 'string' }).notNull(),
  periodTo: date({ mode: 'string' }).notNull(),
  issuedOn: date({ mode: 'string' }).notNull(),
  dueDate: date({ mode: 'string' }).notNull(),
  currency: text().notNull(),
  unit: text().notNull(),
  estimated: boolean().notNull(),
  /** Units priced on this bill (for a bill after estimates: the actual use of the whole span). */
  consumption: bigint({ mode: 'bigint' }).notNull(),
  previousValue: bigint({ mode: 'bigint' }),
  previousReadOn: date({ mode: 'string' }),
  currentValue: bigint({ mode: 'bigint' }),
  currentReadOn: date({ mode: 'string' }),
  /** The last actual reading day this bill is based on; estimates keep their predecessor's. */
  basisReadOn: date({ mode: 'string' }),
  /** Estimated bills since the last actual one: [{period, units, energyAmount}], settled by the next actual. */
  pendingEstimates: jsonb().notNull().default([]),
  /** Consumption charges of this bill (what a later correction subtracts when this bill was an estimate). */
  energyAmount: bigint({ mode: 'bigint' }).notNull(),
  amount: bigint({ mode: 'bigint' }).notNull(),
  previousBalance: bigint({ mode: 'bigint' }).notNull().default(sql`0`),
  creditBroughtForward: bigint({ mode: 'bigint' }).notNull().default(sql`0`),
  creditCarriedForward: bigint({ mode: 'bigint' }).notNull().default(sql`0`),
  /** Given back by this bill through the ledger (an actual reading below the estimates): a credit note. */
  creditNote: bigint({ mode: 'bigint' }).notNull().default(sql`0`),
  payableId: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [
  // Also serves "an account's bills, newest first" and "a person's bills" (through their accounts).
  uniqueIndex('bills_account_period_key').on(t.accountId, t.period),
]);

/**
 * A bill's lines. Labels are built from the kind and figures when presented (ar/en), not stored a million times.
 * kinds: consumption (one per tariff block), fixed, estimate_correction, credit_brought_forward,
 * previous_balance (informational: countsInTotal false).
 */
export const billLines = pgTable('bill_lines', {
  billId: text().notNull(),
  position: integer().notNull(),
  kind: text().notNull(),
  tariffVersionId: text(),
  tierFrom: bigint({ mode: 'bigint' }),
  tierTo: bigint({ mode: 'bigint' }),
  quantity: bigint({ mode: 'bigint' }),
  rateMinor: bigint({ mode: 'bigint' }),
  perUnits: bigint({ mode: 'bigint' }),
  amount: bigint({ mode: 'bigint' }).notNull(),
  countsInTotal: boolean().notNull().default(true),
  detail: jsonb(),
}, (t) => [primaryKey({ columns: [t.billId, t.position] })]);
