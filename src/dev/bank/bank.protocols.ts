// How the simulated bank speaks to Tasdeed: the JSON API, SADAD-style XML or eFAWATEERcom-style XML. Each protocol
// does the same four things (inquire, notify a payment, reverse it, fetch the day's report) and tells the scenario
// what a bank needs from the answers: the first open bill, whether the switch answered "success", the posting time.
import { randomBytes } from 'node:crypto';
import { buildEfawateerRequest, buildSadadRequest, readEfawateerResponse, readSadadResponse, SWITCH_PATHS } from '../../modules/channels/index.js';
import { localDate } from '../../platform/clock.js';
import type { BankClient } from './bank.simulator.js';

export type BankProtocolName = 'json' | 'sadad' | 'efawateer';
export const BANK_PROTOCOLS: BankProtocolName[] = ['json', 'sadad', 'efawateer'];

export type Lookup = { kind: 'accountNumber' | 'meterNumber' | 'civilId' | 'plate'; value: string };
export interface OpenBill { billId: string; billerCode: string; currency: string; maxAmount: string }

/** An answer as the scenario logs it: the HTTP status, the switch's result code (XML only) and the answer's body. */
export interface ProtocolAnswer { status: number; resultCode?: string | null; body: unknown }

export interface BankProtocol {
  inquire(lookup: Lookup): Promise<ProtocolAnswer & { bill?: OpenBill }>;
  pay(transactionId: string, bill: OpenBill, amount: string): Promise<ProtocolAnswer & { businessDate?: string }>;
  reverse(transactionId: string, reason: string): Promise<ProtocolAnswer>;
  report(date: string): Promise<ProtocolAnswer>;
}

type Step = 'inquiry' | 'payment' | 'duplicate' | 'reversal' | 'report';
/** The HTTP status of each step when all went as a bank expects: the switches answer 200 and say more in the XML. */
export const EXPECTED_STATUS: Record<BankProtocolName, Record<Step, number>> = {
  json: { inquiry: 200, payment: 201, duplicate: 200, reversal: 200, report: 200 },
  sadad: { inquiry: 200, payment: 200, duplicate: 200, reversal: 200, report: 200 },
  efawateer: { inquiry: 200, payment: 200, duplicate: 200, reversal: 200, report: 200 },
};

type Tree = Record<string, unknown>;
const id = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex').toUpperCase()}`;
const BANK_CODE = 'SIMBANK';

export function bankProtocol(name: BankProtocolName, client: BankClient, timeZone: string, now: () => Date): BankProtocol {
  if (name === 'json') {
    return {
      async inquire(lookup) {
        const answer = await client.call('GET', `/api/v1/banks/bills?${lookup.kind}=${encodeURIComponent(lookup.value)}`);
        const bills = answer.status === 200 ? (answer.body as { bills: OpenBill[] }).bills : [];
        return { ...answer, ...(bills[0] ? { bill: bills[0] } : {}) };
      },
      async pay(transactionId, bill, amount) {
        const answer = await client.call('POST', '/api/v1/banks/payments', { transactionId, currency: bill.currency, bills: [{ billId: bill.billId, amount }] });
        const postedAt = (answer.body as { postedAt?: string }).postedAt;
        return { ...answer, ...(postedAt ? { businessDate: localDate(new Date(postedAt), timeZone) } : {}) };
      },
      reverse: (transactionId, reason) => client.call('POST', '/api/v1/banks/reversals', { transactionId, reason }),
      report: (date) => client.call('GET', `/api/v1/banks/reports/daily?date=${date}`),
    };
  }
  const xmlOnly = (lookup: Lookup) => {
    if (lookup.kind !== 'accountNumber') throw new Error(`the ${name} protocol inquires by billing (account) number: give --account`);
    return lookup.value;
  };
  if (name === 'sadad') {
    const send = async (body: Parameters<typeof buildSadadRequest>[2]) => {
      const answer = await client.callXml(SWITCH_PATHS.sadad, buildSadadRequest(id('RQ'), BANK_CODE, body, now()));
      const read = readSadadResponse(answer.text);
      return { status: answer.status, resultCode: read.statusCode, body: read.body };
    };
    return {
      async inquire(lookup) {
        const answer = await send({ code: 'BINQRQ', billingAcct: xmlOnly(lookup) });
        const rec = ((answer.body.BillRec as Tree[] | undefined) ?? [])[0];
        const range = rec?.PmtRange as Tree | undefined;
        return { ...answer, ...(rec ? { bill: { billId: String(rec.BillNumber), billerCode: String(rec.BillerId), currency: String(rec.CurCode), maxAmount: String(range?.MaxAmt) } } : {}) };
      },
      async pay(transactionId, bill, amount) {
        const answer = await send({ code: 'PNOTRQ', sadadPmtId: transactionId, bankPmtId: id('BNK'), billerId: bill.billerCode, billNumber: bill.billId, amount, currency: bill.currency, processedAt: now() });
        const posted = ((answer.body.PmtRec as Tree[] | undefined) ?? [])[0]?.PrcDt;
        return { ...answer, ...(typeof posted === 'string' ? { businessDate: localDate(new Date(posted), timeZone) } : {}) };
      },
      reverse: (transactionId, reason) => send({ code: 'PREVRQ', sadadPmtId: transactionId, bankReversalId: id('REV'), reason }),
      report: (date) => send({ code: 'BLRCRQ', date }),
    };
  }
  const send = async (body: Parameters<typeof buildEfawateerRequest>[2]) => {
    const answer = await client.callXml(SWITCH_PATHS.efawateer, buildEfawateerRequest(id('GUID'), BANK_CODE, body, now()));
    const read = readEfawateerResponse(answer.text);
    return { status: answer.status, resultCode: read.errorCode, body: read.body };
  };
  return {
    async inquire(lookup) {
      const billingNo = xmlOnly(lookup);
      const answer = await send({ type: 'BILPULRQ', billingNo });
      const rec = (((answer.body.BillsRec as Tree | undefined)?.BillRec as Tree[] | undefined) ?? [])[0];
      const acct = rec?.AcctInfo as Tree | undefined;
      const limits = rec?.PmtConst as Tree | undefined;
      return { ...answer, ...(rec ? { bill: { billId: String(acct?.BillNo), billerCode: String(acct?.BillerCode), currency: String(rec.Currency), maxAmount: String(limits?.Upper) } } : {}) };
    },
    async pay(transactionId, bill, amount) {
      const answer = await send({ type: 'BLRPMTNTFRQ', transactions: [{ joebppsTrx: transactionId, bankTrxId: id('BNK'), billingNo: '', billNo: bill.billId, billerCode: bill.billerCode, paidAmt: amount, currency: bill.currency, processDate: now() }] });
      const date = (((answer.body.Transactions as Tree | undefined)?.TrxInf as Tree[] | undefined) ?? [])[0]?.STMTDate;
      return { ...answer, ...(typeof date === 'string' ? { businessDate: date } : {}) };
    },
    reverse: (transactionId, reason) => send({ type: 'PMTRVSLRQ', joebppsTrx: transactionId, reason }),
    report: (date) => send({ type: 'BLRRCNRQ', date }),
  };
}
