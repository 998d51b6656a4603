// The reconciler: card payments still pending N minutes after they started (the gateway's notification never
// came, came before we could confirm, or our answer was lost) are settled by asking the gateway (KNET action 8).
// It is the same settle path as the response URL, so a payment the notification posts meanwhile is left alone.
// The same pass sends again the card refunds whose gateway answer never arrived (same track id: refunded once).
import type { AppDeps } from '../../http/app.js';
import type { Ctx } from '../../platform/context.js';
import { systemActor } from '../../platform/actor.js';
import { startPeriodicJob } from '../../platform/jobs.js';
import { createLogger } from '../../platform/logger.js';
import type { PaymentGateway } from './gateways/index.js';
import { settleWithGateway, type SettleOutcome } from './gateway-flow.js';
import { retryRequestedRefunds } from './gateway-refunds.js';
import { paymentGatewayOf } from './payments.gateway.js';
import * as store from './payments.store.js';

const BATCH = 50;

/** One pass: settles up to `limit` payments pending longer than `afterMinutes`. Returns what happened to each. */
export async function reconcilePendingPayments(ctx: Ctx, gateway: PaymentGateway, options: { afterMinutes: number; limit?: number }): Promise<Record<SettleOutcome, number>> {
  const before = new Date(ctx.clock.now().getTime() - options.afterMinutes * 60_000);
  const counts: Record<SettleOutcome, number> = { posted: 0, failed: 0, pending: 0, already_final: 0 };
  const actor = systemActor('payments-reconciler');
  for (const payment of await store.pendingCreatedBefore(ctx.db, before, options.limit ?? BATCH)) {
    // Asked recently and still unknown: give the gateway time before asking again.
    if (payment.lastInquiryAt && payment.lastInquiryAt > before) continue;
    try {
      counts[(await settleWithGateway(ctx, actor, gateway, payment)).outcome]++;
    } catch {
      counts.pending++; // audited inside; tried again on the next pass
    }
  }
  return counts;
}

export const paymentsReconciler = {
  name: 'payments-reconciler',
  start: async (deps: AppDeps) => {
    const ctx: Ctx = { db: deps.database.db, clock: deps.clock, config: deps.config };
    const logger = deps.logger ?? createLogger(deps.config);
    const job = startPeriodicJob({
      name: 'payments.reconciler',
      firstRunAfterMs: 60_000,
      everyMs: 60_000,
      run: async () => {
        const gateway = paymentGatewayOf(deps);
        if (!gateway) return;
        const counts = await reconcilePendingPayments(ctx, gateway, { afterMinutes: deps.config.PAYMENTS_INQUIRE_AFTER_MINUTES });
        if (counts.posted + counts.failed > 0) logger.info({ job: 'payments.reconciler', ...counts }, 'pending card payments settled');
        const refunds = await retryRequestedRefunds(ctx, systemActor('payments-reconciler'), gateway, { afterMinutes: deps.config.PAYMENTS_INQUIRE_AFTER_MINUTES });
        if (refunds.refunded + refunds.failed > 0) logger.info({ job: 'payments.reconciler', refunds }, 'card refunds answered');
      },
    }, logger, { db: deps.database.db });
    return job.stop;
  },
};
