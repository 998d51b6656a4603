// What happens to a payment attempt inside the simulator: it is opened from the merchant's redirect, the
// customer (or a test) chooses an outcome, KNET notifies the merchant and waits for `REDIRECT=`, and the merchant
// can ask at any time by inquiry, or refund a capture (knet-sim.refund.ts). Page buttons and the test endpoint both call `completeTransaction`.
import { localDate } from '../../platform/clock.js';
import { parseKnetXml, toKnetXml } from '../../modules/payments/index.js';
import { IPAY_ERRORS, KnetSimError, encryptResponse, readPurchaseRequest, type IpayCode, type KnetSimTerminal } from './knet-sim.protocol.js';
import { answerRefund } from './knet-sim.refund.js';
import { randomDigits, type KnetResult, type MerchantNotification, type SimTransaction, type SimTransactionStore } from './knet-sim.store.js';

export type SimAction = 'approve' | 'decline' | 'cancel' | 'timeout';
export const SIM_ACTIONS: readonly SimAction[] = ['approve', 'decline', 'cancel', 'timeout'];

export interface SimContext {
  terminal: KnetSimTerminal;
  store: SimTransactionStore;
  notifyTimeoutMs: number;
  /** Aborted when the simulator closes, so no notification outlives it. */
  signal: AbortSignal;
  now(): Date;
  /** Set by a test to make inquiries slow: each waits for `released` (see KnetSimulator.holdInquiries). */
  inquiryHold?: { arrived(): void; released: Promise<void> };
  /** Set by a test: the next refund is processed, then its answer is lost (the connection dropped). */
  dropNextRefundAnswer?: boolean;
}

export interface SimOutcome {
  transaction: SimTransaction;
  /** Where the customer's browser goes next; null after a host timeout (KNET shows its own page). */
  redirectUrl: string | null;
}

/** Opens (or, on a page reload, reopens) the attempt described by a merchant's `paymentInit` redirect. */
export function openPurchase(query: { trandata?: string; tranportalId?: string }, ctx: SimContext): SimTransaction {
  const request = readPurchaseRequest(query, ctx.terminal);
  const existing = ctx.store.byTrackId(request.trackId);
  if (existing) {
    const sameAttempt = existing.state === 'initialized' && existing.amount === request.amount && existing.responseUrl === request.responseUrl;
    if (sameAttempt) return existing;
    throw new KnetSimError('IPAY0100114');
  }
  return ctx.store.create(request, ctx.now());
}

export async function completeTransaction(paymentId: string, action: SimAction, ctx: SimContext): Promise<SimOutcome> {
  const transaction = ctx.store.byPaymentId(paymentId);
  if (!transaction) throw new KnetSimError('sim_not_found', 'No such payment', 404);
  if (transaction.state !== 'initialized') throw new KnetSimError('sim_already_completed', `This payment is already ${transaction.state}`, 409);
  if (!SIM_ACTIONS.includes(action)) throw new KnetSimError('sim_bad_request', `action must be one of ${SIM_ACTIONS.join(', ')}`);

  // The state changes before any await, so a second click (or a merchant inquiring during the notification)
  // sees the result KNET would have at that moment.
  decide(transaction, action, ctx.now());
  if (action === 'timeout') return { transaction, redirectUrl: null };

  const notification = await notifyMerchant(transaction, ctx);
  transaction.notification = notification.report;
  if (notification.receiptUrl) return { transaction, redirectUrl: notification.receiptUrl };
  // KNET voids an approved payment whose merchant did not take the notification, and sends the customer to the error URL.
  if (transaction.result === 'CAPTURED') transaction.state = 'reversed';
  transaction.updatedAt = ctx.now().toISOString();
  return { transaction, redirectUrl: errorRedirect(transaction, 'IPAY0100249', ctx.terminal) };
}

function decide(transaction: SimTransaction, action: SimAction, now: Date): void {
  const outcomes: Record<SimAction, { state: SimTransaction['state']; result: KnetResult; authRespCode: string }> = {
    approve: { state: 'captured', result: 'CAPTURED', authRespCode: '00' },
    decline: { state: 'not_captured', result: 'NOT CAPTURED', authRespCode: '05' },
    cancel: { state: 'canceled', result: 'CANCELED', authRespCode: '' },
    timeout: { state: 'host_timeout', result: 'HOST TIMEOUT', authRespCode: '91' },
  };
  Object.assign(transaction, outcomes[action], { updatedAt: now.toISOString() });
  if (action === 'cancel') return; // the customer left before anything reached the card network
  transaction.tranId = randomDigits(16);
  transaction.ref = randomDigits(12);
  transaction.postDate = localDate(now, 'Asia/Kuwait').slice(5).replace('-', ''); // KNET's own day: Kuwait's
  if (action === 'approve') transaction.auth = randomDigits(6);
}

/** The result message KNET encrypts, in the order of the manual's samples. */
function resultFields(transaction: SimTransaction, result: string): [string, string][] {
  return [
    ['paymentid', transaction.paymentId],
    ['result', result],
    ['auth', transaction.auth],
    ['avr', 'N'],
    ['ref', transaction.ref],
    ['tranid', transaction.tranId],
    ['postdate', transaction.postDate],
    ['trackid', transaction.trackId],
    ...transaction.udf.map((value, index): [string, string] => [`udf${index + 1}`, value]),
    ['amt', transaction.amount],
    ...(transaction.authRespCode ? [['authRespCode', transaction.authRespCode] as [string, string]] : []),
  ];
}

