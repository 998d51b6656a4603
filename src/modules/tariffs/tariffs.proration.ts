// Which tariff version prices which days. A bill covers one or more periods (more than one when an actual
// reading settles earlier estimated bills); each period's days are shared among the versions in force on them,
// consumption is spread over those days evenly, and each version's monthly limits and fixed charge scale with
// the fraction of a month it covers. Pure: no database, no clock.
import { daysInclusive, addDays, maxDay, minDay } from '../../shared/days.js';
import { addMonths, apportion, priceAt, priceTiers, type Months, type Tier, type TierCharge } from './tariffs.math.js';

export interface VersionWindow {
  id: string;
  effectiveFrom: string;
  /** Exclusive; null while current. */
  effectiveTo: string | null;
}

export interface PricedVersion extends VersionWindow {
  tiers: Tier[];
  fixedMonthly: bigint;
  /** VAT in basis points (1500 = 15 %); 0 where there is none. */
  vatRateBps: number;
}

/** A billing period's days, both ends included. */
export interface Span {
  from: string;
  to: string;
  /**
   * The whole period's days when the span is only part of it (a first period starting at the meter's
   * installation): the monthly blocks and fixed charge scale by days over this, not over the span's own days.
   */
  monthDays?: number;
}

export interface VersionShare {
  versionId: string;
  days: number;
  months: Months;
}

export class TariffGapError extends Error {
  constructor(readonly day: string) {
    super(`no tariff version is in force on ${day}`);
  }
}

export class TariffOverlapError extends Error {
  constructor(readonly day: string) {
    super(`two tariff versions are in force on ${day}`);
  }
}

// A bill run prices a million accounts over the same few spans and versions: the shares are remembered per
// versions list (by identity) and spans, so the date arithmetic runs once per category, not once per account.
const sharesMemo = new WeakMap<readonly VersionWindow[], Map<string, VersionShare[]>>();

/** Each version's days and months over the spans, in the versions' order. Every day needs exactly one version. */
export function versionShares(spans: readonly Span[], versions: readonly VersionWindow[]): VersionShare[] {
  const key = spans.map((s) => `${s.from}/${s.to}/${s.monthDays ?? ''}`).join(',');
  let memo = sharesMemo.get(versions);
  if (!memo) sharesMemo.set(versions, (memo = new Map()));
  const known = memo.get(key);
  if (known) return known;
  const shares = Object.freeze(computeShares(spans, versions).map((share) => Object.freeze(share))) as VersionShare[];
  if (memo.size < 1000) memo.set(key, shares);
  return shares;
}

function computeShares(spans: readonly Span[], versions: readonly VersionWindow[]): VersionShare[] {
  const ordered = [...versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  const shares = new Map<string, VersionShare>();
  for (const span of spans) {
    const spanDays = daysInclusive(span.from, span.to);
    if (spanDays <= 0) throw new RangeError(`empty span ${span.from}..${span.to}`);
    const monthDays = span.monthDays ?? spanDays;
    if (monthDays < spanDays) throw new RangeError(`span ${span.from}..${span.to} is longer than its period`);
    let covered = 0;
    let cursor = span.from;
    for (const version of ordered) {
      const lastDay = version.effectiveTo === null ? span.to : minDay(span.to, addDays(version.effectiveTo, -1));
      const firstDay = maxDay(span.from, version.effectiveFrom);
      if (firstDay > lastDay) continue;
      if (firstDay < cursor) throw new TariffOverlapError(firstDay);
      if (firstDay > cursor) throw new TariffGapError(cursor);
      const days = daysInclusive(firstDay, lastDay);
      covered += days;
      cursor = addDays(lastDay, 1);
      const share = shares.get(version.id) ?? { versionId: version.id, days: 0, months: { num: 0n, den: 1n } };
      share.days += days;
      share.months = addMonths(share.months, { num: BigInt(days), den: BigInt(monthDays) });
      shares.set(version.id, share);
    }
    if (covered < spanDays) throw new TariffGapError(cursor);
  }
  return ordered.filter((v) => shares.has(v.id)).map((v) => shares.get(v.id)!);
}

export interface ConsumptionCharge extends TierCharge {
  versionId: string;
}

/**
 * Prices `quantity` units used over `spans`: spread over the versions by days, each part through that version's
 * blocks with its limits scaled to the months it covers.
 */
export function priceConsumption(quantity: bigint, spans: readonly Span[], versions: readonly PricedVersion[]): ConsumptionCharge[] {
  const shares = versionShares(spans, versions);
  const byId = new Map(versions.map((v) => [v.id, v]));
  const parts = apportion(quantity, shares.map((s) => BigInt(s.days)));
  const charges = shares.flatMap((share, i) =>
    priceTiers(parts[i]!, byId.get(share.versionId)!.tiers, share.months).map((c) => ({ ...c, versionId: share.versionId })));
  // A zero bill shows one consumption line, not one per version.
  return quantity === 0n ? charges.slice(0, 1) : charges.filter((c) => c.quantity > 0n);
}

export interface FixedCharge {
  versionId: string;
  months: Months;
  amount: bigint;
}

/** The fixed monthly charge of each version for the fraction of the spans it covers; versions without one are left out. */
export function fixedCharges(spans: readonly Span[], versions: readonly PricedVersion[]): FixedCharge[] {
  const byId = new Map(versions.map((v) => [v.id, v]));
  return versionShares(spans, versions)
    .map((share) => {
      const fixed = byId.get(share.versionId)!.fixedMonthly;
      return { versionId: share.versionId, months: share.months, amount: priceAt(fixed, { minor: share.months.num, perUnits: share.months.den }) };
    })
    .filter((c) => byId.get(c.versionId)!.fixedMonthly !== 0n);
}
