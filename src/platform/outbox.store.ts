import { sql } from 'drizzle-orm';
import { outbox } from '../db/schema/index.js';
import type { Executor } from '../db/client.js';

/** Writes an outbox row in the caller's transaction. A repeated dedupeKey writes nothing (returns undefined). */
export async function writeOutbox(db: Executor, row: { topic: string; payload: unknown; dedupeKey?: string | null; availableAt?: Date }): Promise<bigint | undefined> {
  const [inserted] = await db.insert(outbox).values({
    topic: row.topic,
    payload: JSON.parse(JSON.stringify(row.payload, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))),
    dedupeKey: row.dedupeKey ?? null,
    ...(row.availableAt ? { availableAt: row.availableAt } : {}),
  }).onConflictDoNothing().returning({ id: outbox.id });
  // Wakes idle workers at once on PostgreSQL; workers poll anyway, so a lost NOTIFY only delays.
  if (inserted) await db.execute(sql`SELECT pg_notify('tasdeed_outbox', ${row.topic})`);
  return inserted?.id;
}
