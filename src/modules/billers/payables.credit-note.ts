// A credit note: a biller says a customer owes less than it billed (an actual reading below the estimates). It
// lowers the open payables named, newest first, and whatever they can no longer take (already paid) becomes the
// customer's credit, in one balanced posting: debit revenue (and the tax account for the VAT in it), credit the receivable and the credit account. So the
// dues, the receivable and what is owed agree at every moment, and no surplus lives outside the ledger.
import type { Ctx } from '../../platform/context.js';
import { accounts, post } from '../ledger/index.js';
import { getBiller, receivableAccountOf } from './billers.service.js';
import * as payableStore from './payables.store.js';

export interface CreditNoteInput {
  billerCode: string;
  /** The ledger transaction's source (the correcting bill's id): one credit note per source. */
  sourceId: string;
  amount: bigint;
  /** The part of `amount` that is VAT given back: debited to the biller's tax account, the rest to its revenue. */
  taxAmount?: bigint;
  /** Payables to lower, in this order (newest first, say). */
  payableIds: string[];
  /** Where what the payables cannot take goes: the customer's credit account. */
  creditAccount: string;
  memo?: Record<string, unknown>;
}

export interface CreditNoteResult {
  reduced: { payableId: string; amount: bigint }[];
  toCredit: bigint;
}

/** In the caller's transaction. Payables that are closed or paid beyond the new amount take only what is still due. */
export async function issueCreditNote(ctx: Ctx, input: CreditNoteInput): Promise<CreditNoteResult> {
  if (input.amount <= 0n) return { reduced: [], toCredit: 0n };
  const biller = await getBiller(ctx, input.billerCode);
  const locked = new Map((await payableStore.lockPayables(ctx.db, input.payableIds)).map((p) => [p.id, p]));
  const reduced: CreditNoteResult['reduced'] = [];
  const tax = input.taxAmount ?? 0n;
  const lines: { account: string; amount: bigint }[] = [
    ...(input.amount - tax !== 0n ? [{ account: accounts.revenue(biller.code), amount: input.amount - tax }] : []),
    ...(tax !== 0n ? [{ account: accounts.vat(biller.code), amount: tax }] : []),
  ];
  let left = input.amount;
  for (const id of input.payableIds) {
    const payable = locked.get(id);
    if (!payable || left === 0n || !payableStore.OPEN_STATUSES.includes(payable.status as payableStore.PayableStatus)) continue;
    const due = payableStore.amountDue(payable);
    const cut = due < left ? due : left;
    if (cut <= 0n) continue;
    await payableStore.updatePayableAmount(ctx.db, id, payable.amount - cut, ctx.clock.now());
    reduced.push({ payableId: id, amount: cut });
    lines.push({ account: receivableAccountOf(payable), amount: -cut });
    left -= cut;
  }
  if (left > 0n) lines.push({ account: input.creditAccount, amount: -left });
  await post(ctx, { kind: 'bill.credit_note', sourceRef: input.sourceId, currency: biller.currency, lines, memo: input.memo });
  return { reduced, toCredit: left };
}
