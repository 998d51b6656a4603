import { and, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { apiClients, people, personEmails, personPhones, sessions, staffUsers } from '../../db/schema/identity.js';
import type { Executor } from '../../db/client.js';

export type PersonRow = typeof people.$inferSelect;
export type StaffRow = typeof staffUsers.$inferSelect;
export type ApiClientRow = typeof apiClients.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export async function findPersonByCivilId(db: Executor, civilId: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(people).where(eq(people.civilId, civilId)).limit(1);
  return row;
}

export async function findPersonById(db: Executor, id: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(people).where(eq(people.id, id)).limit(1);
  return row;
}

export async function insertPerson(db: Executor, row: typeof people.$inferInsert): Promise<void> {
  await db.insert(people).values(row);
}

export async function setPersonPreferredLanguage(db: Executor, personId: string, language: 'ar' | 'en'): Promise<void> {
  await db.update(people).set({ preferredLanguage: language, updatedAt: new Date() }).where(eq(people.id, personId));
}

export async function insertPhones(db: Executor, rows: (typeof personPhones.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(personPhones).values(rows).onConflictDoNothing();
}

export async function insertEmails(db: Executor, rows: (typeof personEmails.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(personEmails).values(rows).onConflictDoNothing();
}

export async function phonesOf(db: Executor, personId: string) {
  return db.select().from(personPhones).where(eq(personPhones.personId, personId)).orderBy(personPhones.createdAt);
}

export async function emailsOf(db: Executor, personId: string) {
  return db.select().from(personEmails).where(eq(personEmails.personId, personId)).orderBy(personEmails.createdAt);
}

export async function findStaffByUsername(db: Executor, username: string): Promise<StaffRow | undefined> {
  const [row] = await db.select().from(staffUsers).where(eq(staffUsers.username, username)).limit(1);
  return row;
}

export async function findStaffById(db: Executor, id: string): Promise<StaffRow | undefined> {
  const [row] = await db.select().from(staffUsers).where(eq(staffUsers.id, id)).limit(1);
  return row;
}

export async function insertStaff(db: Executor, row: typeof staffUsers.$inferInsert): Promise<void> {
  await db.insert(staffUsers).values(row);
}

export async function findApiClientByKeyId(db: Executor, keyId: string): Promise<ApiClientRow | undefined> {
  const [row] = await db.select().from(apiClients).where(eq(apiClients.keyId, keyId)).limit(1);
  return row;
}

export async function insertApiClient(db: Executor, row: typeof apiClients.$inferInsert): Promise<void> {
  await db.insert(apiClients).values(row);
}

export async function insertSession(db: Executor, row: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(row);
}

export async function findLiveSession(db: Executor, tokenHash: string, now: Date): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(sessions).where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now))).limit(1);
  return row;
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

export interface ContactsRow {
  person: { id: string; nameAr: string; nameEn: string; preferredLanguage: string };
  /** In the order they were registered. */
  phones: string[];
  emails: string[];
}

/**
 * Contact details of many people in one query (the notifications dispatcher asks for hundreds a second).
 * The subqueries name `people.id` outright: Drizzle leaves a column of a one-table select unqualified, which
 * inside them would mean the other table's id.
 */
export async function contactsOfPeople(db: Executor, personIds: string[]): Promise<Map<string, ContactsRow>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.select({
    id: people.id, nameAr: people.nameAr, nameEn: people.nameEn, preferredLanguage: people.preferredLanguage,
    phones: sql<string[] | null>`(SELECT array_agg(pp.phone ORDER BY pp.created_at, pp.id) FROM person_phones pp WHERE pp.person_id = people.id)`,
    emails: sql<string[] | null>`(SELECT array_agg(pe.email ORDER BY pe.created_at, pe.id) FROM person_emails pe WHERE pe.person_id = people.id)`,
  }).from(people).where(inArray(people.id, personIds));
  return new Map(rows.map((r) => [r.id, {
    person: { id: r.id, nameAr: r.nameAr, nameEn: r.nameEn, preferredLanguage: r.preferredLanguage },
    phones: r.phones ?? [], emails: r.emails ?? [],
  }]));
}

/** Everyone who registered a phone number (a family may share one). */
export async function personIdsByPhone(db: Executor, phone: string): Promise<string[]> {
  const rows = await db.select({ personId: personPhones.personId }).from(personPhones).where(eq(personPhones.phone, phone));
  return [...new Set(rows.map((r) => r.personId))];
}

/** Keeps a secret being enrolled, beside the active one until a code from it is confirmed. */
export async function setTotpPending(db: Executor, staffId: string, ciphertext: string): Promise<void> {
  await db.update(staffUsers).set({ totpPendingCiphertext: ciphertext }).where(eq(staffUsers.id, staffId));
}

/** Makes `ciphertext` the active secret (and forgets any pending one); the step its confirming code used is spent. */
export async function activateTotp(db: Executor, staffId: string, ciphertext: string, step: bigint): Promise<void> {
  await db.update(staffUsers).set({ totpSecretCiphertext: ciphertext, totpPendingCiphertext: null, totpLastStep: step }).where(eq(staffUsers.id, staffId));
}

/**
 * Spends a code's time step, once: true when it is later than the last one used. One conditional UPDATE, so two
 * sign-ins racing with the same code cannot both pass.
 */
export async function claimTotpStep(db: Executor, staffId: string, step: bigint): Promise<boolean> {
  const rows = await db.update(staffUsers).set({ totpLastStep: step })
    .where(and(eq(staffUsers.id, staffId), or(isNull(staffUsers.totpLastStep), lt(staffUsers.totpLastStep, step))))
    .returning({ id: staffUsers.id });
  return rows.length === 1;
}
