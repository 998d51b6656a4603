import { describe, expect, it } from 'vitest';
import { addDays, dayFromNumber, dayNumber, daysBetween, isDay } from './days.js';
import { newId } from './ids.js';

describe('days, remembered once seen', () => {
  it('answers the same for a day asked many times, both ways, and across a leap day', () => {
    for (let i = 0; i < 3; i++) {
      expect(dayNumber('1970-01-02')).toBe(1);
      expect(dayFromNumber(1)).toBe('1970-01-02');
      expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
      expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
      expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    }
  });

  it('refuses a day that is not on the calendar every time it is asked, never remembering it', () => {
    for (let i = 0; i < 3; i++) {
      expect(() => dayNumber('2026-02-30')).toThrow(RangeError);
      expect(() => dayNumber('2026-2-3')).toThrow(RangeError);
      expect(isDay('2026-13-01')).toBe(false);
    }
  });

  it('still works after more distinct days than it remembers', () => {
    const start = dayNumber('2000-01-01');
    for (let n = start; n < start + 25_000; n++) expect(dayNumber(dayFromNumber(n))).toBe(n);
  });
});

describe('ids', () => {
  it('are unique and well formed across many refills of the random pool', () => {
    const ids = Array.from({ length: 2_000 }, () => newId('pay', 1_700_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^pay_[0-9A-HJKMNP-TV-Z]{26}$/);
  });
});
