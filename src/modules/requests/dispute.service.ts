// A bill dispute holds the disputed bill the way the system already holds a bill it must not collect (a
// government account's, a fine held for legal process): payableOnline false with a reason. Inquiry shows it apart,
// payments refuse to take it and the bill run sends no reminder for it. The decision releases it, lowering it
// first through a credit note (one balanced ledger posting) when the dispute is upheld in part or in full.
import { AppError } from '../../platform/errors/app-error.js';
import type { Ctx } from '../../platform/context.js';
import { issueCreditNote, payables, type Payable } from '../billers/index.js';
import { creditAccountsFor } from '../payments/index.js';

export const DISPUTE_TYPE = 'bill_dispute';

const HOLD_REASON = { ar: 'الفاتورة قيد الاعتراض', en: 'The bill is under dispute' };

/** The open bill named by the dispute's form, held in the caller's transaction. */
export async function holdDisputedBill(ctx: Ctx, fields: Record<string, string>): Promise<Payable> {
  const open = await payables.findOpen(ctx, { accountNumber: fields.accountNumber ?? '' }, 500);
  const bill = open.find((p) => p.reference === fields.billNumber);
  if (!bill) throw new AppError('request_disputed_bill_not_found', { accountNumber: fields.accountNumber, billNumber: fields.billNumber });
  await payables.setHold(ctx, bill.id, { payableOnline: false, holdReasonAr: HOLD_REASON.ar, holdReasonEn: HOLD_REASON.en });
  return bill;
}

/**
 * Ends the dispute: lowers the bill by `adjustment` (0 when dismissed) and makes it collectable again. Returns the
 * amount taken off. The bill is locked first so a payment cannot slip between the check and the posting.
 */
export async function decideDisputedBill(ctx: Ctx, requestId: string, payableId: string, adjustment: bigint): Promise<bigint> {
  const [bill] = await payables.lock(ctx, [payableId]);
  if (!bill) throw new AppError('request_disputed_bill_not_found', { payableId });
  if (adjustment < 0n) throw new AppError('amount_not_positive');
  if (adjustment > bill.amount) throw new AppError('request_adjustment_too_large', { amount: String(bill.amount) });
  if (adjustment > 0n) {
    await issueCreditNote(ctx, {
      billerCode: bill.billerCode, sourceId: `dispute:${requestId}`, amount: adjustment, payableIds: [bill.id],
      creditAccount: creditAccountsFor(bill)[0]!, memo: { requestId, reason: 'bill dispute upheld' },
    });
  }
  await payables.setHold(ctx, bill.id, { payableOnline: true, holdReasonAr: null, holdReasonEn: null });
  return adjustment;
}
