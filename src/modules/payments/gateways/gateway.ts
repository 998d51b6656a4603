// The one small interface every card gateway adapter implements (KNET now; MyFatoorah or Tap later), so checkout
// and reconciliation never know which network carried a payment. Amounts are bigint minor units with a currency,
// as everywhere else in Tasdeed.
import { AppError } from '../../../platform/errors/app-error.js';
import { formatAmount } from '../../../shared/money.js';

/**
 * What a gateway says happened to a payment.
 * - `captured`: the money was taken. Final.
 * - `not_captured`: declined, failed, or reversed after the fact. Final.
 * - `canceled`: the customer walked away on the gateway's page. Final.
 * - `host_timeout`: the card issuer did not answer in time; nothing was taken. Final.
 * - `unknown`: the gateway does not (yet) know a final result — ask again later, never treat as paid or failed.
 */
export type GatewayStatus = 'captured' | 'not_captured' | 'canceled' | 'host_timeout' | 'unknown';

export interface GatewayResult {
  status: GatewayStatus;
  /** The gateway's own id for the payment attempt (KNET `paymentid`): the idempotency key for posting. */
  paymentId?: string;
  /** Our id for the attempt, sent when the payment started. */
  trackId: string;
  amount: bigint;
  currency: string;
  /** Issuer's authorisation code (KNET `auth`). */
  authCode?: string;
  /** Network reference (KNET `ref`), quoted by banks in disputes. */
  reference?: string;
  /** Gateway transaction id (KNET `tranid`). */
  transactionId?: string;
  /** Settlement day as the gateway reports it (KNET `postdate`, MMDD): what reconciliation matches on. */
  postDate?: string;
  errorCode?: string;
  errorText?: string;
  /** Every field the gateway sent, decrypted, for the audit trail. */
  raw: Record<string, string>;
}

export interface StartPaymentInput {
  /** Unique per attempt, ≤ 40 letters and digits. */
  trackId: string;
  amount: bigint;
  currency: string;
  language: 'ar' | 'en';
  /** Where the gateway POSTs the result server-to-server. */
  responseUrl: string;
  /** Where the gateway sends the customer's browser when it cannot complete. */
  errorUrl: string;
  /** Up to five user-defined fields stored with the transaction at the gateway (searchable in its portal). */
  udf?: string[];
}

export interface InquiryInput {
  trackId: string;
  amount: bigint;
  currency: string;
  /** When known, ask by the gateway's payment id instead of our track id. */
  paymentId?: string;
}

export interface RefundInput {
  /**
   * The refund's own track id (≤ 40 letters and digits), new for each refund and kept for its retries: the
   * gateway answers a repeat of the same track id with the first answer, so a retry never refunds twice.
   */
  refundTrackId: string;
  /** What to give back now, at most what is left of the capture. */
  amount: bigint;
  currency: string;
  /** The captured payment being refunded, as the gateway knows it. */
  original: { paymentId: string; trackId: string; transactionId?: string };
}

/**
 * What a gateway says about a refund. `refunded`: the money goes back to the card. `rejected`: the gateway refused
 * it (amount above what is left, payment not captured, terminal not allowed to refund…), with its code; nothing moved.
 */
export interface GatewayRefundResult {
  status: 'refunded' | 'rejected';
  refundTrackId: string;
  amount: bigint;
  currency: string;
  /** The gateway's own id for the refund transaction (KNET `payid`). */
  gatewayRefundId?: string;
  transactionId?: string;
  reference?: string;
  postDate?: string;
  errorCode?: string;
  errorText?: string;
  raw: Record<string, string>;
}

export interface PaymentGateway {
  readonly name: string;
  /** Builds the address to send the customer's browser to. No network call. */
  startPayment(input: StartPaymentInput): { redirectUrl: string };
  /**
   * Decrypts and validates what the gateway POSTed to the response URL (or put on the error URL).
   * Throws AppError('gateway_response_invalid') on anything forged, tampered or malformed.
   * This proves the message was made with our key, not that the money moved: confirm with `inquire` before
   * treating a payment as final (manual K-064: "never trust the browser-delivered result alone").
   */
  parseCallback(body: Record<string, string>): GatewayResult;
  /**
   * Asks the gateway server-to-server for the attempt's real state. Checks the answer is about this track id and
   * this amount (AppError('gateway_response_mismatch') otherwise). Network trouble → AppError('gateway_unavailable').
   */
  inquire(input: InquiryInput): Promise<GatewayResult>;
  /**
   * Asks the gateway server-to-server to give back (part of) a captured payment. A refusal is a `rejected` result,
   * not an error. An answer about another refund track id or amount → AppError('gateway_response_mismatch');
   * network trouble or an unreadable answer → AppError('gateway_unavailable' | 'gateway_response_invalid'): the
   * refund's fate is then unknown, and the caller asks again with the same `refundTrackId`.
   */
  refund(input: RefundInput): Promise<GatewayRefundResult>;
}

/**
 * Refuses a result that is not about the expected attempt: different track id, currency or amount. Use it on
 * `parseCallback` results against the stored attempt; `inquire` already applies it.
 */
export function assertGatewayResultMatches(result: GatewayResult, expected: { trackId: string; amount: bigint; currency: string }): void {
  const problems: string[] = [];
  if (result.trackId !== expected.trackId) problems.push('trackId');
  if (result.currency !== expected.currency) problems.push('currency');
  else if (result.amount !== expected.amount) problems.push('amount');
  if (problems.length === 0) return;
  throw new AppError('gateway_response_mismatch', {
    fields: problems,
    expected: { trackId: expected.trackId, amount: formatAmount(expected.amount, expected.currency), currency: expected.currency },
    received: { trackId: result.trackId, amount: safeFormat(result.amount, result.currency), currency: result.currency },
  });
}

function safeFormat(amount: bigint, currency: string): string {
  try {
    return formatAmount(amount, currency);
  } catch {
    return amount.toString();
  }
}
