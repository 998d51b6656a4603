// The violation catalogue: loaded as data (seed or a decree's new table), read by recording and by the portal.
import { AppError } from '../../platform/errors/app-error.js';
import type { Ctx } from '../../platform/context.js';
import type { SpeedingBandData, ViolationTypeData } from './catalogue.data.js';
import { chooseSpeedingBand } from './speeding.js';
import * as store from './violations.store.js';

export type { ViolationTypeRow, SpeedingBandRow } from './violations.store.js';

/** Upserts the catalogue's rows (idempotent): types first, then their speeding bands. */
export async function loadCatalogue(ctx: Ctx, currency: string, types: ViolationTypeData[], bands: SpeedingBandData[]): Promise<void> {
  for (const type of types) {
    await store.upsertViolationType(ctx.db, {
      code: type.code, nameAr: type.nameAr, nameEn: type.nameEn, amount: type.amount, currency,
      isSpeeding: type.isSpeeding ?? false, payableOnline: type.payableOnline ?? true,
      holdReasonAr: type.holdReasonAr ?? null, holdReasonEn: type.holdReasonEn ?? null, active: true,
    });
  }
  for (const band of bands) await store.upsertSpeedingBand(ctx.db, band);
}

export async function listCatalogue(ctx: Ctx): Promise<{ types: store.ViolationTypeRow[]; bands: store.SpeedingBandRow[] }> {
  const [types, bands] = await Promise.all([store.listViolationTypes(ctx.db), store.listSpeedingBands(ctx.db)]);
  return { types: types.filter((t) => t.active), bands };
}

export async function activeType(ctx: Ctx, code: string): Promise<store.ViolationTypeRow> {
  const type = await store.findViolationType(ctx.db, code);
  if (!type || !type.active) throw new AppError('violation_type_unknown', { typeCode: code });
  return type;
}

/** The fine for a violation of `type`: its fixed amount, or for speeding the band chosen from speed and limit. */
export async function fineFor(ctx: Ctx, type: store.ViolationTypeRow, speed: { speedKmh?: number | null; limitKmh?: number | null }): Promise<bigint> {
  return (await fineWithBand(ctx, type, speed)).amount;
}

async function fineWithBand(ctx: Ctx, type: store.ViolationTypeRow, speed: { speedKmh?: number | null; limitKmh?: number | null }): Promise<{ amount: bigint; band: store.SpeedingBandRow | null }> {
  if (!type.isSpeeding) return { amount: type.amount, band: null };
  const { speedKmh, limitKmh } = speed;
  if (speedKmh == null || limitKmh == null || !(limitKmh > 0) || !(speedKmh > limitKmh)) {
    throw new AppError('violation_speed_required', { speedKmh: speedKmh ?? null, limitKmh: limitKmh ?? null });
  }
  const band = chooseSpeedingBand(await store.listSpeedingBands(ctx.db, [type.code]), speedKmh, limitKmh);
  if (!band) throw new AppError('violation_speed_required', { speedKmh, limitKmh, reason: 'no band covers this speed' });
  return { amount: band.amount, band };
}

/**
 * The fine that recording would set for this type (and speed), without recording anything: the officer's form
 * shows it before the officer presses Record. The same rule as recording (fineFor), so the two cannot disagree.
 */
export async function previewFine(ctx: Ctx, input: { typeCode: string; speedKmh?: number | undefined; limitKmh?: number | undefined }): Promise<{ type: store.ViolationTypeRow; amount: bigint; band: store.SpeedingBandRow | null }> {
  const type = await activeType(ctx, input.typeCode);
  return { type, ...(await fineWithBand(ctx, type, input)) };
}
