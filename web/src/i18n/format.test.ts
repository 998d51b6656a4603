import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmount as formatAmountRaw, formatDate, formatHijriDate, formatNumber, formatPeriod, withCalendar } from './format.js';

// Intl puts a no-break space between code and number (so they never wrap apart); compare with plain spaces.
const formatAmount = (...args: Parameters<typeof formatAmountRaw>) => formatAmountRaw(...args).replace(/\u00a0/g, ' ');

const digitsOf = (text: string) => text.replace(/[^0-9]/g, '');

describe('formatAmount', () => {
  it('shows KWD with three decimals in both languages', () => {
    expect(formatAmount('12.5', 'KWD', 'en')).toBe('KWD 12.500');
    expect(formatAmount('12.500', 'KWD', 'ar')).toContain('12.500');
    expect(formatAmount('12.500', 'KWD', 'ar')).toContain('د.ك');
    expect(formatAmount('12.500', 'KWD', 'ar')).not.toContain('د.ك.');
    expect(formatAmount('7', 'SAR', 'en')).toMatch(/7\.00/);
  });

  it('groups thousands per language', () => {
    expect(formatAmount('1234567.125', 'KWD', 'en')).toBe('KWD 1,234,567.125');
    expect(digitsOf(formatAmount('1234567.125', 'KWD', 'ar'))).toBe('1234567125');
  });

  it('keeps every digit of amounts too large for a float', () => {
    // 123456789012345.678 is not representable as a double: a Number would print ...345.67799999
    expect(formatAmount('123456789012345.678', 'KWD', 'en')).toBe('KWD 123,456,789,012,345.678');
  });

  it('never rounds away decimals the API sent', () => {
    expect(formatAmount('0.0005', 'KWD', 'en')).toBe('KWD 0.0005');
  });

  it('shows a malformed amount as it came rather than a wrong number', () => {
    expect(formatAmount('12,5', 'KWD', 'en')).toBe('12,5 KWD');
    expect(formatAmount('1e3', 'KWD', 'en')).toBe('1e3 KWD');
  });

  it('prints exactly the digits of any amount in minor units (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.constantFrom('ar' as const, 'en' as const), (minor, language) => {
        const text = `${minor / 1000n}.${String(minor % 1000n).padStart(3, '0')}`;
        expect(digitsOf(formatAmount(text, 'KWD', language))).toBe(text.replace('.', ''));
      }),
    );
  });
});

describe('formatNumber', () => {
  it('formats per language without losing digits', () => {
    expect(formatNumber(1234, 'en')).toBe('1,234');
    expect(formatNumber('9007199254740993', 'en')).toBe('9,007,199,254,740,993');
  });
});

describe('dates', () => {
  it('shows a date-only value as that calendar day, whatever the time zone', () => {
    expect(formatDate('2025-01-31', 'en')).toBe('31 January 2025');
    expect(formatDate('2025-01-31', 'ar')).toContain('31');
    expect(formatDate('2025-01-31', 'ar')).toContain('2025');
  });

  it('shows instants in Kuwait time', () => {
    // 22:30 UTC on the 31st is 01:30 on 1 February in Kuwait (UTC+3).
    expect(formatDate('2025-01-31T22:30:00Z', 'en')).toBe('1 February 2025');
  });

  it('gives the Umm al-Qura date beside the Gregorian one', () => {
    // 31 January 2025 is 1 Sha'ban 1446 AH.
    expect(formatHijriDate('2025-01-31', 'en')).toMatch(/1446/);
    expect(formatHijriDate('2025-01-31', 'en')).toMatch(/^1 Sha.ban 1446/);
    expect(formatHijriDate('2025-01-31', 'ar')).toContain('شعبان');
  });

  it('returns a value it cannot read as it came', () => {
    expect(formatDate('not a date', 'en')).toBe('not a date');
  });

  it('adds a calendar to locales with and without a -u- extension', () => {
    expect(withCalendar('en-GB', 'gregory')).toBe('en-GB-u-ca-gregory');
    expect(withCalendar('ar-KW-u-nu-latn', 'islamic-umalqura')).toBe('ar-KW-u-nu-latn-ca-islamic-umalqura');
  });
});

describe('formatPeriod', () => {
  it('names the month and year in each language, and leaves anything else as it came', () => {
    expect(formatPeriod('2026-10', 'en')).toBe('October 2026');
    expect(formatPeriod('2026-10', 'ar')).toBe('أكتوبر 2026');
    expect(formatPeriod('2026-1', 'en')).toBe('2026-1');
  });
});
