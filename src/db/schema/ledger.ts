import { pgTable, text, timestamp, bigint, bigserial, index, jsonb, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Double-entry ledger: the single source of truth for money. Account codes name what they are
 * (`receivable:<biller>:<party>`, `revenue:<biller>`, `clearing:<channel>`, `credit:<party>`, `bank:<bank>`);
 * the type is the first part. Balances are sums of entries, never stored alone.
 */
export const ledgerAccounts = pgTable('ledger_accounts', {
  code: text().primaryKey(),
  type: text().notNull(),
  currency: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const ledgerTransactions = pgTable('ledger_transactions', {
  id: text().primaryKey(),
  kind: text().notNull(),
  /** What this transaction records, unique per kind: a bill id, a payment id, a refund id. Posting twice is refused. */
  sourceRef: text().notNull(),
  currency: text().notNull(),
  memo: jsonb().notNull().default({}),
  postedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('ledger_transactions_source_key').on(t.kind, t.sourceRef)]);

/** One line of a transaction: positive amounts are debits, negative are credits; each transaction sums to zero. */
export const ledgerEntries = pgTable('ledger_entries', {
  id: bigserial({ mode: 'bigint' }).primaryKey(),
  transactionId: text().notNull().references(() => ledgerTransactions.id),
  accountCode: text().notNull().references(() => ledgerAccounts.code),
  amount: bigint({ mode: 'bigint' }).notNull(),
  currency: text().notNull(),
}, (t) => [index('ledger_entries_account_idx').on(t.accountCode), index('ledger_entries_transaction_idx').on(t.transactionId)]);
