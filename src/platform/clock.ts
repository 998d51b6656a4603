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

/** YYYY-MM-DD in the deployment's time zone (Asia/Kuwait by default: bills and due dates are local days). */
export function localDate(at: Date, timeZone = process.env.TZ_BUSINESS ?? 'Asia/Kuwait'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
