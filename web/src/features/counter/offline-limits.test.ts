import { describe, expect, it } from 'vitest';
import type { JournalEntry } from './journal.js';
import { offlineLimitProblem, offlineTakenBy } from './offline-limits.js';

const entry = (id: string, amount: string, over: Partial<JournalEntry> = {}): JournalEntry => ({
  id, cashierId: 'stf-1', drawerId: 'drw-1', takenAt: '2026-11-15T07:00:00.000Z', takenOffline: true, status: 'pending',
  input: { id, currency: 'KWD', items: [{ payableId: 'p', amount }], tenders: [{ kind: 'cash', amount }] }, ...over,
});

describe('offline limits on the counter page', () => {
  it("counts the drawer's offline entries, not refused ones, online ones or another drawer's", () => {
    const entries = [entry('a', '2.000'), entry('b', '1.500', { status: 'posted' }), entry('c', '9.000', { status: 'refused' }), entry('d', '4.000', { takenOffline: false }), entry('e', '3.000', { drawerId: 'drw-2' })];
    expect(offlineTakenBy(entries, 'drw-1', 'KWD')).toBe(3_500n);
  });

  it('refuses a payment over the per-payment limit, or one that would pass the total, and nothing without limits', () => {
    const limits = { currency: 'KWD', maxPerPayment: '5.000', maxTotal: '9.000' };
    expect(offlineLimitProblem(limits, 0n, 5_000n, 'KWD')).toBeNull();
    expect(offlineLimitProblem(limits, 0n, 5_001n, 'KWD')).toEqual({ kind: 'payment', max: '5.000' });
    expect(offlineLimitProblem(limits, 8_000n, 1_000n, 'KWD')).toBeNull();
    expect(offlineLimitProblem(limits, 8_000n, 1_001n, 'KWD')).toEqual({ kind: 'total', max: '9.000', left: 1_000n });
    expect(offlineLimitProblem({ currency: 'KWD', maxPerPayment: null, maxTotal: null }, 99_000n, 99_000n, 'KWD')).toBeNull();
    expect(offlineLimitProblem(undefined, 0n, 1n, 'KWD')).toBeNull();
  });
});
