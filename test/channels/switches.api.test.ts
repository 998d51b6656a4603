// The national switches' XML over the biller core, through app.inject: SADAD-style and eFAWATEERcom-style
// inquiry → payment → duplicate → reversal → day report, each refusal answered with the switch's result code;
// hostile or malformed XML refused with a code, audited, nothing written; a SYP biller (2 decimals).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditByAction } from '../../src/platform/audit.js';
import { payables, seedBillers } from '../../src/modules/billers/index.js';
import * as ledger from '../../src/modules/ledger/index.js';
import {
  allowBankForBiller, buildEfawateerRequest, buildSadadRequest, readEfawateerResponse, readSadadResponse, SWITCH_PATHS, type EfawateerRequestBody, type SadadRequestBody,
} from '../../src/modules/channels/index.js';
import { apiClientIdOfKey } from '../../src/modules/identity/index.js';
import { findPaymentByExternalId } from '../../src/modules/payments/payments.store.js';
import type { TestApp } from '../support/app.js';
import { expectBalancedLedger, issueTestPayable } from '../payments/support.js';
import { bankRequest, bankXmlRequest, demoBank, startBankApp } from './support.js';

let t: TestApp;
let bankId: string;
const START = '2026-11-15T07:00:00.000Z'; // 10:00 in Kuwait
type Tree = Record<string, unknown>;
type Rec = Record<string, string>;

beforeAll(async () => {
  t = await startBankApp(START);
  bankId = (await apiClientIdOfKey(t.ctx, demoBank.keyId))!;
  await seedBillers(t.ctx, {
    currencies: [
      { code: 'SAR', minorUnits: 2, nameAr: 'ريال سعودي', nameEn: 'Saudi riyal' },
      { code: 'SYP', minorUnits: 2, nameAr: 'ليرة سورية', nameEn: 'Syrian pound' },
    ],
    billers: [
      { code: 'sa-electricity', nameAr: 'الكهرباء', nameEn: 'Electricity (SA)', kind: 'utility', allowsPartialPayment: true, minPartialAmount: 1_000n, currency: 'SAR', billDay: 28, dueDays: 30 },
      { code: 'sy-water', nameAr: 'مياه دمشق', nameEn: 'Damascus water', kind: 'utility', allowsPartialPayment: true, minPartialAmount: 10_000n, currency: 'SYP', billDay: 28, dueDays: 30 },
    ],
  });
  await allowBankForBiller(t.ctx, { clientId: bankId, billerCode: 'sa-electricity' });
  await allowBankForBiller(t.ctx, { clientId: bankId, billerCode: 'sy-water' });
});
afterAll(async () => t?.close());

let sequence = 0;
const uid = (prefix: string) => `${prefix}-${++sequence}`;
const clearing = () => ledger.balance(t.ctx, 'clearing:bank');
const sadad = async (body: SadadRequestBody) => {
  const response = await bankXmlRequest(t, SWITCH_PATHS.sadad, buildSadadRequest(uid('RQ'), 'RJHI', body, t.clock.now()));
  expect(response.headers['content-type']).toContain('application/xml');
  return { http: response.statusCode, code: response.headers['x-tasdeed-code'], ...readSadadResponse(response.body) };
};
const efawateer = async (body: EfawateerRequestBody) => {
  const response = await bankXmlRequest(t, SWITCH_PATHS.efawateer, buildEfawateerRequest(uid('GUID'), 'ARAB', body, t.clock.now()));
  expect(response.headers['content-type']).toContain('application/xml');
  return { http: response.statusCode, code: response.headers['x-tasdeed-code'], ...readEfawateerResponse(response.body) };
};
const trx = (joebppsTrx: string, billNo: string, paidAmt: string, currency = 'KWD') => ({ joebppsTrx, bankTrxId: `B${joebppsTrx}`, billingNo: 'n/a', billNo, billerCode: 'mew-electricity', paidAmt, currency, processDate: t.clock.now() });

