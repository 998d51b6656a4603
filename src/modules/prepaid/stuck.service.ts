// A dispense whose terminal stopped talking (link lost, terminal crashed) must not keep the operator's money held
// for ever: after PREPAID_STUCK_AFTER_SECONDS without a report it is settled on the last gallons reported.
import { inTransaction, type Ctx } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit.js';
import { systemActor } from '../../platform/actor.js';
import { settleHeld } from './dispensing.service.js';
import * as store from './prepaid.store.js';

/** Settles every stuck dispense; returns how many. A dispense reported meanwhile is left alone. */
export async function settleStuckDispenses(ctx: Ctx, signal?: AbortSignal): Promise<number> {
  const before = new Date(ctx.clock.now().getTime() - ctx.config.PREPAID_STUCK_AFTER_SECONDS * 1000);
  let settled = 0;
  for (const candidate of await store.stuckDispenses(ctx.db, before)) {
    if (signal?.aborted) break;
    const done = await inTransaction(ctx, async (tx) => {
      const dispense = await store.lockDispense(tx.db, candidate.id);
      if (!dispense || dispense.status === 'settled' || dispense.lastReportAt >= before) return false;
      await settleHeld(tx, dispense, dispense.dispensedGallons, 'timeout');
      await recordAudit(tx, systemActor('prepaid.stuck'), {
        action: 'prepaid.dispense.settle', entityType: 'prepaid_dispense', entityId: dispense.terminalDispenseId,
        detail: { by: 'timeout', gallons: dispense.dispensedGallons, lastReportAt: dispense.lastReportAt.toISOString() },
      });
      return true;
    });
    if (done) settled += 1;
  }
  return settled;
}
