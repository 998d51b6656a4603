// One place to ask the time, so tests can move it.
import { addDays } from '../shared/days.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock & { set(at: Date | string): void; advance(ms: number): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set: (next) => { current = new Date(next); },
    advance: (ms) => { current = new Date(current.getTime() + ms); },
  };
}

/** YYYY-MM-DD of an instant in a time zone (the business zone, TZ_BUSINESS: bills and due dates are local days). */
export function localDate(at: Date, timeZone: string): string {
  return dayFormatter(timeZone).format(at);
}

/**
 * One formatter per zone, made on first use: making an Intl.DateTimeFormat costs about as much as a hundred uses of
 * one (ICU loads the zone's rules and the locale's patterns each time), and the seed and the bill run ask for
 * thousands of local dates.
 */
function perZone(make: (timeZone: string) => Intl.DateTimeFormat): (timeZone: string) => Intl.DateTimeFormat {
  const made = new Map<string, Intl.DateTimeFormat>();
  return (timeZone) => {
    let formatter = made.get(timeZone);
    if (!formatter) made.set(timeZone, (formatter = make(timeZone)));
    return formatter;
  };
}

const dayFormatter = perZone((timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }));
const wallClockFormatter = perZone((timeZone) => new Intl.DateTimeFormat('en-US', {
  timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
}));

/** Today in the business time zone (TZ_BUSINESS, Asia/Kuwait by default). */
export function businessToday(ctx: { clock: Clock; config: { TZ_BUSINESS: string } }): string {
  return localDate(ctx.clock.now(), ctx.config.TZ_BUSINESS);
}

/** The UTC instant at which local midnight of `day` (YYYY-MM-DD) falls in `timeZone`. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  return atLocalHour(day, 0, timeZone);
}

/** [local midnight, next local midnight) of `day` in `timeZone`, as instants: a business day's window. */
export function localDayBounds(day: string, timeZone: string): { from: Date; to: Date } {
  return { from: startOfLocalDay(day, timeZone), to: startOfLocalDay(addDays(day, 1), timeZone) };
}

/**
 * The UTC instant at which the wall clock of `timeZone` reads `hour`:00 on `day` (an hour skipped by a clock change:
 * the first instant after it). Not the local midnight plus `hour` hours: on a day whose clocks change before that
 * hour, that would be an hour early or late.
 */
export function atLocalHour(day: string, hour: number, timeZone: string): Date {
  const wall = Date.parse(`${day}T00:00:00Z`) + hour * 3_600_000;
  // The zone's offset at the guess, from what its wall clock reads; applied twice so a time just after an offset
  // change still lands on it.
  let guess = wall;
  for (let i = 0; i < 2; i++) guess = wall - offsetAt(new Date(guess), timeZone);
  return new Date(guess);
}

/** How far ahead of UTC the wall clock of `timeZone` is at an instant (Kuwait: +3 h all year), in milliseconds. */
function offsetAt(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(wallClockFormatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}
