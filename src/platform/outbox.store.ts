import { sql } from 'drizzle-orm';
import { outbox } from '../db/schema/platform.js';
import type { Executor } from '../db/client.js';
import { queryRows } from '../db/query-rows.js';

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

/**
 * Writes many outbox rows in one statement (a bill run's thousands of bill.issued events), as one JSON parameter.
 * Rows whose dedupeKey exists already are skipped. One NOTIFY wakes the workers for the lot.
 */
export async function writeOutboxMany(db: Executor, rows: { topic: string; payload: unknown; dedupeKey?: string | null; availableAt?: Date | null }[]): Promise<number> {
  if (rows.length === 0) return 0;
  const json = JSON.stringify(rows.map((r) => ({
    topic: r.topic, payload: r.payload, dedupe_key: r.dedupeKey ?? null, available_at: r.availableAt?.toISOString() ?? null,
  })), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  const inserted = await queryRows<{ topic: string }>(db, sql`
    INSERT INTO outbox (topic, payload, dedupe_key, available_at)
    SELECT topic, payload, dedupe_key, coalesce(available_at, now())
    FROM json_to_recordset(${json}::json) AS r(topic text, payload jsonb, dedupe_key text, available_at timestamptz)
    ON CONFLICT DO NOTHING
    RETURNING topic`);
  if (inserted.length > 0) await db.execute(sql`SELECT pg_notify('tasdeed_outbox', ${inserted[0]!.topic})`);
  return inserted.length;
}
