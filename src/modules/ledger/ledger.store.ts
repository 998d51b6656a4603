import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { ledgerAccounts, ledgerEntries, ledgerTransactions } from '../../db/schema/ledger.js';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/query-rows.js';
import { withParts, type StatementPart } from '../../db/statement-parts.js';

/**
 * Many transactions with their accounts and entries in one statement (bill runs post thousands at once). Rows travel
 * as two JSON parameters, so the count is not limited by PostgreSQL's 65,535 bind parameters. A source already posted
 * (kind, source_ref) inserts nothing, entries included. Returns the ids actually inserted.
 */
export async function insertTransactionsAtOnce(
  db: Executor,
  transactions: { id: string; kind: string; sourceRef: string; currency: string; memo: Record<string, unknown>; postedAt: Date }[],
  accounts: { code: string; type: string; currency: string }[],
  entries: { transactionId: string; accountCode: string; amount: bigint; currency: string }[],
): Promise<Set<string>> {
  if (transactions.length === 0) return new Set();
  const txJson = JSON.stringify(transactions.map((t) => ({ id: t.id, kind: t.kind, source_ref: t.sourceRef, currency: t.currency, memo: t.memo, posted_at: t.postedAt.toISOString() })));
  const accountJson = JSON.stringify(accounts);
  const entryJson = JSON.stringify(entries.map((e) => ({ transaction_id: e.transactionId, account_code: e.accountCode, amount: e.amount.toString(), currency: e.currency })));
  const rows = await queryRows<{ id: string }>(db, sql`
    WITH new_accounts AS (
      INSERT INTO ledger_accounts (code, type, currency)
      SELECT code, type, currency FROM json_to_recordset(${accountJson}::json) AS a(code text, type text, currency text)
      ON CONFLICT DO NOTHING
    ), new_transactions AS (
      INSERT INTO ledger_transactions (id, kind, source_ref, currency, memo, posted_at)
      SELECT id, kind, source_ref, currency, memo, posted_at
      FROM json_to_recordset(${txJson}::json) AS t(id text, kind text, source_ref text, currency text, memo jsonb, posted_at timestamptz)
      ON CONFLICT (kind, source_ref) DO NOTHING
      RETURNING id
    ), new_entries AS (
      INSERT INTO ledger_entries (transaction_id, account_code, amount, currency)
      SELECT e.transaction_id, e.account_code, e.amount, e.currency
      FROM json_to_recordset(${entryJson}::json) AS e(transaction_id text, account_code text, amount bigint, currency text)
      JOIN new_transactions nt ON nt.id = e.transaction_id
    )
    SELECT id FROM new_transactions`);
  return new Set(rows.map((r) => r.id));
}

export async function findTransactionBySource(db: Executor, kind: string, sourceRef: string) {
  const [row] = await db.select().from(ledgerTransactions).where(and(eq(ledgerTransactions.kind, kind), eq(ledgerTransactions.sourceRef, sourceRef))).limit(1);
  return row;
}

export async function entriesOf(db: Executor, transactionIds: string[]) {
  if (transactionIds.length === 0) return [];
  return db.select().from(ledgerEntries).where(inArray(ledgerEntries.transactionId, transactionIds));
}

export async function balanceOf(db: Executor, accountCode: string): Promise<bigint> {
  const [row] = await db.select({ total: sql<string>`coalesce(sum(${ledgerEntries.amount}), 0)::text` }).from(ledgerEntries).where(eq(ledgerEntries.accountCode, accountCode));
  return BigInt(row?.total ?? '0');
}

export async function balancesByPrefix(db: Executor, prefix: string): Promise<{ accountCode: string; currency: string; balance: bigint }[]> {
  const rows = await db.select({
    accountCode: ledgerEntries.accountCode,
    currency: ledgerEntries.currency,
    total: sql<string>`sum(${ledgerEntries.amount})::text`,
  }).from(ledgerEntries).where(like(ledgerEntries.accountCode, `${prefix}%`)).groupBy(ledgerEntries.accountCode, ledgerEntries.currency);
  return rows.map((r) => ({ accountCode: r.accountCode, currency: r.currency, balance: BigInt(r.total) }));
}

