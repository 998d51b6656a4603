// A business date's instants: [start, end) of the local day in TZ_BUSINESS (Asia/Kuwait, Asia/Riyadh, Asia/Damascus).
import { localDate } from '../../platform/clock.js';
import { addDays, dayNumber } from '../../shared/days.js';

/** The UTC instant at which local midnight of `day` falls in `timeZone`. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const utcMidnight = dayNumber(day) * 86_400_000;
  // The zone's offset at that instant, from what its wall clock reads; applied twice so a day that starts on an
  // offset change still lands on the local midnight.
  let guess = utcMidnight;
  for (let i = 0; i < 2; i++) guess = utcMidnight - offsetAt(new Date(guess), timeZone);
  return new Date(guess);
}

export function businessDayBounds(day: string, timeZone: string): { from: Date; to: Date } {
  return { from: startOfLocalDay(day, timeZone), to: startOfLocalDay(addDays(day, 1), timeZone) };
}

export function businessDateOf(at: Date, timeZone: string): string {
  return localDate(at, timeZone);
}

function offsetAt(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(at).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}
