// eFAWATEERcom-style XML (Jordan) over the biller core. The published biller interface wraps every message in
// <MFEP><MsgHeader><TmStp/><GUID/><TrsInf><SdrCode/><RcvCode/><ReqTyp/></TrsInf></MsgHeader><MsgBody/>
// <MsgFooter/></MFEP>; answers carry <ResTyp> and <Result><ErrorCode/><ErrorDesc/><Severity/></Result> in the
// header. BILPULRQ/RS is the bill pull (AcctInfo/BillingNo → BillsRec/BillRec with DueAmount, DueDate, PmtConst
// AllowPart/Lower/Upper), BLRPMTNTFRQ/RS the payment notification (Transactions/TrxInf with JOEBPPSTrx, BankTrxID,
// AcctInfo/BillNo, PaidAmt, ProcessDate → JOEBPPSTrx, ProcessDate, STMTDate, Result per transaction), and the
// error codes are the published ones (0 success, 101 schema, 2 signature, 324 paid previously, 325 invalid paid
// amount, 329 not in range, 340 duplicated payment, 353 exceeds upper limit, 401 bill not found, …).
// Reversal and the day's reconciliation have no published biller message we could confirm: PMTRVSLRQ/RS and
// BLRRCNRQ/RS are ours, in the same envelope. Amounts without <Currency> are in JOD, the switch's currency.
import { AppError, errorDefinition, type ErrorCode } from '../../platform/errors/app-error.js';
import { formatAmount } from '../../shared/money.js';
import { isDay } from '../../shared/days.js';
import { writeXml, xmlChild, xmlList, xmlText, type XmlTree } from '../../shared/safe-xml.js';
import { localDate } from '../../platform/clock.js';
import {
  firstRefusal, readSwitchDocument, required, resultCodeOf, TRANSACTION_ID,
  type AnswerClock, type ParsedSwitchRequest, type SwitchAdapter, type SwitchAnswer, type SwitchMessage,
} from './switch.messages.js';

const ROOT = 'MFEP';
const RESPONSE_TYPES = { BILPULRQ: 'BILPULRS', BLRPMTNTFRQ: 'BLRPMTNTFRS', PMTRVSLRQ: 'PMTRVSLRS', BLRRCNRQ: 'BLRRCNRS' } as const;
export type EfawateerRequestType = keyof typeof RESPONSE_TYPES;
/** A notification may carry several transactions; each is answered on its own. */
const MAX_TRANSACTIONS = 20;

const RESULT: readonly (readonly [string, readonly ErrorCode[]])[] = [
  ['101', ['channel_message_invalid', 'channel_message_malformed', 'channel_message_type_unknown', 'channel_xml_doctype_refused', 'channel_namespace_unknown', 'channel_message_too_large', 'validation_failed', 'unknown_field', 'lookup_required']],
  ['2', ['signature_invalid', 'forbidden', 'unauthenticated']],
  ['401', ['payable_not_found']],
  ['324', ['payable_already_paid']],
  ['323', ['payable_cancelled', 'payable_not_payable_online']],
  ['353', ['payable_overpaid']],
  ['329', ['payment_below_minimum']],
  ['325', ['amount_invalid', 'amount_too_precise', 'amount_not_positive', 'channel_currency_mismatch']],
  ['350', ['channel_bank_not_allowed']],
  ['340', ['channel_notification_conflict']],
  ['328', ['channel_payment_unknown']],
  ['701', ['channel_already_reversed']],
];
export const efawateerResultCode = (error: AppError | null) => resultCodeOf(RESULT, error, { refused: '404', internal: '303' });

export interface EfawateerHeader { reqTyp: EfawateerRequestType | null; guid: string | null; sdrCode: string | null; rcvCode: string | null }

