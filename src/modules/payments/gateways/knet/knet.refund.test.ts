import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../platform/errors/app-error.js';
import type { RefundInput } from '../gateway.js';
import { resolveKnetConfig } from './knet.config.js';
import { buildRefundXml, interpretRefundAnswer } from './knet.refund.js';
import { createKnetGateway } from './knet.gateway.js';

const TERMINAL = { tranportalId: '700100', tranportalPassword: 'demo700100', resourceKey: 'TasdeedDemoKey16' };
const LIVE = resolveKnetConfig({ baseUrl: 'https://www.kpaytest.com.kw', ...TERMINAL });
const INPUT: RefundInput = { refundTrackId: 'RFD01JD3K7Q', amount: 4_250n, currency: 'KWD', original: { paymentId: '100202633012345678', trackId: 'PAY01JD3K7Q' } };

async function codeOf(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not-app-error';
  }
  return undefined;
}

describe('KNET refund (action 2)', () => {
  it('names the capture by its KNET payment id, with its own track id and the amount to give back', () => {
    expect(buildRefundXml(INPUT, LIVE)).toBe(
      '<id>700100</id><password>demo700100</password><action>2</action><amt>4.250</amt><currencycode>414</currencycode>' +
        '<transid>100202633012345678</transid><trackid>RFD01JD3K7Q</trackid><udf4>PAY01JD3K7Q</udf4><udf5>PaymentID</udf5>',
    );
  });

  it('refuses before sending what KNET would refuse: another currency, zero, a bad track id or payment id', async () => {
    expect(await codeOf(() => buildRefundXml({ ...INPUT, currency: 'SAR' }, LIVE))).toBe('gateway_currency_unsupported');
    expect(await codeOf(() => buildRefundXml({ ...INPUT, amount: 0n }, LIVE))).toBe('gateway_amount_invalid');
    expect(await codeOf(() => buildRefundXml({ ...INPUT, refundTrackId: 'rfd_1' }, LIVE))).toBe('gateway_track_id_invalid');
    expect(await codeOf(() => buildRefundXml({ ...INPUT, original: { ...INPUT.original, paymentId: '12<3' } }, LIVE))).toBe('validation_failed');
  });

  it('reads an accepted refund, with KNET ids for it', () => {
    const answer = '<result>CAPTURED</result><auth></auth><ref>633012000777</ref><postdate>1201</postdate><tranid>5550001</tranid><payid>200202633099999999</payid><trackid>RFD01JD3K7Q</trackid><amt>4.250</amt>';
    expect(interpretRefundAnswer(answer, INPUT, LIVE)).toMatchObject({ status: 'refunded', gatewayRefundId: '200202633099999999', transactionId: '5550001', reference: '633012000777', amount: 4_250n });
    expect(interpretRefundAnswer(answer.replace('CAPTURED', 'APPROVED'), INPUT, LIVE).status).toBe('refunded');
  });

  it('reads a refusal as rejected with KNET code, from the tags or from the result text', () => {
    expect(interpretRefundAnswer('<result>!ERROR!-IPAY0100024-Invalid amount</result><error_code_tag>IPAY0100024</error_code_tag><error_text>Invalid amount</error_text>', INPUT, LIVE))
      .toMatchObject({ status: 'rejected', errorCode: 'IPAY0100024', errorText: 'Invalid amount' });
    expect(interpretRefundAnswer('<result>!ERROR!-IPAY0100015-Invalid tranportal password</result>', INPUT, LIVE)).toMatchObject({ status: 'rejected', errorCode: 'IPAY0100015' });
    expect(interpretRefundAnswer('<result>NOT CAPTURED</result><trackid>RFD01JD3K7Q</trackid><amt>4.250</amt>', INPUT, LIVE)).toMatchObject({ status: 'rejected', errorCode: 'NOT CAPTURED' });
  });

  it('never takes an answer about another refund or amount as this refund done', async () => {
    expect(await codeOf(() => interpretRefundAnswer('<result>CAPTURED</result><trackid>RFDOTHER</trackid><amt>4.250</amt>', INPUT, LIVE))).toBe('gateway_response_mismatch');
    expect(await codeOf(() => interpretRefundAnswer('<result>CAPTURED</result><trackid>RFD01JD3K7Q</trackid><amt>42.500</amt>', INPUT, LIVE))).toBe('gateway_response_mismatch');
    expect(await codeOf(() => interpretRefundAnswer('<trackid>RFD01JD3K7Q</trackid>', INPUT, LIVE))).toBe('gateway_response_invalid');
  });

  it('posts to tranPipe and reports an unreachable or failing gateway as unavailable (the outcome unknown)', async () => {
    const sent: string[] = [];
    const failing = createKnetGateway({ baseUrl: 'https://www.kpaytest.com.kw', ...TERMINAL, fetch: async (url, init) => {
      sent.push(`${String(url)} ${String(init?.body)}`);
      return new Response('busy', { status: 503 });
    } });
    expect(await codeOf(() => failing.refund(INPUT))).toBe('gateway_unavailable');
    expect(sent[0]).toContain('https://www.kpaytest.com.kw/kpg/tranPipe.htm?param=tranInit <id>700100</id>');
    const unreachable = createKnetGateway({ baseUrl: 'https://www.kpaytest.com.kw', ...TERMINAL, fetch: async () => { throw new TypeError('fetch failed'); } });
    expect(await codeOf(() => unreachable.refund(INPUT))).toBe('gateway_unavailable');
  });
});
