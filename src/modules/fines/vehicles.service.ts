// Vehicles and driving licences. Registering a vehicle also settles the violations recorded on its plate before
// anyone owned it here: each gets its owner, its receivable moves to the owner's account, and the owner is told.
import type { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { newId } from '../../shared/ids.js';
import { amountDue, OPEN_STATUSES, payables, receivableAccountOf } from '../billers/index.js';
import { requireRole, requireSelfOrRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { checkCivilId, findPersonIdByCivilId } from '../identity/index.js';
import { post } from '../ledger/index.js';
import { normalizePlate, plateFormatOf } from '../../shared/plates.js';
import { emitViolationRecorded } from './violation-notice.js';
import * as store from './vehicles.store.js';
import * as violationStore from './violations.store.js';
import type { registerLicenceBody, registerVehicleBody, updateVehicleBody } from './fines.schemas.js';

export type { VehicleRow, LicenceRow } from './vehicles.store.js';

export type RegisterVehicleInput = z.output<typeof registerVehicleBody>;

export function plateOf(ctx: Ctx, input: string): string {
  return normalizePlate(input, plateFormatOf(ctx.config.TASDEED_COUNTRY));
}

export async function registerVehicle(ctx: Ctx, actor: Actor, input: RegisterVehicleInput): Promise<{ vehicle: store.VehicleRow; matchedViolations: number }> {
  requireRole(actor, 'officer', 'admin');
  const plate = plateOf(ctx, input.plate);
  const ownerCivilId = checkCivilId(ctx, input.ownerCivilId);
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    await store.lockPlate(tx.db, plate);
    const vehicle = await store.insertVehicle(tx.db, {
      id: newId('veh', now.getTime()), plate, ownerCivilId, make: input.make.trim(), model: input.model.trim(), colour: input.colour.trim(),
      modelYear: input.modelYear ?? null, registrationExpiresOn: input.registrationExpiresOn, nextInspectionOn: input.nextInspectionOn ?? null,
      createdAt: now, updatedAt: now,
    });
    if (!vehicle) throw new AppError('vehicle_exists', { plate });
    const matchedViolations = await matchUnownedViolations(tx, plate, ownerCivilId);
    await recordAudit(tx, actor, { action: 'vehicle.register', entityType: 'vehicle', entityId: vehicle.id, detail: { plate, matchedViolations } });
    return { vehicle, matchedViolations };
  });
}

/**
 * Gives the owner the violations recorded on a plate while it was unknown. The payable learns its owner, so the
 * owner's civil ID finds it; what is still due moves from the plate's receivable account to the owner's (the
 * ledger and `receivableAccountOf` must keep agreeing); the notice goes out now. Returns how many were matched.
 */
export async function matchUnownedViolations(ctx: Ctx, plate: string, ownerCivilId: string): Promise<number> {
  const pending = await violationStore.lockUnmatchedOnPlate(ctx.db, plate);
  if (pending.length === 0) return 0;
  const personId = (await findPersonIdByCivilId(ctx, ownerCivilId)) ?? null;
  const types = new Map((await violationStore.listViolationTypes(ctx.db)).map((t) => [t.code, t]));
  for (const violation of pending) {
    await violationStore.setViolationOwner(ctx.db, violation.id, ownerCivilId);
    const [payable] = violation.payableId ? await payables.lock(ctx, [violation.payableId]) : [];
    if (!payable) continue;
    const before = receivableAccountOf(payable);
    await payables.assignOwner(ctx, payable.id, { personId, civilId: ownerCivilId });
    const after = receivableAccountOf({ ...payable, civilId: ownerCivilId });
    const due = payable.status === 'cancelled' ? 0n : amountDue(payable);
    if (due > 0n && before !== after) {
      await post(ctx, {
        kind: 'fine.owner_assigned', sourceRef: violation.id, currency: payable.currency,
        lines: [{ account: after, amount: due }, { account: before, amount: -due }],
        memo: { plate, violationNumber: violation.violationNumber },
      });
    }
    // A fine someone already paid by plate, or one cancelled meanwhile, is not news to the new owner.
    if (OPEN_STATUSES.includes(payable.status as (typeof OPEN_STATUSES)[number])) {
      await emitViolationRecorded(ctx, { personId, civilId: ownerCivilId }, { ...violation, ownerCivilId }, types.get(violation.typeCode)!);
      await violationStore.markViolationNotified(ctx.db, violation.id, ctx.clock.now());
    }
  }
  return pending.length;
}

