import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KUWAIT_SPEEDING_BANDS } from './catalogue.data.js';
import { chooseSpeedingBand } from './speeding.js';

const fine = (speed: number, limit: number) => chooseSpeedingBand(KUWAIT_SPEEDING_BANDS, speed, limit)?.amount;

describe('speeding bands (Decree-Law 5/2025 as seeded)', () => {
  it('picks the band by km/h over the limit, each band including its upper end', () => {
    expect(fine(121, 120)).toBe(70_000n);
    expect(fine(140, 120)).toBe(70_000n);
    expect(fine(141, 120)).toBe(80_000n);
    expect(fine(150, 120)).toBe(80_000n);
    expect(fine(151, 120)).toBe(90_000n);
    expect(fine(160, 120)).toBe(90_000n);
    expect(fine(161, 120)).toBe(150_000n);
    expect(fine(260, 120)).toBe(150_000n);
  });

  it('finds no band at or under the limit', () => {
    expect(fine(120, 120)).toBeUndefined();
    expect(fine(80, 120)).toBeUndefined();
  });

  it('covers every speed over the limit with exactly one band, and the fine never falls as the speed rises', () => {
    fc.assert(fc.property(fc.integer({ min: 20, max: 140 }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 50 }), (limit, over, more) => {
      const matching = KUWAIT_SPEEDING_BANDS.filter((b) => over > b.overFromKmh && (b.overToKmh === null || over <= b.overToKmh));
      expect(matching).toHaveLength(1);
      expect(fine(limit + over + more, limit)!).toBeGreaterThanOrEqual(fine(limit + over, limit)!);
    }));
  });
});
