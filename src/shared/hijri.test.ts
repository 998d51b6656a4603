import { describe, expect, it } from 'vitest';
import { formatHijri, hijriParts } from './hijri.js';

// Checked by hand once: Umm al-Qura put 1 Muharram 1448 on 16 June 2026. Muharram has 30 days, Safar 29,
// Rabi' I 30, Rabi' II 29, Jumada I 30: 148 days, so 1 Jumada II 1448 is 11 November 2026 (16 June + 14 days to
// 30 June, + 31 + 31 + 30 + 31 to 31 October, + 11), and 21 November 2026 is 11 Jumada II 1448.
describe('formatHijri', () => {
  it('gives 11 Jumada II 1448 for 2026-11-21, in Arabic and English', () => {
    expect(hijriParts('2026-11-21')).toEqual({ year: 1448, month: 6, day: 11 });
    expect(formatHijri('2026-11-21', 'ar')).toBe('11 جمادى الآخرة 1448 هـ');
    expect(formatHijri('2026-11-21', 'en')).toBe('11 Jumada II 1448 AH');
  });

  it('writes Arabic-Indic digits when asked', () => {
    expect(formatHijri('2026-11-21', 'ar', { numerals: 'arab' })).toBe('١١ جمادى الآخرة ١٤٤٨ هـ');
  });

  it('agrees with publicly announced dates (Islamic new year 1446, Eid al-Fitr 1445 in Saudi Arabia)', () => {
    expect(hijriParts('2024-07-07')).toEqual({ year: 1446, month: 1, day: 1 });
    expect(hijriParts('2024-04-10')).toEqual({ year: 1445, month: 10, day: 1 });
  });

  it('dates an instant by the day in Kuwait, not in UTC', () => {
    const lateInUtc = new Date('2026-11-20T22:30:00Z'); // 01:30 on 21 November in Kuwait (UTC+3)
    expect(hijriParts(lateInUtc, { timeZone: 'Asia/Kuwait' })).toEqual({ year: 1448, month: 6, day: 11 });
    expect(hijriParts(lateInUtc, { timeZone: 'UTC' })).toEqual({ year: 1448, month: 6, day: 10 });
  });

  it('refuses what is not a day', () => {
    expect(() => formatHijri('2026-02-30', 'en')).toThrow(RangeError);
    expect(() => formatHijri('21/11/2026', 'en')).toThrow(RangeError);
    expect(() => formatHijri(new Date('nonsense'), 'ar')).toThrow(RangeError);
  });
});
