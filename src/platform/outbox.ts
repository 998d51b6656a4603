// The events other modules raise. They only write an outbox row (in their own transaction); the notifications
// workers turn each into SMS and email per the person's preferences and language.
//
// Every payload names its recipient (`personId`, or `civilId` when the person may not be registered yet) and
// carries `vars`: the already-formatted values the message templates need (amounts as decimal strings, dates as
// YYYY-MM-DD, names in both languages). Notifications never reads another module's tables to fill a template.
import type { Ctx } from './context.js';
import type { StatementPart } from '../db/statement-parts.js';
import { outboxPart, writeOutbox, writeOutboxMany } from './outbox.store.js';

type Recipient = { personId: string | null; civilId?: string | null };
/** A step of a disconnection case (requests/disconnection), about one utility account. */
type ConnectionStep = { caseId: string; accountNumber: string; vars: Record<string, string> };

export interface EventPayloads {
  /** vars: billNumber, billerAr, billerEn, period, amount, currency, dueDate, payUrl, pdfUrl */
  'bill.issued': Recipient & { payableId: string; billId: string; vars: Record<string, string> };
  /** vars: billNumber (or reference), billerAr, billerEn, amount, currency, dueDate, payUrl */
  'bill.due_soon': Recipient & { payableId: string; vars: Record<string, string> };
  /** vars: receiptNumber, amount, currency, paidAt, verifyUrl, items (short text) */
  'payment.received': Recipient & { paymentId: string; receiptNumber: string; vars: Record<string, string> };
  /** vars: violationNumber, typeAr, typeEn, occurredAt, placeAr, placeEn, amount, currency, plate, payUrl */
  'violation.recorded': Recipient & { violationId: string; payableId: string | null; vars: Record<string, string> };
  /** vars: kind-specific: plate or licenceNumber, dueDate, daysLeft */
  'violation.reminder': Recipient & { kind: 'licence_expiry' | 'registration_expiry' | 'inspection_due'; subjectId: string; vars: Record<string, string> };
  /** A service request changed status. vars: requestNumber, typeAr, typeEn, statusAr, statusEn, note */
  'request.updated': Recipient & { requestId: string; status: string; vars: Record<string, string> };
  /**
   * A sign-in code, by SMS to one registered phone whatever the person's preferences. vars: minutes. sealedVars:
   * code, sealed (src/platform/sealing.ts, 'one-time-codes'): this row must not hand a database reader the code.
   */
  'auth.sign_in_code': Recipient & { phone: string; vars: Record<string, string>; sealedVars: Record<string, string> };
  /** Overdue debt put the account on the disconnection list. vars: accountNumber, amount, currency, disconnectOn, payUrl */
  'disconnection.warning': Recipient & ConnectionStep;
  /** The grace period passed with the debt unpaid: field staff have a disconnection order. vars: accountNumber, amount, currency, payUrl */
  'disconnection.ordered': Recipient & ConnectionStep;
  /** The supply was cut. vars: accountNumber, amount, currency, payUrl */
  'disconnection.done': Recipient & ConnectionStep;
  /** The debt was paid: field staff have a reconnection order. vars: accountNumber, dueBy, fee, currency */
  'reconnection.ordered': Recipient & ConnectionStep;
  /** The supply was restored. vars: accountNumber */
  'reconnection.done': Recipient & ConnectionStep;
  /** A prepaid water wallet fell under the low-balance threshold. vars: operatorAr, operatorEn, amount, threshold, currency, topUpUrl */
  'prepaid.low_balance': Recipient & { operatorId: string; dispenseId: string; vars: Record<string, string> };
}

export type EventTopic = keyof EventPayloads;

export async function emitEvent<T extends EventTopic>(ctx: Ctx, topic: T, payload: EventPayloads[T], options: { dedupeKey?: string; availableAt?: Date } = {}): Promise<bigint | undefined> {
  return writeOutbox(ctx.db, { topic, payload, dedupeKey: options.dedupeKey, availableAt: options.availableAt });
}

export interface EventToEmit<T extends EventTopic = EventTopic> {
  topic: T;
  payload: EventPayloads[T];
  dedupeKey?: string;
  availableAt?: Date | null;
}

/** Many events in one statement, in the caller's transaction (bulk paths). Returns how many were new. */
export async function emitMany(ctx: Ctx, events: EventToEmit[]): Promise<number> {
  return writeOutboxMany(ctx.db, events);
}

/**
 * The event as a part of a one-statement write (StatementPart `outbox_new`, returning id and topic): the caller
 * adds `pg_notify('tasdeed_outbox', topic)` over it to its final SELECT, as emitEvent does.
 */
export function eventPart(event: EventToEmit): StatementPart {
  return outboxPart({ topic: event.topic, payload: event.payload, dedupeKey: event.dedupeKey ?? null, ...(event.availableAt ? { availableAt: event.availableAt } : {}) });
}
