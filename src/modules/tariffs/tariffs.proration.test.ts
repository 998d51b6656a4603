import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fixedCharges, priceConsumption, TariffGapError, TariffOverlapError, versionShares, type PricedVersion } from './tariffs.proration.js';

const flat = (id: string, from: string, to: string | null, fils: bigint, fixed = 0n): PricedVersion => ({
  id, effectiveFrom: from, effectiveTo: to, fixedMonthly: fixed, vatRateBps: 0, tiers: [{ upTo: null, rate: { minor: fils, perUnits: 1n } }],
});
const tiered = (id: string, from: string, to: string | null, fixed = 0n): PricedVersion => ({
  id, effectiveFrom: from, effectiveTo: to, fixedMonthly: fixed, vatRateBps: 0,
  tiers: [{ upTo: 6000n, rate: { minor: 18n, perUnits: 1n } }, { upTo: null, rate: { minor: 30n, perUnits: 1n } }],
});
// Period 2026-11 under a bill day of 28: 2026-10-29 … 2026-11-28, 31 days.
const november = { from: '2026-10-29', to: '2026-11-28' };

describe('proration across a tariff change', () => {
  it('shares the days of a period between the two versions in force', () => {
    const shares = versionShares([november], [flat('old', '2017-04-01', '2026-11-08', 2n), flat('new', '2026-11-08', null, 5n)]);
    expect(shares.map((s) => [s.versionId, s.days, `${s.months.num}/${s.months.den}`])).toEqual([['old', 10, '10/31'], ['new', 21, '21/31']]);
  });

  it('spreads consumption by days and prices each part at its own rate', () => {
    // 3,100 kWh over 31 days: 1,000 at 2 fils (10 days), 2,100 at 5 fils (21 days).
    const charges = priceConsumption(3100n, [november], [flat('old', '2017-04-01', '2026-11-08', 2n), flat('new', '2026-11-08', null, 5n)]);
    expect(charges.map((c) => [c.versionId, c.quantity, c.amount])).toEqual([['old', 1000n, 2000n], ['new', 2100n, 10_500n]]);
  });

  it('scales each version\'s block limits to its part of the month', () => {
    // 6,200 kWh, change after 15 of 31 days: limits 6000×15/31 = 2903 and 6000×16/31 = 3097.
    const [first, second] = [tiered('a', '2018-01-01', '2026-11-13'), tiered('b', '2026-11-13', null)];
    const charges = priceConsumption(6200n, [november], [first, second]);
    expect(charges.map((c) => [c.versionId, c.position, c.quantity])).toEqual([['a', 0, 2903n], ['a', 1, 97n], ['b', 0, 3097n], ['b', 1, 103n]]);
    // Without the change the same consumption has 200 kWh in the upper block too: proration keeps the whole.
    const single = priceConsumption(6200n, [november], [tiered('c', '2018-01-01', null)]);
    expect(single.map((c) => c.quantity)).toEqual([6000n, 200n]);
  });

  it('prorates the fixed monthly charge by days, each part rounded once', () => {
    const charges = fixedCharges([november], [flat('old', '2017-04-01', '2026-11-08', 2n, 1000n), flat('new', '2026-11-08', null, 2n, 1500n)]);
    // 1000 × 10/31 = 322.58 → 323; 1500 × 21/31 = 1016.13 → 1016.
    expect(charges.map((c) => [c.versionId, c.amount])).toEqual([['old', 323n], ['new', 1016n]]);
  });

  it('prices several periods at once with the monthly limits of each', () => {
    const spans = [{ from: '2026-09-29', to: '2026-10-28' }, november];
    const charges = priceConsumption(12_001n, spans, [tiered('t', '2018-01-01', null)]);
    expect(charges.map((c) => c.quantity)).toEqual([12_000n, 1n]);
  });

  it('refuses days without a version and days with two', () => {
    expect(() => versionShares([november], [flat('a', '2026-11-01', null, 2n)])).toThrow(TariffGapError);
    expect(() => versionShares([november], [flat('a', '2017-01-01', '2026-11-05', 2n)])).toThrow(TariffGapError);
    expect(() => versionShares([november], [flat('a', '2017-01-01', null, 2n), flat('b', '2026-11-05', null, 3n)])).toThrow(TariffOverlapError);
  });

  it('never changes the price when both versions have the same rates (beyond one minor unit a line)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), fc.bigInt({ min: 0n, max: 20_000n }), (splitAfter, q) => {
      const day = `2026-11-${String(Math.min(28, splitAfter)).padStart(2, '0')}`;
      const split = priceConsumption(q, [november], [tiered('a', '2018-01-01', day), tiered('b', day, null)]);
      const whole = priceConsumption(q, [november], [tiered('c', '2018-01-01', null)]);
      expect(split.reduce((s, c) => s + c.quantity, 0n)).toBe(q);
      const diff = split.reduce((s, c) => s + c.amount, 0n) - whole.reduce((s, c) => s + c.amount, 0n);
      // Limits are rounded to whole units per part: at most one unit per part moves between the 18 and 30 blocks.
      expect(diff < 0n ? -diff : diff).toBeLessThanOrEqual(2n * 12n + 2n);
    }));
  });
});
