import { and, desc, eq, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { auditLog } from '../db/schema/platform.js';
import type { Ctx } from './context.js';
import { actorRef, type Actor } from './actor.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  outcome?: 'ok' | 'refused' | 'failed';
  detail?: Record<string, unknown>;
}

/** Appends to the audit log in the caller's transaction, so the record and the change commit together. */
export async function recordAudit(ctx: Ctx, actor: Actor, entry: AuditEntry): Promise<void> {
  await ctx.db.insert(auditLog).values({
    ...actorRef(actor),
    at: ctx.clock.now(),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    outcome: entry.outcome ?? 'ok',
    detail: jsonSafe(entry.detail ?? {}),
    requestId: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
  });
}

/**
 * Audits a read (an inquiry, a look-up) without waiting for the disk: its own transaction commits with
 * synchronous_commit off, so the line reaches the WAL at the next flush (a fraction of a second) instead of making
 * every inquiry wait for an fsync. A power loss may drop the last instant of look-up lines, never a change to
 * money: inside a caller's transaction it is an ordinary audit line, so it cannot relax a money commit.
 */
export async function recordReadAudit(ctx: Ctx, actor: Actor, entry: AuditEntry): Promise<void> {
  if (ctx.db instanceof PgTransaction) return recordAudit(ctx, actor, entry);
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL synchronous_commit TO OFF`);
    await recordAudit({ ...ctx, db: tx }, actor, entry);
  });
}

export async function auditTrail(ctx: Ctx, entityType: string, entityId: string, limit = 100) {
  return ctx.db.select().from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(desc(auditLog.id)).limit(limit);
}

export async function auditByAction(ctx: Ctx, action: string, limit = 100) {
  return ctx.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(limit);
}

// bigint amounts in details are stored as strings: JSON has no bigint.
function jsonSafe(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v))) as Record<string, unknown>;
}
