// The bill day schedule, in the worker: a pass shortly after start, then every few minutes, starting the runs that
// are due (bill-run.schedule.ts). A pass that finds nothing due costs one query per biller. Beside it, the bills'
// due-date reminders (bill-reminders.ts): a pass that finds nothing due costs one query.
import type { AppDeps } from '../../http/app.js';
import type { WorkerStarter } from '../../workers/index.js';
import type { Ctx } from '../../platform/context.js';
import { startPeriodicJob } from '../../platform/jobs.js';
import { createLogger } from '../../platform/logger.js';
import { runDueBillRuns } from './bill-run.schedule.js';
import { writeDueReminders } from './bill-reminders.js';

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
          if (run.outcome === 'failed') logger.error({ biller: run.billerCode, period: run.period, error: run.error }, 'bill run failed; the next pass tries again');
          else logger.info({ biller: run.billerCode, period: run.period, outcome: run.outcome }, 'bill run');
        }
      },
    }, logger, { db: deps.database.db });
    return job.stop;
  },
};

/** The bills' due-date reminders, in the worker: shared by every process on the database, a look every five minutes. */
export const billRemindersWorker: WorkerStarter = {
  name: 'billing.reminders',
  start: async (deps: AppDeps) => {
    const ctx: Ctx = { db: deps.database.db, clock: deps.clock, config: deps.config };
    const logger = deps.logger ?? createLogger(deps.config);
    const job = startPeriodicJob({
      name: 'billing.reminders',
      // Before the bill-day schedule's first look (10 s): a pass that finds nothing due is one query.
      firstRunAfterMs: 5_000,
      everyMs: 5 * 60_000,
      run: async (signal) => {
        const outcome = await writeDueReminders(ctx, { signal });
        if (outcome.runs > 0) logger.info(outcome, 'bill reminders written');
      },
    }, logger, { db: deps.database.db });
    return job.stop;
  },
};
