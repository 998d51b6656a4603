// One place to ask the time, so tests can move it.
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
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Today in the business time zone (TZ_BUSINESS, Asia/Kuwait by default). */
export function businessToday(ctx: { clock: Clock; config: { TZ_BUSINESS: string } }): string {
  return localDate(ctx.clock.now(), ctx.config.TZ_BUSINESS);
}
