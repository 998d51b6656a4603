// Rows → API shapes. Nothing leaves as it came from the database.
import type { z } from 'zod';
import type { LicenceRow, VehicleRow } from './vehicles.store.js';
import type { ObjectionRow } from './violations.store.js';
import type * as s from './fines.schemas.js';

type Objection = z.infer<typeof s.objectionSchema>;

export function presentVehicle(v: VehicleRow): z.infer<typeof s.vehicleSchema> {
  return {
    id: v.id, plate: v.plate, ownerCivilId: v.ownerCivilId, make: v.make, model: v.model, colour: v.colour, modelYear: v.modelYear,
    registrationExpiresOn: v.registrationExpiresOn, nextInspectionOn: v.nextInspectionOn,
  };
}

export function presentLicence(l: LicenceRow): z.infer<typeof s.licenceSchema> {
  return { id: l.id, licenceNumber: l.licenceNumber, civilId: l.civilId, category: l.category, expiresOn: l.expiresOn };
}

export function presentObjection(o: ObjectionRow): Objection {
  return {
    id: o.id, violationId: o.violationId, civilId: o.civilId, reason: o.reason, status: o.status as Objection['status'],
    decisionReason: o.decisionReason, decidedAt: o.decidedAt?.toISOString() ?? null, createdAt: o.createdAt.toISOString(),
  };
}
