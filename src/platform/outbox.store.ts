import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { queryRows } from '../db/query-rows.js';
import { withParts, type StatementPart } from '../db/statement-parts.js';

/** Writes an outbox row in the caller's transaction. A repeated dedupeKey writes nothing (returns undefined). */
export async function writeOutbox(db: Executor, row: OutboxRowInput): Promise<bigint | undefined> {
  // The NOTIFY rides in the same statement: one round trip per event.
  const [inserted] = await queryRows<{ id: string }>(db, withParts([outboxPart(row)], sql`SELECT id::text, pg_notify('tasdeed_outbox', topic) FROM outbox_new`));
  return inserted ? BigInt(inserted.id) : undefined;
}

export interface OutboxRowInput { topic: string; payload: unknown; dedupeKey?: string | null; availableAt?: Date }

/**
 * The row as a part of another statement (StatementPart `outbox_new`, returning id and topic; nothing when the
 * dedupeKey was taken). Whoever composes the statement wakes the workers: `pg_notify('tasdeed_outbox', topic)`
 * over `outbox_new` in its final SELECT (workers poll anyway, so a lost NOTIFY only delays).
 */
export function outboxPart(row: OutboxRowInput): StatementPart {
  const payload = JSON.stringify(row.payload, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return {
    name: 'outbox_new',
    sql: sql`
      INSERT INTO outbox (topic, payload, dedupe_key, available_at)
      VALUES (${row.topic}, ${payload}::jsonb, ${row.dedupeKey ?? null}, coalesce(${row.availableAt?.toISOString() ?? null}::timestamptz, now()))
      ON CONFLICT DO NOTHING
      RETURNING id, topic`,
  };
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
