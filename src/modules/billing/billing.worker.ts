// The bill day schedule, in the worker: a pass shortly after start, then every few minutes, starting the runs that
// are due (bill-run.schedule.ts). A pass that finds nothing due costs one query per biller.
import type { AppDeps } from '../../http/app.js';
import type { WorkerStarter } from '../../workers/index.js';
import type { Ctx } from '../../platform/context.js';
import { startPeriodicJob } from '../../platform/jobs.js';
import { createLogger } from '../../platform/logger.js';
import { runDueBillRuns } from './bill-run.schedule.js';

export const billRunScheduler: WorkerStarter = {
  name: 'billing.schedule',
  start: async (deps: AppDeps) => {
    const ctx: Ctx = { db: deps.database.db, clock: deps.clock, config: deps.config };
    const logger = deps.logger ?? createLogger(deps.config);
    const concurrency = deps.database.kind === 'postgres' ? 2 : 1;
    const job = startPeriodicJob({
      name: 'billing.schedule',
      firstRunAfterMs: 10_000,
      everyMs: 5 * 60_000,
      run: async (signal) => {
        for (const run of await runDueBillRuns(ctx, { concurrency, signal })) {
          logger.info({ biller: run.billerCode, period: run.period, outcome: run.outcome }, 'bill run');
        }
      },
    }, logger, { db: deps.database.db });
    return job.stop;
  },
};
