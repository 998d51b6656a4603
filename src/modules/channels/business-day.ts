// A business date's instants: [start, end) of the local day in TZ_BUSINESS (Asia/Kuwait, Asia/Riyadh, Asia/Damascus).
import { localDate, startOfLocalDay } from '../../platform/clock.js';
import { addDays } from '../../shared/days.js';

export function businessDayBounds(day: string, timeZone: string): { from: Date; to: Date } {
  return { from: startOfLocalDay(day, timeZone), to: startOfLocalDay(addDays(day, 1), timeZone) };
}

export function businessDateOf(at: Date, timeZone: string): string {
  return localDate(at, timeZone);
}
