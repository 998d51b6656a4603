// The outbox dispatcher: turns outbox events into notifications and sends them, with many sends in flight at once.
// Any number of dispatchers, in one process or many, may run against one database: rows are claimed with
// FOR UPDATE SKIP LOCKED, so each event is expanded by one of them and each notification attempt belongs to one.
//
// It wakes on NOTIFY (PostgreSQL, wired by the worker) or `wake()`, and polls every `pollMs` when idle, so it is
// correct with no NOTIFY at all (PGlite, a dropped LISTEN connection).
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../platform/context.js';
import { claimNotificationWork } from './claim.js';
import { deliverNotification, type DeliveryOutcome, type Transports } from './deliver.js';
import type { NotificationRow } from './notifications.store.js';

export interface DispatcherOptions {
  /** The base context (not a transaction): the dispatcher opens its own transactions. */
  ctx: Ctx;
  transports: Transports;
  workerId?: string;
  /** Sends in flight at most. Default NOTIFY_CONCURRENCY. */
  concurrency?: number;
  /** Outbox events expanded per transaction at most. Default 200. */
  batchSize?: number;
  pollMs?: number;
  /** After taking all there was, wait this long before the next claim so events arriving meanwhile go together. */
  gatherMs?: number;
  log?: (message: string, data?: Record<string, unknown>) => void;
}

export interface DispatcherStats {
  expanded: number;
  sent: number;
  failed: number;
  dead: number;
  lost: number;
  inFlight: number;
}

export interface Dispatcher {
  readonly workerId: string;
  /** Look for work now (a NOTIFY arrived, or a test wrote an event). */
  wake(): void;
  /** Resolves the next time nothing is due and nothing is in flight. */
  idle(): Promise<void>;
  stats(): DispatcherStats;
  /** Stops claiming, waits for the sends in flight to finish and be recorded. */
  stop(): Promise<void>;
}

// How often rows abandoned by a dead worker are looked at (they are not resent before their lease ends anyway).
const ABANDONED_CHECK_MS = 5_000;

export function startDispatcher(options: DispatcherOptions): Dispatcher {
  const { ctx, transports } = options;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const concurrency = options.concurrency ?? ctx.config.NOTIFY_CONCURRENCY;
  const batchSize = options.batchSize ?? 200;
  const pollMs = options.pollMs ?? ctx.config.NOTIFY_POLL_MS;
  const gatherMs = options.gatherMs ?? 10;
  const log = options.log ?? (() => undefined);
  const stats: DispatcherStats = { expanded: 0, sent: 0, failed: 0, dead: 0, lost: 0, inFlight: 0 };
  const inFlight = new Set<Promise<void>>();
  let idleWaiters: (() => void)[] = [];
  let stopping = false;
  let wakeUp: (() => void) | null = null;
  let pendingWake = false;
  let waitingForCapacity = false;
  let lastAbandonedCheck = Number.NEGATIVE_INFINITY;

  const wake = (): void => {
    pendingWake = true;
    wakeUp?.();
  };

  const sleep = (ms: number): Promise<void> => new Promise((resolve) => {
    if (pendingWake || stopping) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      wakeUp = null;
      resolve();
    }
    wakeUp = done;
  });

  const record = (outcome: DeliveryOutcome): void => {
    stats[outcome.status]++;
  };

  const launch = (row: NotificationRow): void => {
    const running: Promise<void> = deliverNotification(ctx, transports, workerId, row)
      .then(record, (error: unknown) => log('notification delivery crashed', { id: row.id, error: String(error) }))
      .finally(() => {
        inFlight.delete(running);
        stats.inFlight = inFlight.size;
        if (waitingForCapacity) wake();
      });
    inFlight.add(running);
    stats.inFlight = inFlight.size;
  };

  const claimWork = async (capacity: number): Promise<NotificationRow[]> => {
    const now = ctx.clock.now();
    const checkAbandoned = now.getTime() - lastAbandonedCheck >= ABANDONED_CHECK_MS;
    if (checkAbandoned) lastAbandonedCheck = now.getTime();
    const work = await claimNotificationWork(ctx, { workerId, limit: capacity, batchSize, checkAbandoned });
    stats.expanded += work.expanded;
    return work.rows;
  };

  const loop = async (): Promise<void> => {
    while (!stopping) {
      pendingWake = false;
      let claimed = 0;
      let caughtUp = false;
      try {
        const capacity = concurrency - inFlight.size;
        if (capacity > 0) {
          const rows = await claimWork(capacity);
          claimed = rows.length;
          caughtUp = rows.length < capacity;
          for (const row of rows) launch(row);
        }
      } catch (error) {
        log('notification dispatcher: claim failed, retrying', { error: error instanceof Error ? error.message : String(error) });
        await sleep(pollMs);
        continue;
      }
      if (stopping) break;
      if (inFlight.size >= concurrency) {
        waitingForCapacity = true;
        await sleep(pollMs);
        waitingForCapacity = false;
      } else if (claimed === 0) {
        if (inFlight.size === 0) {
          const waiters = idleWaiters;
          idleWaiters = [];
          for (const resolve of waiters) resolve();
        }
        await sleep(pollMs);
      } else if (caughtUp && gatherMs > 0) {
        // Took everything there was: let the next few events gather (a NOTIFY per commit would otherwise mean a
        // claim transaction per event), at the cost of a few milliseconds' latency.
        await new Promise((resolve) => setTimeout(resolve, gatherMs));
      }
    }
  };

  const running = loop();

  return {
    workerId,
    wake,
    idle: () => new Promise<void>((resolve) => {
      idleWaiters.push(resolve);
      wake();
    }),
    stats: () => ({ ...stats }),
    async stop() {
      stopping = true;
      wakeUp?.();
      await running;
      await Promise.allSettled([...inFlight]);
      for (const resolve of idleWaiters.splice(0)) resolve();
    },
  };
}