describe('SADAD-style XML', () => {
  it('inquiry → payment → duplicate → changed duplicate → reversal → reconciliation, through the core', async () => {
    const bill = await issueTestPayable(t.ctx, { billerCode: 'mew-electricity', amount: 12_345n, accountNumber: 'SW-SADAD-1' });
    const inquiry = await sadad({ code: 'BINQRQ', billingAcct: 'SW-SADAD-1', billerId: 'mew-electricity' });
    expect(inquiry).toMatchObject({ http: 200, msgCode: 'BINQRS', statusCode: '0' });
    expect((inquiry.body.BillRec as Tree[])[0]).toMatchObject({ BillNumber: bill.id, BillingAcct: 'SW-SADAD-1', AmtDue: '12.345', CurCode: 'KWD', DueDt: '2026-11-27', PmtRange: { MaxAmt: '12.345' } });
    expect((await sadad({ code: 'BINQRQ', billingAcct: 'SW-SADAD-1', billerId: 'mew-water' })).body.RecCount).toBe('0');

    const before = await clearing();
    const notification: SadadRequestBody = { code: 'PNOTRQ', sadadPmtId: 'SADAD-PMT-1', bankPmtId: 'RJHI-1', billerId: 'mew-electricity', billNumber: bill.id, amount: '12.345', currency: 'KWD', processedAt: t.clock.now() };
    const paid = await sadad(notification);
    expect(paid).toMatchObject({ http: 200, msgCode: 'PNOTRS', statusCode: '0' });
    const rec = (paid.body.PmtRec as Rec[])[0]!;
    expect(rec).toMatchObject({ SadadPmtId: 'SADAD-PMT-1', CurAmt: '12.345', CurCode: 'KWD', PmtStatus: 'posted' });
    expect((await findPaymentByExternalId(t.ctx.db, 'bank', bankId, 'SADAD-PMT-1'))?.id).toBe(rec.BillerPmtId);
    expect(await clearing()).toBe(before + 12_345n);

    const again = await sadad(notification);
    expect((again.body.PmtRec as Rec[])[0]).toMatchObject({ BillerPmtId: rec.BillerPmtId, PrcDt: rec.PrcDt });
    const changed = await sadad({ ...notification, amount: '12.000' });
    expect(changed).toMatchObject({ http: 409, code: 'channel_notification_conflict', statusCode: '401' });
    expect(await clearing()).toBe(before + 12_345n);

    const reversed = await sadad({ code: 'PREVRQ', sadadPmtId: 'SADAD-PMT-1', bankReversalId: 'RJHI-REV-1', reason: 'teller keyed the wrong bill' });
    expect(reversed).toMatchObject({ http: 200, msgCode: 'PREVRS', statusCode: '0', body: { PmtRec: [{ BillerPmtId: rec.BillerPmtId, CurAmt: '12.345', PmtStatus: 'reversed' }] } });
    expect(await clearing()).toBe(before);
    expect((await payables.find(t.ctx, bill.id))?.amountPaid).toBe(0n);
    expect(await sadad({ code: 'PREVRQ', sadadPmtId: 'SADAD-PMT-1', bankReversalId: 'RJHI-REV-2', reason: 'again' })).toMatchObject({ http: 409, statusCode: '403' });
    expect(await sadad({ code: 'PREVRQ', sadadPmtId: 'SADAD-NEVER', bankReversalId: 'RJHI-REV-3', reason: 'no such' })).toMatchObject({ http: 404, statusCode: '402' });

    const report = await sadad({ code: 'BLRCRQ', date: '2026-11-15' });
    expect(report).toMatchObject({ http: 200, msgCode: 'BLRCRS', statusCode: '0' });
    expect((report.body.PmtRec as Rec[]).filter((p) => p.SadadPmtId === 'SADAD-PMT-1')).toEqual([expect.objectContaining({ BillerPmtId: rec.BillerPmtId, CurAmt: '12.345' })]);
    expect((report.body.RevRec as Rec[]).filter((r) => r.SadadPmtId === 'SADAD-PMT-1')).toEqual([expect.objectContaining({ CurAmt: '12.345', RevReason: 'teller keyed the wrong bill' })]);
    // The XML report says what the JSON report says.
    const json = (await bankRequest(t, 'GET', '/api/v1/banks/reports/daily?date=2026-11-15')).json();
    expect((report.body.Totals as Tree).Total).toEqual(json.totals.map((x: Rec) => ({ CurCode: x.currency, PmtCount: String(x.paymentCount), PmtAmt: x.paid, RevCount: String(x.reversalCount), RevAmt: x.reversed, NetAmt: x.net })));
    await expectBalancedLedger(t.ctx);
  });

  it('takes riyals when the record names no currency, and refuses a third decimal with its status code', async () => {
    const bill = await issueTestPayable(t.ctx, { billerCode: 'sa-electricity', amount: 30_050n, accountNumber: 'SW-SADAD-SAR' });
    const base = { code: 'PNOTRQ' as const, bankPmtId: 'RJHI-SAR', billerId: 'sa-electricity', billNumber: bill.id, processedAt: t.clock.now() };
    expect(await sadad({ ...base, sadadPmtId: 'SADAD-SAR-3DEC', amount: '100.005' })).toMatchObject({ http: 400, code: 'amount_too_precise', statusCode: '204' });
    const paid = await sadad({ ...base, sadadPmtId: 'SADAD-SAR-1', amount: '100.50' });
    expect((paid.body.PmtRec as Rec[])[0]).toMatchObject({ CurAmt: '100.50', CurCode: 'SAR' });
    expect((await payables.find(t.ctx, bill.id))?.amountPaid).toBe(10_050n);
  });
});

