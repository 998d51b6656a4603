import { describe, expect, it } from 'vitest';
import { decideReading, DEFAULT_BAND, type ReadingCheck } from './readings.decision.js';

// A 6-dial meter read last on 2026-10-20 at 5,000; the account uses 30 units a day (900 over 30 days).
const base: ReadingCheck = {
  value: 5900n,
  readOn: '2026-11-19',
  today: '2026-11-21',
  meter: { dials: 6, multiplier: 1, installedOn: '2025-01-01' },
  last: { value: 5000n, readOn: '2026-10-20' },
  history: { units: 900n, days: 30 },
  band: DEFAULT_BAND,
};
const decide = (change: Partial<ReadingCheck>) => decideReading({ ...base, ...change });

describe('meter reading decisions', () => {
  it('accepts a reading within the band and says how much was used', () => {
    expect(decide({})).toMatchObject({ decision: 'accepted', code: 'reading_accepted', consumption: 900n, rollover: false, expected: { units: 900n, low: 225n, high: 2700n } });
  });

  it('applies the meter multiplier', () => {
    expect(decide({ meter: { ...base.meter, multiplier: 40 }, value: 5020n, history: { units: 800n, days: 30 } })).toMatchObject({ decision: 'accepted', consumption: 800n });
  });

  it('accepts a dial roll-over from near the top to near zero', () => {
    const result = decide({ last: { value: 999_500n, readOn: '2026-10-20' }, value: 400n });
    expect(result).toMatchObject({ decision: 'accepted', code: 'reading_accepted_rollover', rollover: true, consumption: 900n });
  });

  it('accepts a roll-over without history when the dials were near the top', () => {
    expect(decide({ last: { value: 95_000n, readOn: '2026-10-20' }, value: 1_000n, meter: { ...base.meter, dials: 5 }, history: null }))
      .toMatchObject({ decision: 'accepted', code: 'reading_accepted_rollover', consumption: 6_000n });
  });

  it('refuses a reading below the previous one that is no roll-over', () => {
    expect(decide({ value: 4_000n })).toMatchObject({ decision: 'refused', code: 'reading_below_previous' });
    expect(decide({ value: 4_000n, history: null })).toMatchObject({ decision: 'refused', code: 'reading_below_previous' });
  });

  it('holds a reading far above the account\'s usual use for review', () => {
    expect(decide({ value: 5000n + 2701n })).toMatchObject({ decision: 'held', code: 'reading_held_high', consumption: 2701n });
    expect(decide({ value: 5000n + 2700n })).toMatchObject({ decision: 'accepted' });
  });

  it('holds a reading far below the usual use over a week or more, but not over a few days', () => {
    expect(decide({ value: 5000n + 224n })).toMatchObject({ decision: 'held', code: 'reading_held_low' });
    expect(decide({ value: 5001n, readOn: '2026-10-23' })).toMatchObject({ decision: 'accepted' });
  });

  it('accepts a first reading when there is no history to compare with', () => {
    expect(decide({ history: null, value: 900_000n })).toMatchObject({ decision: 'accepted', code: 'reading_accepted_no_history', expected: null });
  });

  it('refuses readings in the future, before installation, out of order, twice a day and beyond the dials', () => {
    expect(decide({ readOn: '2026-11-22' })).toMatchObject({ decision: 'refused', code: 'reading_in_future' });
    expect(decide({ readOn: '2024-12-31', last: { value: 0n, readOn: '2024-01-01' } })).toMatchObject({ code: 'reading_before_installation' });
    expect(decide({ readOn: '2026-10-19' })).toMatchObject({ code: 'reading_out_of_order' });
    expect(decide({ readOn: '2026-10-20' })).toMatchObject({ code: 'reading_duplicate_day' });
    expect(decide({ value: 1_000_000n })).toMatchObject({ code: 'reading_exceeds_dials' });
    expect(decide({ value: -1n })).toMatchObject({ code: 'reading_negative' });
  });

  it('without a band (a reviewer, a meter coming out) keeps only the physical checks', () => {
    expect(decide({ band: null, value: 5000n + 50_000n })).toMatchObject({ decision: 'accepted', consumption: 50_000n });
    expect(decide({ band: null, value: 10n })).toMatchObject({ decision: 'refused', code: 'reading_below_previous' });
  });
});
