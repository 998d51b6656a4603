// Reactions to money landing on payables, run inside the payment's own transaction so they commit with it: the
// requests module issues a reconnection order the moment a payment clears a disconnected account's debt. Payments
// cannot import requests (requests already imports payments), so the dependency is turned round here: payments
// calls `paymentApplied` after every posting, and a module registers what it does with `onPaymentApplied` when it
// loads. A listener's failure must never lose or refuse a payment: each runs in a savepoint, a failure is logged
// and rolled back to it, and the module's periodic sweep does the same work later.
import type { Ctx } from './context.js';
import { inTransaction } from './context.js';
import { createLogger } from './logger.js';

export interface AppliedPayable {
  payableId: string;
  billerCode: string;
  accountNumber: string | null;
  /** Minor units applied to it by this payment. */
  amount: bigint;
}

export type PaymentListener = (ctx: Ctx, applied: AppliedPayable[]) => Promise<void>;

const listeners = new Map<string, PaymentListener>();

/** Registers (or replaces: loading a module twice registers once) the listener called `name`. */
export function onPaymentApplied(name: string, listener: PaymentListener): void {
  listeners.set(name, listener);
}

export async function paymentApplied(ctx: Ctx, applied: AppliedPayable[]): Promise<void> {
  if (applied.length === 0) return;
  for (const [name, listener] of listeners) {
    try {
      await inTransaction(ctx, (tx) => listener(tx, applied));
    } catch (error) {
      createLogger(ctx.config, 'payment-listeners').error({ listener: name, err: error }, `payment listener ${name} failed; its sweep will catch up`);
    }
  }
}