async function notifyMerchant(transaction: SimTransaction, ctx: SimContext): Promise<{ receiptUrl?: string; report: MerchantNotification }> {
  const body = new URLSearchParams({
    paymentid: transaction.paymentId,
    trackid: transaction.trackId,
    trandata: encryptResponse(resultFields(transaction, transaction.result!), ctx.terminal),
  });
  let status: number;
  let text: string;
  try {
    const response = await fetch(transaction.responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      redirect: 'manual', // the manual: the response page must not redirect, only print the line
      signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(ctx.notifyTimeoutMs)]),
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    return { report: { delivered: false, error: `merchant unreachable: ${error instanceof Error ? error.message : String(error)}` } };
  }
  const firstLine = text.trimStart().split(/\r?\n/, 1)[0]!.trim().slice(0, 200);
  if (status !== 200) return { report: { delivered: false, httpStatus: status, reply: firstLine, error: `merchant answered HTTP ${status}` } };
  const receiptUrl = /^REDIRECT=(\S+)$/.exec(firstLine)?.[1];
  if (!receiptUrl || !isHttpUrl(receiptUrl)) {
    return { report: { delivered: false, httpStatus: status, reply: firstLine, error: 'merchant answer is not REDIRECT=<absolute URL>' } };
  }
  return { receiptUrl, report: { delivered: true, httpStatus: status, reply: firstLine } };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The error URL with the outcome encrypted (and, as KNET's kits expect, the ids and error in clear). */
export function errorRedirect(transaction: SimTransaction, code: IpayCode, terminal: KnetSimTerminal): string {
  const result = transaction.state === 'reversed' ? 'NOT CAPTURED' : (transaction.result ?? 'NOT CAPTURED');
  const fields: [string, string][] = [...resultFields(transaction, result), ['Error', code], ['ErrorText', IPAY_ERRORS[code]]];
  const url = new URL(transaction.errorUrl);
  url.searchParams.set('paymentid', transaction.paymentId);
  url.searchParams.set('trackid', transaction.trackId);
  url.searchParams.set('Error', code);
  url.searchParams.set('ErrorText', IPAY_ERRORS[code]);
  url.searchParams.set('trandata', encryptResponse(fields, terminal));
  return url.toString();
}

// Inquiry answers: KNET's answer words for each state. A reversed payment was voided, so it is not captured.
const INQUIRY_RESULT: Record<Exclude<SimTransaction['state'], 'initialized'>, KnetResult> = {
  captured: 'CAPTURED',
  not_captured: 'NOT CAPTURED',
  canceled: 'CANCELED',
  host_timeout: 'HOST TIMEOUT',
  reversed: 'NOT CAPTURED',
};

/** What /kpg/tranPipe.htm receives: an action 2 refund or an action 8 inquiry, from this terminal. */
export function answerTranPipe(xml: string, ctx: SimContext): { action: string; answer: string } {
  try {
    const f = readTerminalMessage(xml, ctx);
    if (f.action === '2') return { action: '2', answer: answerRefund(f, ctx) };
    if (f.action !== '8') throw new KnetSimError('IPAY0100020');
    return { action: '8', answer: answerInquiry(f, ctx) };
  } catch (error) {
    return { action: '', answer: errorAnswer(error) };
  }
}

function errorAnswer(error: unknown): string {
  if (!(error instanceof KnetSimError)) throw error;
  return toKnetXml([
    ['result', `!ERROR!-${error.code}-${error.text}`],
    ['error_code_tag', error.code],
    ['error_text', error.text],
  ]);
}

/** The action a server-to-server message asks for, if it can be read at all. */
export function tranPipeAction(xml: string): string | undefined {
  try {
    return parseKnetXml(xml).action;
  } catch {
    return undefined;
  }
}

/** Reads a server-to-server message and checks it comes from this terminal. */
function readTerminalMessage(xml: string, ctx: SimContext): Record<string, string> {
  let f: Record<string, string>;
  try {
    f = parseKnetXml(xml);
  } catch {
    throw new KnetSimError('IPAY0100272');
  }
  if (!f.id) throw new KnetSimError('IPAY0100005');
  if (f.id !== ctx.terminal.tranportalId) throw new KnetSimError('IPAY0100006');
  if (f.password !== ctx.terminal.tranportalPassword) throw new KnetSimError('IPAY0100015');
  return f;
}

/** Answers an action 8 inquiry (XML out), by whichever id `udf5` names. */
function answerInquiry(f: Record<string, string>, ctx: SimContext): string {
  try {
    const transaction = findInquired(f, ctx);
    const fields = resultFields(transaction, INQUIRY_RESULT[transaction.state as keyof typeof INQUIRY_RESULT]);
    // The inquiry answer calls the payment id `payid` (K-064 §3.7.3).
    return toKnetXml(fields.map(([name, value]): [string, string] => [name === 'paymentid' ? 'payid' : name, value]));
  } catch (error) {
    return errorAnswer(error);
  }
}

function findInquired(f: Record<string, string>, ctx: SimContext): SimTransaction {
  const key = f.transid ?? '';
  let transaction: SimTransaction | undefined;
  switch ((f.udf5 ?? '').toLowerCase()) {
    case 'trackid':
      // K-064: by track id, `transid` and `trackid` must carry the same value.
      if (!key || key !== f.trackid) throw new KnetSimError('IPAY0100027');
      transaction = ctx.store.byTrackId(key);
      break;
    case 'paymentid':
      transaction = ctx.store.byPaymentId(key);
      break;
    case '':
    case 'transid':
    case 'transactionid':
      transaction = ctx.store.byTranId(key);
      break;
    case 'refid':
    case 'seqnum':
      transaction = ctx.store.byRef(key);
      break;
    default:
      throw new KnetSimError('IPAY0100032');
  }
  if (!transaction) throw new KnetSimError('IPAY0100054');
  if (transaction.state === 'initialized') throw new KnetSimError('IPAY0100263');
  return transaction;
}