describe('eFAWATEERcom-style XML (MFEP)', () => {
  it('bill pull → notification → duplicate → 340 on changed content → reversal → reconciliation', async () => {
    const bill = await issueTestPayable(t.ctx, { billerCode: 'mew-electricity', amount: 8_500n, accountNumber: 'SW-EFW-1' });
    const pull = await efawateer({ type: 'BILPULRQ', billingNo: 'SW-EFW-1', billerCode: 'mew-electricity' });
    expect(pull).toMatchObject({ http: 200, resTyp: 'BILPULRS', errorCode: '0', body: { RecCount: '1' } });
    const billRec = ((pull.body.BillsRec as Tree).BillRec as Tree[])[0]!;
    expect(billRec).toMatchObject({ AcctInfo: { BillingNo: 'SW-EFW-1', BillNo: bill.id }, BillStatus: 'BillNew', DueAmount: '8.500', Currency: 'KWD', PmtConst: { Upper: '8.500' }, Result: { ErrorCode: '0' } });

    const before = await clearing();
    const message: EfawateerRequestBody = { type: 'BLRPMTNTFRQ', transactions: [trx('JOE-1', bill.id, '8.500'), trx('JOE-2', 'pbl_NOPE', '1.000')] };
    const paid = await efawateer(message);
    // Each transaction is answered on its own: the first posts, the unknown bill gets 401; the header reports it.
    expect(paid).toMatchObject({ resTyp: 'BLRPMTNTFRS', errorCode: '401', code: 'payable_not_found' });
    const [first, unknown] = (paid.body.Transactions as Tree).TrxInf as Tree[];
    expect(first).toMatchObject({ JOEBPPSTrx: 'JOE-1', STMTDate: '2026-11-15', Result: { ErrorCode: '0', Severity: 'Info' } });
    expect(unknown).toMatchObject({ JOEBPPSTrx: 'JOE-2', Result: { ErrorCode: '401', Severity: 'Error' } });
    expect(await clearing()).toBe(before + 8_500n);

    const again = await efawateer({ type: 'BLRPMTNTFRQ', transactions: [trx('JOE-1', bill.id, '8.500')] });
    expect(again).toMatchObject({ http: 200, errorCode: '0' });
    expect(((again.body.Transactions as Tree).TrxInf as Tree[])[0]).toMatchObject({ JOEBPPSTrx: 'JOE-1', ProcessDate: first!.ProcessDate });
    expect(await efawateer({ type: 'BLRPMTNTFRQ', transactions: [trx('JOE-1', bill.id, '8.000')] })).toMatchObject({ http: 409, errorCode: '340' });
    expect(await clearing()).toBe(before + 8_500n);
    expect((await payables.find(t.ctx, bill.id))?.status).toBe('paid');

    const reversed = await efawateer({ type: 'PMTRVSLRQ', joebppsTrx: 'JOE-1', reason: 'customer disputed at the branch' });
    expect(reversed).toMatchObject({ http: 200, resTyp: 'PMTRVSLRS', errorCode: '0' });
    expect(await clearing()).toBe(before);
    expect(await efawateer({ type: 'PMTRVSLRQ', joebppsTrx: 'JOE-1', reason: 'twice' })).toMatchObject({ errorCode: '701' });

    const report = await efawateer({ type: 'BLRRCNRQ', date: '2026-11-15' });
    expect(report).toMatchObject({ http: 200, resTyp: 'BLRRCNRS', errorCode: '0', body: { STMTDate: '2026-11-15' } });
    const mine = ((report.body.Transactions as Tree).TrxInf as Rec[]).filter((x) => x.JOEBPPSTrx === 'JOE-1');
    expect(mine.map((x) => [x.PaidAmt, x.PmtStatus])).toEqual([['8.500', 'PmtComplt'], ['-8.500', 'PmtReversed']]);
    await expectBalancedLedger(t.ctx);
  });
});

