// The simulator's memory: every payment attempt it has seen, by KNET payment id. In memory on purpose: a
// simulator restart is a clean terminal.
import { randomInt } from 'node:crypto';
import type { PurchaseRequest } from './knet-sim.protocol.js';

/**
 * `initialized`: the customer is on the card page. `reversed`: approved, then voided because the merchant did not
 * answer KNET's notification with `REDIRECT=` (KNET's auto-void).
 */
export type SimState = 'initialized' | 'captured' | 'not_captured' | 'canceled' | 'host_timeout' | 'reversed';
export type KnetResult = 'CAPTURED' | 'NOT CAPTURED' | 'CANCELED' | 'HOST TIMEOUT';

export interface MerchantNotification {
  delivered: boolean;
  httpStatus?: number;
  /** The first line of the merchant's answer (at most 200 characters). */
  reply?: string;
  error?: string;
}

/** A refund (action 2) KNET accepted against a captured payment; filed under the refund's own track id. */
export interface SimRefund {
  trackId: string;
  /** The KNET payment id of the capture it gives back. */
  originalPaymentId: string;
  amount: string;
  paymentId: string;
  tranId: string;
  ref: string;
  postDate: string;
  createdAt: string;
}

export interface SimTransaction extends PurchaseRequest {
  paymentId: string;
  state: SimState;
  result?: KnetResult;
  auth: string;
  ref: string;
  tranId: string;
  postDate: string;
  authRespCode: string;
  notification?: MerchantNotification;
  /** Refunds accepted against this capture; together never more than `amount`. */
  refunds: SimRefund[];
  createdAt: string;
  updatedAt: string;
}

/** `count` random decimal digits, the first not zero (KNET's ids are numbers). */
export function randomDigits(count: number): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < count) digits += String(randomInt(0, 10));
  return digits;
}

export class SimTransactionStore {
  readonly #byPaymentId = new Map<string, SimTransaction>();
  readonly #refundsByTrackId = new Map<string, SimRefund>();

  create(request: PurchaseRequest, now: Date): SimTransaction {
    let paymentId = randomDigits(18);
    while (this.#byPaymentId.has(paymentId)) paymentId = randomDigits(18);
    const at = now.toISOString();
    const transaction: SimTransaction = {
      ...request,
      udf: [...request.udf],
      paymentId,
      state: 'initialized',
      auth: '',
      ref: '',
      tranId: '',
      postDate: '',
      authRespCode: '',
      refunds: [],
      createdAt: at,
      updatedAt: at,
    };
    this.#byPaymentId.set(paymentId, transaction);
    return transaction;
  }

  byPaymentId(paymentId: string): SimTransaction | undefined {
    return this.#byPaymentId.get(paymentId);
  }

  /** The newest attempt with this track id (a merchant should never reuse one, but KNET keeps them all). */
  byTrackId(trackId: string): SimTransaction | undefined {
    return this.#find((t) => t.trackId === trackId);
  }

  byTranId(tranId: string): SimTransaction | undefined {
    return tranId ? this.#find((t) => t.tranId === tranId) : undefined;
  }

  byRef(ref: string): SimTransaction | undefined {
    return ref ? this.#find((t) => t.ref === ref) : undefined;
  }

  refundByTrackId(trackId: string): SimRefund | undefined {
    return this.#refundsByTrackId.get(trackId);
  }

  /** Files an accepted refund under its capture and under its own track id. */
  addRefund(transaction: SimTransaction, refund: SimRefund): void {
    transaction.refunds.push(refund);
    this.#refundsByTrackId.set(refund.trackId, refund);
  }

  /** Newest first. */
  list(): SimTransaction[] {
    return [...this.#byPaymentId.values()].reverse();
  }

  #find(match: (t: SimTransaction) => boolean): SimTransaction | undefined {
    return this.list().find(match);
  }
}
