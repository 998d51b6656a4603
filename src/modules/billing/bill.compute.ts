// One account's bill for one period, computed from plain inputs (the bill run gathers them in bulk). Pure: the
// same inputs always give the same lines, so a resumed run bills exactly what an uninterrupted one would.
//
// Actual bill: the units of the accepted readings since the last actual one. If estimated bills came in between,
// those units are priced over all the periods they span (each period's monthly blocks) and the estimated
// charges already billed are subtracted: the next actual reading corrects the estimates.
// Estimated bill: average daily use × the period's days, marked estimated.
import { mulDivRound } from '../../shared/money.js';
import { fixedCharges, priceConsumption, type Span } from '../tariffs/index.js';
import type { Schedule } from '../tariffs/index.js';
import type { PeriodDates } from './billing.periods.js';

export interface PendingEstimate {
  period: string;
  from: string;
  to: string;
  units: string;
  energyAmount: string;
  /** The whole period's days when the estimate covered part of it (a first period from installation). */
  monthDays?: number;
}

/** Days a bill covers: its period (from the installation day in a first period) and periods no bill covered. */
export interface Coverage {
  current: PeriodDates & { monthDays: number };
  /** Earlier periods no bill covered (a failed or skipped run; a first bill's periods since installation). */
  earlier: (PeriodDates & { monthDays: number })[];
}

export interface BillInput {
  dates: PeriodDates;
  /** Default: the whole period, nothing earlier. */
  coverage?: Coverage;
  schedule: Schedule;
  /** The account's previous bill, if any. */
  previous: {
    basisValue: bigint | null;
    basisReadOn: string | null;
    pendingEstimates: PendingEstimate[];
    creditCarriedForward: bigint;
  } | null;
  /** Accepted readings after the last actual reading the previous bill used, up to the period's end. */
  readings: { count: number; units: bigint; lastValue: bigint | null; lastReadOn: string | null };
  /** The account's first reading (its meter's installation), for a first bill. */
  firstPoint: { value: bigint; readOn: string } | null;
  /** Recent use, for an estimate: `units` over `days`. */
  history: { units: bigint; days: number } | null;
  /** Unpaid amount of earlier bills (shown, never added). */
  previousBalance: bigint;
}

export interface ComputedLine {
  kind: 'consumption' | 'fixed' | 'estimate_correction' | 'vat' | 'credit_brought_forward' | 'previous_balance';
  tariffVersionId: string | null;
  tierFrom: bigint | null;
  tierTo: bigint | null;
  quantity: bigint | null;
  rateMinor: bigint | null;
  perUnits: bigint | null;
  amount: bigint;
  countsInTotal: boolean;
  detail: Record<string, unknown> | null;
}

export interface ComputedBill {
  estimated: boolean;
  consumption: bigint;
  previousValue: bigint | null;
  previousReadOn: string | null;
  currentValue: bigint | null;
  currentReadOn: string | null;
  basisReadOn: string | null;
  pendingEstimates: PendingEstimate[];
  energyAmount: bigint;
  amount: bigint;
  previousBalance: bigint;
  creditBroughtForward: bigint;
  /** Legacy: credit kept outside the ledger by bills before #16; new bills carry none (see creditNote). */
  creditCarriedForward: bigint;
  /**
   * What an actual reading below the estimates gives back: posted as a credit note through the ledger, lowering
   * the open estimates (then the customer's credit). The bill itself is then zero.
   */
  creditNote: bigint;
  lines: ComputedLine[];
}

const line = (kind: ComputedLine['kind'], amount: bigint, extra: Partial<ComputedLine> = {}): ComputedLine => ({
  kind, tariffVersionId: null, tierFrom: null, tierTo: null, quantity: null, rateMinor: null, perUnits: null, amount, countsInTotal: true, detail: null, ...extra,
});

/**
 * VAT on the bill's charges (consumption, fixed, and the correction of estimates, which were taxed when billed), at
 * the rate of the version in force on the period's last day: the bill is the tax invoice and that day its tax
 * point. Rounded once, half away from zero. None where the rate is zero (Kuwait).
 */
function vatLine(lines: readonly ComputedLine[], current: Span, schedule: BillInput['schedule']): ComputedLine | null {
  const version = schedule.versions.find((v) => v.effectiveFrom <= current.to && (v.effectiveTo === null || current.to < v.effectiveTo));
  if (!version || version.vatRateBps === 0) return null;
  const taxable = lines.filter((l) => l.kind === 'consumption' || l.kind === 'fixed' || l.kind === 'estimate_correction').reduce((sum, l) => sum + l.amount, 0n);
  return line('vat', mulDivRound(taxable, BigInt(version.vatRateBps), 10_000n), { tariffVersionId: version.id, detail: { rateBps: version.vatRateBps } });
}

