// What every service function gets besides the actor: where to read and write, the time, the configuration.
// Inside a transaction `db` is the transaction, so a service called by another joins its transaction.
import type { Executor } from '../db/client.js';
import type { Clock } from './clock.js';
import type { Config } from '../config.js';

export interface Ctx {
  db: Executor;
  clock: Clock;
  config: Config;
  requestId?: string;
  ip?: string;
}

/** Runs `work` in one database transaction (a savepoint when already inside one). */
export function inTransaction<T>(ctx: Ctx, work: (txCtx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => work({ ...ctx, db: tx }));
}
