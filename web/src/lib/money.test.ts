import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyScale, fromMinorUnits, sumByCurrency, toMinorUnits } from './money.js';

describe('money in the browser', () => {
  it('knows each currency scale from ISO 4217', () => {
    expect(currencyScale('KWD')).toBe(3);
    expect(currencyScale('SAR')).toBe(2);
  });

  it('reads and writes decimal strings exactly', () => {
    expect(toMinorUnits('12.500', 'KWD')).toBe(12500n);
    expect(toMinorUnits('12.5', 'KWD')).toBe(12500n);
    expect(toMinorUnits('0.001', 'KWD')).toBe(1n);
    expect(fromMinorUnits(12500n, 'KWD')).toBe('12.500');
    expect(fromMinorUnits(5n, 'KWD')).toBe('0.005');
    expect(fromMinorUnits(-1250n, 'SAR')).toBe('-12.50');
  });

  it('refuses text that is not a plain amount, or has more decimals than the currency', () => {
    expect(() => toMinorUnits('12.5001', 'KWD')).toThrow(RangeError);
    expect(() => toMinorUnits('1e3', 'KWD')).toThrow(RangeError);
    expect(() => toMinorUnits('', 'KWD')).toThrow(RangeError);
  });

  it('adds amounts that floats get wrong', () => {
    // 0.1 + 0.2 in floating point is 0.30000000000000004.
    expect(sumByCurrency([{ amount: '0.100', currency: 'KWD' }, { amount: '0.200', currency: 'KWD' }])).toEqual([{ amount: '0.300', currency: 'KWD' }]);
  });

  it('keeps currencies apart', () => {
    expect(
      sumByCurrency([
        { amount: '1.000', currency: 'KWD' },
        { amount: '2.50', currency: 'SAR' },
        { amount: '0.250', currency: 'KWD' },
      ]),
    ).toEqual([
      { amount: '1.250', currency: 'KWD' },
      { amount: '2.50', currency: 'SAR' },
    ]);
  });

  it('round-trips any amount and never creates or loses a fils when adding (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 15n }), { maxLength: 30 }), (minors) => {
        for (const minor of minors) expect(toMinorUnits(fromMinorUnits(minor, 'KWD'), 'KWD')).toBe(minor);
        const total = sumByCurrency(minors.map((m) => ({ amount: fromMinorUnits(m, 'KWD'), currency: 'KWD' })));
        const expected = minors.reduce((a, b) => a + b, 0n);
        expect(minors.length === 0 ? [] : [toMinorUnits(total[0]!.amount, 'KWD')]).toEqual(minors.length === 0 ? [] : [expected]);
      }),
    );
  });
});
