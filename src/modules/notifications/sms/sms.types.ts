// The SMS adapter's interface, as the notifications outbox worker sees it. One implementation today (SMPP 3.4);
// an HTTP aggregator could sit behind the same interface later.
import type { DeliveryReceipt } from './smpp.receipt.js';

export type { DeliveryReceipt, DeliveryStatus } from './smpp.receipt.js';

export interface OutgoingSms {
  /** Recipient in E.164 (`+96550001234`) or a national number of digits. */
  to: string;
  /** Sender: an alphanumeric name (≤ 11 characters, e.g. `Tasdeed`) or a number; defaults to the configured one. */
  from?: string;
  text: string;
  /**
   * What makes this message the same message when it is sent again (the notification's id). A long message resent
   * after a drop then carries the same concatenation reference, so the handset joins the new parts with any part
   * that got through the first time instead of keeping an orphan. Without it each send takes a new reference.
   */
  key?: string;
}

export interface SentSms {
  /** One id per segment, in segment order, as the SMS centre returned them: receipts refer to these. */
  messageIds: string[];
  segments: number;
}

/** A message someone sent to us (mobile originated), e.g. `STOP` to opt out. */
export interface InboundSms {
  /** The sender's number, `+…` when the SMS centre gave it in international format. */
  from: string;
  /** Our number or short code it was sent to. */
  to: string;
  text: string;
  receivedAt: Date;
}

/**
 * A listener may return a promise: the SMS centre gets its deliver_sm_resp only after it settles, and a rejected
 * promise is answered with a temporary error, so the SMS centre delivers the receipt or message again later.
 */
export type ReceiptListener = (receipt: DeliveryReceipt) => void | Promise<void>;
export type InboundListener = (message: InboundSms) => void | Promise<void>;

export interface SmsSender {
  /**
   * Sends one text, split into as many segments as it needs. Resolves once the SMS centre accepted every segment.
   * Rejects with an AppError whose `details.retryable` says whether to try again (see isRetryableSmsError).
   */
  send(message: OutgoingSms): Promise<SentSms>;
  onReceipt(listener: ReceiptListener): void;
  onInbound(listener: InboundListener): void;
  /** Waits for messages already submitted, unbinds and closes; queued messages fail as retryable. */
  close(): Promise<void>;
}
