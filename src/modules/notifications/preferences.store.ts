import { and, eq, inArray, sql } from 'drizzle-orm';
import { notificationPhoneOptOuts, notificationPreferences } from '../../db/schema/notifications.js';
import type { Executor } from '../../db/client.js';

export type PreferenceRow = typeof notificationPreferences.$inferSelect;

export async function preferencesOf(db: Executor, personIds: string[]): Promise<PreferenceRow[]> {
  if (personIds.length === 0) return [];
  return db.select().from(notificationPreferences).where(inArray(notificationPreferences.personId, personIds));
}

export async function setPreference(db: Executor, row: { personId: string; category: string; channel: string; enabled: boolean; source: string; updatedAt: Date }): Promise<void> {
  await db.insert(notificationPreferences).values(row).onConflictDoUpdate({
    target: [notificationPreferences.personId, notificationPreferences.category, notificationPreferences.channel],
    set: { enabled: sql`excluded.enabled`, source: sql`excluded.source`, updatedAt: sql`excluded.updated_at` },
  });
}

export async function phoneOptOutsOf(db: Executor, personIds: string[]): Promise<{ personId: string; phone: string }[]> {
  if (personIds.length === 0) return [];
  return db.select({ personId: notificationPhoneOptOuts.personId, phone: notificationPhoneOptOuts.phone })
    .from(notificationPhoneOptOuts).where(inArray(notificationPhoneOptOuts.personId, personIds));
}

export async function addPhoneOptOut(db: Executor, row: { personId: string; phone: string; source: string; createdAt: Date }): Promise<boolean> {
  const inserted = await db.insert(notificationPhoneOptOuts).values(row).onConflictDoNothing().returning({ phone: notificationPhoneOptOuts.phone });
  return inserted.length > 0;
}

export async function removePhoneOptOut(db: Executor, personId: string, phone: string): Promise<boolean> {
  const removed = await db.delete(notificationPhoneOptOuts)
    .where(and(eq(notificationPhoneOptOuts.personId, personId), eq(notificationPhoneOptOuts.phone, phone)))
    .returning({ phone: notificationPhoneOptOuts.phone });
  return removed.length > 0;
}

/**
 * Who registered this phone. Identity exports no look-up by phone, and an inbound STOP names only the number:
 * this one read of identity's person_phones (its phone index) is the exception, read-only.
 */
