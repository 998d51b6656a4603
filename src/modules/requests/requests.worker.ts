// The escalation job: every 15 minutes (service-level times are in hours) flags requests late in their step.
import type { AppDeps } from '../../http/app.js';
import type { WorkerStarter } from '../../workers/index.js';
import { startPeriodicJob } from '../../platform/jobs.js';
import { createLogger } from '../../platform/logger.js';
import { escalateLateRequests } from './escalation.service.js';

export const requestsWorker: WorkerStarter = {
  name: 'requests.escalation',
  start: async (deps: AppDeps) => {
    const ctx = { db: deps.database.db, clock: deps.clock, config: deps.config };
    const job = startPeriodicJob({
      name: 'requests.escalation', firstRunAfterMs: 10_000, everyMs: 15 * 60_000,
      run: async () => { await escalateLateRequests(ctx); },
    }, deps.logger ?? createLogger(deps.config), { db: deps.database.db });
    return job.stop;
  },
};
