// The prepaid housekeeping job: settles stuck dispenses and credits paid top-ups (a top-up paid at a bank or a
// counter is otherwise credited only when its operator next authorises or reads the statement).
import type { AppDeps } from '../../http/app.js';
import type { WorkerStarter } from '../../workers/index.js';
import { startPeriodicJob } from '../../platform/jobs.js';
import { createLogger } from '../../platform/logger.js';
import { settleStuckDispenses } from './stuck.service.js';
import { creditPaidTopups } from './wallet.service.js';

export const prepaidWorker: WorkerStarter = {
  name: 'prepaid.housekeeping',
  start: async (deps: AppDeps) => {
    const ctx = { db: deps.database.db, clock: deps.clock, config: deps.config };
    const job = startPeriodicJob({
      name: 'prepaid.housekeeping',
      firstRunAfterMs: 5_000,
      everyMs: deps.config.PREPAID_SWEEP_SECONDS * 1000,
      run: async (signal) => {
        await settleStuckDispenses(ctx, signal);
        if (!signal.aborted) await creditPaidTopups(ctx);
      },
    }, deps.logger ?? createLogger(deps.config), { db: deps.database.db });
    return job.stop;
  },
};
