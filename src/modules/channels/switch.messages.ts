// What every national switch asks a biller, whatever its wire format: inquiry, payment notification, reversal and
// the day's report. Each adapter (sadad.adapter.ts, efawateer.adapter.ts) only translates its XML to and from these
// messages; the answers come from the same core services as the banks' JSON API, so idempotency, windows, currency
// checks, ledger postings and audit are the core's, never re-implemented per switch.
import { AppError, type ErrorCode } from '../../platform/errors/app-error.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { parseXmlSafely, XmlRefusal, type SafeXmlDocument } from '../../shared/safe-xml.js';
import { inquire, notifyPayment, reversePayment, type BankBill, type NotificationResult } from './banks.service.js';
import { bankDayReport, type BankDayReport } from './reports.service.js';

/** A switch message is a small document: anything larger is refused before parsing. */
export const MAX_SWITCH_MESSAGE_BYTES = 64 * 1024;

/** The bank's (or switch's) transaction id: the same shape the JSON API takes. */
export const TRANSACTION_ID = /^[A-Za-z0-9_.:/-]{1,64}$/;

export type SwitchMessage =
  | { kind: 'inquiry'; billingNumber: string; billerCode: string | null }
  | { kind: 'payment'; payments: { transactionId: string; currency: string; billId: string; amount: string }[] }
  | { kind: 'reversal'; transactionId: string; reason: string }
  | { kind: 'report'; date: string };

export type ReversalAnswer = { transactionId: string; refundId: string; paymentId: string; amount: bigint; currency: string; status: string };

/** One payment of a notification: its result, or the refusal that stopped it (each is answered on its own). */
export type PaymentOutcome = { transactionId: string; result: NotificationResult } | { transactionId: string; error: AppError };

export type SwitchAnswer =
  | { kind: 'inquiry'; billingNumber: string; bills: BankBill[] }
  | { kind: 'payment'; outcomes: PaymentOutcome[] }
  | { kind: 'reversal'; reversal: ReversalAnswer }
  | { kind: 'report'; report: BankDayReport };

/** A request as an adapter read it: the message, or the refusal; the header when it could be read (answers echo it). */
export type ParsedSwitchRequest<H> = { header: H | null; message: SwitchMessage } | { header: H | null; error: AppError };

/** When an answer is written, and the business time zone its statement dates are in. */
export interface AnswerClock { now: Date; timeZone: string }

/** What the routes need of an adapter: read a request, write an answer or a refusal. */
export interface SwitchAdapter<H> {
  name: 'sadad' | 'efawateer';
  parse(text: string): ParsedSwitchRequest<H>;
  render(header: H | null, clock: AnswerClock, outcome: { answer: SwitchAnswer } | { error: AppError }): string;
  resultCode(error: AppError | null): string;
}

/** Runs a switch message on the core services, as the calling bank. */
export async function answerSwitchMessage(ctx: Ctx, actor: Actor, message: SwitchMessage): Promise<SwitchAnswer> {
  switch (message.kind) {
    case 'inquiry': {
      const bills = await inquire(ctx, actor, 'accountNumber', message.billingNumber);
      // The switch names the biller it routes for; a bank may inquire several billers by the same account number.
      return { kind: 'inquiry', billingNumber: message.billingNumber, bills: message.billerCode ? bills.filter((b) => b.billerCode === message.billerCode) : bills };
    }
    case 'payment': {
      const outcomes: PaymentOutcome[] = [];
      for (const p of message.payments) {
        try {
          outcomes.push({ transactionId: p.transactionId, result: await notifyPayment(ctx, actor, { transactionId: p.transactionId, currency: p.currency, bills: [{ billId: p.billId, amount: p.amount }] }) });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          outcomes.push({ transactionId: p.transactionId, error });
        }
      }
      return { kind: 'payment', outcomes };
    }
    case 'reversal': {
      const r = await reversePayment(ctx, actor, { transactionId: message.transactionId, reason: message.reason });
      return { kind: 'reversal', reversal: { transactionId: message.transactionId, ...r } };
    }
    case 'report':
      return { kind: 'report', report: await bankDayReport(ctx, actor, message.date) };
  }
}

/** Parses a switch document, turning the safe parser's refusals into this module's codes. */
export function readSwitchDocument(text: string, arrays: ReadonlySet<string>): SafeXmlDocument {
  try {
    return parseXmlSafely(text, { maxBytes: MAX_SWITCH_MESSAGE_BYTES, arrays });
  } catch (error) {
    if (!(error instanceof XmlRefusal)) throw error;
    const code: ErrorCode = error.reason === 'too_large' ? 'channel_message_too_large'
      : error.reason === 'declaration' ? 'channel_xml_doctype_refused'
        : error.reason === 'empty' ? 'channel_message_invalid' : 'channel_message_malformed';
    throw new AppError(code, error.detail);
  }
}

/** A required text field of a switch message, or channel_message_invalid naming it. */
export function required(value: string | null, field: string, pattern?: RegExp): string {
  if (value === null) throw new AppError('channel_message_invalid', { field, problem: 'missing' });
  if (pattern && !pattern.test(value)) throw new AppError('channel_message_invalid', { field, problem: 'format' });
  return value;
}

/** The error a whole answer reports: the first refused payment of a notification, else none. */
export function firstRefusal(answer: SwitchAnswer): AppError | null {
  if (answer.kind !== 'payment') return null;
  for (const o of answer.outcomes) if ('error' in o) return o.error;
  return null;
}

/** Maps an error code to a switch's result code: the first table entry that lists it, else the fallback. */
export function resultCodeOf(table: readonly (readonly [code: string, codes: readonly ErrorCode[]])[], error: AppError | null, fallback: { refused: string; internal: string }): string {
  if (!error) return '0';
  for (const [result, codes] of table) if (codes.includes(error.code)) return result;
  return error.status >= 500 ? fallback.internal : fallback.refused;
}
