import { sql } from 'drizzle-orm';
import { pgTable, text, integer, boolean, bigint, timestamp, date, index, uniqueIndex, doublePrecision } from 'drizzle-orm/pg-core';

/**
 * A registered vehicle. The plate is stored in its canonical written form (`12/34567` in Kuwait), the form every
 * input is normalised to, and the same text is copied onto fine payables so a look-up by plate is one index hit.
 */
export const vehicles = pgTable('vehicles', {
  id: text().primaryKey(),
  plate: text().notNull(),
  ownerCivilId: text().notNull(),
  make: text().notNull(),
  model: text().notNull(),
  colour: text().notNull(),
  modelYear: integer(),
  registrationExpiresOn: date({ mode: 'string' }).notNull(),
  nextInspectionOn: date({ mode: 'string' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('vehicles_plate_key').on(t.plate),
  index('vehicles_owner_idx').on(t.ownerCivilId),
  index('vehicles_registration_expiry_idx').on(t.registrationExpiresOn),
  index('vehicles_next_inspection_idx').on(t.nextInspectionOn),
]);

/** A person's driving licence. */
export const drivingLicences = pgTable('driving_licences', {
  id: text().primaryKey(),
  licenceNumber: text().notNull(),
  civilId: text().notNull(),
  category: text().notNull(),
  expiresOn: date({ mode: 'string' }).notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('driving_licences_number_key').on(t.licenceNumber),
  index('driving_licences_civil_id_idx').on(t.civilId),
  index('driving_licences_expiry_idx').on(t.expiresOn),
]);

/**
 * The catalogue of violation types (Decree-Law 5/2025 in Kuwait), loaded as data. A speeding type has no single
 * amount: its fine comes from `speedingBands` by how far over the limit the vehicle was.
 */
export const violationTypes = pgTable('violation_types', {
  code: text().primaryKey(),
  nameAr: text().notNull(),
  nameEn: text().notNull(),
  /** The fine in minor units; for a speeding type, the amount of its lowest band (shown in the catalogue). */
  amount: bigint({ mode: 'bigint' }).notNull(),
  currency: text().notNull(),
  isSpeeding: boolean().notNull().default(false),
  /** False for types held for legal process: shown to the owner with the reason, never collected online. */
  payableOnline: boolean().notNull().default(true),
  holdReasonAr: text(),
  holdReasonEn: text(),
  active: boolean().notNull().default(true),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Speeding fines by km/h over the limit: a band covers (overFromKmh, overToKmh]; the top band has no upper end. */
export const speedingBands = pgTable('speeding_bands', {
  typeCode: text().notNull().references(() => violationTypes.code),
  overFromKmh: integer().notNull(),
  overToKmh: integer(),
  amount: bigint({ mode: 'bigint' }).notNull(),
}, (t) => [uniqueIndex('speeding_bands_key').on(t.typeCode, t.overFromKmh)]);

/**
 * A recorded violation. `violationNumber` is the source system's number (camera network or officer's book) and
 * the idempotency key; `fingerprint` hashes what was reported so a replay can be told from a conflicting reuse.
 * The owner is the registered owner at recording time, or null for a plate not registered yet (matched later).
 */
export const violations = pgTable('violations', {
  id: text().primaryKey(),
  violationNumber: text().notNull(),
  fingerprint: text().notNull(),
  plate: text().notNull(),
  typeCode: text().notNull().references(() => violationTypes.code),
  amount: bigint({ mode: 'bigint' }).notNull(),
  currency: text().notNull(),
  occurredAt: timestamp({ withTimezone: true }).notNull(),
  placeAr: text().notNull(),
  placeEn: text().notNull(),
  latitude: doublePrecision(),
  longitude: doublePrecision(),
  evidenceRef: text(),
  speedKmh: integer(),
  limitKmh: integer(),
  ownerCivilId: text(),
  payableId: text(),
  /** active | cancelled */
  status: text().notNull().default('active'),
  recordedByKind: text().notNull(),
  recordedById: text().notNull(),
  /** When the owner's notification was written to the outbox (at recording, or when the plate was matched). */
  notifiedAt: timestamp({ withTimezone: true }),
  cancelledAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('violations_number_key').on(t.violationNumber),
  index('violations_plate_idx').on(t.plate),
  index('violations_owner_idx').on(t.ownerCivilId),
  index('violations_unmatched_idx').on(t.plate).where(sql`${t.ownerCivilId} IS NULL`),
]);

/** An owner's objection to a violation, decided by an officer. One per violation. */
export const violationObjections = pgTable('violation_objections', {
  id: text().primaryKey(),
  violationId: text().notNull().references(() => violations.id),
  civilId: text().notNull(),
  reason: text().notNull(),
  /** pending | upheld | cancelled (the violation was cancelled) */
  status: text().notNull().default('pending'),
  decidedByKind: text(),
  decidedById: text(),
  decisionReason: text(),
  decidedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('violation_objections_violation_key').on(t.violationId),
  index('violation_objections_status_idx').on(t.status, t.createdAt),
]);
