// Periodic background jobs (the bill-day schedule, fines reminders, the card-payment reconciler…), written once:
// a first look shortly after start, then one every interval; a pass never overlaps the previous one; a failed pass
// is logged with the job's name and the next one tries again; stopping aborts the pass in flight and waits for it.
//
// With `shared` (every worker of `serve` passes the database), the job is shared by all the processes on that
// database: a pass runs in one process at a time and once per interval across all of them (scheduled_jobs). The
// process looks more often than the interval, so whichever process looks first after a pass is due takes it.
import type { Executor } from '../db/client.js';
import type { Logger } from './logger.js';
import { claimJobPass, finishJobPass, renewJobLease, jobHolder } from './jobs.store.js';
import { deadLocalHolder, processOwnerId } from './process-owner.js';

export interface PeriodicJob {
  name: string;
  /** The first look, this long after start (lets the server settle and the simulators bind). */
  firstRunAfterMs: number;
  everyMs: number;
  /** One pass. `signal` aborts when the job stops (or its shared lease is lost): long passes check it between steps. */
  run(signal: AbortSignal): Promise<void>;
}

export interface SharedJobs {
  db: Executor;
  /** How long a pass's claim lasts without renewal; renewed every third of it while the pass runs. Default 2 min. */
  leaseMs?: number;
}

export interface RunningJob {
  /** Runs a pass now, unless one is running here (then waits for it) or in another process; never rejects. */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_LEASE_MS = 2 * 60_000;
/** The longest wait between looks at a shared job, whatever its interval. */
const MAX_LOOK_MS = 60_000;

export function startPeriodicJob(job: PeriodicJob, logger: Logger, shared?: SharedJobs): RunningJob {
  const stopping = new AbortController();
  const owner = processOwnerId();
  let running: Promise<void> | undefined;
  const pass = shared ? (force: boolean) => sharedPass(job, shared, owner, force, stopping.signal) : () => job.run(stopping.signal);
  const start = (force: boolean): Promise<void> => {
    if (stopping.signal.aborted) return Promise.resolve();
    running ??= pass(force)
      .catch((error: unknown) => logger.error({ job: job.name, err: error }, `${job.name} failed; the next pass tries again`))
      .finally(() => { running = undefined; });
    return running;
  };
  const lookEveryMs = shared ? Math.min(job.everyMs, MAX_LOOK_MS) : job.everyMs;
  const first = setTimeout(() => void start(false), job.firstRunAfterMs);
  const every = setInterval(() => void start(false), lookEveryMs);
  first.unref();
  every.unref();
  return {
    runNow: () => start(true),
    async stop() {
      stopping.abort();
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}

async function sharedPass(job: PeriodicJob, shared: SharedJobs, owner: string, force: boolean, stopping: AbortSignal): Promise<void> {
  const leaseMs = shared.leaseMs ?? DEFAULT_LEASE_MS;
  const deadHolder = deadLocalHolder(await jobHolder(shared.db, job.name));
  if (!(await claimJobPass(shared.db, job.name, owner, { leaseMs, force, deadHolder }))) return;
  // The pass stops when the job stops or when the lease is lost (another process may then be running it).
  const leaseLost = new AbortController();
  const renewal = setInterval(() => {
    renewJobLease(shared.db, job.name, owner, leaseMs)
      .then((held) => { if (!held) leaseLost.abort(); })
      .catch(() => undefined); // the database away: the next renewal tries again, the lease has time left
  }, leaseMs / 3);
  renewal.unref();
  try {
    await job.run(AbortSignal.any([stopping, leaseLost.signal])).finally(() => clearInterval(renewal));
  } catch (error) {
    // A failed pass is logged with its own error. The finish failing too (the database is often the same outage)
    // must not replace it; the lease then just runs out, and the job is still due.
    await finishJobPass(shared.db, job.name, owner, 'failed', job.everyMs).catch(() => undefined);
    throw error;
  }
  await finishJobPass(shared.db, job.name, owner, 'ok', job.everyMs);
}
