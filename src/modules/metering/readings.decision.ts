// Deciding on a meter reading: a pure function of the reading, the meter, the last accepted reading and the
// account's recent use. Impossible readings are refused (with a code); readings outside the expected band are
// held for a person to review, never silently dropped; the rest are accepted with the consumption they imply.
import type { ErrorCode } from '../../platform/errors/app-error.js';
import { mulDivRound } from '../../shared/money.js';
import { daysBetween } from '../../shared/days.js';

export interface ReadingBand {
  /** Below this percentage of the expected use over at least `minDaysForLow` days: held as suspiciously low. */
  lowPercent: number;
  /** Above this percentage of the expected use: held as suspiciously high. */
  highPercent: number;
  minDaysForLow: number;
}

export const DEFAULT_BAND: ReadingBand = { lowPercent: 25, highPercent: 300, minDaysForLow: 7 };

export interface ReadingCheck {
  value: bigint;
  readOn: string;
  today: string;
  meter: { dials: number; multiplier: number; installedOn: string };
  /** The meter's latest accepted reading (its installation reading at least). */
  last: { value: bigint; readOn: string };
  /** The account's use over its recent accepted readings: `units` over `days`. */
  history: { units: bigint; days: number } | null;
  /** null: no band (a reviewer's or a meter replacement's decision). */
  band: ReadingBand | null;
}

export type AcceptedCode = 'reading_accepted' | 'reading_accepted_rollover' | 'reading_accepted_no_history';
export type HeldCode = 'reading_held_high' | 'reading_held_low';

export interface Expected {
  units: bigint;
  low: bigint;
  high: bigint;
}

export type ReadingDecision =
  | { decision: 'refused'; code: ErrorCode; detail: Record<string, unknown> }
  | { decision: 'accepted'; code: AcceptedCode; consumption: bigint; rollover: boolean; expected: Expected | null }
  | { decision: 'held'; code: HeldCode; consumption: bigint; rollover: boolean; expected: Expected | null };

export function decideReading(check: ReadingCheck): ReadingDecision {
  const { value, readOn, meter, last } = check;
  const refuse = (code: ErrorCode, detail: Record<string, unknown> = {}): ReadingDecision => ({ decision: 'refused', code, detail });
  if (value < 0n) return refuse('reading_negative');
  if (readOn > check.today) return refuse('reading_in_future', { today: check.today });
  if (readOn < meter.installedOn) return refuse('reading_before_installation', { installedOn: meter.installedOn });
  if (readOn < last.readOn) return refuse('reading_out_of_order', { lastReadOn: last.readOn });
  if (readOn === last.readOn) return refuse('reading_duplicate_day', { lastReadOn: last.readOn });
  const modulus = 10n ** BigInt(meter.dials);
  if (value >= modulus) return refuse('reading_exceeds_dials', { dials: meter.dials });

  const rollover = value < last.value;
  const registerUnits = rollover ? modulus - last.value + value : value - last.value;
  const consumption = registerUnits * BigInt(meter.multiplier);
  const days = daysBetween(last.readOn, readOn);
  const expected = expectedUse(check.history, days, check.band);

  if (rollover) {
    // The dials wrap from 99…9 to 0. Believable when the last reading was near the top and this one near zero,
    // or when the wrapped consumption is within the band; anything else is a mistyped reading.
    const nearTop = last.value * 10n >= modulus * 9n && value * 10n < modulus;
    const withinBand = expected !== null && consumption <= expected.high;
    if (!nearTop && !withinBand) return refuse('reading_below_previous', { previous: last.value.toString(), previousReadOn: last.readOn });
  }
  if (expected && check.band) {
    if (consumption > expected.high) return { decision: 'held', code: 'reading_held_high', consumption, rollover, expected };
    if (days >= check.band.minDaysForLow && consumption < expected.low) return { decision: 'held', code: 'reading_held_low', consumption, rollover, expected };
  }
  const code: AcceptedCode = rollover ? 'reading_accepted_rollover' : expected ? 'reading_accepted' : 'reading_accepted_no_history';
  return { decision: 'accepted', code, consumption, rollover, expected };
}

/** Average daily use × days, with the band around it; null when there is no usable history. */
export function expectedUse(history: ReadingCheck['history'], days: number, band: ReadingBand | null): Expected | null {
  if (!history || history.days <= 0 || history.units <= 0n || days <= 0) return null;
  const units = mulDivRound(history.units, BigInt(days), BigInt(history.days));
  const b = band ?? DEFAULT_BAND;
  return { units, low: mulDivRound(units, BigInt(b.lowPercent), 100n), high: mulDivRound(units, BigInt(b.highPercent), 100n) };
}

/** The answers that are not errors, in both languages. */
export const DECISION_MESSAGES: Record<AcceptedCode | HeldCode | 'reading_accepted_on_review' | 'reading_rejected_on_review', { ar: string; en: string }> = {
  reading_accepted: { ar: 'تم قبول القراءة.', en: 'The reading was accepted.' },
  reading_accepted_rollover: { ar: 'تم قبول القراءة: اكتمل عداد العداد دورته وعاد إلى الصفر.', en: 'The reading was accepted: the meter\'s dials rolled over to zero.' },
  reading_accepted_no_history: { ar: 'تم قبول القراءة. لا يوجد سجل استهلاك كافٍ للمقارنة بعد.', en: 'The reading was accepted. There is not enough history yet to compare it with.' },
  reading_held_high: { ar: 'القراءة أعلى بكثير من المعتاد لهذا الحساب، وستتم مراجعتها قبل اعتمادها.', en: 'The reading is much higher than usual for this account; it will be reviewed before it is used.' },
  reading_held_low: { ar: 'القراءة أقل بكثير من المعتاد لهذا الحساب، وستتم مراجعتها قبل اعتمادها.', en: 'The reading is much lower than usual for this account; it will be reviewed before it is used.' },
  reading_accepted_on_review: { ar: 'تم اعتماد القراءة بعد المراجعة.', en: 'The reading was accepted on review.' },
  reading_rejected_on_review: { ar: 'تم رفض القراءة بعد المراجعة.', en: 'The reading was rejected on review.' },
};
