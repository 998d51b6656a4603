import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query-rows.js';
import type { Executor } from '../../db/client.js';

/** Stores a new code unless one was asked for less than `intervalMs` ago. True when stored. */
export async function storeCodeIfDue(db: Executor, input: { personId: string; codeHash: string; now: Date; expiresAt: Date; intervalMs: number }): Promise<boolean> {
  const dueSince = new Date(input.now.getTime() - input.intervalMs).toISOString();
  const rows = await queryRows<{ person_id: string }>(db, sql`
    INSERT INTO login_codes AS c (person_id, code_hash, expires_at, attempts, requested_at)
    VALUES (${input.personId}, ${input.codeHash}, ${input.expiresAt.toISOString()}::timestamptz, 0, ${input.now.toISOString()}::timestamptz)
    ON CONFLICT (person_id) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = 0, requested_at = excluded.requested_at
    WHERE c.requested_at <= ${dueSince}::timestamptz
    RETURNING person_id`);
  return rows.length > 0;
}

/** Uses up one try of a live code and returns its hash to compare; undefined when none is left. */
export async function claimCodeTry(db: Executor, personId: string, now: Date, maxTries: number): Promise<string | undefined> {
  const rows = await queryRows<{ code_hash: string }>(db, sql`
    UPDATE login_codes SET attempts = attempts + 1
    WHERE person_id = ${personId} AND expires_at > ${now.toISOString()}::timestamptz AND attempts < ${maxTries}
    RETURNING code_hash`);
  return rows[0]?.code_hash;
}

export async function deleteCode(db: Executor, personId: string): Promise<void> {
  await db.execute(sql`DELETE FROM login_codes WHERE person_id = ${personId}`);
}
