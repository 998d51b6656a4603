// Recording a violation: by an officer (session) or a camera network (HMAC-signed client). The source system's
// violation number is the idempotency key: the same number with the same content answers the first result, with
// different content a conflict that changes nothing. One transaction writes the violation, its payable, the
// ledger posting and the owner's notice (outbox), so either all of it happened or none.
import { createHash } from 'node:crypto';
import { AppError } from '../../platform/errors/app-error.js';
import { localDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { newId } from '../../shared/ids.js';
import { getBiller, issuePayable } from '../billers/index.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { findPersonIdByCivilId } from '../identity/index.js';
import { activeType, fineFor } from './catalogue.service.js';
import { normalizePlate, plateFormatOf } from '../../shared/plates.js';
import { emitViolationRecorded } from './violation-notice.js';
import * as vehicleStore from './vehicles.store.js';
import * as store from './violations.store.js';
import type { RecordViolationBody } from './fines.schemas.js';

export const FINES_BILLER = 'moi-traffic';
/** A camera's clock may run a little ahead of ours; more than this is a report from the future. */
const FUTURE_TOLERANCE_MS = 60_000;

export type RecordViolationInput = RecordViolationBody;

export interface RecordResult {
  violation: store.ViolationRow;
  /** False when this was a replay of a violation number already recorded with the same content. */
  created: boolean;
}

export async function recordViolation(ctx: Ctx, actor: Actor, input: RecordViolationInput): Promise<RecordResult> {
  try {
    requireRole(actor, 'officer', 'camera');
  } catch (error) {
    // An unsigned report, or one from a client without the camera role, is audited like a bad signature is.
    await inTransaction(ctx, (tx) => recordAudit(tx, actor, {
      action: 'violation.record', entityType: 'violation', entityId: null, outcome: 'refused',
      detail: { reason: actor.kind === 'anonymous' ? 'unauthenticated' : 'role', violationNumber: String(input.violationNumber).slice(0, 64) },
    }));
    throw error;
  }
  const content = canonicalContent(ctx, input);
  const fingerprint = createHash('sha256').update(JSON.stringify(content)).digest('hex');
  return inTransaction(ctx, async (tx) => {
    const replay = await replayOf(tx, input.violationNumber, fingerprint);
    if (replay) return replay;
    const type = await activeType(tx, content.typeCode);
    const amount = await fineFor(tx, type, content);
    const biller = await getBiller(tx, FINES_BILLER);
    if (type.currency !== biller.currency) throw new AppError('currency_mismatch', { left: type.currency, right: biller.currency });
    let vehicle = await vehicleStore.findVehicleByPlate(tx.db, content.plate);
    if (!vehicle) {
      // Unknown plate: wait for any registration of it in flight, then look again (see lockPlate).
      await vehicleStore.lockPlate(tx.db, content.plate);
      vehicle = await vehicleStore.findVehicleByPlate(tx.db, content.plate);
    }
    const now = tx.clock.now();
    const inserted = await store.insertViolation(tx.db, {
      id: newId('vio', now.getTime()),
      violationNumber: input.violationNumber,
      fingerprint,
      plate: content.plate,
      typeCode: type.code,
      amount,
      currency: biller.currency,
      occurredAt: new Date(content.occurredAt),
      placeAr: content.placeAr,
      placeEn: content.placeEn,
      latitude: content.latitude,
      longitude: content.longitude,
      evidenceRef: content.evidenceRef,
      speedKmh: content.speedKmh,
      limitKmh: content.limitKmh,
      ownerCivilId: vehicle?.ownerCivilId ?? null,
      recordedByKind: actor.kind,
      recordedById: actor.id,
      createdAt: now,
    });
    // Another request with the same number committed between our look-up and our insert.
    if (!inserted) return (await replayOf(tx, input.violationNumber, fingerprint))!;

    const ownerCivilId = inserted.ownerCivilId;
    const personId = ownerCivilId ? (await findPersonIdByCivilId(tx, ownerCivilId)) ?? null : null;
    const { payable } = await issuePayable(tx, {
      billerCode: biller.code,
      kind: 'fine',
      sourceId: inserted.id,
      reference: inserted.violationNumber,
      personId,
      civilId: ownerCivilId,
      plate: inserted.plate,
      amount,
      issuedOn: localDate(now, tx.config.TZ_BUSINESS),
      dueDate: localDate(new Date(now.getTime() + biller.dueDays * 86_400_000), tx.config.TZ_BUSINESS),
      descriptionAr: `مخالفة مرورية: ${type.nameAr}`,
      descriptionEn: `Traffic violation: ${type.nameEn}`,
      payableOnline: type.payableOnline,
      holdReasonAr: type.holdReasonAr,
      holdReasonEn: type.holdReasonEn,
      ledgerMemo: { violationNumber: inserted.violationNumber, typeCode: type.code },
    });
    await store.setViolationPayable(tx.db, inserted.id, payable.id);
    const violation = { ...inserted, payableId: payable.id };
    if (ownerCivilId) {
      await emitViolationRecorded(tx, { personId, civilId: ownerCivilId }, violation, type);
      await store.markViolationNotified(tx.db, violation.id, now);
      violation.notifiedAt = now;
    }
    await recordAudit(tx, actor, {
      action: 'violation.record', entityType: 'violation', entityId: violation.id,
      detail: { violationNumber: violation.violationNumber, plate: violation.plate, typeCode: type.code, amount, owner: ownerCivilId !== null },
    });
    return { violation, created: true };
  });
}

async function replayOf(ctx: Ctx, violationNumber: string, fingerprint: string): Promise<RecordResult | undefined> {
  const existing = await store.findViolationByNumber(ctx.db, violationNumber);
  if (!existing) return undefined;
  if (existing.fingerprint !== fingerprint) throw new AppError('violation_conflict', { violationNumber });
  return { violation: existing, created: false };
}

/**
 * What a violation number stands for, in one canonical form: the plate normalised, the time in UTC, blanks
 * trimmed. Its hash decides whether a repeated number is a replay or a conflict. Also validates the input.
 */
function canonicalContent(ctx: Ctx, input: RecordViolationInput) {
  const plate = normalizePlate(input.plate, plateFormatOf(ctx.config.TASDEED_COUNTRY));
  const occurredAt = new Date(input.occurredAt);
  if (Number.isNaN(occurredAt.getTime())) throw new AppError('validation_failed', { field: 'occurredAt' });
  if (occurredAt.getTime() > ctx.clock.now().getTime() + FUTURE_TOLERANCE_MS) {
    throw new AppError('violation_time_in_future', { occurredAt: input.occurredAt });
  }
  const { latitude, longitude } = input.place;
  if ((latitude === undefined) !== (longitude === undefined)
    || (latitude !== undefined && (Math.abs(latitude) > 90 || Math.abs(longitude!) > 180))) {
    throw new AppError('violation_coordinates_invalid');
  }
  const placeAr = input.place.text.trim();
  return {
    plate,
    typeCode: input.typeCode.trim(),
    occurredAt: occurredAt.toISOString(),
    placeAr,
    placeEn: input.place.textEn?.trim() || placeAr,
    latitude: latitude ?? null,
    longitude: longitude ?? null,
    evidenceRef: input.evidenceRef?.trim() || null,
    speedKmh: input.speedKmh ?? null,
    limitKmh: input.limitKmh ?? null,
  };
}
