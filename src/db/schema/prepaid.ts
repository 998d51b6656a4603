import { sql } from 'drizzle-orm';
import { pgTable, text, integer, bigint, timestamp, index, uniqueIndex, doublePrecision, boolean, jsonb } from 'drizzle-orm/pg-core';

/**
 * Prepaid water filling stations for tanker trucks. The operator's wallet is NOT a column here: it is the ledger
 * account `credit:prepaid-wallet-<operatorId>` and its balance is the sum of its entries. Holds of dispenses in
 * flight sit in `credit:prepaid-hold-<operatorId>`; an offline overdraft is a receivable of the prepaid biller.
 */
export const prepaidOperators = pgTable('prepaid_operators', {
  id: text().primaryKey(),
  /** 'person' (civil ID) or 'company' (commercial registration). */
  kind: text().$type<'person' | 'company'>().notNull(),
  civilId: text(),
  commercialRegistration: text(),
  nameAr: text().notNull(),
  nameEn: text().notNull(),
  phone: text(),
  currency: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('prepaid_operators_civil_id_key').on(t.civilId),
  uniqueIndex('prepaid_operators_cr_key').on(t.commercialRegistration),
]);

export const prepaidTrucks = pgTable('prepaid_trucks', {
  id: text().primaryKey(),
  operatorId: text().notNull().references(() => prepaidOperators.id),
  plate: text().notNull(),
  tankCapacityGallons: integer().notNull(),
  blocked: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('prepaid_trucks_plate_key').on(t.plate), index('prepaid_trucks_operator_idx').on(t.operatorId)]);

export const prepaidStations = pgTable('prepaid_stations', {
  id: text().primaryKey(),
  code: text().notNull(),
  nameAr: text().notNull(),
  nameEn: text().notNull(),
  latitude: doublePrecision().notNull(),
  longitude: doublePrecision().notNull(),
  nozzles: integer().notNull(),
  /** Business-zone wall-clock times "HH:MM"; opensAt = closesAt means open around the clock. */
  opensAt: text().notNull(),
  closesAt: text().notNull(),
  /** The identity api client (role station) that is this station's terminal. */
  terminalClientId: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('prepaid_stations_code_key').on(t.code), uniqueIndex('prepaid_stations_terminal_key').on(t.terminalClientId)]);

/** Versioned price: the version in force at a moment is the one with the latest effectiveFrom not after it. */
export const prepaidTariffVersions = pgTable('prepaid_tariff_versions', {
  id: text().primaryKey(),
  effectiveFrom: timestamp({ withTimezone: true }).notNull(),
  currency: text().notNull(),
  /** Minor units per 1,000 imperial gallons. */
  pricePerThousandGallons: bigint({ mode: 'bigint' }).notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('prepaid_tariff_versions_from_key').on(t.currency, t.effectiveFrom)]);

/** A top-up: a payable of the prepaid biller; credited to the wallet once, after it is paid. */
export const prepaidTopups = pgTable('prepaid_topups', {
  id: text().primaryKey(),
  operatorId: text().notNull().references(() => prepaidOperators.id),
  payableId: text().notNull(),
  amount: bigint({ mode: 'bigint' }).notNull(),
  currency: text().notNull(),
  creditedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('prepaid_topups_payable_key').on(t.payableId), index('prepaid_topups_operator_idx').on(t.operatorId)]);

/**
 * One filling of one truck at one station. Online: authorised (hold) → dispensing (reports) → settled. Offline:
 * recorded once from the station's upload, status 'settled' straight away. Idempotent on (station, terminal id).
 */
export const prepaidDispenses = pgTable('prepaid_dispenses', {
  id: text().primaryKey(),
  stationId: text().notNull().references(() => prepaidStations.id),
  terminalDispenseId: text().notNull(),
  truckId: text().notNull().references(() => prepaidTrucks.id),
  operatorId: text().notNull().references(() => prepaidOperators.id),
  nozzle: integer().notNull(),
  mode: text().$type<'online' | 'offline'>().notNull(),
  status: text().$type<'authorised' | 'dispensing' | 'settled'>().notNull(),
  currency: text().notNull(),
  pricePerThousandGallons: bigint({ mode: 'bigint' }).notNull(),
  requestedGallons: integer().notNull(),
  heldAmount: bigint({ mode: 'bigint' }).notNull(),
  dispensedGallons: integer().notNull().default(0),
  lastSequence: integer().notNull().default(0),
  chargedAmount: bigint({ mode: 'bigint' }),
  /** Offline only: the part of the charge the wallet could not cover, recorded as the operator's debt. */
  debtAmount: bigint({ mode: 'bigint' }).notNull().default(sql`0`),
  settledBy: text().$type<'terminal' | 'timeout' | 'upload'>(),
  startedAt: timestamp({ withTimezone: true }).notNull(),
  lastReportAt: timestamp({ withTimezone: true }).notNull(),
  settledAt: timestamp({ withTimezone: true }),
  detail: jsonb().notNull().default({}),
}, (t) => [
  uniqueIndex('prepaid_dispenses_terminal_key').on(t.stationId, t.terminalDispenseId),
  index('prepaid_dispenses_open_idx').on(t.status, t.lastReportAt),
  index('prepaid_dispenses_operator_idx').on(t.operatorId),
]);
