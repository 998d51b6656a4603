// Rows → API shapes. Nothing leaves as it came from the database.
import type { LicenceRow, VehicleRow } from './vehicles.store.js';
import type { ObjectionRow } from './violations.store.js';

export function presentVehicle(v: VehicleRow) {
  return {
    id: v.id, plate: v.plate, ownerCivilId: v.ownerCivilId, make: v.make, model: v.model, colour: v.colour, modelYear: v.modelYear,
    registrationExpiresOn: v.registrationExpiresOn, nextInspectionOn: v.nextInspectionOn,
  };
}

export function presentLicence(l: LicenceRow) {
  return { id: l.id, licenceNumber: l.licenceNumber, civilId: l.civilId, category: l.category, expiresOn: l.expiresOn };
}

export function presentObjection(o: ObjectionRow) {
  return {
    id: o.id, violationId: o.violationId, civilId: o.civilId, reason: o.reason, status: o.status as 'pending' | 'upheld' | 'cancelled',
    decisionReason: o.decisionReason, decidedAt: o.decidedAt?.toISOString() ?? null, createdAt: o.createdAt.toISOString(),
  };
}