describe('hostile and malformed messages', () => {
  const pull = (guid: string) => `<MFEP><MsgHeader><TmStp>2026-11-15T10:00:00</TmStp><GUID>${guid}</GUID><TrsInf><SdrCode>ARAB</SdrCode><RcvCode>TASDEED</RcvCode><ReqTyp>BILPULRQ</ReqTyp></TrsInf></MsgHeader><MsgBody><AcctInfo><BillingNo>&xxe;</BillingNo></AcctInfo></MsgBody></MFEP>`;
  const cases: [string, string, string, string, number][] = [
    ['external entity', `<?xml version="1.0"?><!DOCTYPE MFEP [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${pull('X1')}`, SWITCH_PATHS.efawateer, 'channel_xml_doctype_refused', 400],
    ['entity expansion', `<!DOCTYPE SADAD [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><SADAD><MsgHdr><MsgCode>BINQRQ</MsgCode></MsgHdr></SADAD>`, SWITCH_PATHS.sadad, 'channel_xml_doctype_refused', 400],
    ['huge message', `<SADAD><MsgHdr><MsgCode>BINQRQ</MsgCode><RqUID>H1</RqUID></MsgHdr><BillInqRq><BillingAcct>${'9'.repeat(70_000)}</BillingAcct></BillInqRq></SADAD>`, SWITCH_PATHS.sadad, 'channel_message_too_large', 413],
    ['wrong namespace', pull('X2').replace('<MFEP>', '<MFEP xmlns="urn:example:not-mfep">').replace('&xxe;', 'SW-EFW-1'), SWITCH_PATHS.efawateer, 'channel_namespace_unknown', 400],
    ['wrong root', '<Document><MsgHdr/></Document>', SWITCH_PATHS.sadad, 'channel_namespace_unknown', 400],
    ['malformed', '<SADAD><MsgHdr><MsgCode>PNOTRQ</MsgCode></SADAD>', SWITCH_PATHS.sadad, 'channel_message_malformed', 400],
    ['unknown type', pull('X3').replace('BILPULRQ', 'BILLDROPRQ').replace('&xxe;', '1'), SWITCH_PATHS.efawateer, 'channel_message_type_unknown', 400],
  ];

  it.each(cases)('refuses %s with a code in the switch XML, audited', async (_name, xml, url, code, status) => {
    const refusedBefore = (await auditByAction(t.ctx, url === SWITCH_PATHS.sadad ? 'bank.sadad' : 'bank.efawateer', 1000)).filter((r) => r.outcome === 'refused').length;
    const response = await bankXmlRequest(t, url, xml);
    expect(response.statusCode).toBe(status);
    expect(response.headers['x-tasdeed-code']).toBe(code);
    const answer = url === SWITCH_PATHS.sadad ? readSadadResponse(response.body).statusCode : readEfawateerResponse(response.body).errorCode;
    expect(answer).toBe(url === SWITCH_PATHS.sadad ? (code === 'channel_message_too_large' ? '102' : code.includes('doctype') || code.includes('namespace') ? '101' : '100') : '101');
    const refused = (await auditByAction(t.ctx, url === SWITCH_PATHS.sadad ? 'bank.sadad' : 'bank.efawateer', 1000)).filter((r) => r.outcome === 'refused');
    expect(refused.length).toBe(refusedBefore + 1);
    expect((refused[0]!.detail as { code: string }).code).toBe(code);
  });

  it('refuses too many decimals, a currency not the bill\'s, an unsigned or forged caller: nothing written', async () => {
    const bill = await issueTestPayable(t.ctx, { billerCode: 'mew-electricity', amount: 4_000n, accountNumber: 'SW-HOSTILE' });
    const before = await clearing();
    expect(await efawateer({ type: 'BLRPMTNTFRQ', transactions: [trx('JOE-DEC', bill.id, '1.0001')] })).toMatchObject({ http: 400, code: 'amount_too_precise', errorCode: '325' });
    expect(await efawateer({ type: 'BLRPMTNTFRQ', transactions: [trx('JOE-CCY', bill.id, '1.00', 'SAR')] })).toMatchObject({ http: 400, code: 'channel_currency_mismatch', errorCode: '325' });
    expect(await sadad({ code: 'PNOTRQ', sadadPmtId: 'SADAD-CCY', bankPmtId: 'X', billerId: 'mew-electricity', billNumber: bill.id, amount: '1.000', processedAt: t.clock.now() })).toMatchObject({ http: 400, statusCode: '205' });

    const xml = buildEfawateerRequest('G-UNSIGNED', 'ARAB', { type: 'BLRPMTNTFRQ', transactions: [trx('JOE-UNSIGNED', bill.id, '4.000')] }, t.clock.now());
    const unsigned = await t.app.inject({ method: 'POST', url: SWITCH_PATHS.efawateer, payload: xml, headers: { 'content-type': 'application/xml' } });
    expect(unsigned.statusCode).toBe(403);
    expect(readEfawateerResponse(unsigned.body)).toMatchObject({ resTyp: 'BLRPMTNTFRS', errorCode: '2' });
    const forged = await bankXmlRequest(t, SWITCH_PATHS.efawateer, xml, { keyId: demoBank.keyId, secret: 'not-the-secret' });
    expect(forged.headers['x-tasdeed-code']).toBe('signature_invalid');
    expect(readEfawateerResponse(forged.body).errorCode).toBe('2');

    for (const id of ['JOE-DEC', 'JOE-CCY', 'SADAD-CCY', 'JOE-UNSIGNED']) expect(await findPaymentByExternalId(t.ctx.db, 'bank', bankId, id), id).toBeUndefined();
    expect(await clearing()).toBe(before);
    expect((await payables.find(t.ctx, bill.id))?.amountPaid).toBe(0n);
    const audited = (await auditByAction(t.ctx, 'bank.payment', 1000)).filter((r) => r.outcome === 'refused' && ['JOE-DEC', 'JOE-CCY', 'SADAD-CCY'].includes(r.entityId ?? ''));
    expect(audited.map((r) => (r.detail as { code: string }).code).sort()).toEqual(['amount_too_precise', 'channel_currency_mismatch', 'channel_currency_mismatch']);
  });
});

