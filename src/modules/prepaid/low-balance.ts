// The low-balance message: sent when a charge takes the wallet (available + held) from at or above
// PREPAID_LOW_BALANCE to under it. Nothing is stored: the crossing is read from the balance before and after the
// charge, under the operator's row lock, so each crossing sends once and a top-up above the line re-arms it.
import type { Ctx } from '../../platform/context.js';
import { emitEvent } from '../../platform/outbox.js';
import { formatAmount, parseAmount } from '../../shared/money.js';
import { walletBalances } from './wallet.accounts.js';
import * as store from './prepaid.store.js';

/** Call in the transaction that charged `charged` from the wallet, after posting it, with the operator locked. */
export async function noteLowBalance(ctx: Ctx, operator: store.OperatorRow, dispenseId: string, charged: bigint): Promise<void> {
  if (charged <= 0n) return;
  const operatorId = operator.id;
  const threshold = parseAmount(ctx.config.PREPAID_LOW_BALANCE, operator.currency);
  const { available, held } = await walletBalances(ctx, operatorId);
  const after = available + held;
  const before = after + charged;
  if (!(before >= threshold && after < threshold)) return;
  const money = (amount: bigint) => formatAmount(amount < 0n ? 0n : amount, operator.currency);
  // A company operator has no civil ID: the event is still written, and notifications notes it had no recipient.
  await emitEvent(ctx, 'prepaid.low_balance', {
    personId: null, civilId: operator.civilId, operatorId, dispenseId,
    vars: {
      operatorAr: operator.nameAr, operatorEn: operator.nameEn, amount: money(after), threshold: money(threshold),
      currency: operator.currency, topUpUrl: `${ctx.config.publicUrl}/prepaid`,
    },
  }, { dedupeKey: `prepaid.low_balance:${dispenseId}` });
}
