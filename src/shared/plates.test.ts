import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../platform/errors/app-error.js';
import { normalizePlate, PLATE_FORMATS, toAsciiDigits, tryNormalizePlate } from './plates.js';

const KW = PLATE_FORMATS.KW!;
const SA = PLATE_FORMATS.SA!;
const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';

describe('Kuwaiti plates', () => {
  it('writes every accepted spelling the same way', () => {
    for (const input of ['12/34567', '12 34567', '12-34567', ' 12 / 34567 ', '012/034567', '١٢/٣٤٥٦٧', '۱۲-۳۴۵۶۷', '12\u200f/34567'.replace('\u200f', ''), '12 - 34567']) {
      expect(normalizePlate(input, KW), input).toBe('12/34567');
    }
  });

  it('refuses malformed plates with plate_invalid', () => {
    for (const input of ['', '1234567', '0/123', '100/123', '12/0', '12/100000', '12/34A67', 'AB/123', '12/34/56', '12//', '/123']) {
      expect(tryNormalizePlate(input, KW), input).toBeUndefined();
      expect(() => normalizePlate(input, KW)).toThrow(AppError);
    }
    try {
      normalizePlate('12', KW);
    } catch (error) {
      expect((error as AppError).code).toBe('plate_invalid');
      expect((error as AppError).status).toBe(400);
    }
  });

  it('round-trips: any code 1–99 and number 1–99999, written in any accepted way, normalises to code/number', () => {
    const digitsAs = (n: number, arabic: boolean, pad: number) => {
      const text = String(n).padStart(pad, '0');
      return arabic ? [...text].map((d) => ARABIC_INDIC[Number(d)]).join('') : text;
    };
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 99999 }), fc.boolean(), fc.constantFrom('/', '-', ' ', ' / ', ' - '), fc.integer({ min: 0, max: 6 }),
      (code, number, arabic, separator, pad) => {
        const written = `${digitsAs(code, arabic, Math.min(pad, 3))}${separator}${digitsAs(number, arabic, pad)}`;
        const canonical = normalizePlate(written, KW);
        expect(canonical).toBe(`${code}/${number}`);
        expect(normalizePlate(canonical, KW)).toBe(canonical);
      },
    ));
  });

  it('converts both Arabic-Indic digit sets', () => {
    expect(toAsciiDigits('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789 0123456789');
  });
});

describe('Saudi plates (the same code, another country\'s data)', () => {
  it('accepts digits and three letters in Latin or Arabic', () => {
    expect(normalizePlate('1234 ABD', SA)).toBe('1234 ABD');
    expect(normalizePlate('1234abd', SA)).toBe('1234 ABD');
    expect(normalizePlate('١٢٣٤ ا ب د', SA)).toBe('1234 ABD');
  });

  it('refuses letters outside the plate alphabet and too many digits', () => {
    expect(tryNormalizePlate('1234 ABC', SA)).toBeUndefined();
    expect(tryNormalizePlate('12345 ABD', SA)).toBeUndefined();
    expect(tryNormalizePlate('1234 AB', SA)).toBeUndefined();
  });
});
