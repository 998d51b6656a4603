// Refusals at a counter are audited in a transaction of their own: the refused command's transaction rolls back,
// and a refused payment, close or void must still leave its trace (who, what, which code).
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';

/** Runs `work`; if it throws, audits the refusal (`action`, its code and `detail`) and throws it on. */
export async function auditedCounterRefusals<T>(ctx: Ctx, actor: Actor, action: string, entityId: string | null, detail: Record<string, unknown>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = error instanceof AppError ? error.code : 'internal_error';
    const details = error instanceof AppError ? error.details : {};
    await inTransaction(ctx, (tx) => recordAudit(tx, actor, {
      action, entityType: 'counter', entityId, outcome: code === 'internal_error' ? 'failed' : 'refused', detail: { code, ...details, ...detail },
    })).catch(() => undefined); // a failed audit write must not hide the refusal itself
    throw error;
  }
}
