import { describe, expect, it } from 'vitest';
import { normaliseFreeInput, normaliseNumberInput, toWesternDigits } from './digits.js';

describe('digits people type', () => {
  it('turns Arabic-Indic and Persian digits into 0-9', () => {
    expect(toWesternDigits('٢٨٩٠١١٢٠٠٠٣٢')).toBe('289011200032');
    expect(toWesternDigits('۱۲۳')).toBe('123');
  });

  it('drops the spaces, dashes and direction marks people group numbers with', () => {
    expect(normaliseNumberInput(' 2 890112 0003-2 ')).toBe('289011200032');
    expect(normaliseNumberInput('\u200f٢٨٩ ٠١١')).toBe('289011');
  });

  it('keeps the letters of a plate and one space between its parts', () => {
    expect(normaliseFreeInput('  ١٢   AB  ')).toBe('12 AB');
  });
});
