// The reminders schedule: once shortly after start, then every FINES_REMINDER_INTERVAL_MINUTES. Running more
// often than daily is deliberate: a worker that was down at midnight catches up within the hour, and repeats
// write nothing (each reminder has its dedupe key). Several workers may run it at once for the same reason.
import type { AppDeps } from '../../http/app.js';
import type { WorkerStarter } from '../../workers/index.js';
import { loadRemindersConfig, sendDueReminders } from './reminders.service.js';

const FIRST_RUN_DELAY_MS = 5_000;

export const finesRemindersWorker: WorkerStarter = {
  name: 'fines.reminders',
  start: async (deps: AppDeps) => {
    const config = loadRemindersConfig();
    const ctx = { db: deps.database.db, clock: deps.clock, config: deps.config };
    let running: Promise<unknown> | undefined;
    let stopped = false;
    const run = () => {
      if (stopped || running) return;
      running = sendDueReminders(ctx, config)
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
