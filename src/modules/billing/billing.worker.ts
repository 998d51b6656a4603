// The bill day schedule, in the worker: a pass shortly after start, then every few minutes, starting the runs that
// are due (bill-run.schedule.ts). A pass that finds nothing due costs one query per biller.
import type { AppDeps } from '../../http/app.js';
import type { WorkerStarter } from '../../workers/index.js';
import type { Ctx } from '../../platform/context.js';
import { runDueBillRuns } from './bill-run.schedule.js';

const FIRST_PASS_DELAY_MS = 10_000;
const PASS_INTERVAL_MS = 5 * 60_000;

export const billRunScheduler: WorkerStarter = {
  name: 'billing.schedule',
  start: async (deps: AppDeps) => {
    const ctx: Ctx = { db: deps.database.db, clock: deps.clock, config: deps.config };
    const concurrency = deps.database.kind === 'postgres' ? 2 : 1;
    const stopping = new AbortController();
    let running: Promise<unknown> | undefined;
    let stopped = false;
    const pass = () => {
      if (stopped || running) return;
      running = runDueBillRuns(ctx, { concurrency, signal: stopping.signal })
        .then((runs) => runs.forEach((r) => console.log(`bill run ${r.billerCode} ${r.period}: ${r.outcome}`)))
        .catch((error: unknown) => console.error('billing.schedule failed:', error instanceof Error ? error.message : error))
        .finally(() => { running = undefined; });
    };
    const first = setTimeout(pass, FIRST_PASS_DELAY_MS);
    const every = setInterval(pass, PASS_INTERVAL_MS);
    first.unref();
    every.unref();
    return async () => {
      stopped = true;
      stopping.abort();
      clearTimeout(first);
      clearInterval(every);
      await running;
    };
  },
};
