// Overpayment credit: money a party paid beyond what was due sits in the ledger account `credit:<party>` and pays
// that party's next bill. Billing calls applyCreditsToPayables after each batch of new bills; the work is set
// based (one query learns which parties hold credit), so a bill run over a million accounts with a handful of
// credits does a handful of postings, each a payment of channel `credit` with its own receipt.
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/context.js';
import { systemActor } from '../../platform/actor.js';
import { amountDue, payables, OPEN_STATUSES, type Payable } from '../billers/index.js';
import * as ledger from '../ledger/index.js';
import { postDirectPayment } from './direct-posting.js';
import { creditAccountOf, creditAccountsFor } from './parties.js';
import { applicableAmount } from './payment-rules.js';

/** Credit a party holds in a currency, as a positive amount (the ledger keeps credits as negative balances). */
export async function creditBalance(ctx: Ctx, party: string, currency: string): Promise<bigint> {
  const rows = await ledger.balancesOf(ctx, [creditAccountOf(party)]);
  const row = rows.find((r) => r.currency === currency);
  return row ? -row.balance : 0n;
}

/**
 * Pays the given payables from their parties' credit, oldest due first. Call it after the payables are committed
 * (each credit application is its own transaction and its own payment). Payables that are held, closed, or whose
 * parties hold no credit are skipped after one look-up for the whole batch.
 */
export async function applyCreditsToPayables(ctx: Ctx, payableIds: string[]): Promise<void> {
  const ids = [...new Set(payableIds)];
  if (ids.length === 0) return;
  const rows = (await payables.findMany(ctx, ids)).filter(isCreditable);
  if (rows.length === 0) return;
  const available = new Map<string, bigint>();
  for (const balance of await ledger.balancesOf(ctx, rows.flatMap(creditAccountsFor))) {
    if (balance.balance < 0n) available.set(`${balance.accountCode}|${balance.currency}`, -balance.balance);
  }
  if (available.size === 0) return;
  const withCredit = rows
    .filter((row) => creditAccountsFor(row).some((account) => available.has(`${account}|${row.currency}`)))
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : 1));
  for (const row of withCredit) await payFromCredit(ctx, row);
}

function isCreditable(row: Payable): boolean {
  return OPEN_STATUSES.includes(row.status as (typeof OPEN_STATUSES)[number]) && row.payableOnline && amountDue(row) > 0n;
}

/**
 * One payable, in its own transaction: lock the party's credit accounts, read what is really there now (another
 * run may have spent it), and pay as much as the payable may take. Partial payment from credit is allowed only
 * when the biller allows partial payment of that size; otherwise the credit waits for a bill it can settle.
 */
async function payFromCredit(ctx: Ctx, payable: Payable): Promise<void> {
  const accounts = creditAccountsFor(payable);
  await inTransaction(ctx, async (tx) => {
    await ledger.lockAccounts(tx, accounts);
    const balances = await ledger.balancesOf(tx, accounts);
    const current = await payables.find(tx, payable.id);
    if (!current || !isCreditable(current)) return;
    let due = amountDue(current);
    for (const account of accounts) {
      if (due <= 0n) break;
      const held = balances.find((b) => b.accountCode === account && b.currency === current.currency);
      const credit = held ? -held.balance : 0n;
      if (credit <= 0n) continue;
      const amount = applicableAmount(current, credit < due ? credit : due);
      if (amount <= 0n) continue;
      if (amount < due && (!current.allowsPartialPayment || amount < current.minPartialAmount)) continue;
      await postDirectPayment(tx, systemActor('credit-application'), {
        channel: 'credit',
        externalId: `${payable.id}:${account}:${current.amountPaid}`,
        items: [{ payableId: payable.id, amount }],
        currency: current.currency,
        creditAccount: account,
        personId: current.personId,
        civilId: current.civilId,
      });
      due -= amount;
      current.amountPaid += amount;
    }
  });
}