export function computeBill(input: BillInput): ComputedBill {
  const { dates, schedule, previous } = input;
  const pending = previous?.pendingEstimates ?? [];
  const basis = previous ? { value: previous.basisValue, readOn: previous.basisReadOn } : { value: input.firstPoint?.value ?? null, readOn: input.firstPoint?.readOn ?? null };
  const covered = input.coverage ?? { current: { ...dates, monthDays: dates.days }, earlier: [] };
  const current: Span = { from: covered.current.from, to: covered.current.to, monthDays: covered.current.monthDays };
  const actual = input.readings.count > 0;

  const lines: ComputedLine[] = [];
  let consumption: bigint;
  if (actual) {
    consumption = input.readings.units;
    const spans: Span[] = [
      ...pending.map((p) => ({ from: p.from, to: p.to, monthDays: p.monthDays })),
      ...covered.earlier.map((e) => ({ from: e.from, to: e.to, monthDays: e.monthDays })),
      current,
    ];
    const periods = spans.length > 1 ? [...pending.map((p) => p.period), ...covered.earlier.map((e) => e.period), dates.period] : undefined;
    for (const c of priceConsumption(consumption, spans, schedule.versions)) {
      lines.push(line('consumption', c.amount, {
        tariffVersionId: c.versionId, tierFrom: c.from, tierTo: c.to, quantity: c.quantity, rateMinor: c.rate.minor, perUnits: c.rate.perUnits,
        detail: periods ? { periods } : null,
      }));
    }
    if (pending.length > 0) {
      const billed = pending.reduce((sum, p) => sum + BigInt(p.energyAmount), 0n);
      const units = pending.reduce((sum, p) => sum + BigInt(p.units), 0n);
      lines.push(line('estimate_correction', -billed, { quantity: -units, detail: { periods: pending.map((p) => p.period) } }));
    }
  } else {
    consumption = input.history && input.history.days > 0 ? mulDivRound(input.history.units, BigInt(covered.current.days), BigInt(input.history.days)) : 0n;
    for (const c of priceConsumption(consumption, [current], schedule.versions)) {
      lines.push(line('consumption', c.amount, { tariffVersionId: c.versionId, tierFrom: c.from, tierTo: c.to, quantity: c.quantity, rateMinor: c.rate.minor, perUnits: c.rate.perUnits }));
    }
  }
  const energyAmount = lines.filter((l) => l.kind === 'consumption').reduce((sum, l) => sum + l.amount, 0n);
  for (const f of fixedCharges([current], schedule.versions)) {
    lines.push(line('fixed', f.amount, { tariffVersionId: f.versionId, detail: { months: `${f.months.num}/${f.months.den}` } }));
  }
  const vat = vatLine(lines, current, schedule);
  if (vat) lines.push(vat);
  const creditBroughtForward = previous?.creditCarriedForward ?? 0n;
  if (creditBroughtForward > 0n) lines.push(line('credit_brought_forward', -creditBroughtForward));

  const subtotal = lines.reduce((sum, l) => sum + l.amount, 0n);
  // A correction larger than the new charges is a credit note (lowering the open estimates, through the ledger),
  // not a negative bill.
  const amount = subtotal > 0n ? subtotal : 0n;
  if (input.previousBalance > 0n) lines.push(line('previous_balance', input.previousBalance, { countsInTotal: false }));

  return {
    estimated: !actual,
    consumption,
    previousValue: basis.value,
    previousReadOn: basis.readOn,
    currentValue: actual ? input.readings.lastValue : null,
    currentReadOn: actual ? input.readings.lastReadOn : null,
    basisReadOn: actual ? input.readings.lastReadOn : basis.readOn,
    pendingEstimates: actual ? [] : [...pending, {
      period: dates.period, from: current.from, to: current.to, units: consumption.toString(), energyAmount: energyAmount.toString(),
      ...(covered.current.days < covered.current.monthDays ? { monthDays: covered.current.monthDays } : {}),
    }],
    energyAmount,
    amount,
    previousBalance: input.previousBalance,
    creditBroughtForward,
    creditCarriedForward: 0n,
    creditNote: subtotal < 0n ? -subtotal : 0n,
    lines,
  };
}
