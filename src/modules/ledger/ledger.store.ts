import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { ledgerAccounts, ledgerEntries, ledgerTransactions } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';

export async function ensureAccounts(db: Executor, accounts: { code: string; type: string; currency: string }[]): Promise<void> {
  if (accounts.length > 0) await db.insert(ledgerAccounts).values(accounts).onConflictDoNothing();
}

/** Inserts transactions; returns the ids actually inserted (a source already posted is skipped). */
export async function insertTransactions(db: Executor, rows: (typeof ledgerTransactions.$inferInsert)[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await db.insert(ledgerTransactions).values(rows).onConflictDoNothing().returning({ id: ledgerTransactions.id });
  return new Set(inserted.map((r) => r.id));
}

export async function insertEntries(db: Executor, rows: (typeof ledgerEntries.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(ledgerEntries).values(rows);
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
  row: { id: string; kind: string; sourceRef: string; currency: string; memo: Record<string, unknown>; postedAt: Date },
  accounts: { code: string; type: string }[],
  entries: { accountCode: string; amount: bigint }[],
): Promise<boolean> {
  const accountValues = sql.join(accounts.map((a) => sql`(${a.code}, ${a.type}, ${row.currency})`), sql`, `);
  const entryValues = sql.join(entries.map((e, i) => sql`(${i}, ${e.accountCode}, ${e.amount.toString()}::bigint)`), sql`, `);
  const result = await db.execute(sql`
    WITH new_accounts AS (
      INSERT INTO ledger_accounts (code, type, currency) VALUES ${accountValues} ON CONFLICT DO NOTHING
    ), new_transaction AS (
      INSERT INTO ledger_transactions (id, kind, source_ref, currency, memo, posted_at)
      VALUES (${row.id}, ${row.kind}, ${row.sourceRef}, ${row.currency}, ${JSON.stringify(row.memo)}::jsonb, ${row.postedAt.toISOString()}::timestamptz)
      ON CONFLICT DO NOTHING RETURNING id
    )
    INSERT INTO ledger_entries (transaction_id, account_code, amount, currency)
    SELECT new_transaction.id, e.account_code, e.amount, ${row.currency}
    FROM new_transaction CROSS JOIN (VALUES ${entryValues}) AS e(n, account_code, amount) ORDER BY e.n
    RETURNING transaction_id`);
  return ((result as unknown as { rows: unknown[] }).rows ?? []).length > 0;
}
