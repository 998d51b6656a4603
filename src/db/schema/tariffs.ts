import { sql } from 'drizzle-orm';
import { pgTable, text, bigint, integer, timestamp, date, index, primaryKey } from 'drizzle-orm/pg-core';

/**
 * A version of a rate schedule for one biller's category, valid on [effectiveFrom, effectiveTo). Versions of the
 * same schedule never overlap (the service refuses it). `billerCode` names the schedule; it is not a foreign
 * key so reference schedules (Saudi 2018) can be kept as data without a live biller.
 */
export const tariffVersions = pgTable('tariff_versions', {
  id: text().primaryKey(),
  billerCode: text().notNull(),
  category: text().notNull(),
  effectiveFrom: date({ mode: 'string' }).notNull(),
  /** Exclusive; null while the version is current. */
  effectiveTo: date({ mode: 'string' }),
  currency: text().notNull(),
  /** kWh or imp_gal. */
  unit: text().notNull(),
  /** Charged per month whatever the consumption (meter fee), prorated by days across versions. */
  fixedMonthly: bigint({ mode: 'bigint' }).notNull().default(sql`0`),
  /**
   * Value added tax on the bill's charges, in basis points (1500 = 15 %); 0 where there is none (Kuwait). A rate
   * change is a new version, like a price change: the bill takes the rate in force on its period's last day.
   */
  vatRateBps: integer().notNull().default(0),
  nameAr: text().notNull(),
  nameEn: text().notNull(),
  /** Where the rates come from (decision, news source), for the people who maintain them. */
  source: text().notNull().default(''),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('tariff_versions_schedule_idx').on(t.billerCode, t.category, t.effectiveFrom)]);

/**
 * The blocks of a version, in order. A block covers monthly consumption up to `upTo` units (null: no limit) at
 * `rateMinor` minor units per `perUnits` units — a rational rate, so 1.250 KD per 1,000 gallons is exact.
 */
export const tariffTiers = pgTable('tariff_tiers', {
  versionId: text().notNull().references(() => tariffVersions.id),
  position: integer().notNull(),
  upTo: bigint({ mode: 'bigint' }),
  rateMinor: bigint({ mode: 'bigint' }).notNull(),
  perUnits: bigint({ mode: 'bigint' }).notNull(),
}, (t) => [primaryKey({ columns: [t.versionId, t.position] })]);
