// SADAD-style XML (Saudi Arabia) over the biller core. SADAD's biller messages are identified by a message code
// (FACTS.md: BINQRQ inquiry, PNOTRQ payment notification, BLRCRQ biller reconciliation); the payment record uses
// SADAD's field names (SadadPmtId, BankPmtId, BillerId, BillNumber, BillingAcct, CurAmt, PrcDt, BankReversalId).
// What we could not confirm from public material is ours and named in the same style: the reversal message code
// PREVRQ/PREVRS, the envelope (<SADAD><MsgHdr>…</MsgHdr><…Rq>…</…Rq></SADAD>) and the status codes below.
//   <SADAD><MsgHdr><MsgCode>PNOTRQ</MsgCode><RqUID>…</RqUID><SenderID>…</SenderID><ReceiverID>…</ReceiverID>
//     <TimeStamp>…</TimeStamp></MsgHdr><PmtNotifyRq><PmtRec>…</PmtRec></PmtNotifyRq></SADAD>
// Answers echo RqUID, carry <Status><StatusCode/><Severity/><StatusDesc/></Status> and the answer's record.
// SADAD is a riyal system: a payment record without <CurCode> is in SAR.
import { AppError, errorDefinition, type ErrorCode } from '../../platform/errors/app-error.js';
import { formatAmount } from '../../shared/money.js';
import { isDay } from '../../shared/days.js';
import { writeXml, xmlChild, xmlList, xmlText, type XmlTree } from '../../shared/safe-xml.js';
import { firstRefusal, readSwitchDocument, required, resultCodeOf, TRANSACTION_ID, type AnswerClock, type ParsedSwitchRequest, type SwitchAdapter, type SwitchAnswer, type SwitchMessage } from './switch.messages.js';

const ROOT = 'SADAD';
const REQUESTS = { BINQRQ: 'BillInqRq', PNOTRQ: 'PmtNotifyRq', PREVRQ: 'PmtRevRq', BLRCRQ: 'BlrReconRq' } as const;
const RESPONSES = { BINQRQ: ['BINQRS', 'BillInqRs'], PNOTRQ: ['PNOTRS', 'PmtNotifyRs'], PREVRQ: ['PREVRS', 'PmtRevRs'], BLRCRQ: ['BLRCRS', 'BlrReconRs'] } as const;
export type SadadMessageCode = keyof typeof REQUESTS;

/** Status codes: 0 success; 1xx the message; 2xx the bill; 3xx the bank; 4xx the payment; 9xx anything else. */
const STATUS: readonly (readonly [string, readonly ErrorCode[]])[] = [
  ['100', ['channel_message_invalid', 'channel_message_malformed', 'channel_message_type_unknown', 'validation_failed', 'unknown_field', 'lookup_required']],
  ['101', ['channel_xml_doctype_refused', 'channel_namespace_unknown']],
  ['102', ['channel_message_too_large']],
  ['110', ['signature_invalid', 'forbidden', 'unauthenticated']],
  ['201', ['payable_not_found']],
  ['202', ['payable_already_paid', 'payable_cancelled', 'payable_not_payable_online']],
  ['203', ['payable_overpaid', 'payment_below_minimum']],
  ['204', ['amount_invalid', 'amount_too_precise', 'amount_not_positive']],
  ['205', ['channel_currency_mismatch']],
  ['301', ['channel_bank_not_allowed']],
  ['401', ['channel_notification_conflict']],
  ['402', ['channel_payment_unknown']],
  ['403', ['channel_already_reversed']],
  ['404', ['channel_reversal_window_closed']],
];
export const sadadStatusCode = (error: AppError | null) => resultCodeOf(STATUS, error, { refused: '900', internal: '999' });

export interface SadadHeader { msgCode: SadadMessageCode | null; rqUID: string | null; senderId: string | null; receiverId: string | null }

