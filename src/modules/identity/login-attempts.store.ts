// Sign-in attempt counters (login_attempts). Each statement counts and decides in one row-locked upsert, so 20
// parallel attempts cannot all read "4 so far" and all go on to check a password (issue #15, point 5).
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query-rows.js';
import type { Executor } from '../../db/client.js';

export interface SourceRule {
  maxAttempts: number;
  lockMs: number;
  /** Attempts older than this, with no lock in between, are forgotten. */
  decayMs: number;
}

/**
 * Counts one attempt on an (account, source) pair before its password is checked. Returns the count including
 * this attempt and the end of a lock; the attempt may go ahead when `attempts <= maxAttempts`. The count starts
 * over when a lock has ended or the pair was quiet for `decayMs`; the attempt that reaches the maximum sets the lock.
 */
export async function countSourceAttempt(db: Executor, subject: string, now: Date, rule: SourceRule): Promise<{ attempts: number; lockedUntil: Date | null }> {
  const nowText = now.toISOString();
  const lockUntil = new Date(now.getTime() + rule.lockMs).toISOString();
  const quietSince = new Date(now.getTime() - rule.decayMs).toISOString();
  const rows = await queryRows<{ failures: number; locked_until: Date | string | null }>(db, sql`
    INSERT INTO login_attempts AS a (subject, failures, locked_until, last_attempt_at)
    VALUES (${subject}, 1, ${rule.maxAttempts <= 1 ? lockUntil : null}::timestamptz, ${nowText}::timestamptz)
    ON CONFLICT (subject) DO UPDATE SET
      failures = CASE WHEN ${startsOver(quietSince, nowText)} THEN 1 ELSE a.failures + 1 END,
      locked_until = CASE
        WHEN ${startsOver(quietSince, nowText)} THEN CASE WHEN 1 >= ${rule.maxAttempts} THEN ${lockUntil}::timestamptz END
        WHEN a.locked_until IS NULL AND a.failures + 1 >= ${rule.maxAttempts} THEN ${lockUntil}::timestamptz
        ELSE a.locked_until END,
      last_attempt_at = ${nowText}::timestamptz
    RETURNING failures, locked_until`);
  const row = rows[0]!;
  return { attempts: Number(row.failures), lockedUntil: row.locked_until ? new Date(row.locked_until) : null };
}

function startsOver(quietSince: string, now: string) {
  return sql`((a.locked_until IS NOT NULL AND a.locked_until <= ${now}::timestamptz) OR (a.locked_until IS NULL AND a.last_attempt_at <= ${quietSince}::timestamptz))`;
}

export interface BrakeRule {
  /** Attempts (from anywhere, within `decayMs`) before attempts are spaced out. */
  threshold: number;
  /** Once braked, at most one attempt per this interval, from anyone. */
  intervalMs: number;
  decayMs: number;
}

/**
 * The per-account brake: counts an attempt from any source, and past the threshold lets one through per interval.
 * Returns false (nothing counted) when this attempt must wait; it never locks.
 */
export async function passAccountBrake(db: Executor, subject: string, now: Date, rule: BrakeRule): Promise<boolean> {
  const nowText = now.toISOString();
  const quietSince = new Date(now.getTime() - rule.decayMs).toISOString();
  const spacedSince = new Date(now.getTime() - rule.intervalMs).toISOString();
  const rows = await queryRows<{ failures: number }>(db, sql`
    INSERT INTO login_attempts AS a (subject, failures, last_attempt_at) VALUES (${subject}, 1, ${nowText}::timestamptz)
    ON CONFLICT (subject) DO UPDATE SET
      failures = CASE WHEN a.last_attempt_at <= ${quietSince}::timestamptz THEN 1 ELSE a.failures + 1 END,
      last_attempt_at = ${nowText}::timestamptz
    WHERE a.failures < ${rule.threshold} OR a.last_attempt_at <= ${spacedSince}::timestamptz
    RETURNING failures`);
  return rows.length > 0;
}

/** A right password: the pair starts over, and the account's brake forgets this attempt. */
export async function forgetAttempt(db: Executor, sourceSubject: string, accountSubject: string): Promise<void> {
  await db.execute(sql`DELETE FROM login_attempts WHERE subject = ${sourceSubject}`);
  await db.execute(sql`UPDATE login_attempts SET failures = greatest(failures - 1, 0) WHERE subject = ${accountSubject}`);
}
