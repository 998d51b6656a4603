import { describe, expect, it } from 'vitest';
import { normaliseTopupAmount } from './prepaid.api.js';

describe('a top-up amount as typed', () => {
  it('becomes the API’s 3-decimal KWD string, from Latin or Arabic-Indic digits and either decimal mark', () => {
    expect(normaliseTopupAmount('25')).toBe('25.000');
    expect(normaliseTopupAmount(' 12.5 ')).toBe('12.500');
    expect(normaliseTopupAmount('12,250')).toBe('12.250');
    expect(normaliseTopupAmount('٧٫٥')).toBe('7.500');
    expect(normaliseTopupAmount('007')).toBe('7.000');
  });

  it('is refused when it is not an amount, is zero, or has more decimals than the dinar', () => {
    for (const text of ['', 'abc', '0', '0.000', '1.2345', '-5', '1e3', '1234567']) expect(normaliseTopupAmount(text)).toBeNull();
  });
});