describe('Syrian pounds (2 decimals)', () => {
  it('presents, takes and reports a SYP bill through the JSON API and eFAWATEERcom, refusing a third decimal', async () => {
    const bill = await issueTestPayable(t.ctx, { billerCode: 'sy-water', amount: 1_250_075n, accountNumber: 'SY-DAM-1' });
    const inquiry = (await bankRequest(t, 'GET', '/api/v1/banks/bills?accountNumber=SY-DAM-1')).json();
    expect(inquiry.bills[0]).toMatchObject({ billId: bill.id, currency: 'SYP', amountDue: '12500.75', minAmount: '100.00', maxAmount: '12500.75', partialAllowed: true });
    const pay = (transactionId: string, amount: string) => bankRequest(t, 'POST', '/api/v1/banks/payments', { transactionId, currency: 'SYP', bills: [{ billId: bill.id, amount }] });
    expect((await pay('SY-3DEC', '500.001')).json().code).toBe('amount_too_precise');
    expect((await pay('SY-MIN', '99.99')).json().code).toBe('payment_below_minimum');
    expect((await pay('SY-TX-1', '5000.50')).json()).toMatchObject({ amount: '5000.50', currency: 'SYP', status: 'posted' });
    const viaSwitch = await efawateer({ type: 'BLRPMTNTFRQ', transactions: [{ ...trx('SY-JOE-1', bill.id, '7500.25', 'SYP'), billerCode: 'sy-water' }] });
    expect(viaSwitch).toMatchObject({ http: 200, errorCode: '0' });
    const after = await payables.find(t.ctx, bill.id);
    expect(after).toMatchObject({ amountPaid: 1_250_075n, status: 'paid' });
    const report = (await bankRequest(t, 'GET', '/api/v1/banks/reports/daily?date=2026-11-15')).json();
    expect(report.totals.find((x: Rec) => x.currency === 'SYP')).toMatchObject({ paymentCount: 2, paid: '12500.75', net: '12500.75' });
    await expectBalancedLedger(t.ctx);
  });
});
