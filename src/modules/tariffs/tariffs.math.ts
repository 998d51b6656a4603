// Tier (block) maths: pure functions on bigint units and rational rates. No floating point touches money: a
// rate is `minor` minor units per `perUnits` units (2 fils/kWh = 2/1; 1.250 KD per 1,000 gallons = 1250/1000),
// and each line is rounded once, half away from zero (mulDivRound). Monthly tier limits scale with the number
// of months a bill covers (a rational: days / days of the period), rounded to whole units.
import { mulDivRound } from '../../shared/money.js';

export interface Rate {
  minor: bigint;
  perUnits: bigint;
}

/** A block: monthly consumption up to `upTo` units (cumulative; null = no limit) at `rate`. */
export interface Tier {
  upTo: bigint | null;
  rate: Rate;
}

/** A number of months as a fraction, so a 12-day part of a 30-day period is 12/30 of a month. */
export interface Months {
  num: bigint;
  den: bigint;
}

export const ONE_MONTH: Months = { num: 1n, den: 1n };

export interface TierCharge {
  /** 0-based block index in the version. */
  position: number;
  /** The block's scaled bounds for this bill, in units: (from, to]. */
  from: bigint;
  to: bigint | null;
  quantity: bigint;
  rate: Rate;
  amount: bigint;
}

export class TariffShapeError extends Error {}

/** Refuses block lists the maths cannot price: empty, unordered limits, open block not last, bad rates. */
export function assertTiers(tiers: readonly Tier[]): void {
  if (tiers.length === 0) throw new TariffShapeError('a tariff needs at least one block');
  let previous = 0n;
  tiers.forEach((tier, i) => {
    const last = i === tiers.length - 1;
    if (tier.rate.minor < 0n) throw new TariffShapeError(`block ${i + 1}: the rate cannot be negative`);
    if (tier.rate.perUnits <= 0n) throw new TariffShapeError(`block ${i + 1}: the rate must be per a positive number of units`);
    if (last && tier.upTo !== null) throw new TariffShapeError('the last block must have no upper limit');
    if (!last && (tier.upTo === null || tier.upTo <= previous)) throw new TariffShapeError(`block ${i + 1}: limits must increase`);
    previous = tier.upTo ?? previous;
  });
}

/** Price of `quantity` units at a rate, rounded once. */
export function priceAt(quantity: bigint, rate: Rate): bigint {
  return mulDivRound(quantity, rate.minor, rate.perUnits);
}

/**
 * Splits `quantity` over the blocks (limits scaled to `months`) and prices each part. Blocks that get nothing are
 * left out, except that a zero quantity still answers the first block (a zero bill shows its consumption line).
 */
export function priceTiers(quantity: bigint, tiers: readonly Tier[], months: Months = ONE_MONTH): TierCharge[] {
  assertTiers(tiers);
  if (quantity < 0n) throw new RangeError('quantity cannot be negative');
  if (months.num < 0n || months.den <= 0n) throw new RangeError('months must be a non-negative fraction');
  const charges: TierCharge[] = [];
  let from = 0n;
  for (const [position, tier] of tiers.entries()) {
    const to = tier.upTo === null ? null : scaleLimit(tier.upTo, months);
    const top = to === null || quantity < to ? quantity : to;
    const inBlock = top > from ? top - from : 0n;
    if (inBlock > 0n || (quantity === 0n && position === 0)) {
      charges.push({ position, from, to, quantity: inBlock, rate: tier.rate, amount: priceAt(inBlock, tier.rate) });
    }
    if (to === null || quantity <= to) break;
    from = to > from ? to : from;
  }
  return charges;
}

/** A monthly block limit for a span of `months`, rounded to whole units. */
export function scaleLimit(limit: bigint, months: Months): bigint {
  return mulDivRound(limit, months.num, months.den);
}

/**
 * Shares `total` out in proportion to `weights` so that the parts sum to exactly `total` (largest remainder;
 * ties go to the earlier part). Used to spread one reading's consumption over tariff versions by days.
 */
export function apportion(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.some((w) => w < 0n)) throw new RangeError('weights cannot be negative');
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (weights.length === 0) throw new RangeError('nothing to apportion over');
  if (sum === 0n) return weights.map((_, i) => (i === 0 ? total : 0n));
  const parts = weights.map((w) => (total * w) / sum);
  const remainders = weights.map((w, i) => ({ i, r: total * w - parts[i]! * sum }));
  let left = total - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts;
}

export function addMonths(a: Months, b: Months): Months {
  return reduce({ num: a.num * b.den + b.num * a.den, den: a.den * b.den });
}

function reduce(m: Months): Months {
  const g = gcd(m.num, m.den);
  return g > 1n ? { num: m.num / g, den: m.den / g } : m;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}
