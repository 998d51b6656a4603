// The tender rules on their own: tenders cover the amount, change only from cash, and the replay hash ignores
// item order but not tender content.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/platform/errors/app-error.js';
import { changeFor, counterRequestHash } from '../../src/modules/channels/counter.tenders.js';

const codeOf = (work: () => unknown) => {
  try { work(); return 'no error'; } catch (error) { return error instanceof AppError ? error.code : String(error); }
};

describe('changeFor', () => {
  it('gives change from cash and none when tenders are exact', () => {
    expect(changeFor(17_250n, [{ kind: 'cash', amount: 20_000n }])).toBe(2_750n);
    expect(changeFor(23_000n, [{ kind: 'card', amount: 13_000n, reference: 'POS-1' }, { kind: 'cheque', amount: 10_000n, chequeNumber: '1', bank: 'NBK' }])).toBe(0n);
    expect(changeFor(10_000n, [{ kind: 'card', amount: 8_000n, reference: 'POS-1' }, { kind: 'cash', amount: 5_000n }])).toBe(3_000n);
  });

  it('refuses tenders that fall short, change beyond the cash, no tender and a zero tender', () => {
    expect(codeOf(() => changeFor(10_000n, [{ kind: 'cash', amount: 9_999n }]))).toBe('counter_tender_mismatch');
    expect(codeOf(() => changeFor(10_000n, [{ kind: 'card', amount: 11_000n, reference: 'POS-1' }]))).toBe('counter_tender_mismatch');
    expect(codeOf(() => changeFor(10_000n, [{ kind: 'card', amount: 10_000n, reference: 'POS-1' }, { kind: 'cash', amount: 5_000n }]))).toBe('counter_tender_mismatch');
    expect(codeOf(() => changeFor(10_000n, []))).toBe('counter_tender_mismatch');
    expect(codeOf(() => changeFor(10_000n, [{ kind: 'cash', amount: 10_000n }, { kind: 'cash', amount: 0n }]))).toBe('amount_not_positive');
  });
});

describe('counterRequestHash', () => {
  const items = [{ payableId: 'pbl_a', amount: 1_000n }, { payableId: 'pbl_b', amount: 2_000n }];
  const hash = (over: Partial<Parameters<typeof counterRequestHash>[0]> = {}) => counterRequestHash({ currency: 'KWD', items, tenders: [{ kind: 'card', amount: 3_000n, reference: 'POS-1' }], ...over });

  it('is the same for items in another order, and differs when a tender, an amount or the currency differs', () => {
    expect(hash({ items: [...items].reverse() })).toBe(hash());
    expect(hash({ tenders: [{ kind: 'card', amount: 3_000n, reference: 'POS-2' }] })).not.toBe(hash());
    expect(hash({ tenders: [{ kind: 'cash', amount: 3_000n }] })).not.toBe(hash());
    expect(hash({ items: [items[0]!, { payableId: 'pbl_b', amount: 2_001n }] })).not.toBe(hash());
    expect(hash({ currency: 'SAR' })).not.toBe(hash());
  });
});
