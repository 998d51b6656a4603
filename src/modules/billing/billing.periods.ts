// A billing period 'YYYY-MM' ends on the biller's bill day of that month (the 28th by default) and starts the day
// after the previous month's bill day: period 2026-11 with bill day 28 is 2026-10-29 … 2026-11-28.
import { addDays, daysInclusive } from '../../shared/days.js';

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(text: string): boolean {
  return PERIOD.test(text);
}

export function shiftPeriod(period: string, months: number): string {
  const match = PERIOD.exec(period);
  if (!match) throw new RangeError(`not a period: ${period}`);
  const index = Number(match[1]) * 12 + Number(match[2]) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export interface PeriodDates {
  period: string;
  from: string;
  to: string;
  days: number;
}

export function periodDates(period: string, billDay: number): PeriodDates {
  if (!Number.isInteger(billDay) || billDay < 1 || billDay > 28) throw new RangeError('the bill day must be 1 to 28');
  const day = String(billDay).padStart(2, '0');
  const to = `${period}-${day}`;
  const from = addDays(`${shiftPeriod(period, -1)}-${day}`, 1);
  return { period, from, to, days: daysInclusive(from, to) };
}

/** The period a day falls in. */
export function periodOfDay(day: string, billDay: number): string {
  const month = day.slice(0, 7);
  return Number(day.slice(8, 10)) <= billDay ? month : shiftPeriod(month, 1);
}

/** 2026-11 → "2611", for bill numbers. */
export function periodCode(period: string): string {
  return period.slice(2, 4) + period.slice(5, 7);
}

/**
 * The periods after `afterPeriod` and before `beforePeriod`, each as a span (an account's periods no bill
 * covered: a failed or skipped run). With `firstDay` (the meter's installation), the periods start at the one that
 * day falls in, and that one starts on that day.
 */
export function spansBetween(input: { afterPeriod: string | null; firstDay: string | null; beforePeriod: string; billDay: number }): (PeriodDates & { monthDays: number })[] {
  const start = input.afterPeriod !== null ? shiftPeriod(input.afterPeriod, 1) : input.firstDay !== null ? periodOfDay(input.firstDay, input.billDay) : input.beforePeriod;
  const spans: (PeriodDates & { monthDays: number })[] = [];
  for (let period = start; period < input.beforePeriod; period = shiftPeriod(period, 1)) spans.push(clipped(periodDates(period, input.billDay), input.afterPeriod === null ? input.firstDay : null));
  return spans;
}

/** A period starting no earlier than `firstDay` (installation), with the whole period's days kept for proration. */
export function clipped(dates: PeriodDates, firstDay: string | null): PeriodDates & { monthDays: number } {
  const from = firstDay !== null && firstDay > dates.from ? firstDay : dates.from;
  return { period: dates.period, from, to: dates.to, days: daysInclusive(from, dates.to), monthDays: dates.days };
}
