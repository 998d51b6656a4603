// A bank's end-of-day report for a business date: every payment it notified that posted that day, every reversal
// of its payments made that day, and totals per currency, for the bank to compare with its own books.
import { AppError } from '../../platform/errors/app-error.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { recordReadAudit } from '../../platform/audit.js';
import { toCsv } from '../../shared/csv.js';
import { formatAmount } from '../../shared/money.js';
import { isDay } from '../../shared/days.js';
import { bankActivityBetween } from '../payments/index.js';
import { localDayBounds } from '../../platform/clock.js';

export interface BankDayReport {
  businessDate: string;
  bank: string;
  payments: { transactionId: string; paymentId: string; receiptNumber: string | null; postedAt: string; amount: string; currency: string; status: string }[];
  reversals: { transactionId: string; paymentId: string; reversalId: string; kind: string; at: string; amount: string; currency: string; reason: string }[];
  totals: { currency: string; paymentCount: number; paid: string; reversalCount: number; reversed: string; net: string }[];
}

export async function bankDayReport(ctx: Ctx, actor: Actor, businessDate: string): Promise<BankDayReport> {
  if (actor.kind !== 'client' || actor.role !== 'bank') throw new AppError('forbidden', { channel: 'bank' });
  if (!isDay(businessDate)) throw new AppError('validation_failed', { field: 'date', reason: 'a business date YYYY-MM-DD' });
  const { from, to } = localDayBounds(businessDate, ctx.config.TZ_BUSINESS);
  const { posted, reversals } = await bankActivityBetween(ctx, actor, from, to);
  const totals = new Map<string, { paymentCount: number; paid: bigint; reversalCount: number; reversed: bigint }>();
  const totalOf = (currency: string) => {
    if (!totals.has(currency)) totals.set(currency, { paymentCount: 0, paid: 0n, reversalCount: 0, reversed: 0n });
    return totals.get(currency)!;
  };
  for (const p of posted) { const t = totalOf(p.currency); t.paymentCount++; t.paid += p.amount; }
  for (const r of reversals) { const t = totalOf(r.currency); t.reversalCount++; t.reversed += r.amount; }
  await recordReadAudit(ctx, actor, { action: 'bank.report', entityType: 'bank', entityId: actor.id, detail: { businessDate } });
  return {
    businessDate,
    bank: actor.name,
    payments: posted.map((p) => ({
      transactionId: p.externalId ?? '', paymentId: p.id, receiptNumber: p.receiptNumber, postedAt: (p.postedAt ?? p.createdAt).toISOString(),
      amount: formatAmount(p.amount, p.currency), currency: p.currency, status: p.status,
    })),
    reversals: reversals.map((r) => ({
      transactionId: r.externalId ?? '', paymentId: r.paymentId, reversalId: r.id, kind: r.kind, at: r.createdAt.toISOString(),
      amount: formatAmount(r.amount, r.currency), currency: r.currency, reason: r.reason,
    })),
    totals: [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, t]) => ({
      currency, paymentCount: t.paymentCount, paid: formatAmount(t.paid, currency), reversalCount: t.reversalCount,
      reversed: formatAmount(t.reversed, currency), net: formatAmount(t.paid - t.reversed, currency),
    })),
  };
}


/** The same report as CSV: one line per payment, reversal and currency total. */
export function bankDayReportCsv(report: BankDayReport): string {
  const lines = [['record', 'business_date', 'transaction_id', 'payment_id', 'reference', 'at', 'currency', 'amount', 'count', 'status_or_reason']];
  for (const p of report.payments) lines.push(['payment', report.businessDate, p.transactionId, p.paymentId, p.receiptNumber ?? '', p.postedAt, p.currency, p.amount, '1', p.status]);
  for (const r of report.reversals) lines.push([r.kind, report.businessDate, r.transactionId, r.paymentId, r.reversalId, r.at, r.currency, `-${r.amount}`, '1', r.reason]);
  for (const t of report.totals) {
    lines.push(['total_paid', report.businessDate, '', '', '', '', t.currency, t.paid, String(t.paymentCount), '']);
    lines.push(['total_reversed', report.businessDate, '', '', '', '', t.currency, t.reversed, String(t.reversalCount), '']);
    lines.push(['total_net', report.businessDate, '', '', '', '', t.currency, t.net, '', '']);
  }
  return toCsv(lines, { bom: false });
}
