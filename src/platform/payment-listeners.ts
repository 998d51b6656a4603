// Reactions to money landing on payables, run inside the payment's own transaction so they commit with it (or, for a
// payment posted in one statement, right after it commits; a crash in between is the sweep's to catch up): the
// requests module issues a reconnection order the moment a payment clears a disconnected account's debt. Payments
// cannot import requests (requests already imports payments), so the dependency is turned round here: payments
// calls `paymentApplied` after every posting, and a module registers what it does with `onPaymentApplied` when it
// loads. A listener's failure must never lose or refuse a payment: each runs in a savepoint, a failure is logged
// and rolled back to it, and the module's periodic sweep does the same work later.
import type { SQL } from 'drizzle-orm';
import type { Ctx } from './context.js';
import { inTransaction, isInTransaction } from './context.js';
import { createLogger } from './logger.js';

export interface AppliedPayable {
  payableId: string;
  billerCode: string;
  accountNumber: string | null;
  /** Minor units applied to it by this payment. */
  amount: bigint;
}

export type PaymentListener = (ctx: Ctx, applied: AppliedPayable[]) => Promise<void>;

/**
 * A boolean SQL expression, over the listener's own tables, that is false when the listener has nothing to do for
 * these payables. A one-statement posting evaluates every probe in its own statement (on its snapshot, which is
 * enough: a probe asks about the listener's state, which the payment does not change) and calls only the listeners
 * whose probe said true, so the common case costs no round trip of its own.
 */
export type PaymentListenerProbe = (applied: AppliedPayable[]) => SQL;

const listeners = new Map<string, { listener: PaymentListener; probe?: PaymentListenerProbe }>();

/** Registers (or replaces: loading a module twice registers once) the listener called `name`. */
export function onPaymentApplied(name: string, listener: PaymentListener, options: { probe?: PaymentListenerProbe } = {}): void {
  listeners.set(name, { listener, ...options });
}

/** The probes of the listeners that have one, as `name → expression`, for a one-statement posting's final SELECT. */
export function paymentListenerProbes(applied: AppliedPayable[]): { name: string; sql: SQL }[] {
  return [...listeners].flatMap(([name, { probe }]) => (probe ? [{ name, sql: probe(applied) }] : []));
}

/**
 * Runs the listeners. `probed`: the names whose probe said true in a one-statement posting (a listener with a probe
 * that is not named there is skipped); without it every listener runs.
 */
export async function paymentApplied(ctx: Ctx, applied: AppliedPayable[], probed?: ReadonlySet<string>): Promise<void> {
  if (applied.length === 0) return;
  // Inside the payment's transaction each listener gets a savepoint, so its failure cannot abort the payment. After a
  // one-statement posting has committed there is no transaction: a listener opens one of its own for what it
  // changes (reconnection does, per case).
  const inPayment = isInTransaction(ctx);
  for (const [name, { listener, probe }] of listeners) {
    if (probed && probe && !probed.has(name)) continue;
    try {
      await (inPayment ? inTransaction(ctx, (tx) => listener(tx, applied)) : listener(ctx, applied));
    } catch (error) {
      createLogger(ctx.config, 'payment-listeners').error({ listener: name, err: error }, `payment listener ${name} failed; its sweep will catch up`);
    }
  }
}
