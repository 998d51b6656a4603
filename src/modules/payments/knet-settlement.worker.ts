// The nightly KNET settlement check: once a day, after KNET's day has closed in Kuwait, for the day before.
// It checks hourly whether yesterday's run is still owed (kept in memory: after a restart it runs once more,
// which is harmless, since a second run finds nothing new).
import type { AppDeps } from '../../http/app.js';
import type { Ctx } from '../../platform/context.js';
import { systemActor } from '../../platform/actor.js';
import { startPeriodicJob } from '../../platform/jobs.js';
import { createLogger } from '../../platform/logger.js';
import { paymentGatewayOf } from './payments.gateway.js';
import { previousKnetDay, runKnetSettlement } from './knet-settlement.service.js';

const HOUR_MS = 60 * 60 * 1000;

export const knetSettlementWorker = {
  name: 'knet-settlement',
  start: async (deps: AppDeps) => {
    const ctx: Ctx = { db: deps.database.db, clock: deps.clock, config: deps.config };
    const logger = deps.logger ?? createLogger(deps.config);
    let lastDone: string | undefined;
    const job = startPeriodicJob({
      name: 'payments.knet_settlement',
      firstRunAfterMs: 5 * 60_000,
      everyMs: HOUR_MS,
      run: async () => {
        const gateway = paymentGatewayOf(deps);
        const day = previousKnetDay(ctx.clock.now());
        if (!gateway || lastDone === day) return;
        const summary = await runKnetSettlement(ctx, systemActor('knet-settlement'), gateway, day);
        lastDone = day;
        if (summary.found.length > 0 || summary.unanswered > 0) logger.warn({ job: 'payments.knet_settlement', ...summary }, 'KNET settlement exceptions');
      },
    }, logger, { db: deps.database.db });
    return job.stop;
  },
};
