// Tariff versions: read by anyone (rates are public), created by administrators. A version that shares a day
// with another of the same schedule is refused, unless it explicitly supersedes the open-ended current version.
import type { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { newId } from '../../shared/ids.js';
import { currencyInfo } from '../../shared/money.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { isDay } from '../../shared/days.js';
import { assertTiers, TariffShapeError, type Tier } from './tariffs.math.js';
import type { PricedVersion } from './tariffs.proration.js';
import * as store from './tariffs.store.js';
import type { createTariffBody } from './tariffs.schemas.js';

export type { TariffWithTiers } from './tariffs.store.js';
export const UNITS = ['kWh', 'imp_gal'] as const;
export type Unit = (typeof UNITS)[number];

/** The request body, its amounts parsed in its currency and its tiers in the maths' shape (the route converts), its name flat. */
export type TariffVersionInput = Omit<z.output<typeof createTariffBody>, 'fixedMonthly' | 'name' | 'tiers' | 'vatRate'> & {
  fixedMonthly: bigint;
  /** Basis points (1500 = 15 %); the API takes it as a percentage string. */
  vatRateBps?: number;
  nameAr: string;
  nameEn: string;
  tiers: Tier[];
};

export async function listTariffVersions(ctx: Ctx, filter: { billerCode?: string; category?: string }): Promise<store.TariffWithTiers[]> {
  return store.listVersions(ctx.db, filter);
}

export async function createTariffVersion(ctx: Ctx, actor: Actor, input: TariffVersionInput): Promise<store.TariffWithTiers> {
  requireRole(actor, 'admin');
  const refusal = checkShape(input);
  if (refusal) throw new AppError('tariff_invalid', { problem: refusal });
  return inTransaction(ctx, (tx) => insertTariffVersion(tx, actor, input));
}

/** The insert itself, in the caller's transaction (also used by the seed, which runs as the system). */
export async function insertTariffVersion(ctx: Ctx, actor: Actor, input: TariffVersionInput): Promise<store.TariffWithTiers> {
  const effectiveTo = input.effectiveTo ?? null;
  await store.lockSchedule(ctx.db, input.billerCode, input.category);
  const overlapping = await store.overlappingVersions(ctx.db, input.billerCode, input.category, input.effectiveFrom, effectiveTo);
  const supersedable = (v: store.TariffVersionRow) => input.supersede === true && v.effectiveTo === null && v.effectiveFrom < input.effectiveFrom;
  const blocking = overlapping.filter((v) => !supersedable(v));
  if (blocking.length > 0) {
    throw new AppError('tariff_overlap', { with: blocking.map((v) => ({ id: v.id, effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo })) });
  }
  for (const v of overlapping.filter(supersedable)) await store.closeVersion(ctx.db, v.id, input.effectiveFrom);
  const id = newId('trf');
  await store.insertVersion(ctx.db, {
    id, billerCode: input.billerCode, category: input.category, effectiveFrom: input.effectiveFrom, effectiveTo, currency: input.currency,
    unit: input.unit, fixedMonthly: input.fixedMonthly, vatRateBps: input.vatRateBps ?? 0, nameAr: input.nameAr, nameEn: input.nameEn, source: input.source ?? '', createdAt: ctx.clock.now(),
  }, input.tiers.map((t, position) => ({ versionId: id, position, upTo: t.upTo, rateMinor: t.rate.minor, perUnits: t.rate.perUnits })));
  await recordAudit(ctx, actor, {
    action: 'tariff.create', entityType: 'tariff_version', entityId: id,
    detail: { billerCode: input.billerCode, category: input.category, effectiveFrom: input.effectiveFrom, effectiveTo, superseded: overlapping.map((v) => v.id) },
  });
  return (await store.findVersion(ctx.db, id))!;
}

function checkShape(input: TariffVersionInput): string | undefined {
  if (!/^[a-z0-9-]{2,40}$/.test(input.billerCode)) return 'billerCode';
  if (!/^[a-z_]{2,30}$/.test(input.category)) return 'category';
  if (!isDay(input.effectiveFrom)) return 'effectiveFrom';
  if (input.effectiveTo != null && (!isDay(input.effectiveTo) || input.effectiveTo <= input.effectiveFrom)) return 'effectiveTo must be a day after effectiveFrom';
  if (!UNITS.includes(input.unit)) return 'unit';
  if (input.fixedMonthly < 0n) return 'fixedMonthly cannot be negative';
  if (input.vatRateBps !== undefined && (!Number.isInteger(input.vatRateBps) || input.vatRateBps < 0 || input.vatRateBps > 10_000)) return 'vatRate must be between 0 and 100 %';
  try {
    currencyInfo(input.currency);
    assertTiers(input.tiers);
  } catch (error) {
    if (error instanceof TariffShapeError) return error.message;
    return 'currency';
  }
  return undefined;
}

/** A schedule's versions as the pricing maths takes them, with the currency and unit they are in. */
export interface Schedule {
  currency: string;
  unit: Unit;
  versions: PricedVersion[];
}

/** Every category's schedule of a biller, for a bill run (a few dozen rows: read once per run). */
export async function schedulesOfBiller(ctx: Ctx, billerCode: string): Promise<Map<string, Schedule>> {
  const rows = await store.listVersions(ctx.db, { billerCode });
  const schedules = new Map<string, Schedule>();
  for (const row of rows) {
    const schedule = schedules.get(row.category) ?? { currency: row.currency, unit: row.unit as Unit, versions: [] };
    schedule.versions.push(toPriced(row));
    schedules.set(row.category, schedule);
  }
  return schedules;
}

/** The unit a biller meters in (kWh for electricity, imperial gallons for water), from its tariffs. */
export async function unitOfBiller(ctx: Ctx, billerCode: string): Promise<Unit | undefined> {
  const [row] = await store.listVersions(ctx.db, { billerCode });
  return row?.unit as Unit | undefined;
}

export function toPriced(row: store.TariffWithTiers): PricedVersion {
  return {
    id: row.id, effectiveFrom: row.effectiveFrom, effectiveTo: row.effectiveTo, fixedMonthly: row.fixedMonthly, vatRateBps: row.vatRateBps,
    tiers: row.tiers.map((t) => ({ upTo: t.upTo, rate: { minor: t.rateMinor, perUnits: t.perUnits } })),
  };
}
