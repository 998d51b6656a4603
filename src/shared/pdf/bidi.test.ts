import { describe, expect, it } from 'vitest';
import { isolateLeftToRight, ltr, LEFT_TO_RIGHT_ISOLATE as LRI, POP_DIRECTIONAL_ISOLATE as PDI } from './bidi.js';

const shown = (text: string) => text.replaceAll(LRI, '[').replaceAll(PDI, ']');

describe('isolateLeftToRight', () => {
  it('isolates dates, amounts and codes inside Arabic text, and nothing else', () => {
    expect(shown(isolateLeftToRight('تاريخ الاستحقاق 2026-11-28 الموافق 18 جمادى الآخرة 1448 هـ')))
      .toBe('تاريخ الاستحقاق [2026-11-28] الموافق [18] جمادى الآخرة [1448] هـ');
    expect(shown(isolateLeftToRight('المبلغ المستحق 12.500 د.ك'))).toBe('المبلغ المستحق [12.500] د.ك');
    expect(shown(isolateLeftToRight('رقم الفاتورة EB-2026-11-004217'))).toBe('رقم الفاتورة [EB-2026-11-004217]');
  });

  it('keeps a date with its time, a masked ID and a signed amount whole', () => {
    expect(shown(isolateLeftToRight('2026-11-21 14:05'))).toBe('[2026-11-21 14:05]');
    expect(shown(isolateLeftToRight('2850••••••17'))).toBe('[2850••••••17]');
    expect(shown(isolateLeftToRight('رصيد -1.250'))).toBe('رصيد [-1.250]');
  });

  it('keeps brackets outside, so the pair still encloses the island', () => {
    expect(shown(isolateLeftToRight('الاستهلاك (kWh)'))).toBe('الاستهلاك ([kWh])');
  });

  it('leaves strings that already carry isolates alone', () => {
    const marked = `من ${ltr('2026-10-28')} إلى ${ltr('2026-11-27')}`;
    expect(isolateLeftToRight(marked)).toBe(marked);
  });

  it('does not wrap an empty value', () => {
    expect(ltr('')).toBe('');
    expect(ltr('12.500')).toBe(`${LRI}12.500${PDI}`);
  });
});
