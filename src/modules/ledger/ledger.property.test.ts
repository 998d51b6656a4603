// Property tests for the ledger itself: whatever sequence of bills, payments, partial payments, overpayments and
// reversals is posted (and whatever unbalanced or repeated postings are attempted in between), every transaction
// balances, the whole ledger sums to zero per currency, and each account holds exactly what was moved through it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { testConfig } from '../../../test/support/app.js';
import { fixedClock } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors/app-error.js';
import * as ledger from './ledger.service.js';

let database: TestDatabase;
let ctx: Ctx;
let sequence = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  ctx = { db: database.db, clock: fixedClock('2026-11-22T09:00:00Z'), config: testConfig() };
});
afterAll(async () => database?.destroy());

type Operation =
  | { op: 'bill'; party: number; amount: number }
  | { op: 'pay'; party: number; amount: number; channel: 'knet' | 'bank' | 'counter'; extra: number }
  | { op: 'reverse'; index: number }
  | { op: 'unbalanced'; amounts: number[] }
  | { op: 'repeat'; index: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ op: fc.constant('bill' as const), party: fc.integer({ min: 0, max: 3 }), amount: fc.integer({ min: 1, max: 500_000 }) }),
  fc.record({ op: fc.constant('pay' as const), party: fc.integer({ min: 0, max: 3 }), amount: fc.integer({ min: 1, max: 500_000 }), channel: fc.constantFrom('knet' as const, 'bank' as const, 'counter' as const), extra: fc.integer({ min: 0, max: 5_000 }) }),
  fc.record({ op: fc.constant('reverse' as const), index: fc.nat() }),
  fc.record({ op: fc.constant('unbalanced' as const), amounts: fc.array(fc.integer({ min: -100_000, max: 100_000 }), { minLength: 2, maxLength: 4 }) }),
  fc.record({ op: fc.constant('repeat' as const), index: fc.nat() }),
);

describe('the ledger under any sequence of postings', () => {
  it('keeps debits equal to credits and moves money only between accounts', async () => {
    await fc.assert(fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 12 }), async (operations) => {
      const run = ++sequence;
      const posted: ledger.PostingInput[] = [];
      // What each account should hold, computed independently of the database.
      const expected = new Map<string, bigint>();
      const move = (lines: ledger.LedgerLine[]) => lines.forEach((l) => expected.set(l.account, (expected.get(l.account) ?? 0n) + l.amount));
      const receivable = (party: number) => `receivable:prop:r${run}p${party}`;
      for (const step of operations) {
        const sourceRef = `run${run}-${posted.length}-${step.op}`;
        let input: ledger.PostingInput | undefined;
        if (step.op === 'bill') {
          input = { kind: 'bill', sourceRef, currency: 'KWD', lines: [{ account: receivable(step.party), amount: BigInt(step.amount) }, { account: `revenue:prop${run}`, amount: -BigInt(step.amount) }] };
        } else if (step.op === 'pay') {
          const lines: ledger.LedgerLine[] = [{ account: `clearing:${step.channel}-r${run}`, amount: BigInt(step.amount + step.extra) }, { account: receivable(step.party), amount: -BigInt(step.amount) }];
          if (step.extra > 0) lines.push({ account: `credit:r${run}p${step.party}`, amount: -BigInt(step.extra) });
          input = { kind: 'payment', sourceRef, currency: 'KWD', lines };
        } else if (step.op === 'reverse' && posted.length > 0) {
          const original = posted[step.index % posted.length]!;
          input = { kind: 'reversal', sourceRef, currency: 'KWD', lines: original.lines.map((l) => ({ account: l.account, amount: -l.amount })) };
        } else if (step.op === 'unbalanced') {
          const lines = step.amounts.map((amount, i) => ({ account: `suspense:prop${run}-${i}`, amount: BigInt(amount) }));
          const balanced = lines.reduce((s, l) => s + l.amount, 0n) === 0n && lines.every((l) => l.amount !== 0n);
          if (!balanced) {
            await expect(inTransaction(ctx, (tx) => ledger.post(tx, { kind: 'junk', sourceRef, currency: 'KWD', lines }))).rejects.toBeInstanceOf(AppError);
            continue;
          }
          input = { kind: 'junk', sourceRef, currency: 'KWD', lines };
        } else if (step.op === 'repeat' && posted.length > 0) {
          // Posting the same source twice is refused and changes nothing.
          const again = posted[step.index % posted.length]!;
          await expect(inTransaction(ctx, (tx) => ledger.post(tx, again))).rejects.toMatchObject({ code: 'ledger_already_posted' });
          continue;
        }
        if (!input) continue;
        await inTransaction(ctx, (tx) => ledger.post(tx, input!));
        posted.push(input);
        move(input.lines);
      }
      for (const [account, amount] of expected) expect(await ledger.balance(ctx, account), account).toBe(amount);
      // Everything ever posted, not just this run, still sums to zero.
      for (const row of await ledger.trialBalance(ctx)) expect(row).toMatchObject({ total: 0n, unbalancedTransactions: 0 });
    }), { numRuns: 40 });
  });

  it('refuses a transaction that does not balance, whatever its lines', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.bigInt({ min: -1_000_000_000_000n, max: 1_000_000_000_000n }), { minLength: 2, maxLength: 6 }), async (amounts) => {
      fc.pre(amounts.reduce((s, a) => s + a, 0n) !== 0n);
      const lines = amounts.map((amount, i) => ({ account: `suspense:unbalanced-${i}`, amount }));
      await expect(inTransaction(ctx, (tx) => ledger.post(tx, { kind: 'junk', sourceRef: `u${++sequence}`, currency: 'KWD', lines }))).rejects.toMatchObject({ code: 'ledger_unbalanced' });
    }), { numRuns: 50 });
    for (let i = 0; i < 6; i++) expect(await ledger.balance(ctx, `suspense:unbalanced-${i}`)).toBe(0n);
  });

  it('reads many balances in one query, the same as one by one', async () => {
    const accounts = ['clearing:knet', 'clearing:bank', 'clearing:counter', 'suspense:none'];
    const many = await ledger.balancesOf(ctx, accounts);
    for (const account of accounts) {
      const single = await ledger.balance(ctx, account);
      expect(many.find((b) => b.accountCode === account)?.balance ?? 0n).toBe(single);
    }
  });
});
