// Objections: the owner disputes a violation; an officer upholds it or cancels it, with a reason either way.
// Filing does not stop payment (an owner may pay to clear a transaction and object all the same): a violation
// cancelled after payment is refunded.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { newId } from '../../shared/ids.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { cancelViolation, type CancellationResult } from './cancellation.service.js';
import * as store from './violations.store.js';

export type { ObjectionRow } from './violations.store.js';

export async function fileObjection(ctx: Ctx, actor: Actor, input: { violationId: string; reason: string }): Promise<store.ObjectionRow> {
  requireRole(actor, 'citizen');
  return inTransaction(ctx, async (tx) => {
    const violation = await store.findViolation(tx.db, input.violationId);
    if (!violation) throw new AppError('violation_not_found');
    // Only the owner of record may object; to anyone else the violation might as well not exist.
    if (actor.kind !== 'person' || violation.ownerCivilId !== actor.civilId) throw new AppError('forbidden');
    if (violation.status !== 'active') throw new AppError('violation_cancelled');
    const now = tx.clock.now();
    const objection = await store.insertObjection(tx.db, {
      id: newId('obj', now.getTime()), violationId: violation.id, civilId: actor.civilId, reason: input.reason.trim(), status: 'pending', createdAt: now,
    });
    if (!objection) throw new AppError('objection_exists', { violationNumber: violation.violationNumber });
    await recordAudit(tx, actor, { action: 'objection.file', entityType: 'violation', entityId: violation.id, detail: { objectionId: objection.id } });
    return objection;
  });
}

export interface DecisionResult {
  objection: store.ObjectionRow;
  cancellation: CancellationResult | null;
}

export async function decideObjection(ctx: Ctx, actor: Actor, input: { objectionId: string; decision: 'uphold' | 'cancel'; reason: string }): Promise<DecisionResult> {
  requireRole(actor, 'officer', 'admin');
  return inTransaction(ctx, async (tx) => {
    const pending = await store.lockObjection(tx.db, input.objectionId);
    if (!pending) throw new AppError('objection_not_found');
    if (pending.status !== 'pending') throw new AppError('objection_already_decided', { status: pending.status });
    const reason = input.reason.trim();
    const objection = (await store.decideObjection(tx.db, pending.id, {
      status: input.decision === 'cancel' ? 'cancelled' : 'upheld',
      decidedByKind: actor.kind, decidedById: actor.id, decisionReason: reason, decidedAt: tx.clock.now(),
    }))!;
    const cancellation = input.decision === 'cancel' ? await cancelViolation(tx, actor, pending.violationId, reason) : null;
    await recordAudit(tx, actor, {
      action: `objection.${input.decision}`, entityType: 'violation', entityId: pending.violationId,
      detail: { objectionId: pending.id, reason, refunded: cancellation?.refunded ?? '0' },
    });
    return { objection, cancellation };
  });
}

export async function listObjections(ctx: Ctx, actor: Actor, status: 'pending' | 'upheld' | 'cancelled' = 'pending'): Promise<store.ObjectionRow[]> {
  requireRole(actor, 'officer', 'admin');
  return store.listObjections(ctx.db, status);
}

export async function getObjection(ctx: Ctx, actor: Actor, id: string): Promise<store.ObjectionRow> {
  const objection = await store.findObjection(ctx.db, id);
  if (!objection) throw new AppError('objection_not_found');
  if (!(actor.kind === 'person' && actor.civilId === objection.civilId)) requireRole(actor, 'officer', 'admin');
  return objection;
}
