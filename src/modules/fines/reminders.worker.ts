// The reminders schedule: a pass shortly after start, then a look every FINES_REMINDER_INTERVAL_MINUTES that runs a
// pass when the business day has changed since the last complete one (or the last one failed). Looking hourly
// rather than sleeping until midnight means a worker that was down at midnight catches up within the hour;
// repeats write nothing (each reminder has its dedupe key), so several workers may run it at once.
import type { AppDeps } from '../../http/app.js';
import type { WorkerStarter } from '../../workers/index.js';
import { businessToday } from '../../platform/clock.js';
import { startPeriodicJob } from '../../platform/jobs.js';
import { createLogger } from '../../platform/logger.js';
import { remindersConfigOf, sendDueReminders } from './reminders.service.js';

export const finesRemindersWorker: WorkerStarter = {
  name: 'fines.reminders',
  start: async (deps: AppDeps) => {
    const config = remindersConfigOf(deps.config);
    const ctx = { db: deps.database.db, clock: deps.clock, config: deps.config };
    let doneFor: string | undefined;
    const job = startPeriodicJob({
      name: 'fines.reminders',
      firstRunAfterMs: 5_000,
      everyMs: config.intervalMinutes * 60_000,
      run: async () => {
        const today = businessToday(ctx);
        if (doneFor === today) return;
        await sendDueReminders(ctx, config);
        doneFor = today;
      },
    }, deps.logger ?? createLogger(deps.config), { db: deps.database.db });
    return job.stop;
  },
};
