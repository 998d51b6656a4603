// The fines module's SQL for vehicles and driving licences.
import { and, asc, between, eq, gt, isNotNull, sql } from 'drizzle-orm';
import { drivingLicences, vehicles } from '../../db/schema/fines.js';
import type { Executor } from '../../db/client.js';

export type VehicleRow = typeof vehicles.$inferSelect;
export type NewVehicle = typeof vehicles.$inferInsert;
export type LicenceRow = typeof drivingLicences.$inferSelect;
export type NewLicence = typeof drivingLicences.$inferInsert;

/**
 * Serialises, for one plate, registering the vehicle and recording a violation on it while it is unknown: without
 * it a violation could be recorded ownerless just as the registration commits and never be matched.
 */
export async function lockPlate(db: Executor, plate: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`fines.plate:${plate}`}, 0))`);
}

/** Inserts a vehicle; returns undefined when the plate is already registered. */
export async function insertVehicle(db: Executor, row: NewVehicle): Promise<VehicleRow | undefined> {
  const [inserted] = await db.insert(vehicles).values(row).onConflictDoNothing({ target: vehicles.plate }).returning();
  return inserted;
}

/** Bulk insert for seeding; plates already registered are skipped. */
export async function insertVehicles(db: Executor, rows: NewVehicle[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db.insert(vehicles).values(rows).onConflictDoNothing({ target: vehicles.plate }).returning({ id: vehicles.id });
  return inserted.length;
}

export async function insertLicences(db: Executor, rows: NewLicence[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db.insert(drivingLicences).values(rows).onConflictDoNothing({ target: drivingLicences.licenceNumber }).returning({ id: drivingLicences.id });
  return inserted.length;
}

export async function findVehicleByPlate(db: Executor, plate: string): Promise<VehicleRow | undefined> {
  const [row] = await db.select().from(vehicles).where(eq(vehicles.plate, plate)).limit(1);
  return row;
}

export async function vehiclesOfOwner(db: Executor, civilId: string): Promise<VehicleRow[]> {
  return db.select().from(vehicles).where(eq(vehicles.ownerCivilId, civilId)).orderBy(asc(vehicles.plate));
}

export async function updateVehicle(db: Executor, id: string, changes: Partial<Pick<NewVehicle, 'ownerCivilId' | 'colour' | 'registrationExpiresOn' | 'nextInspectionOn'>>, now: Date): Promise<VehicleRow | undefined> {
  const [row] = await db.update(vehicles).set({ ...changes, updatedAt: now }).where(eq(vehicles.id, id)).returning();
  return row;
}

export async function insertLicence(db: Executor, row: NewLicence): Promise<LicenceRow | undefined> {
  const [inserted] = await db.insert(drivingLicences).values(row).onConflictDoNothing({ target: drivingLicences.licenceNumber }).returning();
  return inserted;
}

export async function licencesOf(db: Executor, civilId: string): Promise<LicenceRow[]> {
  return db.select().from(drivingLicences).where(eq(drivingLicences.civilId, civilId)).orderBy(asc(drivingLicences.expiresOn));
}

export async function updateLicenceExpiry(db: Executor, licenceNumber: string, expiresOn: string, now: Date): Promise<LicenceRow | undefined> {
  const [row] = await db.update(drivingLicences).set({ expiresOn, updatedAt: now }).where(eq(drivingLicences.licenceNumber, licenceNumber)).returning();
  return row;
}

// Reminder scans: what falls due in [from, to], a page at a time (keyset on id) so a country-sized table is read
// in bounded chunks.
export async function licencesExpiringBetween(db: Executor, from: string, to: string, afterId: string, limit: number): Promise<LicenceRow[]> {
  return db.select().from(drivingLicences)
    .where(and(between(drivingLicences.expiresOn, from, to), gt(drivingLicences.id, afterId)))
    .orderBy(asc(drivingLicences.id)).limit(limit);
}

export async function registrationsExpiringBetween(db: Executor, from: string, to: string, afterId: string, limit: number): Promise<VehicleRow[]> {
  return db.select().from(vehicles)
    .where(and(between(vehicles.registrationExpiresOn, from, to), gt(vehicles.id, afterId)))
    .orderBy(asc(vehicles.id)).limit(limit);
}

export async function inspectionsDueBetween(db: Executor, from: string, to: string, afterId: string, limit: number): Promise<VehicleRow[]> {
  return db.select().from(vehicles)
    .where(and(isNotNull(vehicles.nextInspectionOn), between(vehicles.nextInspectionOn, from, to), gt(vehicles.id, afterId)))
    .orderBy(asc(vehicles.id)).limit(limit);
}
