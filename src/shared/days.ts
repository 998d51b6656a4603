// Calendar days as 'YYYY-MM-DD' strings. Bills, readings and tariff versions are about local days, never
// instants, so the arithmetic is done on UTC midnights where no daylight saving can shift a day.
const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

// A bill run asks for the same few hundred days millions of times (proration splits every bill by tariff version
// and period): parsing and checking each time was a quarter of the run's CPU. Days seen are remembered, both ways;
// the maps are emptied when they grow past DAYS_REMEMBERED so an odd caller cannot make them grow without end.
const DAYS_REMEMBERED = 20_000;
const numberOfDay = new Map<string, number>();
const dayOfNumber = new Map<number, string>();

/** Days since 1970-01-01 of a 'YYYY-MM-DD' day; throws on anything that is not a real calendar day. */
export function dayNumber(day: string): number {
  const known = numberOfDay.get(day);
  if (known !== undefined) return known;
  const match = ISO_DAY.exec(day);
  if (!match) throw new RangeError(`not a day: ${day}`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  if (new Date(ms).toISOString().slice(0, 10) !== day) throw new RangeError(`not a day: ${day}`);
  if (numberOfDay.size >= DAYS_REMEMBERED) numberOfDay.clear();
  numberOfDay.set(day, ms / DAY_MS);
  return ms / DAY_MS;
}

export function dayFromNumber(n: number): string {
  const known = dayOfNumber.get(n);
  if (known !== undefined) return known;
  const day = new Date(n * DAY_MS).toISOString().slice(0, 10);
  if (dayOfNumber.size >= DAYS_REMEMBERED) dayOfNumber.clear();
  dayOfNumber.set(n, day);
  return day;
}

export function isDay(text: string): boolean {
  try {
    dayNumber(text);
    return true;
  } catch {
    return false;
  }
}

export function addDays(day: string, days: number): string {
  return dayFromNumber(dayNumber(day) + days);
}

/** Whole days from `from` to `to` (to − from); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Days in [from, to] counting both ends. */
export function daysInclusive(from: string, to: string): number {
  return daysBetween(from, to) + 1;
}

export function minDay(a: string, b: string): string {
  return a <= b ? a : b;
}

export function maxDay(a: string, b: string): string {
  return a >= b ? a : b;
}