export type UpdateVehicleInput = z.output<typeof updateVehicleBody>;

/** Renewal, inspection, repaint or a change of owner. Violations already recorded stay with the owner of the day. */
export async function updateVehicle(ctx: Ctx, actor: Actor, vehicleId: string, input: UpdateVehicleInput): Promise<store.VehicleRow> {
  requireRole(actor, 'officer', 'admin');
  const changes = { ...input, ...(input.ownerCivilId ? { ownerCivilId: checkCivilId(ctx, input.ownerCivilId) } : {}) };
  return inTransaction(ctx, async (tx) => {
    const vehicle = await store.updateVehicle(tx.db, vehicleId, changes, tx.clock.now());
    if (!vehicle) throw new AppError('vehicle_not_found');
    await recordAudit(tx, actor, { action: 'vehicle.update', entityType: 'vehicle', entityId: vehicle.id, detail: { plate: vehicle.plate, changed: Object.keys(input) } });
    return vehicle;
  });
}

export async function vehiclesOf(ctx: Ctx, actor: Actor, civilId: string): Promise<store.VehicleRow[]> {
  requireSelfOrRole(actor, civilId, 'officer', 'admin', 'cashier');
  return store.vehiclesOfOwner(ctx.db, civilId);
}

export async function findVehicle(ctx: Ctx, actor: Actor, plateInput: string): Promise<store.VehicleRow> {
  const plate = plateOf(ctx, plateInput);
  const vehicle = await store.findVehicleByPlate(ctx.db, plate);
  if (!vehicle) {
    requireRole(actor, 'officer', 'admin', 'cashier');
    throw new AppError('vehicle_not_found', { plate });
  }
  requireSelfOrRole(actor, vehicle.ownerCivilId, 'officer', 'admin', 'cashier');
  return vehicle;
}

export type RegisterLicenceInput = z.output<typeof registerLicenceBody>;

export async function registerLicence(ctx: Ctx, actor: Actor, input: RegisterLicenceInput): Promise<store.LicenceRow> {
  requireRole(actor, 'officer', 'admin');
  const civilId = checkCivilId(ctx, input.civilId);
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const licence = await store.insertLicence(tx.db, {
      id: newId('lic', now.getTime()), licenceNumber: input.licenceNumber.trim(), civilId, category: input.category.trim(), expiresOn: input.expiresOn,
      createdAt: now, updatedAt: now,
    });
    if (!licence) throw new AppError('licence_exists', { licenceNumber: input.licenceNumber });
    await recordAudit(tx, actor, { action: 'licence.register', entityType: 'driving_licence', entityId: licence.id, detail: { category: licence.category } });
    return licence;
  });
}

/** A renewed licence: a new expiry, so the reminders start again for the new date. */
export async function renewLicence(ctx: Ctx, actor: Actor, licenceNumber: string, expiresOn: string): Promise<store.LicenceRow> {
  requireRole(actor, 'officer', 'admin');
  return inTransaction(ctx, async (tx) => {
    const licence = await store.updateLicenceExpiry(tx.db, licenceNumber, expiresOn, tx.clock.now());
    if (!licence) throw new AppError('not_found', { licenceNumber });
    await recordAudit(tx, actor, { action: 'licence.renew', entityType: 'driving_licence', entityId: licence.id, detail: { expiresOn } });
    return licence;
  });
}

export async function licencesOf(ctx: Ctx, actor: Actor, civilId: string): Promise<store.LicenceRow[]> {
  requireSelfOrRole(actor, civilId, 'officer', 'admin', 'cashier');
  return store.licencesOf(ctx.db, civilId);
}
