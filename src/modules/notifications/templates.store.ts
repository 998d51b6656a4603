import { sql } from 'drizzle-orm';
import { notificationTemplates } from '../../db/schema/notifications.js';
import type { Executor } from '../../db/client.js';

export type TemplateRow = typeof notificationTemplates.$inferSelect;
export type TemplateInsert = typeof notificationTemplates.$inferInsert;

export async function allTemplates(db: Executor): Promise<TemplateRow[]> {
  return db.select().from(notificationTemplates).orderBy(notificationTemplates.topic, notificationTemplates.channel, notificationTemplates.language);
}

/** Writes the rows that are missing; an existing (admin-edited) row is never overwritten. */
export async function insertMissingTemplates(db: Executor, rows: TemplateInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db.insert(notificationTemplates).values(rows).onConflictDoNothing().returning({ topic: notificationTemplates.topic });
  return inserted.length;
}

export async function upsertTemplate(db: Executor, row: TemplateInsert & { updatedAt: Date }): Promise<void> {
  await db.insert(notificationTemplates).values(row).onConflictDoUpdate({
    target: [notificationTemplates.topic, notificationTemplates.channel, notificationTemplates.language],
    set: { subject: sql`excluded.subject`, body: sql`excluded.body`, updatedBy: sql`excluded.updated_by`, updatedAt: sql`excluded.updated_at` },
  });
}
