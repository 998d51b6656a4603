// The disconnection list on a schedule: every hour (grace periods are in days, service-level times in hours) it
// warns accounts newly in debt, orders disconnections whose grace ended, and settles cases paid meanwhile.
import type { AppDeps } from '../../../http/app.js';
import type { WorkerStarter } from '../../../workers/index.js';
import { startPeriodicJob } from '../../../platform/jobs.js';
import { createLogger } from '../../../platform/logger.js';
import { runDisconnectionCycle } from './list.service.js';

export const disconnectionWorker: WorkerStarter = {
  name: 'requests.disconnection',
  start: async (deps: AppDeps) => {
    const ctx = { db: deps.database.db, clock: deps.clock, config: deps.config };
    const job = startPeriodicJob({
      name: 'requests.disconnection', firstRunAfterMs: 30_000, everyMs: 60 * 60_000,
      run: async () => { await runDisconnectionCycle(ctx); },
    }, deps.logger ?? createLogger(deps.config), { db: deps.database.db });
    return job.stop;
  },
};
