// Every movement of money is one balanced transaction here. Callers post inside their own database transaction
// so the business change (a bill, a payment) and its money commit together or not at all.
import { AppError } from '../../platform/errors/app-error.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../shared/ids.js';
import { currencyInfo } from '../../shared/money.js';
import type { StatementPart } from '../../db/statement-parts.js';
import * as store from './ledger.store.js';

export const ACCOUNT_TYPES = ['receivable', 'revenue', 'tax', 'clearing', 'credit', 'bank', 'refund', 'suspense'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export interface LedgerLine {
  account: string;
  /** Positive = debit, negative = credit, in minor units. */
  amount: bigint;
}

export interface PostingInput {
  kind: string;
  sourceRef: string;
  currency: string;
  lines: LedgerLine[];
  memo?: Record<string, unknown>;
}

export const accounts = {
  receivable: (billerCode: string, party: string) => `receivable:${billerCode}:${party}`,
  revenue: (billerCode: string) => `revenue:${billerCode}`,
  /** VAT a biller collected for the tax authority: owed onwards, never the biller's revenue. */
  vat: (billerCode: string) => `tax:vat:${billerCode}`,
  clearing: (channel: string) => `clearing:${channel}`,
  credit: (party: string) => `credit:${party}`,
  bank: (bank: string) => `bank:${bank}`,
};

function accountType(code: string): AccountType {
  const type = code.split(':', 1)[0] as AccountType;
  if (!ACCOUNT_TYPES.includes(type) || code.length > 200) throw new AppError('ledger_account_invalid', { account: code });
  return type;
}

function validate(input: PostingInput): void {
  currencyInfo(input.currency);
  if (input.lines.length < 2) throw new AppError('ledger_unbalanced', { sourceRef: input.sourceRef, reason: 'fewer than two lines' });
  let sum = 0n;
  for (const line of input.lines) {
    accountType(line.account);
    if (line.amount === 0n) throw new AppError('ledger_unbalanced', { sourceRef: input.sourceRef, reason: 'zero line' });
    sum += line.amount;
  }
  if (sum !== 0n) throw new AppError('ledger_unbalanced', { sourceRef: input.sourceRef, sum: sum.toString() });
}

/** Posts one balanced transaction. Posting the same (kind, sourceRef) twice is refused with ledger_already_posted. */
export async function post(ctx: Ctx, input: PostingInput): Promise<{ transactionId: string }> {
  const { transactionId, row, accounts, entries } = plan(ctx, input);
  const posted = await store.insertTransactionAtOnce(ctx.db, row, accounts, entries);
  if (!posted) throw new AppError('ledger_already_posted', { kind: input.kind, sourceRef: input.sourceRef });
  return { transactionId };
}

/**
 * The same posting as parts of another module's one-statement write (a payment posted in one round trip). The
 * caller must refuse its statement unless `ledger_transactions_new` returned a row (the source was not yet posted).
 */
export function postingParts(ctx: Ctx, input: PostingInput): { transactionId: string; parts: StatementPart[] } {
  const { transactionId, row, accounts, entries } = plan(ctx, input);
  return { transactionId, parts: store.transactionParts(row, accounts, entries) };
}

function plan(ctx: Ctx, input: PostingInput) {
  validate(input);
  const transactionId = newId('ltx');
  const accountTypes = new Map(input.lines.map((line) => [line.account, accountType(line.account)]));
  return {
    transactionId,
    row: { id: transactionId, kind: input.kind, sourceRef: input.sourceRef, currency: input.currency, memo: jsonSafe(input.memo ?? {}), postedAt: ctx.clock.now() },
    accounts: [...accountTypes].map(([code, type]) => ({ code, type })),
    entries: input.lines.map((line) => ({ accountCode: line.account, amount: line.amount })),
  };
}

// Memo values are JSON: a bigint amount is written as its decimal string.
function jsonSafe(memo: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(memo, (_key, value) => (typeof value === 'bigint' ? value.toString() : value))) as Record<string, unknown>;
}

/**
 * Posts many transactions in a few statements (bill runs). Sources already posted are skipped, not doubled,
 * which makes a resumed job safe: the result says which were posted now.
 */
export async function postMany(ctx: Ctx, inputs: PostingInput[]): Promise<{ sourceRef: string; transactionId: string; posted: boolean }[]> {
  for (const input of inputs) validate(input);
  const accountRows = new Map<string, { code: string; type: string; currency: string }>();
  for (const input of inputs) {
    for (const line of input.lines) accountRows.set(line.account, { code: line.account, type: accountType(line.account), currency: input.currency });
  }
  const postedAt = ctx.clock.now();
  const planned = inputs.map((input) => ({ input, id: newId('ltx') }));
  const inserted = await store.insertTransactionsAtOnce(
    ctx.db,
    planned.map(({ input, id }) => ({ id, kind: input.kind, sourceRef: input.sourceRef, currency: input.currency, memo: jsonSafe(input.memo ?? {}), postedAt })),
    [...accountRows.values()],
    planned.flatMap(({ input, id }) => input.lines.map((line) => ({ transactionId: id, accountCode: line.account, amount: line.amount, currency: input.currency }))),
  );
  return planned.map(({ input, id }) => ({ sourceRef: input.sourceRef, transactionId: id, posted: inserted.has(id) }));
}

export function balance(ctx: Ctx, account: string): Promise<bigint> {
  return store.balanceOf(ctx.db, account);
}

export function balancesByPrefix(ctx: Ctx, prefix: string) {
  return store.balancesByPrefix(ctx.db, prefix);
}

export function trialBalance(ctx: Ctx) {
  return store.trialBalance(ctx.db);
}

export function findTransaction(ctx: Ctx, kind: string, sourceRef: string) {
  return store.findTransactionBySource(ctx.db, kind, sourceRef);
}

export function entriesOf(ctx: Ctx, transactionIds: string[]) {
  return store.entriesOf(ctx.db, transactionIds);
}

/** Balances of several accounts in one query: what a set-based caller (credit application) needs. */
export function balancesOf(ctx: Ctx, accountCodes: string[]) {
  return store.balancesOf(ctx.db, [...new Set(accountCodes)]);
}

/**
 * Locks accounts for the rest of the caller's transaction before it spends from them (a customer's credit), so two
 * transactions cannot both spend the same balance. Accounts that do not exist yet are not locked (nothing to spend).
 */
export function lockAccounts(ctx: Ctx, accountCodes: string[]) {
  return store.lockAccounts(ctx.db, [...new Set(accountCodes)].sort());
}
