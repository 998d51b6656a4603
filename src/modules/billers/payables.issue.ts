// Issuing payables: one for a fine or a top-up, many at once for a bill run. Issuing posts the receivable in the
// ledger (debit the customer's receivable, credit the biller's revenue) in the same transaction, so no issuer can
// forget it and the ledger always knows what is owed.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { accounts, post, postMany, type PostingInput } from '../ledger/index.js';
import { currencyInfo } from '../../shared/money.js';
import { newId } from '../../shared/ids.js';
import type { BillerRow } from './billers.store.js';
import { getBiller, receivableAccountOf } from './billers.service.js';
import * as payableStore from './payables.store.js';

export const PAYABLE_KINDS = ['bill', 'fine', 'topup'] as const;
export type PayableKind = (typeof PAYABLE_KINDS)[number];

/** The ledger transaction kind of an issued payable (its source is the payable's sourceId). */
const POSTING_KIND: Record<PayableKind, string> = { bill: 'bill', fine: 'fine.issued', topup: 'topup.issued' };

export interface IssuePayableInput {
  billerCode: string;
  kind: PayableKind;
  sourceId: string;
  reference: string;
  personId?: string | null;
  civilId?: string | null;
  accountNumber?: string | null;
  meterNumber?: string | null;
  plate?: string | null;
  amount: bigint;
  /** The part of `amount` that is VAT: credited to the biller's tax account, not its revenue. */
  taxAmount?: bigint;
  issuedOn: string;
  dueDate: string;
  descriptionAr: string;
  descriptionEn: string;
  payableOnline?: boolean;
  holdReasonAr?: string | null;
  holdReasonEn?: string | null;
  /** Written on the receivable's ledger transaction (bill number, violation number). */
  ledgerMemo?: Record<string, unknown>;
}

/** A bulk row: the caller chose the payable's id (a bill row refers to it before it exists). */
export interface IssuePayablesRow extends IssuePayableInput {
  id: string;
}

function payableRow(ctx: Ctx, biller: BillerRow, id: string, input: IssuePayableInput): payableStore.NewPayable {
  const now = ctx.clock.now();
  return {
    id, billerCode: biller.code, kind: input.kind, sourceId: input.sourceId, reference: input.reference,
    personId: input.personId ?? null, civilId: input.civilId ?? null, accountNumber: input.accountNumber ?? null,
    meterNumber: input.meterNumber ?? null, plate: input.plate ?? null, currency: biller.currency, amount: input.amount, amountPaid: 0n,
    // A zero amount is issued already paid: nothing to collect, nothing to post.
    status: input.amount === 0n ? 'paid' : 'open',
    issuedOn: input.issuedOn, dueDate: input.dueDate, descriptionAr: input.descriptionAr, descriptionEn: input.descriptionEn,
    allowsPartialPayment: biller.allowsPartialPayment, minPartialAmount: biller.minPartialAmount,
    payableOnline: input.payableOnline ?? true, holdReasonAr: input.holdReasonAr ?? null, holdReasonEn: input.holdReasonEn ?? null,
    createdAt: now, updatedAt: now,
  };
}

function receivablePosting(biller: BillerRow, row: payableStore.NewPayable, input: IssuePayableInput): PostingInput {
  const tax = input.taxAmount ?? 0n;
  return {
    kind: POSTING_KIND[input.kind], sourceRef: input.sourceId, currency: biller.currency,
    lines: [
      { account: receivableAccountOf({ ...row, accountNumber: row.accountNumber ?? null, civilId: row.civilId ?? null, plate: row.plate ?? null }), amount: input.amount },
      ...(input.amount - tax !== 0n ? [{ account: accounts.revenue(biller.code), amount: -(input.amount - tax) }] : []),
      ...(tax !== 0n ? [{ account: accounts.vat(biller.code), amount: -tax }] : []),
    ],
    memo: input.ledgerMemo,
  };
}

function checkInput(input: IssuePayableInput): void {
  if (input.amount < 0n) throw new AppError('amount_not_positive');
  if (input.taxAmount !== undefined && (input.taxAmount < 0n || input.taxAmount > input.amount)) throw new AppError('validation_failed', { field: 'taxAmount' });
  if (!PAYABLE_KINDS.includes(input.kind)) throw new AppError('validation_failed', { field: 'kind', value: input.kind });
}

/**
 * Issues a payable for a biller module, in the caller's transaction, with its receivable posted. Issuing the same
 * source twice returns the first payable (idempotent, nothing posted again); the same source with a different
 * amount is a conflict, never a silent change.
 */
export async function issuePayable(ctx: Ctx, input: IssuePayableInput): Promise<{ payable: payableStore.PayableRow; created: boolean }> {
  checkInput(input);
  const biller = await getBiller(ctx, input.billerCode);
  currencyInfo(biller.currency);
  return inTransaction(ctx, async (tx) => {
    const row = payableRow(tx, biller, newId('pbl'), input);
    const result = await payableStore.insertPayable(tx.db, row);
    if (!result.created) {
      if (result.payable.amount !== input.amount) throw new AppError('payable_conflict', { reference: input.reference });
      return result;
    }
    if (input.amount > 0n) await post(tx, receivablePosting(biller, row, input));
    return result;
  });
}

/**
 * Issues many payables of one biller in a few statements (bill runs), each with its receivable posted. Rows whose
 * source was issued before are skipped with their postings. Returns the ids of the payables issued now.
 */
export async function issuePayables(ctx: Ctx, billerCode: string, inputs: IssuePayablesRow[]): Promise<Set<string>> {
  if (inputs.length === 0) return new Set();
  for (const input of inputs) {
    checkInput(input);
    if (input.billerCode !== billerCode) throw new AppError('validation_failed', { field: 'billerCode', value: input.billerCode });
  }
  const biller = await getBiller(ctx, billerCode);
  currencyInfo(biller.currency);
  const rows = inputs.map((input) => ({ input, row: payableRow(ctx, biller, input.id, input) }));
  const inserted = await payableStore.insertPayables(ctx.db, rows.map((r) => r.row));
  const postings = rows.filter(({ row, input }) => inserted.has(row.id as string) && input.amount > 0n).map(({ row, input }) => receivablePosting(biller, row, input));
  await postMany(ctx, postings);
  return inserted;
}