export function parseEfawateerRequest(text: string): ParsedSwitchRequest<EfawateerHeader> {
  let header: EfawateerHeader | null = null;
  try {
    const doc = readSwitchDocument(text, new Set(['TrxInf']));
    if (doc.root !== ROOT || doc.namespaces.length > 0) throw new AppError('channel_namespace_unknown', { root: doc.root, namespaces: doc.namespaces });
    const msgHeader = xmlChild(doc.body, 'MsgHeader');
    const trsInf = xmlChild(msgHeader, 'TrsInf');
    const type = xmlText(trsInf, 'ReqTyp');
    header = { reqTyp: type && type in RESPONSE_TYPES ? (type as EfawateerRequestType) : null, guid: xmlText(msgHeader, 'GUID'), sdrCode: xmlText(trsInf, 'SdrCode'), rcvCode: xmlText(trsInf, 'RcvCode') };
    if (!header.reqTyp) throw new AppError('channel_message_type_unknown', { reqTyp: type });
    if (!header.guid || !TRANSACTION_ID.test(header.guid)) throw new AppError('channel_message_invalid', { field: 'MsgHeader/GUID' });
    required(xmlText(msgHeader, 'TmStp'), 'MsgHeader/TmStp');
    const body = xmlChild(doc.body, 'MsgBody');
    if (!body) throw new AppError('channel_message_invalid', { field: 'MsgBody', problem: 'missing' });
    return { header, message: messageOf(header.reqTyp, body) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { header, error };
  }
}

function messageOf(type: EfawateerRequestType, body: Record<string, unknown>): SwitchMessage {
  switch (type) {
    case 'BILPULRQ': {
      const acct = xmlChild(body, 'AcctInfo');
      return { kind: 'inquiry', billingNumber: required(xmlText(acct, 'BillingNo'), 'AcctInfo/BillingNo', /^.{1,64}$/), billerCode: xmlText(acct, 'BillerCode') };
    }
    case 'BLRPMTNTFRQ': {
      const transactions = xmlList(xmlChild(body, 'Transactions'), 'TrxInf');
      if (transactions.length === 0 || transactions.length > MAX_TRANSACTIONS) throw new AppError('channel_message_invalid', { field: 'Transactions/TrxInf', count: transactions.length });
      return {
        kind: 'payment',
        payments: transactions.map((trx) => ({
          transactionId: required(xmlText(trx, 'JOEBPPSTrx'), 'TrxInf/JOEBPPSTrx', TRANSACTION_ID),
          currency: required(xmlText(trx, 'Currency') ?? 'JOD', 'TrxInf/Currency', /^[A-Z]{3}$/),
          billId: required(xmlText(xmlChild(trx, 'AcctInfo'), 'BillNo'), 'TrxInf/AcctInfo/BillNo', /^.{1,64}$/),
          amount: required(xmlText(trx, 'PaidAmt'), 'TrxInf/PaidAmt', /^.{1,32}$/),
        })),
      };
    }
    case 'PMTRVSLRQ': {
      const trx = xmlChild(xmlChild(body, 'Transactions'), 'TrxInf');
      return { kind: 'reversal', transactionId: required(xmlText(trx, 'JOEBPPSTrx'), 'TrxInf/JOEBPPSTrx', TRANSACTION_ID), reason: required(xmlText(trx, 'RvslReason'), 'TrxInf/RvslReason', /^[\s\S]{3,500}$/) };
    }
    case 'BLRRCNRQ': {
      const date = required(xmlText(body, 'STMTDate'), 'STMTDate');
      if (!isDay(date)) throw new AppError('channel_message_invalid', { field: 'STMTDate', problem: 'a date YYYY-MM-DD' });
      return { kind: 'report', date };
    }
  }
}

const timestamp = (at: Date) => at.toISOString().slice(0, 19);

function resultOf(error: AppError | null): XmlTree {
  return { ErrorCode: efawateerResultCode(error), ErrorDesc: error ? errorDefinition(error.code).en : 'Success', Severity: error ? 'Error' : 'Info' };
}

export function renderEfawateerResponse(header: EfawateerHeader | null, clock: AnswerClock, outcome: { answer: SwitchAnswer } | { error: AppError }): string {
  const error = 'error' in outcome ? outcome.error : firstRefusal(outcome.answer);
  const tree: XmlTree = {
    MsgHeader: {
      TmStp: timestamp(clock.now), GUID: header?.guid,
      TrsInf: { SdrCode: header?.rcvCode, RcvCode: header?.sdrCode, ResTyp: header?.reqTyp ? RESPONSE_TYPES[header.reqTyp] : 'ERRRS' },
      Result: resultOf(error),
    },
    MsgBody: 'answer' in outcome ? answerBody(outcome.answer, clock) : null,
  };
  return `<?xml version="1.0" encoding="UTF-8"?><${ROOT}>${writeXml(tree)}</${ROOT}>`;
}

function answerBody(answer: SwitchAnswer, clock: AnswerClock): XmlTree {
  switch (answer.kind) {
    case 'inquiry':
      return {
        RecCount: answer.bills.length,
        BillsRec: answer.bills.length === 0 ? null : {
          BillRec: answer.bills.map((b) => ({
            Result: resultOf(null),
            AcctInfo: { BillingNo: answer.billingNumber, BillNo: b.billId, BillerCode: b.billerCode },
            BillStatus: b.amountDue < b.maxAmount ? 'BillPartiallyPaid' : 'BillNew',
            DueAmount: formatAmount(b.amountDue, b.currency), Currency: b.currency, DueDate: b.dueDate, ServiceType: b.kind,
            PmtConst: { AllowPart: b.partialAllowed, Lower: formatAmount(b.minAmount, b.currency), Upper: formatAmount(b.maxAmount, b.currency) },
          })),
        },
      };
    case 'payment':
      return {
        Transactions: {
          TrxInf: answer.outcomes.map((o) => {
            if ('error' in o) return { JOEBPPSTrx: o.transactionId, Result: resultOf(o.error) };
            const posted = o.result.payment.postedAt ?? o.result.payment.createdAt;
            return { JOEBPPSTrx: o.transactionId, ProcessDate: posted.toISOString(), STMTDate: localDate(posted, clock.timeZone), Result: resultOf(null) };
          }),
        },
      };
    case 'reversal': {
      const r = answer.reversal;
      return { Transactions: { TrxInf: { JOEBPPSTrx: r.transactionId, PaidAmt: formatAmount(r.amount, r.currency), Currency: r.currency, PmtStatus: 'PmtReversed', Result: resultOf(null) } } };
    }
    case 'report': {
      const { report } = answer;
      return {
        STMTDate: report.businessDate,
        Transactions: {
          TrxInf: [
            // A payment completed that day is PmtComplt even when reversed since: its reversal is a line of its own.
            ...report.payments.map((p) => ({ JOEBPPSTrx: p.transactionId, PaidAmt: p.amount, Currency: p.currency, ProcessDate: p.postedAt, PmtStatus: 'PmtComplt' })),
            ...report.reversals.map((r) => ({ JOEBPPSTrx: r.transactionId, PaidAmt: `-${r.amount}`, Currency: r.currency, ProcessDate: r.at, PmtStatus: 'PmtReversed', RvslReason: r.reason })),
          ],
        },
        Totals: { Total: report.totals.map((t) => ({ Currency: t.currency, PmtCount: t.paymentCount, PaidAmt: t.paid, RvslCount: t.reversalCount, RvslAmt: t.reversed, NetAmt: t.net })) },
      };
    }
  }
}

export const efawateerAdapter: SwitchAdapter<EfawateerHeader> = { name: 'efawateer', parse: parseEfawateerRequest, render: renderEfawateerResponse, resultCode: efawateerResultCode };

// ——— The bank's side, for the simulator (`tasdeed dev bank --protocol efawateer`) and the tests ———

export type EfawateerRequestBody =
  | { type: 'BILPULRQ'; billingNo: string; billerCode?: string; serviceType?: string }
  | { type: 'BLRPMTNTFRQ'; transactions: { joebppsTrx: string; bankTrxId: string; billingNo: string; billNo: string; billerCode: string; paidAmt: string; currency: string; processDate: Date }[] }
  | { type: 'PMTRVSLRQ'; joebppsTrx: string; reason: string }
  | { type: 'BLRRCNRQ'; date: string };

export function buildEfawateerRequest(guid: string, sender: string, body: EfawateerRequestBody, now: Date): string {
  let content: XmlTree;
  switch (body.type) {
    case 'BILPULRQ': content = { AcctInfo: { BillingNo: body.billingNo, BillerCode: body.billerCode }, ServiceType: body.serviceType }; break;
    case 'BLRPMTNTFRQ': content = {
      Transactions: {
        TrxInf: body.transactions.map((t) => ({
          AcctInfo: { BillingNo: t.billingNo, BillNo: t.billNo, BillerCode: t.billerCode }, JOEBPPSTrx: t.joebppsTrx, BankTrxID: t.bankTrxId, BankCode: sender,
          PmtStatus: 'PmtNew', PaidAmt: t.paidAmt, Currency: t.currency, FeesAmt: '0', FeesOnBiller: false, ProcessDate: timestamp(t.processDate),
          AccessChannel: 'BTELLER', PaymentMethod: 'CASH',
        })),
      },
    }; break;
    case 'PMTRVSLRQ': content = { Transactions: { TrxInf: { JOEBPPSTrx: body.joebppsTrx, RvslReason: body.reason } } }; break;
    case 'BLRRCNRQ': content = { STMTDate: body.date }; break;
  }
  const tree: XmlTree = { MsgHeader: { TmStp: timestamp(now), GUID: guid, TrsInf: { SdrCode: sender, RcvCode: 'TASDEED', ReqTyp: body.type } }, MsgBody: content };
  return `<?xml version="1.0" encoding="UTF-8"?><${ROOT}>${writeXml(tree)}</${ROOT}>`;
}

export function readEfawateerResponse(text: string): { resTyp: string | null; errorCode: string | null; body: Record<string, unknown> } {
  const doc = readSwitchDocument(text, new Set(['BillRec', 'TrxInf', 'Total']));
  const header = xmlChild(doc.body, 'MsgHeader');
  return { resTyp: xmlText(xmlChild(header, 'TrsInf'), 'ResTyp'), errorCode: xmlText(xmlChild(header, 'Result'), 'ErrorCode'), body: xmlChild(doc.body, 'MsgBody') ?? {} };
}
