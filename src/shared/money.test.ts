import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatAmount, mulDivRound, parseAmount } from './money.js';
import { AppError } from '../platform/errors/app-error.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not-app-error';
  }
  return undefined;
}

describe('money', () => {
  it('parses decimal strings in the currency scale', () => {
    expect(parseAmount('12.500', 'KWD')).toBe(12500n);
    expect(parseAmount('12.5', 'KWD')).toBe(12500n);
    expect(parseAmount('0.001', 'KWD')).toBe(1n);
    expect(parseAmount('7', 'SAR')).toBe(700n);
    expect(parseAmount('7.05', 'SAR')).toBe(705n);
  });

  it('refuses malformed amounts with a code naming the problem', () => {
    expect(codeOf(() => parseAmount('1.2345', 'KWD'))).toBe('amount_too_precise');
    expect(codeOf(() => parseAmount('1.234', 'SAR'))).toBe('amount_too_precise');
    for (const bad of ['-5', '1e3', '', ' 1', '1.', '.5', '0x10', '1,000', 'NaN', 'Infinity', '+1']) {
      expect(codeOf(() => parseAmount(bad, 'KWD')), bad).toBe('amount_invalid');
    }
    expect(codeOf(() => parseAmount('1', 'XXX'))).toBe('currency_unknown');
  });

  it('formats minor units with the currency decimals', () => {
    expect(formatAmount(12500n, 'KWD')).toBe('12.500');
    expect(formatAmount(1n, 'KWD')).toBe('0.001');
    expect(formatAmount(-1234n, 'SAR')).toBe('-12.34');
    expect(formatAmount(0n, 'KWD')).toBe('0.000');
  });

  it('round-trips any amount through its string', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.constantFrom('KWD', 'SAR'), (minor, currency) => {
      expect(parseAmount(formatAmount(minor, currency), currency)).toBe(minor);
    }));
  });

  it('rounds half away from zero when scaling', () => {
    expect(mulDivRound(5n, 1n, 2n)).toBe(3n);
    expect(mulDivRound(-5n, 1n, 2n)).toBe(-3n);
    expect(mulDivRound(10n, 1n, 3n)).toBe(3n);
  });
});
