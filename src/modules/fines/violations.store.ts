// The fines module's SQL for the catalogue, violations and objections.
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { speedingBands, violationObjections, violations, violationTypes } from '../../db/schema/fines.js';
import type { Executor } from '../../db/client.js';

export type ViolationTypeRow = typeof violationTypes.$inferSelect;
export type SpeedingBandRow = typeof speedingBands.$inferSelect;
export type ViolationRow = typeof violations.$inferSelect;
export type NewViolation = typeof violations.$inferInsert;
export type ObjectionRow = typeof violationObjections.$inferSelect;

// ── catalogue ───────────────────────────────────────────────────────────────────────────────────────────────────

export async function upsertViolationType(db: Executor, row: typeof violationTypes.$inferInsert): Promise<void> {
  const { code: _code, ...changes } = row;
  await db.insert(violationTypes).values(row).onConflictDoUpdate({ target: violationTypes.code, set: { ...changes, updatedAt: sql`now()` } });
}

export async function upsertSpeedingBand(db: Executor, row: typeof speedingBands.$inferInsert): Promise<void> {
  await db.insert(speedingBands).values(row)
    .onConflictDoUpdate({ target: [speedingBands.typeCode, speedingBands.overFromKmh], set: { overToKmh: row.overToKmh ?? null, amount: row.amount } });
}

export async function listViolationTypes(db: Executor): Promise<ViolationTypeRow[]> {
  return db.select().from(violationTypes).orderBy(asc(violationTypes.code));
}

export async function findViolationType(db: Executor, code: string): Promise<ViolationTypeRow | undefined> {
  const [row] = await db.select().from(violationTypes).where(eq(violationTypes.code, code)).limit(1);
  return row;
}

export async function listSpeedingBands(db: Executor, typeCodes?: string[]): Promise<SpeedingBandRow[]> {
  const query = db.select().from(speedingBands);
  const filtered = typeCodes ? query.where(inArray(speedingBands.typeCode, typeCodes.length ? typeCodes : [''])) : query;
  return filtered.orderBy(asc(speedingBands.typeCode), asc(speedingBands.overFromKmh));
}

// ── violations ──────────────────────────────────────────────────────────────────────────────────────────────────

/** Inserts a violation; undefined when its number is already taken (the caller compares with the first one). */
export async function insertViolation(db: Executor, row: NewViolation): Promise<ViolationRow | undefined> {
  const [inserted] = await db.insert(violations).values(row).onConflictDoNothing({ target: violations.violationNumber }).returning();
  return inserted;
}

export async function findViolationByNumber(db: Executor, violationNumber: string): Promise<ViolationRow | undefined> {
  const [row] = await db.select().from(violations).where(eq(violations.violationNumber, violationNumber)).limit(1);
  return row;
}

export async function findViolation(db: Executor, id: string): Promise<ViolationRow | undefined> {
  const [row] = await db.select().from(violations).where(eq(violations.id, id)).limit(1);
  return row;
}

export async function lockViolation(db: Executor, id: string): Promise<ViolationRow | undefined> {
  const [row] = await db.select().from(violations).where(eq(violations.id, id)).limit(1).for('update');
  return row;
}

export async function findViolationsByIds(db: Executor, ids: string[]): Promise<ViolationRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(violations).where(inArray(violations.id, ids));
}

/** Violations on a plate or of an owner, newest first. */
export async function findViolations(db: Executor, lookup: { plate?: string; ownerCivilId?: string }, limit = 100): Promise<ViolationRow[]> {
  const condition = lookup.plate ? eq(violations.plate, lookup.plate) : lookup.ownerCivilId ? eq(violations.ownerCivilId, lookup.ownerCivilId) : undefined;
  if (!condition) return [];
  return db.select().from(violations).where(condition).orderBy(desc(violations.occurredAt), desc(violations.id)).limit(limit);
}

/** Active violations recorded on a plate before anyone owned it here, locked so two registrations cannot both match them. */
export async function lockUnmatchedOnPlate(db: Executor, plate: string): Promise<ViolationRow[]> {
  return db.select().from(violations)
    .where(and(eq(violations.plate, plate), isNull(violations.ownerCivilId), eq(violations.status, 'active')))
    .orderBy(asc(violations.id)).for('update');
}

export async function setViolationPayable(db: Executor, id: string, payableId: string): Promise<void> {
  await db.update(violations).set({ payableId }).where(eq(violations.id, id));
}

export async function setViolationOwner(db: Executor, id: string, ownerCivilId: string): Promise<void> {
  await db.update(violations).set({ ownerCivilId }).where(and(eq(violations.id, id), isNull(violations.ownerCivilId)));
}

export async function markViolationNotified(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(violations).set({ notifiedAt: at }).where(eq(violations.id, id));
}

export async function markViolationCancelled(db: Executor, id: string, at: Date): Promise<ViolationRow | undefined> {
  const [row] = await db.update(violations).set({ status: 'cancelled', cancelledAt: at })
    .where(and(eq(violations.id, id), eq(violations.status, 'active'))).returning();
  return row;
}

// ── objections ──────────────────────────────────────────────────────────────────────────────────────────────────

export async function insertObjection(db: Executor, row: typeof violationObjections.$inferInsert): Promise<ObjectionRow | undefined> {
  const [inserted] = await db.insert(violationObjections).values(row).onConflictDoNothing({ target: violationObjections.violationId }).returning();
  return inserted;
}

export async function findObjection(db: Executor, id: string): Promise<ObjectionRow | undefined> {
  const [row] = await db.select().from(violationObjections).where(eq(violationObjections.id, id)).limit(1);
  return row;
}

export async function lockObjection(db: Executor, id: string): Promise<ObjectionRow | undefined> {
  const [row] = await db.select().from(violationObjections).where(eq(violationObjections.id, id)).limit(1).for('update');
  return row;
}

export async function objectionsOfViolations(db: Executor, violationIds: string[]): Promise<ObjectionRow[]> {
  if (violationIds.length === 0) return [];
  return db.select().from(violationObjections).where(inArray(violationObjections.violationId, violationIds));
}

export async function listObjections(db: Executor, status: string, limit = 100): Promise<ObjectionRow[]> {
  return db.select().from(violationObjections).where(eq(violationObjections.status, status))
    .orderBy(asc(violationObjections.createdAt), asc(violationObjections.id)).limit(limit);
}

export async function decideObjection(db: Executor, id: string, decision: { status: 'upheld' | 'cancelled'; decidedByKind: string; decidedById: string; decisionReason: string; decidedAt: Date }): Promise<ObjectionRow | undefined> {
  const [row] = await db.update(violationObjections).set(decision)
    .where(and(eq(violationObjections.id, id), eq(violationObjections.status, 'pending'))).returning();
  return row;
}
