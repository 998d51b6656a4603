// Bills and bill runs as the API shows them: amounts as decimal strings, labels in both languages, no row as it
// came from the database.
import type { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { formatAmount } from '../../shared/money.js';
import { amountDue, payables, type Payable } from '../billers/index.js';
import { lineLabel, rateLabel } from './bill.labels.js';
import type { BillRunFailureRow, BillRunRow } from './bill-run.store.js';
import type { BillRow, BillWithLines } from './bills.store.js';
import type * as s from './billing.schemas.js';

type Unit = z.infer<typeof s.billSummarySchema>['unit'];

export async function presentBills(ctx: Ctx, bills: BillRow[]): Promise<z.infer<typeof s.billSummarySchema>[]> {
  const byId = new Map((await payables.findMany(ctx, bills.map((b) => b.payableId))).map((p) => [p.id, p]));
  return bills.map((bill) => presentBill(ctx, bill, byId.get(bill.payableId)));
}

export function presentBill(ctx: Ctx, bill: BillRow, payable: Payable | undefined): z.infer<typeof s.billSummarySchema> {
  const money = (v: bigint) => formatAmount(v, bill.currency);
  return {
    id: bill.id, billNumber: bill.billNumber, billerCode: bill.billerCode, accountNumber: bill.accountNumber, meterNumber: bill.meterNumber,
    period: bill.period, periodFrom: bill.periodFrom, periodTo: bill.periodTo, issuedOn: bill.issuedOn, dueDate: bill.dueDate,
    estimated: bill.estimated, consumption: bill.consumption.toString(), unit: bill.unit as Unit, amount: money(bill.amount), currency: bill.currency,
    previousBalance: money(bill.previousBalance),
    payable: {
      id: bill.payableId,
      status: payable?.status ?? 'unknown',
      amountDue: money(payable ? amountDue(payable) : bill.amount),
      payableOnline: payable?.payableOnline ?? true,
      holdReason: payable && !payable.payableOnline ? { ar: payable.holdReasonAr ?? '', en: payable.holdReasonEn ?? '' } : null,
    },
    pdfUrl: `${ctx.config.publicUrl}/api/v1/bills/${bill.id}/pdf`,
  };
}

export async function presentBillDetail(ctx: Ctx, bill: BillWithLines, history: { period: string; consumption: bigint; estimated: boolean }[]): Promise<z.infer<typeof s.billDetailSchema>> {
  const [summary] = await presentBills(ctx, [bill]);
  const consumption = bill.lines.filter((l) => l.kind === 'consumption');
  const single = consumption.length === 1 && consumption[0]!.tierFrom === 0n && consumption[0]!.tierTo === null;
  const text = (v: bigint | null) => (v === null ? null : v.toString());
  return {
    ...summary!,
    category: bill.category,
    readings: {
      previous: bill.previousValue !== null && bill.previousReadOn ? { value: bill.previousValue.toString(), readOn: bill.previousReadOn } : null,
      current: bill.currentValue !== null && bill.currentReadOn ? { value: bill.currentValue.toString(), readOn: bill.currentReadOn } : null,
    },
    lines: bill.lines.map((line) => ({
      kind: line.kind as z.infer<typeof s.billLineSchema>['kind'],
      label: lineLabel(line, bill.unit, single),
      quantity: text(line.quantity), tierFrom: text(line.tierFrom), tierTo: text(line.tierTo),
      rate: line.rateMinor !== null && line.perUnits !== null
        ? { price: formatAmount(line.rateMinor, bill.currency), perUnits: line.perUnits.toString(), label: rateLabel(line.rateMinor, line.perUnits, bill.currency, bill.unit) }
        : null,
      amount: formatAmount(line.amount, bill.currency),
      countsInTotal: line.countsInTotal,
    })),
    creditCarriedForward: formatAmount(bill.creditCarriedForward, bill.currency),
    creditNote: formatAmount(bill.creditNote, bill.currency),
    history: history.map((h) => ({ period: h.period, consumption: h.consumption.toString(), estimated: h.estimated })),
  };
}

export function presentRun(run: BillRunRow, failures?: BillRunFailureRow[]): z.infer<typeof s.billRunSchema> {
  return {
    id: run.id, biller: run.billerCode, period: run.period, status: run.status as z.infer<typeof s.billRunSchema>['status'],
    issuedOn: run.issuedOn, dueDate: run.dueDate, totalAccounts: run.totalAccounts, billed: run.billedCount,
    estimated: run.estimatedCount, failed: run.failedCount, amountTotal: formatAmount(run.amountTotal, run.currency), currency: run.currency,
    startedAt: run.startedAt.toISOString(), updatedAt: run.updatedAt.toISOString(), finishedAt: run.finishedAt?.toISOString() ?? null,
    lastError: run.lastError,
    ...(failures ? { failures: failures.map((f) => ({ accountId: f.accountId, code: f.code, message: f.message, at: f.at.toISOString() })) } : {}),
  };
}
