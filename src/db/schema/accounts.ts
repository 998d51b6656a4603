import { sql } from 'drizzle-orm';
import { pgTable, text, integer, bigint, timestamp, date, index, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * A utility account: one biller (electricity or water), one owner (civil ID; null for government bodies), one
 * consumption category that picks the tariff. Bills are issued per account and period.
 */
export const utilityAccounts = pgTable('utility_accounts', {
  id: text().primaryKey(),
  accountNumber: text().notNull(),
  billerCode: text().notNull(),
  ownerCivilId: text(),
  /** Filled when the owner is a registered person; bills name them as the recipient of their events. */
  ownerPersonId: text(),
  /** Government bodies and companies: the name printed on the bill when there is no person. */
  ownerNameAr: text(),
  ownerNameEn: text(),
  category: text().notNull(),
  areaAr: text().notNull().default(''),
  areaEn: text().notNull().default(''),
  addressAr: text().notNull().default(''),
  addressEn: text().notNull().default(''),
  status: text().notNull().default('active'),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('utility_accounts_number_key').on(t.accountNumber),
  // The bill run walks a biller's accounts in id order, a batch at a time.
  index('utility_accounts_biller_id_idx').on(t.billerCode, t.id),
  index('utility_accounts_owner_idx').on(t.ownerCivilId),
]);

/**
 * A meter on an account. A replacement removes the old meter (with its final reading) and installs a new one
 * (with its initial reading); an account has at most one active meter.
 */
export const meters = pgTable('meters', {
  id: text().primaryKey(),
  meterNumber: text().notNull(),
  accountId: text().notNull().references(() => utilityAccounts.id),
  /** kWh or imp_gal (imperial gallons). */
  unit: text().notNull(),
  /** Units per register step (current-transformer meters read a fraction of the flow). */
  multiplier: integer().notNull().default(1),
  /** Number of dials: the register rolls over to zero after 10^dials − 1. */
  dials: integer().notNull().default(6),
  initialReading: bigint({ mode: 'bigint' }).notNull().default(sql`0`),
  installedOn: date({ mode: 'string' }).notNull(),
  removedOn: date({ mode: 'string' }),
  status: text().notNull().default('active'),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('meters_number_key').on(t.meterNumber),
  uniqueIndex('meters_one_active_per_account').on(t.accountId).where(sql`status = 'active'`),
  index('meters_account_idx').on(t.accountId),
]);
