// Tenders at a counter: what the payer hands over must cover the amount, and only cash can be given change
// (a card or a cheque is taken for what it is written for). Pure, so the rules are tested on their own.
import { createHash } from 'node:crypto';
import { AppError } from '../../platform/errors/app-error.js';

export type Tender =
  | { kind: 'cash'; amount: bigint }
  | { kind: 'card'; amount: bigint; reference: string }
  | { kind: 'cheque'; amount: bigint; chequeNumber: string; bank: string };

/** The change to give back in cash; refuses tenders that fall short, or that only add up with change from a card or cheque. */
export function changeFor(total: bigint, tenders: Tender[]): bigint {
  if (tenders.length === 0) throw new AppError('counter_tender_mismatch', { reason: 'no tender' });
  for (const tender of tenders) if (tender.amount <= 0n) throw new AppError('amount_not_positive', { tender: tender.kind });
  const handed = tenders.reduce((sum, t) => sum + t.amount, 0n);
  const cash = tenders.filter((t) => t.kind === 'cash').reduce((sum, t) => sum + t.amount, 0n);
  if (handed < total) throw new AppError('counter_tender_mismatch', { reason: 'short', total: total.toString(), handed: handed.toString() });
  const change = handed - total;
  // Change comes out of the cash handed over; a cash tender wholly given back was never a tender.
  if (change > 0n && change >= cash) throw new AppError('counter_tender_mismatch', { reason: 'change only from cash', total: total.toString(), handed: handed.toString() });
  return change;
}

/** The content a replay must repeat exactly: items (in any order), tenders (in order) and currency. */
export function counterRequestHash(input: { currency: string; items: { payableId: string; amount: bigint }[]; tenders: Tender[] }): string {
  const items = [...input.items].sort((a, b) => a.payableId.localeCompare(b.payableId)).map((i) => `${i.payableId}=${i.amount}`);
  const tenders = input.tenders.map((t) => [t.kind, t.amount, t.kind === 'card' ? t.reference : '', t.kind === 'cheque' ? `${t.chequeNumber}@${t.bank}` : ''].join(':'));
  return createHash('sha256').update(JSON.stringify([input.currency, items, tenders])).digest('hex');
}
