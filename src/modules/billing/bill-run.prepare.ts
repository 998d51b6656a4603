// Turns one account's batch row into the bill to write: tariff schedule, pure computation, ids, bill number,
// receivable account and whether it may be paid online. Throws an AppError the run records as a failure.
import { AppError } from '../../platform/errors/app-error.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../shared/ids.js';
import { formatAmount } from '../../shared/money.js';
import type { Biller } from '../billers/index.js';
import { GOVERNMENT_HOLD } from '../accounts/index.js';
import { TariffGapError, TariffOverlapError } from '../tariffs/index.js';
import type { Schedule } from '../tariffs/index.js';
import { computeBill } from './bill.compute.js';
import type { AccountBatchRow } from './bill-run.inputs.js';
import type { BillRunRow } from './bill-run.store.js';
import { clipped, periodCode, spansBetween, type PeriodDates } from './billing.periods.js';
import type { BillToWrite, RunConstants } from './bill-run.write.js';

export interface BillFailure {
  accountId: string;
  code: string;
  message: string;
}

export function runConstants(ctx: Ctx, run: BillRunRow, biller: Biller, dates: PeriodDates): Omit<RunConstants, 'notify'> {
  const now = ctx.clock.now();
  return {
    runId: run.id, billerCode: biller.code, period: run.period, from: dates.from, to: dates.to, issuedOn: run.issuedOn, dueDate: run.dueDate,
    currency: biller.currency, now,
    descriptionAr: `فاتورة ${biller.nameAr} عن الفترة ${run.period}`,
    descriptionEn: `${biller.nameEn} bill for ${run.period}`,
    holdReasonAr: GOVERNMENT_HOLD.ar, holdReasonEn: GOVERNMENT_HOLD.en,
    allowsPartialPayment: biller.allowsPartialPayment, minPartialAmount: biller.minPartialAmount,
    billerNameAr: biller.nameAr, billerNameEn: biller.nameEn,
    publicUrl: ctx.config.publicUrl,
  };
}

/** "EL-2611-1000000123": biller prefix (settings.billPrefix, else from the code), period, account. Never a sequence. */
export function billNumberOf(biller: Biller, period: string, accountNumber: string): string {
  const configured = (biller.settings as { billPrefix?: string } | null)?.billPrefix;
  const prefix = configured ?? (biller.code.split('-').pop() ?? biller.code).slice(0, 2).toUpperCase();
  return `${prefix}-${periodCode(period)}-${accountNumber}`;
}

export function prepareBill(c: RunConstants, biller: Biller, schedules: Map<string, Schedule>, dates: PeriodDates, row: AccountBatchRow): BillToWrite {
  const schedule = schedules.get(row.category);
  if (!schedule) throw new AppError('tariff_missing', { category: row.category });
  // A bill is issued in its biller's currency: a tariff priced in another would state a wrong amount.
  if (schedule.currency !== c.currency) throw new AppError('bill_currency_mismatch', { tariff: schedule.currency, biller: c.currency });
  if (!row.meterNumber) throw new AppError('bill_meter_missing');
  let bill;
  try {
    const firstDay = row.hasPrevious ? null : row.installedOn;
    const coverage = {
      current: clipped(dates, firstDay),
      earlier: spansBetween({ afterPeriod: row.previousPeriod, firstDay, beforePeriod: dates.period, billDay: biller.billDay }),
    };
    bill = computeBill({
      dates, schedule, coverage,
      previous: row.hasPrevious ? { basisValue: row.basisValue, basisReadOn: row.basisReadOn, pendingEstimates: row.pendingEstimates, creditCarriedForward: row.creditCarriedForward } : null,
      readings: { count: row.readingCount, units: row.readingUnits, lastValue: row.lastValue, lastReadOn: row.lastReadOn },
      firstPoint: row.firstValue !== null && row.firstReadOn !== null ? { value: row.firstValue, readOn: row.firstReadOn } : null,
      history: row.historyDays > 0 ? { units: row.historyUnits, days: row.historyDays } : null,
      // Read from the ledger when the bill is written (bill-run.write.ts: recordPreviousBalances).
      previousBalance: 0n,
    });
  } catch (error) {
    if (error instanceof TariffGapError || error instanceof TariffOverlapError) throw new AppError('tariff_missing', { category: row.category, day: error.day });
    throw error;
  }
  const payableId = newId('pbl');
  return {
    id: newId('bill'),
    payableId,
    billNumber: billNumberOf(biller, dates.period, row.accountNumber),
    accountId: row.accountId,
    accountNumber: row.accountNumber,
    meterNumber: row.meterNumber,
    category: row.category,
    ownerCivilId: row.ownerCivilId,
    ownerPersonId: row.ownerPersonId,
    payableOnline: row.category !== 'government',
    amountText: formatAmount(bill.amount, c.currency),
    unit: schedule.unit,
    correctedPeriods: bill.estimated ? [] : row.pendingEstimates.map((p) => p.period),
    bill,
  };
}

export function failureOf(accountId: string, error: unknown): BillFailure {
  if (error instanceof AppError) return { accountId, code: error.code, message: `${error.toBody().message.en} ${JSON.stringify(error.details)}`.slice(0, 500) };
  // Drizzle wraps database errors as "Failed query: <the SQL>"; the database's own message is the cause.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return { accountId, code: 'internal_error', message: (cause instanceof Error ? cause.message : String(cause)).slice(0, 500) };
}
