import { and, asc, eq, sql } from 'drizzle-orm';
import { tariffTiers, tariffVersions } from '../../db/schema/tariffs.js';
import type { Executor } from '../../db/client.js';

export type TariffVersionRow = typeof tariffVersions.$inferSelect;
export type TariffTierRow = typeof tariffTiers.$inferSelect;
export type TariffWithTiers = TariffVersionRow & { tiers: TariffTierRow[] };

export async function listVersions(db: Executor, filter: { billerCode?: string; category?: string }): Promise<TariffWithTiers[]> {
  const conditions = [];
  if (filter.billerCode) conditions.push(eq(tariffVersions.billerCode, filter.billerCode));
  if (filter.category) conditions.push(eq(tariffVersions.category, filter.category));
  const versions = await db.select().from(tariffVersions).where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(asc(tariffVersions.billerCode), asc(tariffVersions.category), asc(tariffVersions.effectiveFrom));
  return attachTiers(db, versions);
}

export async function findVersion(db: Executor, id: string): Promise<TariffWithTiers | undefined> {
  const rows = await db.select().from(tariffVersions).where(eq(tariffVersions.id, id)).limit(1);
  return (await attachTiers(db, rows))[0];
}

async function attachTiers(db: Executor, versions: TariffVersionRow[]): Promise<TariffWithTiers[]> {
  if (versions.length === 0) return [];
  const ids = versions.map((v) => v.id);
  const tiers = await db.select().from(tariffTiers).where(sql`${tariffTiers.versionId} = ANY(${sql.param(ids)}::text[])`)
    .orderBy(asc(tariffTiers.versionId), asc(tariffTiers.position));
  const byVersion = new Map<string, TariffTierRow[]>();
  for (const tier of tiers) byVersion.set(tier.versionId, [...(byVersion.get(tier.versionId) ?? []), tier]);
  return versions.map((v) => ({ ...v, tiers: byVersion.get(v.id) ?? [] }));
}

/**
 * Serialises changes to one schedule (biller, category) until the transaction ends, so two administrators adding
 * versions at once cannot both pass the overlap check.
 */
export async function lockSchedule(db: Executor, billerCode: string, category: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`tariff:${billerCode}:${category}`}))`);
}

/** Versions of the schedule that share at least one day with [from, to) (to null: open-ended). */
export async function overlappingVersions(db: Executor, billerCode: string, category: string, from: string, to: string | null): Promise<TariffVersionRow[]> {
  return db.select().from(tariffVersions).where(and(
    eq(tariffVersions.billerCode, billerCode),
    eq(tariffVersions.category, category),
    sql`(${tariffVersions.effectiveTo} IS NULL OR ${tariffVersions.effectiveTo} > ${from}::date)`,
    to === null ? sql`true` : sql`${tariffVersions.effectiveFrom} < ${to}::date`,
  ));
}

export async function closeVersion(db: Executor, id: string, effectiveTo: string): Promise<void> {
  await db.update(tariffVersions).set({ effectiveTo }).where(eq(tariffVersions.id, id));
}

export async function insertVersion(db: Executor, version: typeof tariffVersions.$inferInsert, tiers: (typeof tariffTiers.$inferInsert)[]): Promise<void> {
  await db.insert(tariffVersions).values(version);
  await db.insert(tariffTiers).values(tiers);
}

export async function versionExists(db: Executor, billerCode: string, category: string, effectiveFrom: string): Promise<boolean> {
  const rows = await db.select({ id: tariffVersions.id }).from(tariffVersions)
    .where(and(eq(tariffVersions.billerCode, billerCode), eq(tariffVersions.category, category), eq(tariffVersions.effectiveFrom, effectiveFrom))).limit(1);
  return rows.length > 0;
}
