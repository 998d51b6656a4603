// What every service function gets besides the actor: where to read and write, the time, the configuration.
// Inside a transaction `db` is the transaction, so a service called by another joins its transaction.
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client.js';
import type { Clock } from './clock.js';
import type { Config } from '../config.js';

export interface Ctx {
  db: Executor;
  /**
   * Where reads that may lag a moment go (the dues inquiry): the read replica when DATABASE_REPLICA_URL is set.
   * Unset: `db`. Never used inside a transaction (readerOf).
   */
  readDb?: Executor;
  clock: Clock;
  config: Config;
  requestId?: string;
  ip?: string;
}

/** Runs `work` in one database transaction (a savepoint when already inside one). */
export function inTransaction<T>(ctx: Ctx, work: (txCtx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => work({ ...ctx, db: tx }));
}

/** The ctx for a read that may come from the replica: `ctx` itself inside a transaction or without one. */
export function readerOf(ctx: Ctx): Ctx {
  return ctx.readDb && ctx.readDb !== ctx.db && !inTransactionAlready(ctx) ? { ...ctx, db: ctx.readDb } : ctx;
}

const inTransactionAlready = (ctx: Ctx) => ctx.db instanceof PgTransaction;

/** True inside inTransaction: a statement that fails there aborts the caller's whole transaction. */
export function isInTransaction(ctx: Ctx): boolean {
  return inTransactionAlready(ctx);
}
