import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mulDivRound } from '../../shared/money.js';
import { apportion, assertTiers, priceTiers, scaleLimit, TariffShapeError, type Tier } from './tariffs.math.js';

// Saudi residential 2018 (FACTS.md): 18 halalas/kWh up to 6,000 kWh a month, 30 above.
const saudiResidential: Tier[] = [
  { upTo: 6000n, rate: { minor: 18n, perUnits: 1n } },
  { upTo: null, rate: { minor: 30n, perUnits: 1n } },
];
// The 2016 Kuwaiti apartment proposal: 5/10/15 fils for ≤1,000 / 1,000–2,000 / >2,000 kWh.
const threeBlocks: Tier[] = [
  { upTo: 1000n, rate: { minor: 5n, perUnits: 1n } },
  { upTo: 2000n, rate: { minor: 10n, perUnits: 1n } },
  { upTo: null, rate: { minor: 15n, perUnits: 1n } },
];

const total = (tiers: Tier[], q: bigint, months = { num: 1n, den: 1n }) => priceTiers(q, tiers, months).reduce((s, c) => s + c.amount, 0n);

const tiersArbitrary = fc.array(fc.record({
  width: fc.bigInt({ min: 1n, max: 5000n }),
  minor: fc.bigInt({ min: 0n, max: 5000n }),
  perUnits: fc.constantFrom(1n, 10n, 1000n),
}), { minLength: 1, maxLength: 5 }).map((blocks) => {
  let limit = 0n;
  return blocks.map((b, i): Tier => {
    limit += b.width;
    return { upTo: i === blocks.length - 1 ? null : limit, rate: { minor: b.minor, perUnits: b.perUnits } };
  });
});

describe('tier boundaries', () => {
  it('puts consumption exactly at a limit entirely in the lower block', () => {
    const charges = priceTiers(6000n, saudiResidential);
    expect(charges).toHaveLength(1);
    expect(charges[0]).toMatchObject({ position: 0, quantity: 6000n, amount: 108_000n });
  });

  it('puts the first unit above a limit in the next block', () => {
    const charges = priceTiers(6001n, saudiResidential);
    expect(charges.map((c) => [c.position, c.quantity, c.amount])).toEqual([[0, 6000n, 108_000n], [1, 1n, 30n]]);
  });

  it('prices one unit below, at and above each limit of a three-block tariff', () => {
    expect(total(threeBlocks, 999n)).toBe(4995n);
    expect(total(threeBlocks, 1000n)).toBe(5000n);
    expect(total(threeBlocks, 1001n)).toBe(5010n);
    expect(total(threeBlocks, 2000n)).toBe(15_000n);
    expect(total(threeBlocks, 2001n)).toBe(15_015n);
    expect(priceTiers(2001n, threeBlocks).map((c) => c.quantity)).toEqual([1000n, 1000n, 1n]);
  });

  it('answers a zero consumption with one zero line on the first block', () => {
    expect(priceTiers(0n, threeBlocks)).toEqual([{ position: 0, from: 0n, to: 1000n, quantity: 0n, rate: { minor: 5n, perUnits: 1n }, amount: 0n }]);
  });

  it('prices a rate per 1,000 units exactly, rounding half away from zero once per line', () => {
    // Water at 1.250 KD per 1,000 imperial gallons: 1,234 gallons = 1.5425 KD → 1.543 (1543 fils).
    const water: Tier[] = [{ upTo: null, rate: { minor: 1250n, perUnits: 1000n } }];
    expect(total(water, 1234n)).toBe(1543n);
    expect(total(water, 1232n)).toBe(1540n);
    expect(total(water, 1236n)).toBe(1545n);
  });

  it('scales monthly limits with the months a bill covers', () => {
    // Two months: 12,000 kWh in the first block.
    expect(priceTiers(12_001n, saudiResidential, { num: 2n, den: 1n }).map((c) => c.quantity)).toEqual([12_000n, 1n]);
    // 15 days of a 30-day period: half the limit.
    expect(priceTiers(3001n, saudiResidential, { num: 15n, den: 30n }).map((c) => c.quantity)).toEqual([3000n, 1n]);
    // 10 of 31 days: 6000 × 10/31 = 1935.48… → 1935 units.
    expect(scaleLimit(6000n, { num: 10n, den: 31n })).toBe(1935n);
  });

  it('refuses block lists it cannot price', () => {
    expect(() => assertTiers([])).toThrow(TariffShapeError);
    expect(() => assertTiers([{ upTo: 10n, rate: { minor: 1n, perUnits: 1n } }])).toThrow(/last block/);
    expect(() => assertTiers([{ upTo: 10n, rate: { minor: 1n, perUnits: 1n } }, { upTo: 10n, rate: { minor: 1n, perUnits: 1n } }, { upTo: null, rate: { minor: 1n, perUnits: 1n } }])).toThrow(/increase/);
    expect(() => assertTiers([{ upTo: null, rate: { minor: -1n, perUnits: 1n } }])).toThrow(/negative/);
    expect(() => priceTiers(-1n, saudiResidential)).toThrow(RangeError);
  });
});

