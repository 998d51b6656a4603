// The periodic check of service-level times: a request that sat in its step longer than its type allows is marked
// escalated once per step (cleared when it moves), with a history line and an audit line for supervisors.
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/context.js';
import { systemActor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../shared/ids.js';
import * as store from './requests.store.js';

const HOUR_MS = 3_600_000;

export async function escalateLateRequests(ctx: Ctx): Promise<string[]> {
  const actor = systemActor('requests-escalation');
  const now = ctx.clock.now();
  const late = (await store.openNotEscalated(ctx.db)).filter((r) => {
    const hours = r.slaHours[r.status];
    return hours !== undefined && now.getTime() - r.statusSince.getTime() > hours * HOUR_MS;
  });
  for (const request of late) {
    await inTransaction(ctx, async (tx) => {
      await store.updateRequest(tx.db, request.id, { escalatedAt: now });
      await store.insertEvent(tx.db, { id: newId('sre'), requestId: request.id, kind: 'escalated', fromStatus: request.status, toStatus: request.status, body: null, actorKind: 'system', actorId: 'requests-escalation', at: now });
      await recordAudit(tx, actor, { action: 'request.escalated', entityType: 'service_request', entityId: request.id, detail: { status: request.status, since: request.statusSince.toISOString(), office: request.office } });
    });
  }
  return late.map((r) => r.id);
}
