// Audit records for refusals. A refused request's own transaction rolls back, so the record is written in a
// transaction of its own (callers pass the request's Ctx, whose `db` is the database, not a transaction).
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';

export async function auditRefusal(ctx: Ctx, actor: Actor, action: string, entityId: string | null, error: unknown, detail: Record<string, unknown> = {}): Promise<void> {
  const code = error instanceof AppError ? error.code : 'internal_error';
  const details = error instanceof AppError ? error.details : {};
  await inTransaction(ctx, (tx) => recordAudit(tx, actor, {
    action, entityType: 'payment', entityId, outcome: code === 'internal_error' ? 'failed' : 'refused', detail: { code, ...details, ...detail },
  })).catch(() => undefined); // an audit write that fails must not hide the refusal itself
}

/** Runs `work`; if it throws, audits the refusal with its code and throws it on. */
export async function auditedRefusals<T>(ctx: Ctx, actor: Actor, action: string, entityId: string | null, work: () => Promise<T>, detail: Record<string, unknown> = {}): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await auditRefusal(ctx, actor, action, entityId, error, detail);
    throw error;
  }
}
