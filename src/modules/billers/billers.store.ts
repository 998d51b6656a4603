import { eq } from 'drizzle-orm';
import { billers, currencies } from '../../db/schema/billers.js';
import type { Executor } from '../../db/client.js';

export type BillerRow = typeof billers.$inferSelect;

export async function listBillers(db: Executor): Promise<BillerRow[]> {
  return db.select().from(billers).orderBy(billers.code);
}

export async function findBiller(db: Executor, code: string): Promise<BillerRow | undefined> {
  const [row] = await db.select().from(billers).where(eq(billers.code, code)).limit(1);
  return row;
}

export async function upsertCurrency(db: Executor, row: typeof currencies.$inferInsert): Promise<void> {
  await db.insert(currencies).values(row).onConflictDoUpdate({ target: currencies.code, set: { nameAr: row.nameAr, nameEn: row.nameEn, minorUnits: row.minorUnits } });
}

export async function upsertBiller(db: Executor, row: typeof billers.$inferInsert): Promise<void> {
  const { code: _code, createdAt: _createdAt, ...rest } = row;
  await db.insert(billers).values(row).onConflictDoUpdate({ target: billers.code, set: rest });
}