describe('tier maths properties', () => {
  it('splits every unit into exactly one block and prices each block once', () => {
    fc.assert(fc.property(tiersArbitrary, fc.bigInt({ min: 0n, max: 50_000n }), (tiers, q) => {
      const charges = priceTiers(q, tiers);
      expect(charges.reduce((s, c) => s + c.quantity, 0n)).toBe(q);
      for (const c of charges) {
        expect(c.amount).toBe(mulDivRound(c.quantity, c.rate.minor, c.rate.perUnits));
        expect(c.quantity).toBeGreaterThanOrEqual(0n);
        if (c.to !== null) expect(c.quantity).toBeLessThanOrEqual(c.to - c.from);
      }
      // Blocks are filled in order: only the last charged block may be partly full.
      charges.slice(0, -1).forEach((c) => expect(c.quantity).toBe(c.to! - c.from));
    }));
  });

  it('never charges less for more consumption when rates do not fall', () => {
    const rising = tiersArbitrary.map((tiers) => {
      // Sort by price per unit (cross-multiplied, no floats) so blocks get dearer or stay level.
      const rates = tiers.map((t) => t.rate).sort((a, b) => (a.minor * b.perUnits < b.minor * a.perUnits ? -1 : 1));
      return tiers.map((t, i) => ({ ...t, rate: rates[i]! }));
    });
    fc.assert(fc.property(rising, fc.bigInt({ min: 0n, max: 40_000n }), fc.bigInt({ min: 0n, max: 5_000n }), (tiers, q, extra) => {
      expect(total(tiers, q + extra)).toBeGreaterThanOrEqual(total(tiers, q));
    }));
  });

  it('stays within half a minor unit per line of the exact rational price', () => {
    fc.assert(fc.property(tiersArbitrary, fc.bigInt({ min: 0n, max: 50_000n }), (tiers, q) => {
      const charges = priceTiers(q, tiers);
      // Exact price as a fraction over the common denominator 1000 (every perUnits divides it).
      const exactTimes1000 = charges.reduce((s, c) => s + c.quantity * c.rate.minor * (1000n / c.rate.perUnits), 0n);
      const roundedTimes1000 = charges.reduce((s, c) => s + c.amount, 0n) * 1000n;
      const error = roundedTimes1000 - exactTimes1000;
      expect(error < 0n ? -error : error).toBeLessThanOrEqual(500n * BigInt(charges.length));
    }));
  });

  it('equals a flat price when there is one block', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.bigInt({ min: 0n, max: 100_000n }), fc.bigInt({ min: 1n, max: 10_000n }), (q, minor, per) => {
      expect(total([{ upTo: null, rate: { minor, perUnits: per } }], q)).toBe(mulDivRound(q, minor, per));
    }));
  });

  it('apportions a total exactly, each part within one unit of its exact share', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 7n }), fc.array(fc.bigInt({ min: 0n, max: 400n }), { minLength: 1, maxLength: 6 }), (t, weights) => {
      const parts = apportion(t, weights);
      expect(parts.reduce((a, b) => a + b, 0n)).toBe(t);
      const sum = weights.reduce((a, b) => a + b, 0n);
      if (sum === 0n) return;
      parts.forEach((p, i) => {
        const exactTimesSum = t * weights[i]!;
        const diff = p * sum - exactTimesSum;
        expect(diff < 0n ? -diff : diff).toBeLessThan(sum);
      });
    }));
  });
});
