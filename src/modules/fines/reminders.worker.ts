// The reminders schedule: a pass shortly after start, then a look every FINES_REMINDER_INTERVAL_MINUTES that runs a
// pass when the business day has changed since the last complete one (or the last one failed). Looking hourly
// rather than sleeping until midnight means a worker that was down at midnight catches up within the hour;
// repeats write nothing (each reminder has its dedupe key), so several workers may run it at once.
import type { AppDeps } from '../../http/app.js';
import type { WorkerStarter } from '../../workers/index.js';
import { businessToday } from '../../platform/clock.js';
import { remindersConfigOf, sendDueReminders } from './reminders.service.js';

const FIRST_RUN_DELAY_MS = 5_000;

export const finesRemindersWorker: WorkerStarter = {
  name: 'fines.reminders',
  start: async (deps: AppDeps) => {
    const config = remindersConfigOf(deps.config);
    const ctx = { db: deps.database.db, clock: deps.clock, config: deps.config };
    let running: Promise<unknown> | undefined;
    let stopped = false;
    let doneFor: string | undefined;
    const run = () => {
      const today = businessToday(ctx);
      if (stopped || running || doneFor === today) return;
      running = sendDueReminders(ctx, config)
        .then(() => { doneFor = today; })
        .catch((error: unknown) => console.error('fines.reminders failed:', error instanceof Error ? error.message : error))
        .finally(() => { running = undefined; });
    };
    const first = setTimeout(run, FIRST_RUN_DELAY_MS);
    const every = setInterval(run, config.intervalMinutes * 60_000);
    first.unref();
    every.unref();
    return async () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await running;
    };
  },
};
