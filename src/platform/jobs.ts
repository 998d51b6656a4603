// Periodic background jobs (the bill-day schedule, fines reminders, the card-payment reconciler), written once:
// a first pass shortly after start, then one every interval; a pass never overlaps the previous one; a failed pass
// is logged with the job's name and the next one tries again; stopping aborts the pass in flight and waits for it.
import type { Logger } from './logger.js';

export interface PeriodicJob {
  name: string;
  /** The first pass, this long after start (lets the server settle and the simulators bind). */
  firstRunAfterMs: number;
  everyMs: number;
  /** One pass. `signal` aborts when the job stops: long passes should check it between steps. */
  run(signal: AbortSignal): Promise<void>;
}

export interface RunningJob {
  /** Runs a pass now, unless one is running (then waits for that one). Resolves when it ends; never rejects. */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startPeriodicJob(job: PeriodicJob, logger: Logger): RunningJob {
  const stopping = new AbortController();
  let running: Promise<void> | undefined;
  const runNow = (): Promise<void> => {
    if (stopping.signal.aborted) return Promise.resolve();
    running ??= job.run(stopping.signal)
      .catch((error: unknown) => logger.error({ job: job.name, err: error }, `${job.name} failed; the next pass tries again`))
      .finally(() => { running = undefined; });
    return running;
  };
  const first = setTimeout(() => void runNow(), job.firstRunAfterMs);
  const every = setInterval(() => void runNow(), job.everyMs);
  first.unref();
  every.unref();
  return {
    runNow,
    async stop() {
      stopping.abort();
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
