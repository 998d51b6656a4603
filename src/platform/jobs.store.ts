// The shared side of periodic jobs (scheduled_jobs): claim a pass, keep its lease alive, record how it ended.
// Times are the database's own (now()), not the app clock: leases and intervals are about real time between
// processes, and every process agrees on the database's time even when their own clocks drift.
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { queryRows } from '../db/query-rows.js';

export interface ClaimOptions {
  leaseMs: number;
  /** Claim even when the next pass is not yet due (a pass asked for by hand); still never while another runs. */
  force: boolean;
  /** A holder that may be taken over at once, whatever its lease says (a dead process of this machine). */
  deadHolder: string | null;
}

export interface JobRow {
  leaseOwner: string | null;
}

/** Takes the job's lease for `owner` when no one holds it and (unless forced) a pass is due. */
export async function claimJobPass(db: Executor, name: string, owner: string, options: ClaimOptions): Promise<boolean> {
  await db.execute(sql`INSERT INTO scheduled_jobs (name) VALUES (${name}) ON CONFLICT (name) DO NOTHING`);
  const leaseSeconds = options.leaseMs / 1000;
  const claimed = await queryRows<{ name: string }>(db, sql`
    UPDATE scheduled_jobs
       SET lease_owner = ${owner}, lease_until = now() + make_interval(secs => ${leaseSeconds}),
           last_started_at = now()
     WHERE name = ${name}
       AND (lease_owner IS NULL OR lease_until < now() OR lease_owner = ${options.deadHolder})
       AND (${options.force} OR next_due_at <= now())
    RETURNING name`);
  return claimed.length === 1;
}

/** Extends a held lease; false when it was lost (run out and taken by another process). */
export async function renewJobLease(db: Executor, name: string, owner: string, leaseMs: number): Promise<boolean> {
  const renewed = await queryRows<{ name: string }>(db, sql`
    UPDATE scheduled_jobs SET lease_until = now() + make_interval(secs => ${leaseMs / 1000})
     WHERE name = ${name} AND lease_owner = ${owner}
    RETURNING name`);
  return renewed.length === 1;
}

/**
 * Ends a pass: the lease is released and, when the pass succeeded, the next one is due an interval from now. After a
 * failed pass the job is due at once, so the next look (by any process) tries again.
 */
export async function finishJobPass(db: Executor, name: string, owner: string, outcome: 'ok' | 'failed', everyMs: number): Promise<void> {
  await db.execute(sql`
    UPDATE scheduled_jobs
       SET lease_owner = NULL, lease_until = NULL, last_finished_at = now(), last_owner = ${owner},
           last_outcome = ${outcome}, passes = passes + 1,
           next_due_at = CASE WHEN ${outcome} = 'ok' THEN now() + make_interval(secs => ${everyMs / 1000}) ELSE now() END
     WHERE name = ${name} AND lease_owner = ${owner}`);
}

export async function jobHolder(db: Executor, name: string): Promise<string | null> {
  const [row] = await queryRows<{ lease_owner: string | null }>(db, sql`SELECT lease_owner FROM scheduled_jobs WHERE name = ${name}`);
  return row?.lease_owner ?? null;
}
