import { and, desc, eq, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { auditLog } from '../db/schema/platform.js';
import type { Ctx } from './context.js';
import type { Executor } from '../db/client.js';
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
  await ctx.db.insert(auditLog).values(auditRow(ctx, actor, entry));
}

/**
 * Audits a read (an inquiry, a look-up) without waiting for the disk. Where the running server keeps a read-audit
 * buffer for this database (startReadAuditBuffer, installed by buildApp), the line goes into memory and is written
 * with the others of the last few hundred milliseconds in one multi-row INSERT; the buffer is flushed on a clean stop
 * (the server's close hook), so a clean stop loses none. Otherwise its own transaction commits with
 * synchronous_commit off. Either way a crash may drop the last instant of look-up lines, never a change to money:
 * inside a caller's transaction it is an ordinary audit line, so it cannot relax a money commit.
 */
export async function recordReadAudit(ctx: Ctx, actor: Actor, entry: AuditEntry): Promise<void> {
  if (ctx.db instanceof PgTransaction) return recordAudit(ctx, actor, entry);
  const buffer = buffers.get(ctx.db);
  if (buffer) return buffer.add(auditRow(ctx, actor, entry));
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL synchronous_commit TO OFF`);
    await recordAudit({ ...ctx, db: tx }, actor, entry);
  });
}

type AuditRow = typeof auditLog.$inferInsert;

function auditRow(ctx: Ctx, actor: Actor, entry: AuditEntry): AuditRow {
  return {
    ...actorRef(actor),
    at: ctx.clock.now(),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    outcome: entry.outcome ?? 'ok',
    detail: jsonSafe(entry.detail ?? {}),
    requestId: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
  };
}

export interface ReadAuditBuffer {
  /** Writes every line buffered so far (one INSERT per thousand lines); resolves when they are committed. */
  flush(): Promise<void>;
  /** Stops the timer and flushes: the server's close hook. Later lines are written one by one again. */
  close(): Promise<void>;
}

const buffers = new WeakMap<Executor, { add(row: AuditRow): void; flush(): Promise<void> }>();
/** Lines in one INSERT: ten columns each, well below PostgreSQL's 65,535 parameters. */
const LINES_PER_INSERT = 1000;
/** Beyond this many unwritten lines (the database down for long), the oldest are dropped and counted. */
const MAX_BUFFERED = 200_000;

/**
 * Buffers read-audit lines written through `db` and writes them every `intervalMs` in multi-row INSERTs
 * (synchronous_commit off, as single read audits). A failed write keeps its lines for the next tick.
 */
export function startReadAuditBuffer(db: Executor, options: { intervalMs: number; onError?: (error: unknown, dropped: number) => void }): ReadAuditBuffer {
  let pending: AuditRow[] = [];
  let writing: Promise<void> = Promise.resolve();
  let dropped = 0;
  const write = async () => {
    while (pending.length > 0) {
      const rows = pending;
      pending = [];
      try {
        await db.transaction(async (tx) => {
          await tx.execute(sql`SET LOCAL synchronous_commit TO OFF`);
          for (let i = 0; i < rows.length; i += LINES_PER_INSERT) await tx.insert(auditLog).values(rows.slice(i, i + LINES_PER_INSERT));
        });
      } catch (error) {
        pending = rows.concat(pending);
        if (pending.length > MAX_BUFFERED) {
          dropped += pending.length - MAX_BUFFERED;
          pending = pending.slice(pending.length - MAX_BUFFERED);
        }
        options.onError?.(error, dropped);
        throw error;
      }
    }
  };
  // One write at a time, in order: a flush waits for the write under way, then writes what came since.
  const flush = () => {
    writing = writing.catch(() => undefined).then(write);
    return writing;
  };
  const timer = setInterval(() => {
    if (pending.length > 0) flush().catch(() => undefined);
  }, options.intervalMs);
  timer.unref();
  const entry = { add: (row: AuditRow) => { pending.push(row); }, flush };
  buffers.set(db, entry);
  return {
    flush,
    close: async () => {
      clearInterval(timer);
      if (buffers.get(db) === entry) buffers.delete(db);
      await flush();
    },
  };
}

/** Writes the read-audit lines buffered for `ctx.db`, if any; reading the audit log does it first. */
export async function flushReadAudits(ctx: Ctx): Promise<void> {
  await buffers.get(ctx.db)?.flush();
}

export async function auditTrail(ctx: Ctx, entityType: string, entityId: string, limit = 100) {
  await flushReadAudits(ctx);
  return ctx.db.select().from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(desc(auditLog.id)).limit(limit);
}

export async function auditByAction(ctx: Ctx, action: string, limit = 100) {
  await flushReadAudits(ctx);
  return ctx.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(limit);
}

// bigint amounts in details are stored as strings: JSON has no bigint.
function jsonSafe(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v))) as Record<string, unknown>;
}
