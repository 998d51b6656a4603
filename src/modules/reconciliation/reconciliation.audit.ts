// Refusals are audited in their own transaction: the import's transaction rolls back with the error (nothing is
// written), and the record of the refusal must survive it.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/actor.js';

export async function auditedRefusals<T>(ctx: Ctx, actor: Actor, action: string, entityId: string | null, detail: Record<string, unknown>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) {
      await inTransaction(ctx, (tx) => recordAudit(tx, actor, {
        action, entityType: 'bank_statement', entityId, outcome: 'refused', detail: { ...detail, code: error.code, details: error.details },
      }));
    }
    throw error;
  }
}
