// The e-bill as the PDF renderer takes it (BillDocument, owned by billing.pdf.tsx), built from a bill, its
// account and the account's consumption history. The document's lines must add up to the amount due, so the
// unpaid previous balance (shown beside a bill, never added into it) is not one of its lines.
import type { Ctx } from '../../platform/context.js';
import { contactsOfPerson } from '../identity/index.js';
import { CATEGORY_NAMES, type Account, type Category } from '../accounts/index.js';
import { getBiller } from '../billers/index.js';
import { lineLabel } from './bill.labels.js';
import type { BillDocument, BillLine } from './billing.pdf.js';
import * as store from './bills.store.js';

export async function billDocumentOf(ctx: Ctx, bill: store.BillWithLines, account: Account): Promise<BillDocument> {
  const biller = await getBiller(ctx, bill.billerCode);
  const history = await store.consumptionHistory(ctx.db, bill.accountId, bill.period, 12);
  const previous = Number(bill.previousValue ?? 0n);
  const consumption = Number(bill.consumption);
  return {
    biller: { ar: biller.nameAr, en: biller.nameEn },
    billNumber: bill.billNumber,
    accountNumber: bill.accountNumber,
    meterNumber: bill.meterNumber ?? '',
    customerName: await customerName(ctx, account),
    address: {
      ar: [account.addressAr, account.areaAr].filter(Boolean).join('، '),
      en: [account.addressEn, account.areaEn].filter(Boolean).join(', '),
    },
    category: CATEGORY_NAMES[account.category as Category] ?? { ar: account.category, en: account.category },
    period: bill.period,
    periodFrom: bill.periodFrom,
    periodTo: bill.periodTo,
    issueDate: bill.issuedOn,
    dueDate: bill.dueDate,
    reading: {
      previous,
      // An estimated bill shows the reading the estimate implies.
      current: bill.currentValue !== null ? Number(bill.currentValue) : previous + consumption,
      consumption,
      unit: bill.unit === 'imp_gal' ? 'imperial_gallon' : 'kWh',
      estimated: bill.estimated,
    },
    lines: documentLines(bill),
    totalDue: bill.amount,
    currency: bill.currency,
    history: history.map((h) => ({ period: h.period, quantity: Number(h.consumption) })),
    payUrl: `${ctx.config.publicUrl}/?accountNumber=${encodeURIComponent(bill.accountNumber)}`,
    previousBalance: bill.previousBalance,
    settlement: settlementOf(bill.category),
    ...taxInvoiceOf(bill, biller),
  };
}

/**
 * A bill with VAT from a biller registered for it is a simplified tax invoice: the seller, its VAT number, the
 * tax and the invoice time go into the QR code Saudi e-invoicing requires. The time is the bill's issue.
 */
function taxInvoiceOf(bill: store.BillWithLines, biller: Awaited<ReturnType<typeof getBiller>>): Pick<BillDocument, 'taxInvoice'> {
  const vatLines = bill.lines.filter((l) => l.kind === 'vat');
  const vatNumber = (biller.settings as { vatNumber?: unknown } | null)?.vatNumber;
  if (vatLines.length === 0 || typeof vatNumber !== 'string') return {};
  return { taxInvoice: { sellerName: biller.nameAr, vatNumber, issuedAt: bill.createdAt, vatAmount: vatLines.reduce((sum, l) => sum + l.amount, 0n) } };
}

/** Government accounts' bills are settled by a ministry-to-ministry transfer, never online. */
export function settlementOf(category: string): 'online' | 'government' {
  return category === 'government' ? 'government' : 'online';
}

export function documentLines(bill: store.BillWithLines): BillLine[] {
  const consumptionLines = bill.lines.filter((l) => l.kind === 'consumption');
  const single = consumptionLines.length === 1 && consumptionLines[0]!.tierTo === null && consumptionLines[0]!.tierFrom === 0n;
  const lines: BillLine[] = [];
  for (const line of bill.lines) {
    const label = lineLabel(line, bill.unit, single);
    if (line.kind === 'consumption') {
      lines.push({
        kind: 'tier', label, from: Number(line.tierFrom ?? 0n), to: line.tierTo === null ? null : Number(line.tierTo),
        quantity: Number(line.quantity ?? 0n), rate: { amount: line.rateMinor ?? 0n, per: Number(line.perUnits ?? 1n) }, amount: line.amount,
      });
    } else if (line.kind === 'fixed') {
      lines.push({ kind: 'fixed', label, amount: line.amount });
    } else if (line.kind === 'vat') {
      // The tax on a correction larger than the charges is given back with it.
      lines.push({ kind: line.amount < 0n ? 'credit' : 'fixed', label, amount: line.amount });
    } else if (line.kind === 'estimate_correction' || line.kind === 'credit_brought_forward') {
      lines.push({ kind: 'credit', label, amount: line.amount });
    }
  }
  // A correction larger than the charges: the bill is zero and the rest waits for the next bill.
  if (bill.creditCarriedForward > 0n) {
    lines.push({ kind: 'arrears', label: lineLabel({ kind: 'credit_carried_forward', tierFrom: null, tierTo: null, detail: null }, bill.unit, single), amount: bill.creditCarriedForward });
  }
  return lines;
}

async function customerName(ctx: Ctx, account: Account): Promise<{ ar: string; en: string }> {
  if (account.ownerNameAr || account.ownerNameEn) return { ar: account.ownerNameAr ?? account.ownerNameEn ?? '', en: account.ownerNameEn ?? account.ownerNameAr ?? '' };
  const person = account.ownerPersonId ? (await contactsOfPerson(ctx, account.ownerPersonId))?.person : undefined;
  if (person) return { ar: person.nameAr, en: person.nameEn };
  return { ar: account.ownerCivilId ?? '', en: account.ownerCivilId ?? '' };
}
