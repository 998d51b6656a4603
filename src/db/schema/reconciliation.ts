import { pgTable, text, integer, bigint, boolean, timestamp, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * An imported ISO 20022 bank statement (camt.053) or notification (camt.054). A file is recognised again by the
 * hash of its bytes, and by the bank's own statement id for the account, so importing it twice changes nothing.
 */
export const bankStatements = pgTable('bank_statements', {
  id: text().primaryKey(),
  contentHash: text().notNull(),
  /** camt.053.001.08, camt.054.001.02, ... */
  format: text().notNull(),
  /** The bank's statement (Stmt/Ntfctn) id. */
  statementId: text().notNull(),
  /** The account served (IBAN or other id). */
  account: text().notNull(),
  currency: text().notNull(),
  fileName: text().notNull(),
  /** Signed minor units (a DBIT balance is negative); null when the file carries no such balance (camt.054). */
  openingBalance: bigint({ mode: 'bigint' }),
  closingBalance: bigint({ mode: 'bigint' }),
  balanced: boolean(),
  /** The import's counts, as printed by `tasdeed import-statement`. */
  summary: jsonb().notNull(),
  actorKind: text().notNull(),
  actorId: text(),
  importedAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('bank_statements_content_hash_key').on(t.contentHash),
  uniqueIndex('bank_statements_statement_key').on(t.account, t.statementId),
]);

/**
 * One transaction of a statement: an entry (Ntry) or, for a batched entry, one of its transaction details
 * (TxDtls). Its state: pending (not booked), matched (to the payment it settles), reversed (undoes a matched
 * payment), suspense (nothing known matched it: an admin matches it by hand or marks it returned), returned.
 */
export const statementEntries = pgTable('statement_entries', {
  id: text().primaryKey(),
  statementId: text().notNull().references(() => bankStatements.id),
  position: integer().notNull(),
  /** CRDT | DBIT */
  direction: text().notNull(),
  reversal: boolean().notNull(),
  /** BOOK | PDNG | INFO */
  bookingStatus: text().notNull(),
  amount: bigint({ mode: 'bigint' }).notNull(),
  currency: text().notNull(),
  bookingDate: text(),
  valueDate: text(),
  endToEndId: text(),
  accountServicerRef: text(),
  transactionId: text(),
  remittance: jsonb().$type<string[]>().notNull().default([]),
  state: text().$type<'pending' | 'matched' | 'reversed' | 'suspense' | 'returned'>().notNull(),
  /** Why an entry is in suspense: no_reference_matched, amount_mismatch, already_matched, ... */
  suspenseReason: text(),
  paymentId: text(),
  resolvedBy: text(),
  resolvedAt: timestamp({ withTimezone: true }),
  note: text(),
}, (t) => [
  index('statement_entries_statement_idx').on(t.statementId, t.position),
  index('statement_entries_state_idx').on(t.state),
  index('statement_entries_payment_idx').on(t.paymentId),
]);