/** Reads a SADAD request into a switch message, or the refusal; the header comes back whenever it could be read. */
export function parseSadadRequest(text: string): ParsedSwitchRequest<SadadHeader> {
  let header: SadadHeader | null = null;
  try {
    const doc = readSwitchDocument(text, new Set(['PmtRec']));
    if (doc.root !== ROOT || doc.namespaces.length > 0) throw new AppError('channel_namespace_unknown', { root: doc.root, namespaces: doc.namespaces });
    const hdr = xmlChild(doc.body, 'MsgHdr');
    const code = xmlText(hdr, 'MsgCode');
    header = { msgCode: code && code in REQUESTS ? (code as SadadMessageCode) : null, rqUID: xmlText(hdr, 'RqUID'), senderId: xmlText(hdr, 'SenderID'), receiverId: xmlText(hdr, 'ReceiverID') };
    if (!header.msgCode) throw new AppError('channel_message_type_unknown', { msgCode: code });
    if (!header.rqUID || !TRANSACTION_ID.test(header.rqUID)) throw new AppError('channel_message_invalid', { field: 'MsgHdr/RqUID' });
    const body = xmlChild(doc.body, REQUESTS[header.msgCode]);
    if (!body) throw new AppError('channel_message_invalid', { field: REQUESTS[header.msgCode], problem: 'missing' });
    return { header, message: messageOf(header.msgCode, body) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { header, error };
  }
}

function messageOf(code: SadadMessageCode, body: Record<string, unknown>): SwitchMessage {
  switch (code) {
    case 'BINQRQ':
      return { kind: 'inquiry', billingNumber: required(xmlText(body, 'BillingAcct'), 'BillingAcct', /^.{1,64}$/), billerCode: xmlText(body, 'BillerId') };
    case 'PNOTRQ': {
      const records = xmlList(body, 'PmtRec');
      if (records.length !== 1) throw new AppError('channel_message_invalid', { field: 'PmtRec', count: records.length });
      const rec = records[0]!;
      return {
        kind: 'payment',
        payments: [{
          transactionId: required(xmlText(rec, 'SadadPmtId'), 'SadadPmtId', TRANSACTION_ID), currency: required(xmlText(rec, 'CurCode') ?? 'SAR', 'CurCode', /^[A-Z]{3}$/),
          billId: required(xmlText(rec, 'BillNumber'), 'BillNumber', /^.{1,64}$/), amount: required(xmlText(rec, 'CurAmt'), 'CurAmt', /^.{1,32}$/),
        }],
      };
    }
    case 'PREVRQ': {
      const rec = xmlChild(body, 'PmtRec');
      return { kind: 'reversal', transactionId: required(xmlText(rec, 'SadadPmtId'), 'SadadPmtId', TRANSACTION_ID), reason: required(xmlText(rec, 'RevReason'), 'RevReason', /^[\s\S]{3,500}$/) };
    }
    case 'BLRCRQ': {
      const date = required(xmlText(body, 'PrcDt'), 'PrcDt');
      if (!isDay(date)) throw new AppError('channel_message_invalid', { field: 'PrcDt', problem: 'a date YYYY-MM-DD' });
      return { kind: 'report', date };
    }
  }
}

const localTime = (at: Date) => at.toISOString().slice(0, 19);

function statusOf(error: AppError | null): XmlTree {
  const code = sadadStatusCode(error);
  return { StatusCode: code, Severity: error ? 'Error' : 'Info', StatusDesc: error ? errorDefinition(error.code).en : 'Success' };
}

/** Writes the answer (or the refusal) to a request, echoing its header. */
export function renderSadadResponse(header: SadadHeader | null, clock: AnswerClock, outcome: { answer: SwitchAnswer } | { error: AppError }): string {
  const code = header?.msgCode ?? null;
  const [responseCode, bodyName] = code ? RESPONSES[code] : ['ERRRS', null];
  const error = 'error' in outcome ? outcome.error : firstRefusal(outcome.answer);
  const tree: XmlTree = {
    MsgHdr: { MsgCode: responseCode, RqUID: header?.rqUID, SenderID: header?.receiverId, ReceiverID: header?.senderId, TimeStamp: localTime(clock.now) },
    Status: statusOf(error),
  };
  if ('answer' in outcome && bodyName) tree[bodyName] = answerBody(outcome.answer);
  return `<?xml version="1.0" encoding="UTF-8"?><${ROOT}>${writeXml(tree)}</${ROOT}>`;
}

function answerBody(answer: SwitchAnswer): XmlTree {
  switch (answer.kind) {
    case 'inquiry':
      return {
        RecCount: answer.bills.length,
        BillRec: answer.bills.map((b) => ({
          BillerId: b.billerCode, BillingAcct: answer.billingNumber, BillNumber: b.billId, BillCategory: b.kind, DueDt: b.dueDate,
          AmtDue: formatAmount(b.amountDue, b.currency), CurCode: b.currency, PartialPmtAllowed: b.partialAllowed,
          PmtRange: { MinAmt: formatAmount(b.minAmount, b.currency), MaxAmt: formatAmount(b.maxAmount, b.currency) },
          BillDesc: { Ar: b.description.ar, En: b.description.en },
        })),
      };
    case 'payment':
      return {
        PmtRec: answer.outcomes.map((o) => ('result' in o ? {
          SadadPmtId: o.transactionId, BillerPmtId: o.result.payment.id, ReceiptNumber: o.result.payment.receiptNumber,
          CurAmt: formatAmount(o.result.payment.amount, o.result.payment.currency), CurCode: o.result.payment.currency,
          PrcDt: (o.result.payment.postedAt ?? o.result.payment.createdAt).toISOString(), PmtStatus: o.result.payment.status, Status: statusOf(null),
        } : { SadadPmtId: o.transactionId, Status: statusOf(o.error) })),
      };
    case 'reversal': {
      const r = answer.reversal;
      return { PmtRec: { SadadPmtId: r.transactionId, BillerPmtId: r.paymentId, BillerReversalId: r.refundId, CurAmt: formatAmount(r.amount, r.currency), CurCode: r.currency, PmtStatus: r.status } };
    }
    case 'report': {
      const { report } = answer;
      return {
        PrcDt: report.businessDate,
        PmtRec: report.payments.map((p) => ({ SadadPmtId: p.transactionId, BillerPmtId: p.paymentId, ReceiptNumber: p.receiptNumber, CurAmt: p.amount, CurCode: p.currency, PrcDt: p.postedAt, PmtStatus: p.status })),
        RevRec: report.reversals.map((r) => ({ SadadPmtId: r.transactionId, BillerPmtId: r.paymentId, BillerReversalId: r.reversalId, CurAmt: r.amount, CurCode: r.currency, RevDt: r.at, RevReason: r.reason })),
        Totals: { Total: report.totals.map((t) => ({ CurCode: t.currency, PmtCount: t.paymentCount, PmtAmt: t.paid, RevCount: t.reversalCount, RevAmt: t.reversed, NetAmt: t.net })) },
      };
    }
  }
}

// ——— The bank's side, for the simulator (`tasdeed dev bank --protocol sadad`) and the tests ———

export type SadadRequestBody =
  | { code: 'BINQRQ'; billingAcct: string; billerId?: string }
  | { code: 'PNOTRQ'; sadadPmtId: string; bankPmtId: string; billerId: string; billNumber: string; amount: string; currency?: string; processedAt: Date }
  | { code: 'PREVRQ'; sadadPmtId: string; bankReversalId: string; reason: string }
  | { code: 'BLRCRQ'; date: string };

/** A request as a bank's SADAD gateway sends it. */
export function buildSadadRequest(rqUID: string, sender: string, body: SadadRequestBody, now: Date): string {
  let content: XmlTree;
  switch (body.code) {
    case 'BINQRQ': content = { BillerId: body.billerId, BillingAcct: body.billingAcct }; break;
    case 'PNOTRQ': content = { PmtRec: { SadadPmtId: body.sadadPmtId, BankPmtId: body.bankPmtId, BillerId: body.billerId, BillNumber: body.billNumber, CurAmt: body.amount, CurCode: body.currency, PrcDt: localTime(body.processedAt), BankDetails: { BankId: sender, AccessChannel: 'BTELLER' }, PmtMethod: 'CASH' } }; break;
    case 'PREVRQ': content = { PmtRec: { SadadPmtId: body.sadadPmtId, BankReversalId: body.bankReversalId, RevReason: body.reason } }; break;
    case 'BLRCRQ': content = { PrcDt: body.date }; break;
  }
  const tree: XmlTree = { MsgHdr: { MsgCode: body.code, RqUID: rqUID, SenderID: sender, ReceiverID: 'TASDEED', TimeStamp: localTime(now) }, [REQUESTS[body.code]]: content };
  return `<?xml version="1.0" encoding="UTF-8"?><${ROOT}>${writeXml(tree)}</${ROOT}>`;
}

/** Reads an answer the way a bank does: its status code and the answer's body as a plain tree. */
export function readSadadResponse(text: string): { msgCode: string | null; statusCode: string | null; body: Record<string, unknown> } {
  const doc = readSwitchDocument(text, new Set(['BillRec', 'PmtRec', 'RevRec', 'Total']));
  const bodyName = Object.keys(doc.body).find((k) => k !== 'MsgHdr' && k !== 'Status' && !k.startsWith('@_'));
  return { msgCode: xmlText(xmlChild(doc.body, 'MsgHdr'), 'MsgCode'), statusCode: xmlText(xmlChild(doc.body, 'Status'), 'StatusCode'), body: (bodyName ? xmlChild(doc.body, bodyName) : undefined) ?? {} };
}

export const sadadAdapter: SwitchAdapter<SadadHeader> = { name: 'sadad', parse: parseSadadRequest, render: renderSadadResponse, resultCode: sadadStatusCode };