/** Sum of every entry per currency: zero for a balanced ledger. */
export async function trialBalance(db: Executor): Promise<{ currency: string; total: bigint; unbalancedTransactions: number }[]> {
  const totals = await db.select({ currency: ledgerEntries.currency, total: sql<string>`sum(${ledgerEntries.amount})::text` })
    .from(ledgerEntries).groupBy(ledgerEntries.currency);
  const unbalanced = await db.select({ n: sql<number>`count(*)::int` }).from(
    db.select({ id: ledgerEntries.transactionId }).from(ledgerEntries)
      .groupBy(ledgerEntries.transactionId, ledgerEntries.currency).having(sql`sum(${ledgerEntries.amount}) <> 0`).as('unbalanced'),
  );
  const count = Number(unbalanced[0]?.n ?? 0);
  return totals.map((t) => ({ currency: t.currency, total: BigInt(t.total), unbalancedTransactions: count }));
}

/** Balances of the named accounts in one query (accounts with no entries are absent). */
export async function balancesOf(db: Executor, accountCodes: string[]): Promise<{ accountCode: string; currency: string; balance: bigint }[]> {
  if (accountCodes.length === 0) return [];
  const rows = await db.select({
    accountCode: ledgerEntries.accountCode,
    currency: ledgerEntries.currency,
    total: sql<string>`sum(${ledgerEntries.amount})::text`,
  }).from(ledgerEntries).where(inArray(ledgerEntries.accountCode, accountCodes)).groupBy(ledgerEntries.accountCode, ledgerEntries.currency);
  return rows.map((r) => ({ accountCode: r.accountCode, currency: r.currency, balance: BigInt(r.total) }));
}

/** Locks account rows until the transaction ends, in code order, so spending from one account is serialised. */
export async function lockAccounts(db: Executor, accountCodes: string[]): Promise<string[]> {
  if (accountCodes.length === 0) return [];
  const rows = await db.select({ code: ledgerAccounts.code }).from(ledgerAccounts)
    .where(inArray(ledgerAccounts.code, accountCodes)).orderBy(ledgerAccounts.code).for('update');
  return rows.map((r) => r.code);
}

/**
 * One transaction with its accounts and entries in a single statement (one round trip instead of three: this is
 * on every payment's path). Entries are written only if the transaction row was: a source already posted inserts
 * nothing. Account rows are created in the same statement; the foreign key is checked when the statement ends.
 * Returns false when the source was already posted.
 */
export async function insertTransactionAtOnce(
  db: Executor,
  row: TransactionRow,
  accounts: { code: string; type: string }[],
  entries: { accountCode: string; amount: bigint }[],
): Promise<boolean> {
  const rows = await queryRows<{ transaction_id: string }>(db, withParts(transactionParts(row, accounts, entries), sql`SELECT transaction_id FROM ledger_entries_new`));
  return rows.length > 0;
}

type TransactionRow = { id: string; kind: string; sourceRef: string; currency: string; memo: Record<string, unknown>; postedAt: Date };

/**
 * One transaction with its accounts and entries as parts of a statement (StatementPart): `ledger_transactions_new`
 * returns the id when it was inserted, nothing when the source was already posted (then no entry is written either).
 */
export function transactionParts(row: TransactionRow, accounts: { code: string; type: string }[], entries: { accountCode: string; amount: bigint }[]): StatementPart[] {
  const accountValues = sql.join(accounts.map((a) => sql`(${a.code}, ${a.type}, ${row.currency})`), sql`, `);
  const entryValues = sql.join(entries.map((e, i) => sql`(${i}, ${e.accountCode}, ${e.amount.toString()}::bigint)`), sql`, `);
  return [
    { name: 'ledger_accounts_new', sql: sql`INSERT INTO ledger_accounts (code, type, currency) VALUES ${accountValues} ON CONFLICT DO NOTHING` },
    {
      name: 'ledger_transactions_new',
      sql: sql`
        INSERT INTO ledger_transactions (id, kind, source_ref, currency, memo, posted_at)
        VALUES (${row.id}, ${row.kind}, ${row.sourceRef}, ${row.currency}, ${JSON.stringify(row.memo)}::jsonb, ${row.postedAt.toISOString()}::timestamptz)
        ON CONFLICT DO NOTHING RETURNING id`,
    },
    {
      name: 'ledger_entries_new',
      sql: sql`
        INSERT INTO ledger_entries (transaction_id, account_code, amount, currency)
        SELECT ledger_transactions_new.id, e.account_code, e.amount, ${row.currency}
        FROM ledger_transactions_new CROSS JOIN (VALUES ${entryValues}) AS e(n, account_code, amount) ORDER BY e.n
        RETURNING transaction_id`,
    },
  ];
}
